-- Issue 20: every summary summed the tax rows platforms withheld straight from `tax_rows`: a
-- year of Shopee income reports holds two rows per paid order (VAT and personal income tax),
-- 633k rows for a 1M-line year, 0.6 s of each dashboard refresh. `agg_tax_day` is their
-- daily sum per kind, rebuilt with the other daily aggregates (`db/aggregates.rs`).
CREATE TABLE agg_tax_day (
    store_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    PRIMARY KEY (store_id, day, kind)
) WITHOUT ROWID;

INSERT INTO agg_tax_day (store_id, day, kind, amount)
SELECT store_id, day, kind, SUM(amount) FROM tax_rows WHERE is_current = 1
GROUP BY store_id, day, kind;
