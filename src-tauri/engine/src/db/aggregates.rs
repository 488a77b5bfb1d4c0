//! The daily pre-aggregates (`agg_*`), rebuilt from current facts for the touched days inside
//! the transaction that changed them.

use rusqlite::{params, Transaction};

use super::day_sums::{DaySums, Emit};
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
    ] {
        tx.prepare_cached(sql)?.execute(p)?;
    }
    for (table, facts) in [
        ("agg_settlement_day", "settlements"),
        ("agg_tax_day", "tax_rows"),
    ] {
        let select = format!(
            "SELECT day, kind, amount FROM {facts}
             WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3 AND is_current = 1"
        );
        rebuild_kind_days(tx, table, &select, store, span)?;
    }
    rebuild_sku_days(tx, store, span)?;
    rebuild_fee_days(tx, store, span)?;
    super::split::add_item_splits(tx, store, span)?;
    rebuild_judged_days(tx, store, span)
}

/// Sum the rows `select` gives for the span (day, key, N integers[, label]) per day and key
/// (`day_sums`: no sort of every row), handing each day's groups to `emit`.
fn sum_days<const N: usize>(
    tx: &Transaction<'_>,
    select: &str,
    store: StoreId,
    span: DaySpan,
    labelled: bool,
    emit: &mut Emit<'_, N>,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(select)?;
    let mut rows = stmt.query(params![store.0, day_text(span.from), day_text(span.to)])?;
    let mut sums = DaySums::<N>::new();
    while let Some(row) = rows.next()? {
        sums.add(row, labelled, emit)?;
    }
    sums.finish(emit)
}

/// `agg_sku_day` of the span's lines, per day and SKU (lines split over their items are
/// added by `split::add_item_splits`).
fn rebuild_sku_days(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    let p = params![store.0, day_text(span.from), day_text(span.to)];
    tx.prepare_cached("DELETE FROM agg_sku_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3")?
        .execute(p)?;
    // A day handed over again (rows out of day order) adds to what was written.
    let mut insert = tx.prepare_cached(
        "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds,
                                  subsidy_net, product)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (store_id, day, sku) DO UPDATE SET
            units = units + excluded.units, net_units = net_units + excluded.net_units,
            gross = gross + excluded.gross, refunds = refunds + excluded.refunds,
            subsidy_net = subsidy_net + excluded.subsidy_net,
            product = COALESCE(MAX(product, excluded.product), product, excluded.product)",
    )?;
    let select = "SELECT o.day, COALESCE(o.sku, ''), o.qty, o.qty - o.refund_qty, o.list_amount,
                o.refund_amount, o.subsidy_net,
                CASE WHEN o.sku IS NOT NULL AND o.product <> '' THEN o.product END
         FROM order_lines o
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
           AND o.cancelled = 0 AND NOT (o.sku IS NULL AND o.line_id = o.order_id
               AND EXISTS (SELECT 1 FROM order_items i WHERE i.store_id = o.store_id
                           AND i.order_id = o.order_id AND i.is_current = 1))";
    sum_days::<5>(tx, select, store, span, true, &mut |day, groups| {
        for (sku, g) in groups {
            let [u, n, gross, r, s] = g.sums;
            insert.execute(params![store.0, day, sku, u, n, gross, r, s, g.label])?;
        }
        Ok(())
    })
}

/// `agg_fee_day` alone: what a change of the merchant's kind for a fee source moves (the
/// other aggregates read fees by the kind their export gave them).
pub(crate) fn rebuild_fee_days(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    // Fees count under the merchant's kind for their source, if any (`fee_kinds`).
    let select = format!(
        "SELECT f.day, {kind}, f.amount
         FROM fees f {join}
         WHERE f.store_id = ?1 AND f.day BETWEEN ?2 AND ?3 AND f.is_current = 1
           AND f.superseded = 0",
        kind = super::fee_kinds::FEE_KIND,
        join = super::fee_kinds::FEE_KIND_JOIN,
    );
    rebuild_kind_days(tx, "agg_fee_day", &select, store, span)
}

/// A `(store_id, day, kind, amount)` aggregate of the span from `select`'s (day, kind,
/// amount) rows.
fn rebuild_kind_days(
    tx: &Transaction<'_>,
    table: &str,
    select: &str,
    store: StoreId,
    span: DaySpan,
) -> Result<()> {
    let p = params![store.0, day_text(span.from), day_text(span.to)];
    tx.prepare_cached(&format!(
        "DELETE FROM {table} WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3"
    ))?
    .execute(p)?;
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO {table} (store_id, day, kind, amount) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (store_id, day, kind) DO UPDATE SET amount = amount + excluded.amount"
    ))?;
    sum_days::<1>(tx, select, store, span, false, &mut |day, groups| {
        for (kind, g) in groups {
            insert.execute(params![store.0, day, kind, g.sums[0]])?;
        }
        Ok(())
    })
}

/// Every daily aggregate table (a merged store's rows go from each).
pub(crate) const AGGREGATES: [&str; 8] = [
    "agg_store_day",
    "agg_sku_day",
    "agg_fee_day",
    "agg_tax_day",
    "agg_settlement_day",
    "agg_open_day",
    "agg_settled_order_day",
    "agg_fee_drift",
];

/// The aggregates kept per order date only for stores judged on settlement.
const JUDGED_AGGREGATES: [&str; 3] = ["agg_open_day", "agg_settled_order_day", "agg_fee_drift"];

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

/// Whether store ?1 holds current settlement rows: judged on settlement (the views'
/// `Judged`, the writer's first settlements) and its judged aggregates kept.
pub(crate) const HOLDS_SETTLEMENTS: &str =
    "SELECT EXISTS (SELECT 1 FROM settlements WHERE store_id = ?1 AND is_current = 1)";

/// The aggregates of a store judged on settlement (it holds settlement rows), per order date;
/// for another store they are emptied.
fn rebuild_judged_days(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    let judged: bool = tx
        .prepare_cached(HOLDS_SETTLEMENTS)?
        .query_row([store.0], |r| r.get(0))?;
    let p = params![store.0, day_text(span.from), day_text(span.to)];
    for agg in JUDGED_AGGREGATES {
        if judged {
            let sql = format!("DELETE FROM {agg} WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3");
            tx.prepare_cached(&sql)?.execute(p)?;
        } else {
            let sql = format!("DELETE FROM {agg} WHERE store_id = ?1");
            tx.prepare_cached(&sql)?.execute([store.0])?;
        }
    }
    if judged {
        rebuild_open_days(tx, p)?;
        rebuild_settled_orders(tx, store, span)?;
    }
    Ok(())
}

/// `agg_open_day` (migration 011): per order date, the orders no current settlement names and
/// their value. An order whose lines carry several dates (no export we read writes one)
/// counts once per date.
fn rebuild_open_days(tx: &Transaction<'_>, p: impl rusqlite::Params) -> Result<()> {
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

/// The table of the orders dated in the span that `rebuild_settled_orders` fills.
pub(crate) const SPAN_ORDERS: &str = "CREATE TEMP TABLE IF NOT EXISTS span_orders (
    order_id TEXT PRIMARY KEY, day TEXT NOT NULL, live INTEGER NOT NULL
) WITHOUT ROWID;";

/// What was settled for the span's orders, per order date and settled date. `CROSS JOIN`
/// keeps the span's orders outside: left to itself SQLite read every settlement of the store
/// and searched the span for each (`plans.rs` pins the plan).
pub(crate) const SETTLED_ORDER_DAYS: &str =
    "INSERT INTO agg_settled_order_day (store_id, day, settled_on, amount)
     SELECT ?1, d.day, s.day, SUM(s.amount)
     FROM temp.span_orders d
     CROSS JOIN settlements s INDEXED BY settlements_order
       ON s.store_id = ?1 AND s.order_id = d.order_id AND s.is_current = 1
      AND s.kind = 'order'
     GROUP BY d.day, s.day";

/// The span's orders' fee kinds both ranks speak of (`metrics::query::settlement::fee_drift`)
/// where the sums differ, for the orders a settlement charged fees for (few of a new order
/// export's). `CROSS JOIN` as above: otherwise every fee of the store was read (1.8 s for a
/// 100k-line import into a settled year).
pub(crate) const FEE_DRIFT: &str =
    "INSERT INTO agg_fee_drift (store_id, day, order_id, kind, order_export, settlement)
     SELECT ?1, d.day, d.order_id, f.kind, SUM(CASE WHEN f.rank < 2 THEN f.amount END),
            SUM(CASE WHEN f.rank >= 2 THEN f.amount END)
     FROM temp.span_orders d
     CROSS JOIN fees f INDEXED BY fees_order
       ON f.store_id = ?1 AND f.order_id = d.order_id AND f.is_current = 1
     WHERE d.live = 1 AND EXISTS (SELECT 1 FROM fees x INDEXED BY fees_settled
           WHERE x.store_id = ?1 AND x.order_id = d.order_id AND x.rank >= 2)
     GROUP BY d.order_id, f.kind
     HAVING MAX(f.rank >= 2) = 1 AND MAX(f.rank < 2) = 1
        AND SUM(CASE WHEN f.rank < 2 THEN f.amount END)
            <> SUM(CASE WHEN f.rank >= 2 THEN f.amount END)";

/// `agg_settled_order_day` and `agg_fee_drift` (migration 014) of the orders dated in the
/// span: their earliest current line is in it. An order with a line before the span is dated
/// before it and left alone; the writer and undo widen a span to every line of the orders
/// they touch (`touched_order_days`), so an order's date moving is always seen at both ends.
fn rebuild_settled_orders(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    let (from, to) = (day_text(span.from), day_text(span.to));
    let first: Option<String> = tx
        .prepare_cached(
            "SELECT MIN(day) FROM order_lines INDEXED BY order_lines_day
             WHERE store_id = ?1 AND is_current = 1",
        )?
        .query_row([store.0], |r| r.get(0))?;
    // The search for an earlier line is needed only when the store has lines before the span.
    let dated_here = if first.is_some_and(|f| f < from) {
        "HAVING NOT EXISTS (SELECT 1 FROM order_lines e INDEXED BY order_lines_key
             WHERE e.store_id = ?1 AND e.order_id = o.order_id AND e.is_current = 1
               AND e.day < ?2)"
    } else {
        ""
    };
    tx.execute_batch(SPAN_ORDERS)?;
    tx.prepare_cached("DELETE FROM temp.span_orders")?
        .execute([])?;
    tx.prepare_cached(&format!(
        "INSERT INTO temp.span_orders (order_id, day, live)
         SELECT o.order_id, MIN(o.day), MAX(o.cancelled = 0)
         FROM order_lines o INDEXED BY order_lines_day
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
         GROUP BY o.order_id {dated_here}"
    ))?
    .execute(params![store.0, from, to])?;
    for sql in [SETTLED_ORDER_DAYS, FEE_DRIFT] {
        tx.prepare_cached(sql)?.execute([store.0])?;
    }
    tx.prepare_cached("DELETE FROM temp.span_orders")?
        .execute([])?;
    Ok(())
}

/// The (store, day)s of every current line of the orders `import` names — through its order
/// lines, its fees and its settlement rows and every other version of those rows (written or
/// undone, one of them is current now) — when its store is judged on settlement: whether
/// those orders are open, what was settled for them, their fee drift and their date may have
/// changed. One statement for the whole import (a lookup per row as it was written cost
/// 27 µs each); none for a store without settlement rows, whose judged aggregates are empty.
pub(crate) fn touched_order_days(
    tx: &Transaction<'_>,
    import: ImportId,
) -> Result<Vec<(i64, String)>> {
    let judged: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM settlements WHERE is_current = 1
           AND store_id = (SELECT store_id FROM imports WHERE id = ?1))",
        [import.0],
        |r| r.get(0),
    )?;
    if !judged {
        return Ok(Vec::new());
    }
    let days = tx
        .prepare(
            "SELECT DISTINCT o.store_id, o.day FROM (
                 SELECT k.store_id, k.order_id FROM settlements s
                 JOIN settlements k ON k.store_id = s.store_id AND k.reference = s.reference
                 WHERE s.import_id = ?1
                 UNION SELECT store_id, order_id FROM order_lines WHERE import_id = ?1
                 UNION SELECT store_id, order_id FROM fees
                       WHERE import_id = ?1 AND order_id IS NOT NULL) t
             JOIN order_lines o INDEXED BY order_lines_key
               ON o.store_id = t.store_id AND o.order_id = t.order_id AND o.is_current = 1",
        )?
        .query_map([import.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(days)
}
