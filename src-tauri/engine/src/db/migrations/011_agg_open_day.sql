-- Issue 20: whether a period is provisional and its unsettled share (metrics.md §10) looked
-- up every order line's settlement on every summary: 1.6 s per dashboard refresh over a
-- year of 1M lines once settlements were imported. `agg_open_day` holds, per store and
-- order date, the orders no current settlement row of kind 'order' names (by any date) and
-- their value (the value `open_orders` gives an order). It is kept only for stores that hold
-- settlement rows (the only ones judged on settlement); `db/aggregates.rs` rebuilds it with
-- the other daily aggregates, widening the days to those of the orders a settlement names.
CREATE TABLE agg_open_day (
    store_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    orders      INTEGER NOT NULL,
    value       INTEGER NOT NULL,
    PRIMARY KEY (store_id, day)
) WITHOUT ROWID;

INSERT INTO agg_open_day (store_id, day, orders, value)
SELECT store_id, day, COUNT(*), SUM(value) FROM (
    SELECT o.store_id, o.day,
           SUM(o.list_amount - o.refund_amount - o.subsidy_net)
           - COALESCE((SELECT SUM(f.amount) FROM fees f WHERE f.store_id = o.store_id
                 AND f.order_id = o.order_id AND f.kind = 'subsidy' AND f.rank < 2
                 AND f.is_current = 1), 0) AS value
    FROM order_lines o
    WHERE o.is_current = 1 AND o.cancelled = 0
      AND o.store_id IN (SELECT DISTINCT store_id FROM settlements WHERE is_current = 1)
      AND NOT EXISTS (SELECT 1 FROM settlements s INDEXED BY settlements_order
            WHERE s.store_id = o.store_id AND s.order_id = o.order_id
            AND s.kind = 'order' AND s.is_current = 1)
    GROUP BY o.store_id, o.day, o.order_id
    HAVING SUM(o.list_amount - o.refund_amount) > 0)
GROUP BY store_id, day;
