-- Issue 20: the Products screen and the year-end review named each SKU by reading every
-- order line of the period (≈ 1.1 s for a 1M-line year). `agg_sku_day.product` keeps the
-- day's name of the SKU (the greatest non-empty one of its non-cancelled lines, as the view
-- took the greatest of the period); rows added by splitting a per-order line over its items
-- have none (their names never came from the lines).
ALTER TABLE agg_sku_day ADD COLUMN product TEXT;

UPDATE agg_sku_day SET product = n.product
FROM (SELECT store_id, day, sku, MAX(product) AS product FROM order_lines
      WHERE is_current = 1 AND cancelled = 0 AND sku IS NOT NULL AND product <> ''
      GROUP BY store_id, day, sku) AS n
WHERE agg_sku_day.store_id = n.store_id AND agg_sku_day.day = n.day
  AND agg_sku_day.sku = n.sku;
