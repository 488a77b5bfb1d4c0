//! Repurchase rate (复购率, metrics.md §7) per currency: the share of buyers with two or more
//! orders in the period, over the order lines whose export carries a buyer id.

use rusqlite::params;
use serde::Serialize;

use super::{day_params, resolve, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::products::repurchase_rate;
use crate::model::{Currency, Rate};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repurchase {
    pub currency: Currency,
    /// Buyers identified in the period (0: the exports carry no buyer id).
    pub buyers: u64,
    pub repeat_buyers: u64,
    pub repurchase_rate: Option<Rate>,
}

pub fn repurchase(ledger: &Ledger, f: &Filter) -> Result<Vec<Repurchase>> {
    let scope = resolve(ledger, f)?;
    let [from, to] = day_params(scope.from, scope.to);
    let mut out = Vec::new();
    for cs in &scope.currencies {
        let mut stmt = ledger.conn().prepare(&format!(
            "SELECT COUNT(DISTINCT order_id) FROM order_lines
             WHERE store_id IN ({}) AND is_current = 1 AND cancelled = 0
               AND buyer_hash IS NOT NULL AND buyer_hash <> ''
               AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)
             GROUP BY buyer_hash",
            cs.ids_sql()
        ))?;
        let counts = stmt
            .query_map(params![from, to], |r| r.get::<_, i64>(0))?
            .map(|n| n.map(|n| u64::try_from(n).unwrap_or(0)))
            .collect::<rusqlite::Result<Vec<u64>>>()?;
        out.push(Repurchase {
            currency: cs.currency,
            buyers: counts.len() as u64,
            repeat_buyers: counts.iter().filter(|n| **n >= 2).count() as u64,
            repurchase_rate: repurchase_rate(&counts),
        });
    }
    Ok(out)
}
