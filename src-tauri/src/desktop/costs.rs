//! Cost commands: the editable SKU cost table (one cell, a pasted block from Excel) and fixed
//! costs, and the fee kind mapping. Every figure reads costs at query time, and a fee kind
//! change rebuilds the aggregates at once, so a change shows in every view.
//! Each command is a thin `#[tauri::command]` over a plain function of `&AppState` (tested).

use chrono::NaiveDate;
use fupan_engine::db::costs::CostImportStats;
use fupan_engine::db::FeeSourceUse;
use fupan_engine::import::formats::FeeSource;
use fupan_engine::import::paste::{parse_cost_block, PasteError, ALWAYS};
use fupan_engine::model::{Currency, FeeKind, Money, Platform, SkuCost};
use fupan_engine::ErrorDto;
use serde::Serialize;
use tauri::State;

use super::state::{decimal, invalid, AppState};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkuCostDto {
    pub currency: Currency,
    pub sku: String,
    pub valid_from: NaiveDate,
    /// Rounded to the currency's minor unit, for display.
    pub unit_cost: String,
    /// The exact value, for the edit field.
    pub exact: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PasteDto {
    pub costs: Vec<SkuCostDto>,
    pub errors: Vec<PasteError>,
    pub header_skipped: bool,
    /// Set when the block was saved (only a block without errors is).
    pub saved: Option<CostImportStats>,
}

fn currency(s: &str) -> Result<Currency, ErrorDto> {
    s.trim()
        .parse()
        .map_err(|_| invalid(format!("unknown currency {s:?}")))
}

fn day(s: Option<&str>) -> Result<NaiveDate, ErrorDto> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(ALWAYS),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| invalid(format!("date {d:?} is not YYYY-MM-DD"))),
    }
}

fn dto(currency: Currency, c: SkuCost) -> SkuCostDto {
    SkuCostDto {
        currency,
        unit_cost: Money::new(c.unit_cost, currency).to_output(),
        exact: c.unit_cost.normalize().to_string(),
        sku: c.sku,
        valid_from: c.valid_from,
    }
}

pub fn list(state: &AppState, cur: Option<&str>) -> Result<Vec<SkuCostDto>, ErrorDto> {
    let cur = cur.filter(|c| !c.is_empty()).map(currency).transpose()?;
    let rows = state.with_ledger(|l| l.sku_costs(cur))?;
    Ok(rows
        .into_iter()
        .map(|r| {
            dto(
                r.currency,
                SkuCost {
                    sku: r.sku,
                    unit_cost: r.unit_cost,
                    valid_from: r.valid_from,
                    currency: None,
                },
            )
        })
        .collect())
}

pub fn set(
    state: &AppState,
    cur: &str,
    sku: &str,
    valid_from: Option<&str>,
    unit_cost: &str,
) -> Result<CostImportStats, ErrorDto> {
    let (cur, valid_from) = (currency(cur)?, day(valid_from)?);
    let unit_cost = decimal(unit_cost, "unit cost")?;
    let cost = SkuCost {
        sku: sku.to_string(),
        unit_cost,
        valid_from,
        currency: None,
    };
    state.with_ledger(|l| l.import_sku_costs(cur, vec![cost]))
}

pub fn paste(state: &AppState, cur: &str, text: &str, save: bool) -> Result<PasteDto, ErrorDto> {
    let cur = currency(cur)?;
    let parsed = parse_cost_block(text, cur);
    let saved = if save && parsed.errors.is_empty() && !parsed.costs.is_empty() {
        Some(state.with_ledger(|l| l.import_sku_costs(cur, parsed.costs.clone()))?)
    } else {
        None
    };
    Ok(PasteDto {
        costs: parsed.costs.into_iter().map(|c| dto(cur, c)).collect(),
        errors: parsed.errors,
        header_skipped: parsed.header_skipped,
        saved,
    })
}

#[tauri::command]
pub async fn sku_costs(
    state: State<'_, AppState>,
    currency: Option<String>,
) -> Result<Vec<SkuCostDto>, ErrorDto> {
    list(&state, currency.as_deref())
}

/// Set one SKU's unit cost from `valid_from` (None: from the beginning).
#[tauri::command]
pub async fn set_sku_cost(
    state: State<'_, AppState>,
    currency: String,
    sku: String,
    valid_from: Option<String>,
    unit_cost: String,
) -> Result<CostImportStats, ErrorDto> {
    set(&state, &currency, &sku, valid_from.as_deref(), &unit_cost)
}

#[tauri::command]
pub async fn delete_sku_cost(
    state: State<'_, AppState>,
    currency: String,
    sku: String,
    valid_from: String,
) -> Result<(), ErrorDto> {
    let (cur, from) = (self::currency(&currency)?, day(Some(&valid_from))?);
    state.with_ledger(|l| l.delete_sku_cost(cur, &sku, from))
}

/// Check a block pasted from Excel; with `save` (and no bad line) store it.
#[tauri::command]
pub async fn paste_sku_costs(
    state: State<'_, AppState>,
    currency: String,
    text: String,
    save: bool,
) -> Result<PasteDto, ErrorDto> {
    paste(&state, &currency, &text, save)
}

/// How the importer classifies each platform fee (read from the format tables).
#[tauri::command]
pub async fn fee_sources() -> Result<Vec<FeeSource>, ErrorDto> {
    Ok(fupan_engine::import::formats::fee_sources())
}

/// Count `source` of `platform` under `kind` (None or "": its format's kind again).
pub fn set_kind(
    state: &AppState,
    platform: &str,
    source: &str,
    kind: Option<&str>,
) -> Result<bool, ErrorDto> {
    let platform: Platform = platform.parse().map_err(invalid)?;
    let kind = kind
        .filter(|k| !k.is_empty())
        .map(|k| k.parse::<FeeKind>().map_err(invalid))
        .transpose()?;
    state.with_ledger(|l| l.set_fee_kind(platform, source, kind))
}

/// The fee kind mapping: the kinds a source can count under, and the sources in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeeMappingDto {
    pub kinds: &'static [FeeKind],
    pub sources: Vec<FeeSourceUse>,
}

/// The fee sources in the ledger with their default kind, the merchant's kind and amounts.
#[tauri::command]
pub async fn fee_kind_sources(state: State<'_, AppState>) -> Result<FeeMappingDto, ErrorDto> {
    Ok(FeeMappingDto {
        kinds: FeeKind::ALL,
        sources: state.with_ledger(|l| l.fee_sources_seen())?,
    })
}

/// Remap one fee source (every figure is recomputed); returns whether anything changed.
#[tauri::command]
pub async fn set_fee_kind(
    state: State<'_, AppState>,
    platform: String,
    source: String,
    kind: Option<String>,
) -> Result<bool, ErrorDto> {
    set_kind(&state, &platform, &source, kind.as_deref())
}

#[tauri::command]
pub async fn delete_fixed_cost(state: State<'_, AppState>, id: i64) -> Result<(), ErrorDto> {
    state.with_ledger(|l| l.delete_fixed_cost(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fupan_engine::metrics::{self, Filter};
    use fupan_engine::model::Platform;

    fn app() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        (dir, state)
    }

    #[test]
    fn a_pasted_block_is_saved_only_when_clean_and_changes_the_profit() {
        let (_dir, state) = app();
        state
            .with_ledger(|l| {
                let shop = l.ensure_store("A", Platform::Taobao, Currency::CNY)?;
                l.conn().execute_batch(&format!(
                    "INSERT INTO agg_store_day VALUES ({id}, '2026-01-10', 1, 20000, 1000000, 0, 0);
                     INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds,
                        subsidy_net) VALUES ({id}, '2026-01-10', 'S1', 20000, 20000, 1000000, 0, 0);",
                    id = shop.id.0
                ))?;
                Ok(())
            })
            .unwrap();
        let profit = || {
            state
                .with_ledger(|l| metrics::summary(l, &Filter::default()))
                .unwrap()
                .currencies[0]
                .net_profit
                .value()
                .normalize()
        };
        // 2 units of S1 sold for 100; no cost yet.
        assert_eq!(profit().to_string(), "100");
        let bad = paste(&state, "CNY", "SKU\tCost\nS1\t12.5\nS2\tabc", true).unwrap();
        assert_eq!(bad.saved, None);
        assert_eq!((bad.errors[0].line, bad.errors[0].column), (3, 2));
        assert_eq!(profit().to_string(), "100");
        let ok = paste(&state, "CNY", "SKU\tCost\nS1\t12.5\n", true).unwrap();
        assert_eq!(ok.saved.map(|s| s.added), Some(1));
        assert_eq!(ok.costs[0].unit_cost, "12.50");
        // 100 − 2 × 12.5 = 75.
        assert_eq!(profit().to_string(), "75");
        set(&state, "CNY", "S1", None, "20").unwrap();
        assert_eq!(profit().to_string(), "60");
        let rows = list(&state, Some("CNY")).unwrap();
        assert_eq!((rows[0].exact.as_str(), rows[0].valid_from), ("20", ALWAYS));
        assert_eq!(
            set(&state, "XYZ", "S1", None, "1").unwrap_err().code,
            "invalid_argument"
        );
        assert!(set(&state, "CNY", "S1", Some("1/2/2026"), "1").is_err());
    }

    #[test]
    fn a_fee_kind_change_moves_the_amount_in_the_summary_and_back() {
        let (_dir, state) = app();
        let tiktok = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tiktok_shop/All_order-20260131.xlsx"
        );
        let opts = fupan_engine::import::ImportOptions {
            store: Some("TikTok VN Shop".into()),
            ..Default::default()
        };
        state
            .with_ledger(|l| {
                fupan_engine::import::import_file(
                    l,
                    std::path::Path::new(tiktok),
                    &opts,
                    &mut |_| {},
                )
            })
            .unwrap();
        let fees = || {
            let s = state
                .with_ledger(|l| metrics::summary(l, &Filter::default()))
                .unwrap();
            let c = &s.currencies[0];
            let kind = |k| c.fees.get(&k).map(|a| a.value()).unwrap_or_default();
            (
                kind(FeeKind::Shipping),
                kind(FeeKind::Other),
                c.hidden_costs.value(),
            )
        };
        let before = fees();
        let sources = state.with_ledger(|l| l.fee_sources_seen()).unwrap();
        let ship = sources
            .iter()
            .find(|s| s.kind == FeeKind::Shipping)
            .expect("a shipping source");
        let amount = ship.amounts[0].amount.value();
        assert!(set_kind(&state, "tiktok_shop", &ship.source, Some("other")).unwrap());
        assert_eq!(fees(), (before.0 - amount, before.1 + amount, before.2));
        assert!(set_kind(&state, "tiktok_shop", &ship.source, None).unwrap());
        assert_eq!(fees(), before);
        assert_eq!(
            set_kind(&state, "tiktok", &ship.source, None)
                .unwrap_err()
                .code,
            "invalid_argument"
        );
    }
}
