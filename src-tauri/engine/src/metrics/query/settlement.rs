//! Ledger reads behind §10: which stores are judged on settlement, the orders still owed,
//! fee drift, and whether a period is provisional.
//!
//! Decisions:
//! - A store is judged only when it holds settlement rows (any kind); the others are
//!   reported with the reason `no_settlement_files`, never as "all unsettled".
//! - An order's value is Σ over its non-cancelled lines of list_amount − refunds − the
//!   seller-funded discount left after refunds ((1 − f) × seller_discount, as `fees[subsidy]`)
//!   − the order export's own order-level seller discounts (its rank-1 `subsidy` fees: a
//!   shop voucher, already net of the refunded share), metrics.md §10; an order whose lines
//!   are all refunded is not owed. Its date is its earliest line's.
//! - "Settled" means a current settlement row of kind `order` for the order (any amount).
//! - The provisional mark and the owed orders per day read `agg_open_day` (orders no
//!   settlement names, per order date) instead of grouping the period's lines: it counts an
//!   order on each date its lines carry, where `open_orders` counts it once at its first;
//!   the two differ only for an order whose lines carry several dates, which no export we
//!   read writes (tests hold them equal).
//! - Fee drift is listed for the orders dated in the period (their earliest current line)
//!   with a non-cancelled line, of the stores judged on settlement (`agg_fee_drift`, kept
//!   only for them: a settlement file writes settlement rows beside its fees).

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;

use super::{day_params, day_range, parse_day, CurrencyScope};
use crate::db::{
    not_settled_by, Ledger, StoreInfo, HOLDS_SETTLEMENTS, OPEN_ORDER_HAVING, OPEN_ORDER_VALUE,
};
use crate::error::Result;
use crate::metrics::cash::{drifted, in_window};
use crate::model::{FeeKind, Rate, Scaled, StoreId};

fn dec(v: Option<i64>) -> Decimal {
    Scaled::from_sql_sum(v)
}

/// The stores of a view judged on settlement: those holding any settlement row. Asked once
/// per view (one query for all its stores) and passed to what needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Judged(Vec<StoreId>);

impl Judged {
    pub fn of(ledger: &Ledger, cs: &CurrencyScope) -> Result<Judged> {
        let mut holds = ledger.conn().prepare_cached(HOLDS_SETTLEMENTS)?;
        let mut judged = Vec::new();
        for s in &cs.stores {
            if holds.query_row([s.id.0], |r| r.get::<_, bool>(0))? {
                judged.push(s.id);
            }
        }
        Ok(Judged(judged))
    }

    pub fn has(&self, store: &StoreInfo) -> bool {
        self.0.contains(&store.id)
    }
}

/// An order with no settlement yet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpenOrder {
    pub store: String,
    pub order: String,
    pub day: NaiveDate,
    pub value: Decimal,
}

/// What `open_orders` asks: the order's value and the settlement test are the ones
/// `agg_open_day` is built with (`db/aggregates.rs`).
pub(crate) fn open_orders_sql() -> String {
    format!(
        "SELECT o.order_id, MIN(o.day), {OPEN_ORDER_VALUE}
         FROM order_lines o
         WHERE o.store_id = ?3 AND o.is_current = 1 AND o.cancelled = 0 AND {}
           AND {}
         GROUP BY o.order_id
         HAVING {OPEN_ORDER_HAVING} AND MIN(o.day) >= COALESCE(?1, '')
         ORDER BY MIN(o.day), o.order_id",
        day_range("o.day"),
        not_settled_by("?4")
    )
}

/// Orders of `store` dated in [from, to] (an open `from`: any earlier date) with no
/// settlement row dated on or before `settled_by` (None: ever).
pub(crate) fn open_orders(
    ledger: &Ledger,
    store: &StoreInfo,
    from: Option<NaiveDate>,
    to: NaiveDate,
    settled_by: Option<NaiveDate>,
) -> Result<Vec<OpenOrder>> {
    let [f, t] = day_params(from, Some(to));
    let mut stmt = ledger.conn().prepare(&open_orders_sql())?;
    let rows = stmt.query_map(
        params![f, t, store.id.0, settled_by.map(|d| d.to_string())],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (order, day, value) = row?;
        out.push(OpenOrder {
            store: store.name.clone(),
            order,
            day: parse_day(&day)?,
            value: dec(value),
        });
    }
    Ok(out)
}

/// A fee kind whose settled amount differs from the order export's, on one order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Drift {
    pub store: String,
    pub order: String,
    pub kind: FeeKind,
    pub order_export: Decimal,
    pub settlement: Decimal,
}

/// Fee drift of the store's orders dated in [from, to] that both an order export (lines,
/// rank-1 fees) and a settlement (rank-2 fees) list, from `agg_fee_drift` (migration 014,
/// kept for the stores judged on settlement). Only kinds BOTH speak of are compared: a kind
/// the settlement leaves out keeps the order export's figure (as `fees` does), and a kind the
/// order export has no column for (TikTok and Douyin order lists carry no commission) was
/// never estimated, so it cannot have drifted. An export's fee that a settlement superseded
/// is still the export's figure here.
pub(crate) fn fee_drift(
    ledger: &Ledger,
    cs: &CurrencyScope,
    store: &StoreInfo,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Drift>> {
    let sql = format!(
        "SELECT order_id, kind, order_export, settlement FROM agg_fee_drift
         WHERE store_id = ?3 AND {}
         ORDER BY order_id, kind",
        day_range("day")
    );
    let [f, t] = day_params(from, to);
    let mut stmt = ledger.conn().prepare(&sql)?;
    let rows = stmt.query_map(params![f, t, store.id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (order, kind, ex, st) = row?;
        let (ex, st) = (dec(Some(ex)), dec(Some(st)));
        if drifted(ex, st, cs.currency) {
            out.push(Drift {
                store: store.name.clone(),
                order,
                kind: kind.parse().unwrap_or(FeeKind::Other),
                order_export: ex,
                settlement: st,
            });
        }
    }
    Ok(out)
}

/// The latest day the ledger knows for some stores: an order line's or a settlement's.
pub(crate) fn latest_day(ledger: &Ledger, ids: &str) -> Result<Option<NaiveDate>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let d: Option<String> = ledger.conn().query_row(
        &format!(
            "SELECT MAX(day) FROM (
                SELECT MAX(day) AS day FROM agg_store_day WHERE store_id IN ({ids})
                UNION ALL SELECT MAX(day) FROM settlements
                          WHERE store_id IN ({ids}) AND is_current = 1)"
        ),
        [],
        |r| r.get(0),
    )?;
    d.map(|d| parse_day(&d)).transpose()
}

/// `provisional` and `unsettled_share` of a period (§10).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Provisional {
    pub provisional: bool,
    /// Of the net sales of the stores judged on settlement, the part of the period's orders
    /// not settled yet (by any date the ledger knows); None when no store is judged.
    pub unsettled_share: Option<Rate>,
}

pub(crate) fn provisional(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Provisional> {
    match to {
        Some(_) => provisional_of(ledger, cs, &Judged::of(ledger, cs)?, from, to),
        None => Ok(Provisional::default()),
    }
}

/// `provisional` with the view's judged stores already known.
pub(crate) fn provisional_of(
    ledger: &Ledger,
    cs: &CurrencyScope,
    judged_stores: &Judged,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Provisional> {
    let Some(to) = to else {
        return Ok(Provisional::default());
    };
    let latest = latest_day(ledger, &cs.ids_sql())?;
    let mut window = false;
    let (mut open, mut net, mut judged) = (Decimal::ZERO, Decimal::ZERO, false);
    for s in &cs.stores {
        let delay = ledger.settlement_delay(s.platform)?;
        if let Some(latest) = latest {
            window |= in_window(to, latest, delay);
        }
        if !judged_stores.has(s) {
            continue;
        }
        judged = true;
        open += open_value(ledger, s, from, to)?;
        net += super::taxes::store_net_sales(ledger, s, from, Some(to))?;
    }
    Ok(Provisional {
        provisional: window || open > Decimal::ZERO,
        unsettled_share: if judged { Rate::ratio(open, net) } else { None },
    })
}

/// The value of the store's orders dated in [from, to] that no settlement names yet (by any
/// date): `open_orders(…, None)` summed, read from `agg_open_day`.
fn open_value(
    ledger: &Ledger,
    store: &StoreInfo,
    from: Option<NaiveDate>,
    to: NaiveDate,
) -> Result<Decimal> {
    let [f, t] = day_params(from, Some(to));
    let v: Option<i64> = ledger.conn().query_row(
        &format!(
            "SELECT SUM(value) FROM agg_open_day WHERE store_id = ?3 AND {}",
            day_range("day")
        ),
        params![f, t, store.id.0],
        |r| r.get(0),
    )?;
    Ok(dec(v))
}

/// The orders of one order date owed as of a day (`OwedDay`s are what the Cash view counts).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OwedDay {
    pub day: NaiveDate,
    pub orders: i64,
    pub value: Decimal,
}

/// The store's orders dated on or before `due_by` with no settlement dated on or before
/// `as_of`, per order date: `open_orders(…, None, as_of, Some(as_of))` counted by day without
/// reading every line. The orders no settlement names come from `agg_open_day`; those
/// settled only after `as_of` (the last weeks' orders of a past period) are looked up from
/// their settlements.
pub(crate) fn owed_days(
    ledger: &Ledger,
    store: &StoreInfo,
    due_by: NaiveDate,
    as_of: NaiveDate,
) -> Result<Vec<OwedDay>> {
    let (due, as_of) = (due_by.to_string(), as_of.to_string());
    let mut days: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
    let mut never = ledger.conn().prepare_cached(
        "SELECT day, orders, value FROM agg_open_day WHERE store_id = ?1 AND day <= ?2",
    )?;
    let rows = never.query_map(params![store.id.0, due], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (day, n, v) = row?;
        let e = days.entry(day).or_default();
        *e = (e.0 + n, e.1 + v);
    }
    let mut later = ledger.conn().prepare_cached(&settled_later_sql())?;
    let rows = later.query_map(params![store.id.0, due, as_of], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })?;
    for row in rows {
        let (day, v) = row?;
        let e = days.entry(day).or_default();
        *e = (e.0 + 1, e.1 + v.unwrap_or(0));
    }
    days.into_iter()
        .map(|(day, (orders, value))| {
            Ok(OwedDay {
                day: parse_day(&day)?,
                orders,
                value: dec(Some(value)),
            })
        })
        .collect()
}

/// `owed_days`' orders settled only after `as_of` (?3), dated on or before `due_by` (?2):
/// found from the settlements dated after `as_of`, then valued as `open_orders` values them.
pub(crate) fn settled_later_sql() -> String {
    format!(
        "SELECT MIN(o.day), {OPEN_ORDER_VALUE}
         FROM order_lines o INDEXED BY order_lines_key
         WHERE o.store_id = ?1 AND o.is_current = 1 AND o.cancelled = 0 AND o.day <= ?3
           AND o.order_id IN (SELECT order_id FROM settlements INDEXED BY settlements_day
                 WHERE store_id = ?1 AND is_current = 1 AND kind = 'order' AND day > ?3)
           AND {}
         GROUP BY o.order_id
         HAVING {OPEN_ORDER_HAVING} AND MIN(o.day) <= ?2",
        not_settled_by("?3")
    )
}
