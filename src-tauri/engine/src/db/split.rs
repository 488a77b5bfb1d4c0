//! Splitting a per-order line (Taobao 订单报表: no SKU, line id = order id) over the items of
//! its companion file, for the SKU aggregates (COGS, products). Done when aggregates are
//! rebuilt, from current facts only, so the ledger is the same whichever file came first.
//!
//! Each item gets its own units; net units = qty × (1 − f) with the line's f; the line's
//! gross, refunds and net subsidy are shared by item amount (price × qty), falling back to
//! qty, then to equal shares. Shares are rounded to the storage unit and the last item
//! takes the remainder, so the parts always add up to the line exactly.

use std::collections::BTreeMap;
use std::str::FromStr;

use rusqlite::{params, Transaction};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::write::DaySpan;
use crate::error::{Error, Result};
use crate::model::{Scaled, StoreId};

/// One current item of a split line: (sku, qty, amount), scaled.
type Item = (String, i64, i64);

/// A split line's figures, scaled: units are the items', the rest is shared.
struct Line {
    day: String,
    f: Decimal,
    gross: i64,
    refunds: i64,
    subsidy: i64,
    items: Vec<Item>,
}

/// Per (day, sku): units, net units, gross, refunds, subsidy.
type Totals = BTreeMap<(String, String), [i64; 5]>;

impl Line {
    /// Share this line out over its items into `acc`.
    fn add_to(&self, acc: &mut Totals) -> Result<()> {
        let weights = weights(&self.items);
        let gross = share(self.gross, &weights)?;
        let refunds = share(self.refunds, &weights)?;
        let subsidy = share(self.subsidy, &weights)?;
        for (k, (sku, qty, _)) in self.items.iter().enumerate() {
            let qty_dec = Scaled(*qty).to_decimal();
            let refunded = Scaled::from_decimal(self.f * qty_dec)?.0;
            let a = acc.entry((self.day.clone(), sku.clone())).or_default();
            a[0] += qty;
            a[1] += qty - refunded;
            a[2] += gross[k];
            a[3] += refunds[k];
            a[4] += subsidy[k];
        }
        Ok(())
    }
}

/// Add the item shares of the split lines of `span` to `agg_sku_day` (rows already rebuilt
/// for the other lines of those days).
pub fn add_item_splits(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT o.id, o.day, o.refund_fraction, o.list_amount, o.refund_amount, o.subsidy_net,
                COALESCE(i.sku, ''), i.qty, i.amount
         FROM order_lines o
         JOIN order_items i ON i.store_id = o.store_id AND i.order_id = o.order_id
                           AND i.is_current = 1
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
           AND o.cancelled = 0 AND o.sku IS NULL AND o.line_id = o.order_id
         ORDER BY o.id, i.item_id",
    )?;
    let from = span.from.format("%Y-%m-%d").to_string();
    let to = span.to.format("%Y-%m-%d").to_string();
    let mut rows = stmt.query(params![store.0, from, to])?;
    // (day, sku) → units, net units, gross, refunds, subsidy. Each line is shared out as
    // soon as its last item is read: memory holds one line, not every split line of the
    // span (a year of 1M lines with items took 440 MiB).
    let mut acc: Totals = BTreeMap::new();
    let mut open: Option<(i64, Line)> = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let item: Item = (r.get(6)?, r.get(7)?, r.get(8)?);
        match open.as_mut() {
            Some((last, line)) if *last == id => line.items.push(item),
            _ => {
                let f: String = r.get(2)?;
                let f = Decimal::from_str(&f)
                    .map_err(|e| Error::Internal(format!("bad refund fraction {f:?}: {e}")))?;
                let line = Line {
                    day: r.get(1)?,
                    f,
                    gross: r.get(3)?,
                    refunds: r.get(4)?,
                    subsidy: r.get(5)?,
                    items: vec![item],
                };
                if let Some((_, done)) = open.replace((id, line)) {
                    done.add_to(&mut acc)?;
                }
            }
        }
    }
    drop(rows);
    if let Some((_, done)) = open {
        done.add_to(&mut acc)?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds, subsidy_net)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (store_id, day, sku) DO UPDATE SET
            units = units + excluded.units, net_units = net_units + excluded.net_units,
            gross = gross + excluded.gross, refunds = refunds + excluded.refunds,
            subsidy_net = subsidy_net + excluded.subsidy_net",
    )?;
    for ((day, sku), [u, n, g, r, s]) in acc {
        insert.execute(params![store.0, day, sku, u, n, g, r, s])?;
    }
    Ok(())
}

/// The items' weights: amounts, else quantities, else one each.
fn weights(items: &[Item]) -> Vec<i64> {
    let by = |pick: fn(&Item) -> i64| -> Option<Vec<i64>> {
        let w: Vec<i64> = items.iter().map(pick).map(|v| v.max(0)).collect();
        (w.iter().sum::<i64>() > 0).then_some(w)
    };
    by(|i| i.2)
        .or_else(|| by(|i| i.1))
        .unwrap_or_else(|| vec![1; items.len()])
}

/// `total` shared by `weights` (positive sum), rounded to the storage unit; the last part
/// takes the remainder so the parts add up to `total`.
fn share(total: i64, weights: &[i64]) -> Result<Vec<i64>> {
    let sum = Decimal::from(weights.iter().sum::<i64>());
    let mut out = Vec::with_capacity(weights.len());
    let mut given = 0i64;
    for (k, w) in weights.iter().enumerate() {
        let part = if k + 1 == weights.len() {
            total - given
        } else {
            // `total` is in storage units already: round the share to a whole one.
            let exact = Decimal::from(total) * Decimal::from(*w) / sum;
            exact
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
                .to_i64()
                .ok_or_else(|| Error::Internal(format!("share {exact} out of range")))?
        };
        given += part;
        out.push(part);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_follow_the_weights() {
        // 128.00 over 79.00 and 49.00: exactly the item amounts.
        assert_eq!(
            share(1_280_000, &[790_000, 490_000]).unwrap(),
            vec![790_000, 490_000]
        );
        // 100.0000 in thirds: 33.3333 + 33.3333 + 33.3334 (remainder to the last).
        assert_eq!(
            share(1_000_000, &[1, 1, 1]).unwrap(),
            vec![333_333, 333_333, 333_334]
        );
        // 0.0005 halves: 0.00025 rounds away from zero to 0.0003, the last gets 0.0002.
        assert_eq!(share(5, &[1, 1]).unwrap(), vec![3, 2]);
        assert_eq!(share(0, &[2, 5]).unwrap(), vec![0, 0]);
    }

    #[test]
    fn weights_fall_back_to_qty_then_equal() {
        let item = |qty, amount| (String::new(), qty, amount);
        assert_eq!(weights(&[item(1, 7), item(2, 3)]), vec![7, 3]);
        assert_eq!(weights(&[item(1, 0), item(2, 0)]), vec![1, 2]);
        assert_eq!(weights(&[item(0, 0), item(0, 0)]), vec![1, 1]);
    }
}
