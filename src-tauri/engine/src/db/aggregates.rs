//! The daily pre-aggregates (`agg_*`), rebuilt from current facts for the touched days inside
//! the transaction that changed them.

use rusqlite::{params, Transaction};

use super::write::{day_text, DaySpan};
use crate::error::Result;
use crate::model::StoreId;

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
        "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds, subsidy_net)
         SELECT o.store_id, o.day, COALESCE(o.sku, ''), SUM(o.qty), SUM(o.qty - o.refund_qty),
                SUM(o.list_amount), SUM(o.refund_amount), SUM(o.subsidy_net)
         FROM order_lines o
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
           AND o.cancelled = 0 AND NOT (o.sku IS NULL AND o.line_id = o.order_id
               AND EXISTS (SELECT 1 FROM order_items i WHERE i.store_id = o.store_id
                           AND i.order_id = o.order_id AND i.is_current = 1))
         GROUP BY o.day, COALESCE(o.sku, '')",
        "DELETE FROM agg_fee_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
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
    super::split::add_item_splits(tx, store, span)
}
