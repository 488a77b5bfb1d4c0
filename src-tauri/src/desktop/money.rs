//! Cash and tax commands (metrics.md §9, §10): the Cash view (settled vs sold, unsettled
//! orders by age with their rows, fee drift, withdrawals), the tax view and each store's
//! tax regime. Thin: arguments in, engine call, report out.

use std::collections::HashMap;
use std::str::FromStr;

use fupan_engine::charts::{self, Palette, Style, TrendSeries};
use fupan_engine::metrics::{self, CashReport, TaxView, UnsettledOrder};
use fupan_engine::model::{Currency, FlatBase, Platform, StoreId, TaxRegime};
use fupan_engine::{ErrorDto, Ledger};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tauri::State;

use super::charts::Labels;
use super::state::{decimal, invalid, AppState, FilterArg};

#[derive(Debug, Serialize)]
pub struct CashChart {
    pub currency: Currency,
    /// Net sales (order date) beside money settled, per month.
    pub months: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CashView {
    pub cash: CashReport,
    pub charts: Vec<CashChart>,
}

pub fn cash_on(
    ledger: &Ledger,
    f: &metrics::Filter,
    theme: &str,
    l: &Labels,
) -> fupan_engine::Result<CashView> {
    let cash = metrics::cash(ledger, f)?;
    let mut out = Vec::new();
    for c in &cash.currencies {
        let months: Vec<String> = c.months.iter().map(|m| m.month.clone()).collect();
        let svg = if months.is_empty() || c.stores.iter().all(|s| !s.judged) {
            None
        } else {
            let series = [
                TrendSeries {
                    label: l.get("net_sales"),
                    values: c.months.iter().map(|m| m.net_sales.value()).collect(),
                },
                TrendSeries {
                    label: l.get("settled"),
                    values: c.months.iter().map(|m| m.settled.value()).collect(),
                },
            ];
            let st = Style::for_currency(Palette::for_theme(theme), c.currency);
            Some(charts::trend_lines(&months, &series, &st)?)
        };
        out.push(CashChart {
            currency: c.currency,
            months: svg,
        });
    }
    Ok(CashView { cash, charts: out })
}

#[tauri::command]
pub async fn cash_view(
    state: State<'_, AppState>,
    filter: FilterArg,
    theme: String,
    labels: HashMap<String, String>,
) -> Result<CashView, ErrorDto> {
    let f = filter.to_filter()?;
    let l = Labels(labels);
    state.with_ledger(|ledger| cash_on(ledger, &f, &theme, &l))
}

/// Set a platform's settlement delay (metrics.md §10: days after the order date within
/// which it normally pays; 0–365) from the Cash view; returns the stored value.
#[tauri::command]
pub async fn set_settlement_delay(
    state: State<'_, AppState>,
    platform: String,
    days: String,
) -> Result<i64, ErrorDto> {
    let p = Platform::from_str(platform.trim()).map_err(invalid)?;
    let d: i64 = days.trim().parse().map_err(|_| {
        invalid(format!(
            "a settlement delay of {days:?} days: give 0 to 365"
        ))
    })?;
    state.with_ledger(|l| {
        l.set_settlement_delay(p, d)?;
        l.settlement_delay(p)
    })
}

/// The unsettled orders behind an age bar (`bucket` "15-30" | "30-60" | "60+", or all).
#[tauri::command]
pub async fn cash_orders(
    state: State<'_, AppState>,
    filter: FilterArg,
    currency: String,
    bucket: Option<String>,
) -> Result<Vec<UnsettledOrder>, ErrorDto> {
    let f = filter.to_filter()?;
    let cur = Currency::from_str(&currency).map_err(invalid)?;
    state.with_ledger(|l| metrics::unsettled_orders(l, &f, cur, bucket.as_deref()))
}

#[tauri::command]
pub async fn tax_view(state: State<'_, AppState>, filter: FilterArg) -> Result<TaxView, ErrorDto> {
    let f = filter.to_filter()?;
    state.with_ledger(|l| metrics::tax_view(l, &f))
}

#[derive(Debug, Serialize)]
pub struct TaxSetting {
    pub id: i64,
    pub store: String,
    pub platform: String,
    pub currency: Currency,
    #[serde(flatten)]
    pub regime: TaxRegime,
}

fn settings(l: &Ledger) -> fupan_engine::Result<Vec<TaxSetting>> {
    let mut out = Vec::new();
    for s in l.stores()? {
        out.push(TaxSetting {
            id: s.id.0,
            regime: l.tax_regime(s.id)?,
            store: s.name,
            platform: s.platform.to_string(),
            currency: s.currency,
        });
    }
    Ok(out)
}

#[tauri::command]
pub async fn tax_settings(state: State<'_, AppState>) -> Result<Vec<TaxSetting>, ErrorDto> {
    state.with_ledger(|l| settings(l))
}

/// What the page's regime form sends: percentages as typed (1.5 = 1.5 %), amounts in the
/// store's currency, blank = the default.
#[derive(Debug, Default, Deserialize)]
pub struct RegimeForm {
    pub regime: String,
    pub rate_pct: Option<String>,
    pub exemption: Option<String>,
    pub threshold: Option<String>,
    pub flat_base: Option<String>,
}

fn given(v: &Option<String>, what: &str) -> Result<Option<Decimal>, ErrorDto> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => decimal(s.trim_end_matches('%'), what).map(Some),
    }
}

pub fn regime_of(form: &RegimeForm) -> Result<TaxRegime, ErrorDto> {
    let pct = given(&form.rate_pct, "rate")?.map(|v| v / Decimal::ONE_HUNDRED);
    Ok(match form.regime.as_str() {
        "none" => TaxRegime::None,
        "vn_household" => TaxRegime::VnHousehold {
            threshold: given(&form.threshold, "threshold")?.unwrap_or(TaxRegime::VN_THRESHOLD),
        },
        "cn_small_scale" => TaxRegime::CnSmallScale {
            rate: pct.unwrap_or(TaxRegime::CN_RATE),
            exemption: given(&form.exemption, "exemption")?.unwrap_or(TaxRegime::CN_EXEMPTION),
        },
        "flat" => TaxRegime::Flat {
            rate: pct.ok_or_else(|| invalid("a flat regime needs its percentage"))?,
            base: match form.flat_base.as_deref() {
                None | Some("") => FlatBase::NetSales,
                Some(b) => FlatBase::from_str(b).map_err(invalid)?,
            },
        },
        other => return Err(invalid(format!("unknown tax regime {other:?}"))),
    })
}

#[tauri::command]
pub async fn set_tax_regime(
    state: State<'_, AppState>,
    store_id: i64,
    form: RegimeForm,
) -> Result<Vec<TaxSetting>, ErrorDto> {
    let regime = regime_of(&form)?;
    state.with_ledger(|l| {
        l.set_tax_regime(StoreId(store_id), regime)?;
        settings(l)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fupan_engine::model::Platform;

    #[test]
    fn regime_form_percentages_defaults_and_refusals() {
        let form = |regime: &str, rate: Option<&str>| RegimeForm {
            regime: regime.into(),
            rate_pct: rate.map(str::to_string),
            ..RegimeForm::default()
        };
        assert_eq!(
            regime_of(&form("cn_small_scale", None)).unwrap(),
            TaxRegime::CnSmallScale {
                rate: TaxRegime::CN_RATE,
                exemption: TaxRegime::CN_EXEMPTION
            }
        );
        assert_eq!(
            regime_of(&form("flat", Some("1.5"))).unwrap(),
            TaxRegime::Flat {
                rate: Decimal::new(15, 3),
                base: FlatBase::NetSales
            }
        );
        assert_eq!(
            regime_of(&form("flat", None)).unwrap_err().code,
            "invalid_argument"
        );
        assert_eq!(
            regime_of(&form("vat", None)).unwrap_err().code,
            "invalid_argument"
        );
    }

    #[test]
    fn setting_a_regime_lists_it_and_an_empty_ledger_has_no_cash_chart() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        let id = state
            .with_ledger(|l| {
                Ok(l.ensure_store("Shop", Platform::ShopeeVn, Currency::VND)?
                    .id
                    .0)
            })
            .unwrap();
        let rows = state
            .with_ledger(|l| {
                l.set_tax_regime(
                    StoreId(id),
                    regime_of(&RegimeForm {
                        regime: "vn_household".into(),
                        ..RegimeForm::default()
                    })
                    .map_err(|e| fupan_engine::Error::InvalidArgument(e.message))?,
                )?;
                settings(l)
            })
            .unwrap();
        assert_eq!(rows[0].regime.id(), "vn_household");
        let view = state
            .with_ledger(|l| {
                cash_on(
                    l,
                    &metrics::Filter::default(),
                    "light",
                    &Labels(HashMap::new()),
                )
            })
            .unwrap();
        assert_eq!(view.charts.len(), 1);
        assert!(view.charts[0].months.is_none());
        assert_eq!(
            view.cash.currencies[0].stores[0].reason,
            Some("no_settlement_files")
        );
    }
}
