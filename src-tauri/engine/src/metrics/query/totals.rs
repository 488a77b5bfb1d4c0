//! The sums behind every view: one currency's stores over one period, from the aggregates.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};
use rust_decimal::Decimal;
use serde::Serialize;

use super::traffic::{traffic_totals, TrafficTotals};
use super::{day_params, day_range, CurrencyScope};
use crate::db::costs::UnitCost;
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::store::StoreInputs;
use crate::metrics::{serialize_units, Amount};
use crate::model::{Currency, FeeKind, MoneyError, Scaled};

/// An ad payment of a settlement import whose month the channel's own ads report covers
/// (alias `a`; see `COUNTED_AD_DAY`).
macro_rules! paid_twice {
    () => {
        "(a.import_id IN (SELECT i.id FROM imports i WHERE i.report = 'settlement')
      AND EXISTS (SELECT 1 FROM ad_days r JOIN imports ri ON ri.id = r.import_id
        WHERE r.is_current = 1 AND r.store_id = a.store_id AND r.channel = a.channel
          AND r.day >= substr(a.day, 1, 7) || '-01' AND r.day <= substr(a.day, 1, 7) || '-31'
          AND ri.report <> 'settlement'))"
    };
}

/// The ad rows that count as spend (alias `a`), so that spend counts once:
/// - of the rows of one (store, channel, campaign, day) reported for several attribution
///   windows, only the longest window's (`counted`, kept by the schema's triggers:
///   migration 010);
/// - an ad payment a settlement file lists (TikTok `GMV Payment for TikTok Ads` / `GMV Max
///   ad fee`, Shopee's NTTD ads-wallet top-up, Lazada `Sponsored Product Fee`) pays for
///   the spend the channel's own ads report lists day by day (metrics.md §10: adjustment
///   rows are "listed apart"; §1: an ad day is the ad platform's spend). So where the store
///   has an ads report of that channel with a day in the same calendar month, the payment
///   is not spend (it stays a payment in `cash`); where it has none, the payment is the only
///   record of the spend and counts.
pub(crate) const COUNTED_AD_DAY: &str = concat!("a.counted = 1 AND NOT ", paid_twice!());

/// `COUNTED_AD_DAY` without the longest-window rule: for figures kept per window.
pub(crate) const NOT_PAID_TWICE: &str = concat!("NOT ", paid_twice!());

/// A SKU sold in the period without a unit cost valid on the sale day: its COGS is unknown
/// (counted as 0 in `cogs`, and listed so the user sees it — never silently).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingCost {
    pub currency: Currency,
    pub sku: String,
    #[serde(serialize_with = "serialize_units")]
    pub units: Decimal,
    pub gross: Amount,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Totals {
    pub orders: i64,
    pub units: Decimal,
    pub inputs: StoreInputs,
    pub missing: Vec<MissingCost>,
    /// None: no traffic report covers the stores in the period.
    pub traffic: Option<TrafficTotals>,
}

impl Totals {
    /// Adds the totals of a disjoint period of the same stores (missing SKUs merged, by SKU).
    pub fn add(&mut self, other: Totals) {
        self.orders += other.orders;
        self.units += other.units;
        self.inputs = self.inputs.merge(&other.inputs);
        self.traffic = TrafficTotals::merge(self.traffic, other.traffic);
        for m in other.missing {
            add_missing(&mut self.missing, m);
        }
        // As one period's query lists them.
        self.missing.sort_by(|a, b| a.sku.cmp(&b.sku));
    }
}

/// Counts `m` in `list`, with the SKU's entry if it has one already.
fn add_missing(list: &mut Vec<MissingCost>, m: MissingCost) {
    match list.iter_mut().find(|x| x.sku == m.sku) {
        Some(x) => {
            x.units += m.units;
            x.gross = Amount::new(x.gross.value() + m.gross.value(), m.currency);
        }
        None => list.push(m),
    }
}

fn dec(v: Option<i64>) -> Decimal {
    Scaled::from_sql_sum(v)
}

pub(crate) fn totals(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Totals> {
    let conn = ledger.conn();
    let ids = cs.ids_sql();
    let [f, t] = day_params(from, to);
    let range = day_range("day");
    let mut out = Totals::default();

    let (orders, units, gross, refunds, subsidy_net) = conn.query_row(
        &format!(
            "SELECT SUM(orders), SUM(units), SUM(gross), SUM(refunds), SUM(subsidy_net)
             FROM agg_store_day WHERE store_id IN ({ids}) AND {range}"
        ),
        params![f, t],
        |r| {
            Ok((
                r.get::<_, Option<i64>>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        },
    )?;
    out.orders = orders.unwrap_or(0);
    out.units = dec(units);
    out.inputs.gross_sales = dec(gross);
    out.inputs.refunds = dec(refunds);

    let mut fees: BTreeMap<FeeKind, Decimal> = BTreeMap::new();
    fees.insert(FeeKind::Subsidy, dec(subsidy_net));
    let mut stmt = conn.prepare(&format!(
        "SELECT kind, SUM(amount) FROM agg_fee_day
         WHERE store_id IN ({ids}) AND {range} GROUP BY kind"
    ))?;
    let rows = stmt.query_map(params![f, t], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    for row in rows {
        let (kind, amount) = row?;
        // A kind this build does not know still counts, as "other".
        let kind = kind.parse().unwrap_or(FeeKind::Other);
        *fees.entry(kind).or_default() += dec(amount);
    }
    out.inputs.fees = fees;

    cogs(ledger, cs, &ids, [f.clone(), t.clone()], &[], &mut out)?;

    out.inputs.ad_spend = conn
        .query_row(
            &format!(
                "SELECT SUM(a.spend) FROM ad_days a WHERE a.store_id IN ({ids})
             AND {} AND {COUNTED_AD_DAY}",
                day_range("a.day")
            ),
            params![f, t],
            |r| r.get::<_, Option<i64>>(0),
        )
        .map(dec)?;

    if let (Some(from), Some(to)) = (from, to) {
        out.inputs.fixed_costs = fixed_costs(ledger, cs, &ids, from, to)?;
    }
    out.traffic = traffic_totals(ledger, &ids, from, to)?;
    Ok(out)
}

/// The sums of some SKUs only, from the SKU aggregates: sales, refunds, COGS (with their
/// missing costs) and the subsidies on their lines (`fees[subsidy]`). Order-level fees, ads
/// and fixed costs are not tied to a SKU and stay zero.
pub(crate) fn sku_totals(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    skus: &[String],
) -> Result<Totals> {
    let ids = cs.ids_sql();
    let [f, t] = day_params(from, to);
    let mut out = Totals::default();
    let (units, gross, refunds, subsidy_net) = ledger.conn().query_row(
        &format!(
            "SELECT SUM(units), SUM(gross), SUM(refunds), SUM(subsidy_net) FROM agg_sku_day d
             WHERE d.store_id IN ({ids}) AND {} AND {}",
            day_range("d.day"),
            sku_in(skus, 3)
        ),
        params_from_iter(sku_params([f.clone(), t.clone()], None, skus)),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    out.units = dec(units);
    out.inputs.gross_sales = dec(gross);
    out.inputs.refunds = dec(refunds);
    out.inputs.fees = [(FeeKind::Subsidy, dec(subsidy_net))].into();
    cogs(ledger, cs, &ids, [f, t], skus, &mut out)?;
    Ok(out)
}

/// `d.sku IN (?first, …)` for a non-empty SKU list, else a clause that keeps every SKU.
fn sku_in(skus: &[String], first: usize) -> String {
    if skus.is_empty() {
        return "1 = 1".to_string();
    }
    let marks: Vec<String> = (0..skus.len()).map(|i| format!("?{}", first + i)).collect();
    format!("d.sku IN ({})", marks.join(","))
}

/// The period bounds, an optional currency and the SKUs, in the order `sku_in` numbers them.
fn sku_params(
    [f, t]: [Option<String>; 2],
    currency: Option<Currency>,
    skus: &[String],
) -> Vec<Value> {
    let text = |v: Option<String>| v.map_or(Value::Null, Value::Text);
    let mut p = vec![text(f), text(t)];
    p.extend(currency.map(|c| Value::Text(c.code().to_string())));
    p.extend(skus.iter().map(|s| Value::Text(s.clone())));
    p
}

/// COGS = Σ unit_cost(sku valid on the day) × net_units, grouped in SQL by (sku, cost) so
/// Rust multiplies once per distinct cost; SKUs without a valid cost are listed as missing.
/// An empty `skus` takes every SKU.
fn cogs(
    ledger: &Ledger,
    cs: &CurrencyScope,
    ids: &str,
    period: [Option<String>; 2],
    skus: &[String],
    out: &mut Totals,
) -> Result<()> {
    let sql = format!(
        "SELECT sku, cost, SUM(net_units), SUM(units), SUM(gross) FROM (
            SELECT d.sku AS sku, d.net_units AS net_units, d.units AS units, d.gross AS gross,
                   (SELECT c.unit_cost FROM sku_costs c
                    WHERE c.currency = ?3 AND c.sku = d.sku AND c.valid_from <= d.day
                    ORDER BY c.valid_from DESC LIMIT 1) AS cost
            FROM agg_sku_day d
            WHERE d.store_id IN ({ids}) AND {} AND {})
         GROUP BY sku, cost ORDER BY sku",
        day_range("d.day"),
        sku_in(skus, 4)
    );
    let mut stmt = ledger.conn().prepare(&sql)?;
    let rows = stmt.query_map(
        params_from_iter(sku_params(period, Some(cs.currency), skus)),
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<UnitCost>>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        },
    )?;
    for row in rows {
        let (sku, cost, net_units, units, gross) = row?;
        match cost {
            Some(UnitCost(c)) => {
                let line = c
                    .checked_mul(dec(net_units))
                    .ok_or(Error::Money(MoneyError::Overflow(c)))?;
                out.inputs.cogs += line;
            }
            None => add_missing(
                &mut out.missing,
                MissingCost {
                    currency: cs.currency,
                    sku,
                    units: dec(units),
                    gross: Amount::new(dec(gross), cs.currency),
                },
            ),
        }
    }
    Ok(())
}

fn fixed_costs(
    ledger: &Ledger,
    cs: &CurrencyScope,
    ids: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Decimal> {
    let which = if cs.only_store {
        format!("store_id IN ({ids})")
    } else {
        format!("(store_id IS NULL OR store_id IN ({ids}))")
    };
    let sql = format!(
        "SELECT month, SUM(amount) FROM fixed_costs
         WHERE currency = ?1 AND month BETWEEN ?2 AND ?3 AND {which} GROUP BY month"
    );
    let mut stmt = ledger.conn().prepare(&sql)?;
    let ym = |d: NaiveDate| d.format("%Y-%m").to_string();
    let rows = stmt.query_map(params![cs.currency.code(), ym(from), ym(to)], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })?;
    let mut total = Decimal::ZERO;
    for row in rows {
        let (month, amount) = row?;
        let first = super::parse_day(&format!("{month}-01"))?;
        total += prorate(dec(amount), first, from, to);
    }
    Ok(total)
}

/// A month's cost × days of the month inside [from, to] / days in the month.
pub(crate) fn prorate(
    amount: Decimal,
    first: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Decimal {
    let Some(next) = first.checked_add_months(Months::new(1)) else {
        return Decimal::ZERO;
    };
    let last = next.pred_opt().unwrap_or(first);
    let (lo, hi) = (first.max(from), last.min(to));
    if lo > hi {
        return Decimal::ZERO;
    }
    let inside = Decimal::from((hi - lo).num_days() + 1);
    let days = Decimal::from(last.day());
    if inside == days {
        amount // whole month: exact, no division
    } else {
        amount * inside / days
    }
}
