-- Schema 2: order items from companion files (Taobao/Tmall 宝贝报表 ExportOrderDetailList),
-- for exports with one row per order. An order line with no SKU whose order has current
-- items is split over them, weighted by item amount, when the daily aggregates are rebuilt
-- (so either file may arrive first). Versioned like the other facts; no day of its own
-- (the order line's day applies).
CREATE TABLE order_items (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    order_id    TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    sku         TEXT,
    product     TEXT,
    qty         INTEGER NOT NULL,          -- scaled 1e4
    amount      INTEGER NOT NULL,          -- price × qty, scaled 1e4
    is_current  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (store_id, order_id, item_id, import_id)
);
CREATE INDEX order_items_key ON order_items (store_id, order_id, item_id) WHERE is_current = 1;
CREATE INDEX order_items_import ON order_items (import_id);
