//! Taxes of a period (metrics.md §9): the tax rows platforms withheld (`tax_rows`, current
//! versions, positive = withheld, negative = given back; summed per day in `agg_tax_day`) and each store's estimate from its
//! regime (`tax_settings`), computed at query time and never stored.
//!
//! Estimates, per store:
//! - `cn_small_scale`: each calendar month is judged whole (the exemption is monthly): the
//!   month's VAT = its net sales / (1 + r) × r when they exceed the exemption. A month the
//!   period cuts carries that VAT pro-rated by its days inside the period, as fixed costs
//!   are (so months add up to the period exactly).
//! - `flat`: the percentage of the store's net sales, or of its net profit (its own fixed
//!   costs, as `summary --store`; a loss owes nothing), over the period; counted as income
//!   tax.
//! - `vn_household`: no estimate — the platforms' withholding is the tax; the year view
//!   (`query::tax_year`) sets the revenue beside the threshold.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::monthly::month_spans;
use super::totals::{prorate, totals};
use super::{day_params, day_range, CurrencyScope};
use crate::db::{Ledger, StoreInfo};
use crate::error::Result;
use crate::metrics::store::StoreFigures;
use crate::metrics::tax::{cn_small_scale_month, flat, TaxSums};
use crate::metrics::Amount;
use crate::model::{FlatBase, Scaled, TaxKind, TaxRegime};

/// One store's estimate of a period, with the regime (and its settings) it follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaxEstimate {
    pub store: String,
    #[serde(flatten)]
    pub regime: TaxRegime,
    pub kind: TaxKind,
    pub amount: Amount,
}

fn dec(v: Option<i64>) -> Decimal {
    Scaled::from_sql_sum(v)
}

/// Withheld tax per kind of some stores (an SQL id list) over a period.
pub(crate) fn withheld(
    ledger: &Ledger,
    ids: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<BTreeMap<TaxKind, Decimal>> {
    let mut out = BTreeMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT kind, SUM(amount) FROM agg_tax_day
         WHERE store_id IN ({ids}) AND {} GROUP BY kind",
        day_range("day")
    ))?;
    let rows = stmt.query_map(day_params(from, to), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })?;
    for row in rows {
        let (kind, amount) = row?;
        *out.entry(TaxKind::from_stored(&kind)).or_default() += dec(amount);
    }
    Ok(out)
}

/// Net sales (gross − refunds) of one store over [from, to].
pub(crate) fn store_net_sales(
    ledger: &Ledger,
    store: &StoreInfo,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Decimal> {
    let v: (Option<i64>, Option<i64>) = ledger.conn().query_row(
        &format!(
            "SELECT SUM(gross), SUM(refunds) FROM agg_store_day WHERE store_id = {} AND {}",
            store.id.0,
            day_range("day")
        ),
        day_params(from, to),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(dec(v.0) - dec(v.1))
}

/// One store's estimate over [from, to] under `regime` (None: the regime estimates nothing).
pub(crate) fn estimate(
    ledger: &Ledger,
    store: &StoreInfo,
    regime: TaxRegime,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<(TaxKind, Decimal)>> {
    Ok(match regime {
        TaxRegime::None | TaxRegime::VnHousehold { .. } => None,
        TaxRegime::CnSmallScale { rate, exemption } => {
            let mut vat = Decimal::ZERO;
            for (a, _) in month_spans(from, to) {
                let (first, last) = whole_month(a);
                let ns = store_net_sales(ledger, store, Some(first), Some(last))?;
                vat += prorate(cn_small_scale_month(ns, rate, exemption), first, from, to);
            }
            Some((TaxKind::Vat, vat))
        }
        TaxRegime::Flat { rate, base } => {
            let base = match base {
                FlatBase::NetSales => store_net_sales(ledger, store, Some(from), Some(to))?,
                FlatBase::NetProfit => {
                    let one = CurrencyScope {
                        currency: store.currency,
                        stores: vec![store.clone()],
                        only_store: true,
                    };
                    let t = totals(ledger, &one, Some(from), Some(to))?;
                    StoreFigures::compute(&t.inputs).net_profit
                }
            };
            Some((TaxKind::IncomeTax, flat(base, rate)))
        }
    })
}

/// The first and last day of the month of `d`.
pub(crate) fn whole_month(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::{Datelike, Months};
    let first = d.with_day(1).unwrap_or(d);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(first);
    (first, last)
}

/// Taxes of one currency's stores over a period: withheld by kind, and each store's
/// estimate (listed, and summed into `estimated`).
pub(crate) fn tax_sums(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(TaxSums, Vec<TaxEstimate>)> {
    let mut sums = TaxSums {
        withheld: withheld(ledger, &cs.ids_sql(), from, to)?,
        ..Default::default()
    };
    let mut list = Vec::new();
    let (Some(from), Some(to)) = (from, to) else {
        return Ok((sums, list));
    };
    for s in &cs.stores {
        let regime = ledger.tax_regime(s.id)?;
        if let Some((kind, amount)) = estimate(ledger, s, regime, from, to)? {
            *sums.estimated.entry(kind).or_default() += amount;
            list.push(TaxEstimate {
                store: s.name.clone(),
                regime,
                kind,
                amount: Amount::new(amount, cs.currency),
            });
        }
    }
    Ok((sums, list))
}
