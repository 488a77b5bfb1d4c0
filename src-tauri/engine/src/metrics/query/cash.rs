//! `cash --json` (cli.md Additions, metrics.md §10): what the platforms paid in a period
//! beside what was sold, what is still owed as of the period's end, and fees that moved
//! between the order export and the settlement. Every amount is a sum of ledger rows; none
//! is estimated.
//!
//! Decisions: `settled` counts order settlements dated in the period; of them, those whose
//! order is dated in the period are `settled_for_period_orders`, the rest (earlier orders,
//! or orders no imported order export lists) `settled_for_earlier_orders`. Adjustment rows
//! are summed apart (`adjustments`). `months` sets, per month of the period, the net sales
//! of the stores judged on settlement beside what was settled in it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::monthly::month_spans;
use super::settlement::{
    fee_drift, open_orders, owed_days, provisional_of, Judged, OpenOrder, OwedDay,
};
use super::taxes::store_net_sales;
use super::totals::totals;
use super::{day_params, day_range, resolve, CurrencyScope, Filter};
use crate::db::{Ledger, StoreInfo};
use crate::error::{Error, Result};
use crate::metrics::cash::{age_bucket, age_days, is_due, AGE_BUCKETS};
use crate::metrics::store::StoreFigures;
use crate::metrics::Amount;
use crate::model::{Currency, FeeKind, Platform, Rate, Scaled};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CashReport {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currencies: Vec<CurrencyCash>,
}

/// One currency; the first keys are the cli.md contract, the rest what the Cash view shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyCash {
    pub currency: Currency,
    pub settled: Amount,
    pub settled_for_period_orders: Amount,
    pub settled_for_earlier_orders: Amount,
    pub withdrawals: Amount,
    pub unsettled: Unsettled,
    pub fee_drift: Vec<FeeDrift>,
    pub provisional: bool,
    pub unsettled_share: Option<Rate>,
    /// Order-date figures of the period (all stores), beside the money settled.
    pub net_sales: Amount,
    pub net_profit: Amount,
    /// Settlement rows that are no order's settlement (ad payments, reimbursements).
    pub adjustments: Amount,
    pub stores: Vec<StoreCash>,
    pub months: Vec<CashMonth>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unsettled {
    pub orders: i64,
    pub value: Amount,
    /// "15-30", "30-60", "60+" (days since the order date, as of `to`).
    pub by_age: BTreeMap<&'static str, Amount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeeDrift {
    pub store: String,
    pub order: String,
    pub kind: FeeKind,
    pub order_export: Amount,
    pub settlement: Amount,
}

/// Whether a store is judged on settlement and, if not, why (a reason code for the UI).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreCash {
    pub store: String,
    pub platform: Platform,
    pub judged: bool,
    /// `no_settlement_files` when the store has none: "import your settlement report".
    pub reason: Option<&'static str>,
    pub delay_days: i64,
    pub settled: Amount,
    pub unsettled_orders: i64,
    pub unsettled_value: Amount,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CashMonth {
    pub month: String,
    pub net_sales: Amount,
    pub settled: Amount,
}

/// One unsettled order (the Cash view's drill-down).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnsettledOrder {
    pub store: String,
    pub order: String,
    pub day: NaiveDate,
    pub age_days: i64,
    pub bucket: &'static str,
    pub value: Amount,
}

fn dec(v: Option<i64>) -> Decimal {
    Scaled::from_sql_sum(v)
}

pub fn cash(ledger: &Ledger, f: &Filter) -> Result<CashReport> {
    let scope = resolve(ledger, f)?;
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        currencies.push(currency_cash(ledger, cs, scope.from, scope.to)?);
    }
    Ok(CashReport {
        from: scope.from,
        to: scope.to,
        currencies,
    })
}

/// (settled, of it for orders dated in [from, to], adjustments) of some stores, from the
/// per-day sums (`agg_settlement_day`, `agg_settled_order_day`; migration 014).
fn settled(
    ledger: &Ledger,
    ids: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(Decimal, Decimal, Decimal)> {
    if ids.is_empty() {
        return Ok((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO));
    }
    let sql = format!(
        "SELECT (SELECT SUM(amount) FROM agg_settlement_day
                 WHERE store_id IN ({ids}) AND kind = 'order' AND {days}),
                (SELECT SUM(amount) FROM agg_settled_order_day
                 WHERE store_id IN ({ids}) AND {days} AND {settled_on}),
                (SELECT SUM(amount) FROM agg_settlement_day
                 WHERE store_id IN ({ids}) AND kind <> 'order' AND {days})",
        days = day_range("day"),
        settled_on = day_range("settled_on"),
    );
    let r: (Option<i64>, Option<i64>, Option<i64>) =
        ledger.conn().query_row(&sql, day_params(from, to), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok((dec(r.0), dec(r.1), dec(r.2)))
}

fn withdrawals(
    ledger: &Ledger,
    ids: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Decimal> {
    let v: Option<i64> = ledger.conn().query_row(
        &format!(
            "SELECT SUM(amount) FROM withdrawals
             WHERE store_id IN ({ids}) AND is_current = 1 AND {}",
            day_range("day")
        ),
        day_params(from, to),
        |r| r.get(0),
    )?;
    Ok(dec(v))
}

/// The orders still owed as of `to` in the stores judged on settlement: dated on or before
/// `to` − the platform's delay, with no settlement dated on or before `to`. One by one (the
/// drill-down); the view counts them per day (`owed_by_day`).
pub(crate) fn owed(ledger: &Ledger, s: &StoreInfo, to: NaiveDate) -> Result<Vec<OpenOrder>> {
    let delay = ledger.settlement_delay(s.platform)?;
    let mut orders = open_orders(ledger, s, None, to, Some(to))?;
    orders.retain(|o| is_due(o.day, to, delay));
    Ok(orders)
}

/// `owed`, counted per order date.
fn owed_by_day(ledger: &Ledger, s: &StoreInfo, to: NaiveDate) -> Result<Vec<OwedDay>> {
    let delay = ledger.settlement_delay(s.platform)?;
    let due_by =
        (to.checked_sub_days(chrono::Days::new(delay.max(0) as u64))).unwrap_or(NaiveDate::MIN);
    owed_days(ledger, s, due_by, to)
}

pub(crate) fn currency_cash(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<CurrencyCash> {
    let a = |v: Decimal| Amount::new(v, cs.currency);
    let judged = Judged::of(ledger, cs)?;
    let (mut stores, mut open, mut drift) = (Vec::new(), Vec::new(), vec![]);
    for s in &cs.stores {
        let (row, owed_orders) = store_cash(ledger, s, judged.has(s), from, to, cs.currency)?;
        open.extend(owed_orders);
        drift.extend(fee_drift(ledger, cs, s, from, to)?);
        stores.push(row);
    }
    let ids = cs.ids_sql();
    let (all, for_period, adjustments) = settled(ledger, &ids, from, to)?;
    let figures = StoreFigures::compute(&totals(ledger, cs, from, to)?.inputs);
    let p = provisional_of(ledger, cs, &judged, from, to)?;
    Ok(CurrencyCash {
        currency: cs.currency,
        settled: a(all),
        settled_for_period_orders: a(for_period),
        settled_for_earlier_orders: a(all - for_period),
        withdrawals: a(withdrawals(ledger, &ids, from, to)?),
        unsettled: unsettled_of(&open, to, cs.currency),
        fee_drift: (drift.into_iter())
            .map(|d| FeeDrift {
                store: d.store,
                order: d.order,
                kind: d.kind,
                order_export: a(d.order_export),
                settlement: a(d.settlement),
            })
            .collect(),
        provisional: p.provisional,
        unsettled_share: p.unsettled_share,
        net_sales: a(figures.net_sales),
        net_profit: a(figures.net_profit),
        adjustments: a(adjustments),
        stores,
        months: cash_months(ledger, cs, &judged, from, to)?,
    })
}

/// One store's line of the Cash view, and the orders it is still owed as of `to` (none for
/// a store without settlement files: it is not judged).
fn store_cash(
    ledger: &Ledger,
    s: &StoreInfo,
    judged: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    currency: Currency,
) -> Result<(StoreCash, Vec<OwedDay>)> {
    let a = |v: Decimal| Amount::new(v, currency);
    let (own, _, _) = settled(ledger, &s.id.0.to_string(), from, to)?;
    let open = match to {
        Some(to) if judged => owed_by_day(ledger, s, to)?,
        _ => Vec::new(),
    };
    let row = StoreCash {
        store: s.name.clone(),
        platform: s.platform,
        judged,
        reason: (!judged).then_some("no_settlement_files"),
        delay_days: ledger.settlement_delay(s.platform)?,
        settled: a(own),
        unsettled_orders: open.iter().map(|d| d.orders).sum(),
        unsettled_value: a(open.iter().map(|d| d.value).sum()),
    };
    Ok((row, open))
}

/// Count, value and age buckets of the owed orders as of `to`.
fn unsettled_of(open: &[OwedDay], to: Option<NaiveDate>, currency: Currency) -> Unsettled {
    let a = |v: Decimal| Amount::new(v, currency);
    let mut buckets: BTreeMap<&'static str, Decimal> =
        AGE_BUCKETS.iter().map(|b| (*b, Decimal::ZERO)).collect();
    if let Some(to) = to {
        for o in open {
            *buckets.entry(age_bucket(age_days(o.day, to))).or_default() += o.value;
        }
    }
    Unsettled {
        orders: open.iter().map(|d| d.orders).sum(),
        value: a(open.iter().map(|d| d.value).sum()),
        by_age: buckets.into_iter().map(|(b, v)| (b, a(v))).collect(),
    }
}

/// Sold (net sales of the judged stores) beside settled, per month of the period.
fn cash_months(
    ledger: &Ledger,
    cs: &CurrencyScope,
    judged: &Judged,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<CashMonth>> {
    let (Some(lo), Some(hi)) = (from, to) else {
        return Ok(Vec::new());
    };
    let a = |v: Decimal| Amount::new(v, cs.currency);
    let judged: Vec<&StoreInfo> = cs.stores.iter().filter(|s| judged.has(s)).collect();
    let ids: Vec<String> = judged.iter().map(|s| s.id.0.to_string()).collect();
    let ids = ids.join(",");
    let mut months = Vec::new();
    for (m0, m1) in month_spans(lo, hi) {
        let mut net_sales = Decimal::ZERO;
        for s in &judged {
            net_sales += store_net_sales(ledger, s, Some(m0), Some(m1))?;
        }
        months.push(CashMonth {
            month: m0.format("%Y-%m").to_string(),
            net_sales: a(net_sales),
            settled: a(settled(ledger, &ids, Some(m0), Some(m1))?.0),
        });
    }
    Ok(months)
}

/// The unsettled orders of a currency as of the filter's end, oldest first, optionally of
/// one age bucket: what the Cash view opens from an age bar.
pub fn unsettled_orders(
    ledger: &Ledger,
    f: &Filter,
    currency: Currency,
    bucket: Option<&str>,
) -> Result<Vec<UnsettledOrder>> {
    if let Some(b) = bucket {
        if !AGE_BUCKETS.contains(&b) {
            return Err(Error::InvalidArgument(format!(
                "unknown age bucket {b:?} (15-30, 30-60 or 60+)"
            )));
        }
    }
    let scope = resolve(ledger, f)?;
    let mut out = Vec::new();
    let (Some(cs), Some(to)) = (
        scope.currencies.iter().find(|c| c.currency == currency),
        scope.to,
    ) else {
        return Ok(out);
    };
    let judged = Judged::of(ledger, cs)?;
    for s in &cs.stores {
        if !judged.has(s) {
            continue;
        }
        for o in owed(ledger, s, to)? {
            let age = age_days(o.day, to);
            let b = age_bucket(age);
            if bucket.is_none_or(|want| want == b) {
                out.push(UnsettledOrder {
                    store: o.store,
                    order: o.order,
                    day: o.day,
                    age_days: age,
                    bucket: b,
                    value: Amount::new(o.value, currency),
                });
            }
        }
    }
    out.sort_by(|x, y| x.day.cmp(&y.day).then_with(|| x.order.cmp(&y.order)));
    Ok(out)
}
