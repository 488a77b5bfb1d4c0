//! The tax view of a period, usually a year (metrics.md §9; the year-end review's tax page):
//! what each platform withheld per month, and per store the year's revenue beside the
//! tax-free threshold (Vietnamese household sellers), what was withheld on revenue under it,
//! and the estimate of the store's regime beside the withheld facts.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::taxes::{estimate, store_net_sales, withheld, TaxEstimate};
use super::{day_params, day_range, resolve, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::tax::withheld_under_threshold;
use crate::metrics::Amount;
use crate::model::{Currency, Platform, Scaled, TaxKind, TaxRegime};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaxView {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currencies: Vec<CurrencyTaxView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyTaxView {
    pub currency: Currency,
    /// Withheld per platform and month (months with a tax row only).
    pub withheld_by_month: Vec<WithheldMonth>,
    pub stores: Vec<StoreTaxView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WithheldMonth {
    pub platform: Platform,
    /// "YYYY-MM".
    pub month: String,
    pub vat: Amount,
    pub income_tax: Amount,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreTaxView {
    pub store: String,
    pub platform: Platform,
    #[serde(flatten)]
    pub regime: TaxRegime,
    /// Net sales of the period.
    pub revenue: Amount,
    pub withheld_vat: Amount,
    pub withheld_income_tax: Amount,
    /// Household sellers (a vn_household regime, or any VND store without a regime, against
    /// the default threshold): the tax-free revenue threshold of a year…
    pub threshold: Option<Amount>,
    /// …and the part of the withholding that fell on revenue at or under it.
    pub withheld_under_threshold: Option<Amount>,
    /// The regime's estimate for the period, when it makes one.
    pub estimate: Option<TaxEstimate>,
}

pub fn tax_view(ledger: &Ledger, f: &Filter) -> Result<TaxView> {
    let scope = resolve(ledger, f)?;
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        let a = |v| Amount::new(v, cs.currency);
        let mut stores = Vec::new();
        for s in &cs.stores {
            let regime = ledger.tax_regime(s.id)?;
            let w = withheld(ledger, &s.id.0.to_string(), scope.from, scope.to)?;
            let get = |k| w.get(&k).copied().unwrap_or_default();
            let revenue = store_net_sales(ledger, s, scope.from, scope.to)?;
            let threshold = match regime {
                TaxRegime::VnHousehold { threshold } => Some(threshold),
                TaxRegime::None if cs.currency == Currency::VND => Some(TaxRegime::VN_THRESHOLD),
                _ => None,
            };
            let total = get(TaxKind::Vat) + get(TaxKind::IncomeTax);
            let est = match (scope.from, scope.to) {
                (Some(lo), Some(hi)) => estimate(ledger, s, regime, lo, hi)?,
                _ => None,
            };
            stores.push(StoreTaxView {
                store: s.name.clone(),
                platform: s.platform,
                regime,
                revenue: a(revenue),
                withheld_vat: a(get(TaxKind::Vat)),
                withheld_income_tax: a(get(TaxKind::IncomeTax)),
                threshold: threshold.map(a),
                withheld_under_threshold: threshold
                    .map(|t| a(withheld_under_threshold(total, revenue, t))),
                estimate: est.map(|(kind, v)| TaxEstimate {
                    store: s.name.clone(),
                    regime,
                    kind,
                    amount: a(v),
                }),
            });
        }
        currencies.push(CurrencyTaxView {
            currency: cs.currency,
            withheld_by_month: by_month(ledger, &cs.ids_sql(), cs.currency, scope.from, scope.to)?,
            stores,
        });
    }
    Ok(TaxView {
        from: scope.from,
        to: scope.to,
        currencies,
    })
}

fn by_month(
    ledger: &Ledger,
    ids: &str,
    currency: Currency,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<WithheldMonth>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT st.platform, substr(t.day, 1, 7), t.kind, SUM(t.amount)
         FROM agg_tax_day t JOIN stores st ON st.id = t.store_id
         WHERE t.store_id IN ({ids}) AND {}
         GROUP BY st.platform, substr(t.day, 1, 7), t.kind",
        day_range("t.day")
    ))?;
    let rows = stmt.query_map(day_params(from, to), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
        ))
    })?;
    let mut sums: BTreeMap<(String, String), (rust_decimal::Decimal, rust_decimal::Decimal)> =
        BTreeMap::new();
    for row in rows {
        let (platform, month, kind, amount) = row?;
        let e = sums.entry((platform, month)).or_default();
        match TaxKind::from_stored(&kind) {
            TaxKind::Vat => e.0 += Scaled::from_sql_sum(amount),
            TaxKind::IncomeTax => e.1 += Scaled::from_sql_sum(amount),
        }
    }
    let mut out = Vec::new();
    for ((platform, month), (vat, pit)) in sums {
        out.push(WithheldMonth {
            platform: platform.parse().unwrap_or(Platform::Generic),
            month,
            vat: Amount::new(vat, currency),
            income_tax: Amount::new(pit, currency),
        });
    }
    out.sort_by(|a, b| a.month.cmp(&b.month).then(a.platform.cmp(&b.platform)));
    Ok(out)
}
