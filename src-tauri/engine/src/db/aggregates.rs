//! The daily pre-aggregates (`agg_*`), rebuilt from current facts for the touched days inside
//! the transaction that changed them.

use rusqlite::{params, Transaction};

use super::write::{day_text, DaySpan};
use crate::error::Result;
use crate::model::{ImportId, StoreId};

/// Recompute the daily aggregates of one store for the days in `span` from current facts.
pub fn rebuild_aggregates(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    let p = params![store.0, day_text(span.from), day_text(span.to)];
    for sql in [
        "DELETE FROM agg_store_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
        // A per-order line split over its items counts the items' units.
        "INSERT INTO agg_store_day (store_id, day, orders, units, gross, refunds, subsidy_net)
         SELECT o.store_id, o.day, COUNT(DISTINCT o.order_id),
                SUM(COALESCE(CASE WHEN o.sku IS NULL AND o.line_id = o.order_id THEN
                    (SELECT SUM(i.qty) FROM order_items i WHERE i.store_id = o.store_id
                       AND i.order_id = o.order_id AND i.is_current = 1) END, o.qty)),
                SUM(o.list_amount), SUM(o.refund_amount), SUM(o.subsidy_net)
         FROM order_lines o
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
           AND o.cancelled = 0
         GROUP BY o.day",
        "DELETE FROM agg_sku_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
        // Lines split over their items are added by `split::add_item_splits`.
        "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds, subsidy_net,
                                  product)
         SELECT o.store_id, o.day, COALESCE(o.sku, ''), SUM(o.qty), SUM(o.qty - o.refund_qty),
                SUM(o.list_amount), SUM(o.refund_amount), SUM(o.subsidy_net),
                MAX(CASE WHEN o.sku IS NOT NULL AND o.product <> '' THEN o.product END)
         FROM order_lines o
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
           AND o.cancelled = 0 AND NOT (o.sku IS NULL AND o.line_id = o.order_id
               AND EXISTS (SELECT 1 FROM order_items i WHERE i.store_id = o.store_id
                           AND i.order_id = o.order_id AND i.is_current = 1))
         GROUP BY o.day, COALESCE(o.sku, '')",
        "DELETE FROM agg_fee_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
        "DELETE FROM agg_tax_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
        "INSERT INTO agg_tax_day (store_id, day, kind, amount)
         SELECT store_id, day, kind, SUM(amount) FROM tax_rows
         WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3 AND is_current = 1
         GROUP BY day, kind",
    ] {
        tx.prepare_cached(sql)?.execute(p)?;
    }
    // Fees count under the merchant's kind for their source, if any (`fee_kinds`).
    tx.prepare_cached(&format!(
        "INSERT INTO agg_fee_day (store_id, day, kind, amount)
         SELECT f.store_id, f.day, {kind}, SUM(f.amount)
         FROM fees f {join}
         WHERE f.store_id = ?1 AND f.day BETWEEN ?2 AND ?3 AND f.is_current = 1
           AND f.superseded = 0
         GROUP BY f.day, {kind}",
        kind = super::fee_kinds::FEE_KIND,
        join = super::fee_kinds::FEE_KIND_JOIN,
    ))?
    .execute(p)?;
    super::split::add_item_splits(tx, store, span)?;
    rebuild_open_days(tx, store, span)
}

/// Every daily aggregate table (a merged store's rows go from each).
pub(crate) const AGGREGATES: [&str; 5] = [
    "agg_store_day",
    "agg_sku_day",
    "agg_fee_day",
    "agg_tax_day",
    "agg_open_day",
];

/// What an order is owed for (metrics.md §10), over its lines `o` grouped by order: its
/// non-cancelled lines' list amounts less refunds and the seller discount left after them,
/// less the order export's own order-level seller discounts (rank-1 `subsidy` fees).
pub(crate) const OPEN_ORDER_VALUE: &str = "SUM(o.list_amount - o.refund_amount - o.subsidy_net)
     - COALESCE((SELECT SUM(f.amount) FROM fees f WHERE f.store_id = o.store_id
           AND f.order_id = o.order_id AND f.kind = 'subsidy' AND f.rank < 2
           AND f.is_current = 1), 0)";

/// An order whose lines are all refunded is owed nothing.
pub(crate) const OPEN_ORDER_HAVING: &str = "SUM(o.list_amount - o.refund_amount) > 0";

/// No current settlement of the line's order dated on or before `by` (an SQL expression; NULL:
/// ever). `INDEXED BY`: left to itself SQLite searched an order's settlement among all the
/// store's settlements up to the day (`settlements_day`), once per order line.
pub(crate) fn not_settled_by(by: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM settlements s INDEXED BY settlements_order
           WHERE s.store_id = o.store_id AND s.order_id = o.order_id
           AND s.kind = 'order' AND s.is_current = 1
           AND s.day <= COALESCE({by}, '9999-12-31'))"
    )
}

/// Whether store ?1 holds current settlement rows: judged on settlement, `agg_open_day` kept.
pub(crate) const HOLDS_SETTLEMENTS: &str =
    "SELECT EXISTS (SELECT 1 FROM settlements WHERE store_id = ?1 AND is_current = 1)";

/// `agg_open_day` (migration 011): per order date, the orders no current settlement names and
/// their value. Kept only for stores holding settlement rows (the stores judged on
/// settlement); for another store it is emptied. An order whose lines carry several dates
/// (no export we read writes one) counts once per date.
fn rebuild_open_days(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    let judged: bool = tx
        .prepare_cached(HOLDS_SETTLEMENTS)?
        .query_row([store.0], |r| r.get(0))?;
    if !judged {
        tx.prepare_cached("DELETE FROM agg_open_day WHERE store_id = ?1")?
            .execute([store.0])?;
        return Ok(());
    }
    let p = params![store.0, day_text(span.from), day_text(span.to)];
    tx.prepare_cached("DELETE FROM agg_open_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3")?
        .execute(p)?;
    tx.prepare_cached(&format!(
        "INSERT INTO agg_open_day (store_id, day, orders, value)
         SELECT ?1, day, COUNT(*), SUM(value) FROM (
             SELECT o.day, {OPEN_ORDER_VALUE} AS value
             FROM order_lines o
             WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
               AND o.cancelled = 0 AND {}
             GROUP BY o.day, o.order_id
             HAVING {OPEN_ORDER_HAVING})
         GROUP BY day",
        not_settled_by("NULL")
    ))?
    .execute(p)?;
    Ok(())
}

/// The (store, day)s of the orders named by `import`'s settlement rows and by every other
/// version of those rows (written or undone, one of them is current now): whether those
/// orders are open may have changed. One statement for the whole import (a lookup per
/// settlement row as it was written cost 27 µs each).
pub(crate) fn settled_order_days(
    tx: &Transaction<'_>,
    import: ImportId,
) -> Result<Vec<(i64, String)>> {
    let days = tx
        .prepare(
            "SELECT DISTINCT o.store_id, o.day FROM settlements s
             JOIN settlements k ON k.store_id = s.store_id AND k.reference = s.reference
             JOIN order_lines o INDEXED BY order_lines_key
               ON o.store_id = k.store_id AND o.order_id = k.order_id AND o.is_current = 1
             WHERE s.import_id = ?1",
        )?
        .query_map([import.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(days)
}
