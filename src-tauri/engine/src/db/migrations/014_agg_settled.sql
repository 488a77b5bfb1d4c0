-- Issue 20: the Cash view and the year-end review summed the period's settlement rows three
-- times over, looked up for every one of them its order's first day (to split what was
-- settled between the period's orders and earlier ones), and read every settled order's fees
-- of both ranks for the fee drift: 5 s of `cash` over a year of 316k settled orders. They are
-- kept per day instead, rebuilt with the other daily aggregates (`db/aggregates.rs`); the two
-- keyed by order date only for the stores that hold settlement rows (the stores judged on
-- settlement). An order's date is its earliest current line's.
--
-- `agg_settlement_day`: per settled date and kind ('order', 'adjustment'), Σ current rows.
CREATE TABLE agg_settlement_day (
    store_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    PRIMARY KEY (store_id, day, kind)
) WITHOUT ROWID;

INSERT INTO agg_settlement_day (store_id, day, kind, amount)
SELECT store_id, day, kind, SUM(amount) FROM settlements WHERE is_current = 1
GROUP BY store_id, day, kind;

-- `agg_settled_order_day`: per order date and settled date, Σ current settlement rows of kind
-- 'order' of the orders dated that day.
CREATE TABLE agg_settled_order_day (
    store_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    settled_on  TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    PRIMARY KEY (store_id, day, settled_on)
) WITHOUT ROWID;

-- `agg_fee_drift`: per order (with a non-cancelled line) and fee kind that both an order export
-- (rank < 2) and a settlement (rank ≥ 2) speak of, the two sums when they differ. Whether the
-- difference is more than the currency's minor unit is the view's to judge.
CREATE TABLE agg_fee_drift (
    store_id     INTEGER NOT NULL,
    day          TEXT NOT NULL,
    order_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    order_export INTEGER NOT NULL,
    settlement   INTEGER NOT NULL,
    PRIMARY KEY (store_id, day, order_id, kind)
) WITHOUT ROWID;

-- The orders a settlement file charged fees for (rank ≥ 2): only theirs can have drifted, and
-- an order export's import (rank 1) never writes into this index.
CREATE INDEX fees_settled ON fees (store_id, order_id) WHERE rank >= 2;

CREATE TEMP TABLE order_dates AS
SELECT store_id, order_id, MIN(day) AS day, MAX(cancelled = 0) AS live
FROM order_lines
WHERE is_current = 1
  AND store_id IN (SELECT DISTINCT store_id FROM settlements WHERE is_current = 1)
GROUP BY store_id, order_id;

INSERT INTO agg_settled_order_day (store_id, day, settled_on, amount)
SELECT d.store_id, d.day, s.day, SUM(s.amount)
FROM order_dates d
JOIN settlements s INDEXED BY settlements_order
  ON s.store_id = d.store_id AND s.order_id = d.order_id AND s.is_current = 1
 AND s.kind = 'order'
GROUP BY d.store_id, d.day, s.day;

INSERT INTO agg_fee_drift (store_id, day, order_id, kind, order_export, settlement)
SELECT d.store_id, d.day, d.order_id, f.kind,
       SUM(CASE WHEN f.rank < 2 THEN f.amount ELSE 0 END),
       SUM(CASE WHEN f.rank >= 2 THEN f.amount ELSE 0 END)
FROM order_dates d
JOIN fees f ON f.store_id = d.store_id AND f.order_id = d.order_id AND f.is_current = 1
WHERE d.live = 1
GROUP BY d.store_id, d.order_id, f.kind
HAVING MAX(f.rank >= 2) = 1 AND MAX(f.rank < 2) = 1
   AND SUM(CASE WHEN f.rank < 2 THEN f.amount ELSE 0 END)
       <> SUM(CASE WHEN f.rank >= 2 THEN f.amount ELSE 0 END);

DROP TABLE order_dates;
