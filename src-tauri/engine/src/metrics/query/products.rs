//! Per-SKU figures for the product matrix and lifecycle (metrics.md §7), per currency.
//! A SKU's contribution here is net sales − COGS − its lines' seller subsidies (fees that are
//! not tied to a SKU are left out); SKUs without a valid cost have `cost_missing`.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use rusqlite::params;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{parse_day, resolve, CurrencyScope, Filter};
use crate::db::costs::UnitCost;
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::products::{
    lifecycle_stage, matrix_medians, product_matrix, Quadrant, SkuSales, Stage,
};
use crate::metrics::{serialize_units, Amount};
use crate::model::{Currency, Rate, Scaled};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyProducts {
    pub currency: Currency,
    /// The day lifecycle stages are measured at: the last day with sales in the period
    /// (`None` without any), so a period that runs past the data (a year reviewed in
    /// January) does not read the empty weeks after it as a decline.
    pub stage_as_of: Option<NaiveDate>,
    pub products: Vec<ProductRow>,
    /// The matrix's quadrant lines (medians of these SKUs); null without products.
    pub median_share: Option<Rate>,
    pub median_margin: Option<Rate>,
    /// The store these figures are of (an element of `by_store`); absent for the currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    /// When the currency has several stores: the same figures for each store alone, its
    /// SKUs' shares and quadrants against that store's own medians (one store's SKUs are not
    /// judged against another's). Empty with one store.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_store: Vec<CurrencyProducts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductRow {
    pub sku: String,
    /// The product's name as the exports give it (the period's lines of this SKU), so a
    /// merchant sees "Áo thun cotton" beside "TS-RED-M"; null when no export names it.
    pub product: Option<String>,
    #[serde(serialize_with = "serialize_units")]
    pub units: Decimal,
    pub net_sales: Amount,
    pub contribution: Amount,
    pub sales_share: Option<Rate>,
    pub contribution_margin: Option<Rate>,
    pub quadrant: Option<Quadrant>,
    /// As of `stage_as_of`, from 4-week rolling net sales.
    pub stage: Option<Stage>,
    pub cost_missing: bool,
}

#[derive(Default)]
struct Acc {
    units: Decimal,
    net: Decimal,
    cogs: Decimal,
    subsidy: Decimal,
    missing: bool,
    first_day: Option<NaiveDate>,
    last_4w: Decimal,
    prev_4w: Decimal,
}

pub fn products(ledger: &Ledger, f: &Filter) -> Result<Vec<CurrencyProducts>> {
    let scope = resolve(ledger, f)?;
    let mut out = Vec::new();
    for cs in &scope.currencies {
        let mut p = currency_products(ledger, cs, scope.from, scope.to)?;
        if cs.stores.len() > 1 {
            for store in &cs.stores {
                let one = CurrencyScope {
                    currency: cs.currency,
                    stores: vec![store.clone()],
                    only_store: true,
                };
                let mut sp = currency_products(ledger, &one, scope.from, scope.to)?;
                if sp.products.is_empty() {
                    continue;
                }
                sp.store = Some(store.name.clone());
                p.by_store.push(sp);
            }
        }
        out.push(p);
    }
    Ok(out)
}

fn currency_products(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<CurrencyProducts> {
    let days = sku_days(ledger, cs)?;
    let period = Period { from, to };
    let as_of = stage_as_of(&days, period);
    let mut accs = by_sku(days, period, as_of);
    accs.retain(|_, a| !a.units.is_zero() || !a.net.is_zero());
    let sales: Vec<SkuSales> = accs
        .iter()
        .map(|(sku, a)| SkuSales {
            sku: sku.clone(),
            net_sales: a.net,
            contribution: a.net - a.cogs - a.subsidy,
        })
        .collect();
    let mut names = product_names(ledger, cs, from, to)?;
    let quadrants: BTreeMap<String, Quadrant> = product_matrix(&sales).into_iter().collect();
    let medians = matrix_medians(&sales);
    let total: Decimal = sales.iter().map(|s| s.net_sales).sum();
    let products = sales
        .into_iter()
        .zip(accs.values())
        .map(|(s, a)| {
            let stage = a.stage(as_of);
            ProductRow {
                units: a.units,
                net_sales: Amount::new(s.net_sales, cs.currency),
                contribution: Amount::new(s.contribution, cs.currency),
                sales_share: Rate::ratio(s.net_sales, total),
                contribution_margin: Rate::ratio(s.contribution, s.net_sales),
                quadrant: quadrants.get(&s.sku).copied(),
                stage,
                cost_missing: a.missing,
                product: names.remove(&s.sku),
                sku: s.sku,
            }
        })
        .collect();
    Ok(CurrencyProducts {
        currency: cs.currency,
        stage_as_of: as_of,
        products,
        median_share: medians.map(|m| Rate(m.0)),
        median_margin: medians.map(|m| Rate(m.1)),
        store: None,
        by_store: Vec::new(),
    })
}

/// One SKU's sums on one day (`agg_sku_day` over the currency's stores), with the unit cost
/// valid that day (`None`: no cost known).
struct SkuDay {
    sku: String,
    day: NaiveDate,
    units: Option<i64>,
    net_units: Option<i64>,
    net: Option<i64>,
    subsidy: Option<i64>,
    cost: Option<UnitCost>,
}

/// The period asked for (open ends: all data that way).
#[derive(Clone, Copy)]
struct Period {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Period {
    fn holds(self, day: NaiveDate) -> bool {
        !(self.from.is_some_and(|f| day < f) || self.to.is_some_and(|t| day > t))
    }
}

impl Acc {
    /// The lifecycle stage as of `as_of`, from the days on sale and the two 4-week sums.
    fn stage(&self, as_of: Option<NaiveDate>) -> Option<Stage> {
        match (as_of, self.first_day) {
            (Some(end), Some(first)) => Some(lifecycle_stage(
                (end - first + Duration::days(1)).num_days(),
                self.last_4w,
                self.prev_4w,
            )),
            _ => None,
        }
    }
}

/// Every day of each SKU (all data, for first-sale and rolling windows); the period's own
/// figures are the days inside it.
fn sku_days(ledger: &Ledger, cs: &CurrencyScope) -> Result<Vec<SkuDay>> {
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT d.sku, d.day, SUM(d.units), SUM(d.net_units), SUM(d.gross - d.refunds),
                SUM(d.subsidy_net),
                (SELECT c.unit_cost FROM sku_costs c
                 WHERE c.currency = ?1 AND c.sku = d.sku AND c.valid_from <= d.day
                 ORDER BY c.valid_from DESC LIMIT 1)
         FROM agg_sku_day d WHERE d.store_id IN ({}) GROUP BY d.sku, d.day ORDER BY d.sku, d.day",
        cs.ids_sql()
    ))?;
    let rows = stmt.query_map(params![cs.currency.code()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            [r.get::<_, Option<i64>>(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            r.get::<_, Option<UnitCost>>(6)?,
        ))
    })?;
    let mut days = Vec::new();
    for row in rows {
        let (sku, day, [units, net_units, net, subsidy], cost) = row?;
        days.push(SkuDay {
            sku,
            day: parse_day(&day)?,
            units,
            net_units,
            net,
            subsidy,
            cost,
        });
    }
    Ok(days)
}

/// The last day of the period with sales: stages are measured there.
fn stage_as_of(days: &[SkuDay], period: Period) -> Option<NaiveDate> {
    days.iter()
        .filter(|d| period.holds(d.day) && (d.units.unwrap_or(0) != 0 || d.net.unwrap_or(0) != 0))
        .map(|d| d.day)
        .max()
}

/// Each SKU's period sums and its two 4-week net sales before `as_of`.
fn by_sku(days: Vec<SkuDay>, period: Period, as_of: Option<NaiveDate>) -> BTreeMap<String, Acc> {
    let mut accs: BTreeMap<String, Acc> = BTreeMap::new();
    let d = |v: Option<i64>| Scaled::from_sql_sum(v);
    for day in days {
        let a = accs.entry(day.sku).or_default();
        a.first_day = Some(a.first_day.map_or(day.day, |f| f.min(day.day)));
        if let Some(end) = as_of {
            let age = (end - day.day).num_days();
            if (0..28).contains(&age) {
                a.last_4w += d(day.net);
            } else if (28..56).contains(&age) {
                a.prev_4w += d(day.net);
            }
        }
        if !period.holds(day.day) {
            continue;
        }
        a.units += d(day.units);
        a.net += d(day.net);
        a.subsidy += d(day.subsidy);
        match day.cost {
            Some(UnitCost(c)) => a.cogs += c * d(day.net_units),
            None => a.missing = true,
        }
    }
    accs
}

/// Each SKU's product name on the period's current, non-cancelled order lines (the greatest,
/// when exports spelled it more than one way: one stable name), kept per day in
/// `agg_sku_day.product` (migration 013: reading the lines took ≈ 1.1 s at 1M lines).
fn product_names(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<BTreeMap<String, String>> {
    let day = |d: Option<NaiveDate>, open: &str| d.map_or(open.to_string(), |d| d.to_string());
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT sku, MAX(product) FROM agg_sku_day
         WHERE store_id IN ({}) AND day BETWEEN ?1 AND ?2 AND product IS NOT NULL
         GROUP BY sku",
        cs.ids_sql()
    ))?;
    let rows = stmt.query_map(
        params![day(from, "0000-01-01"), day(to, "9999-12-31")],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
#[path = "tests_products.rs"]
mod tests;
