-- Schema 3: daily store traffic (visitors, page views) from the platforms' shop traffic
-- reports (生意参谋, 电商罗盘, Shopee Business Insights, TikTok Shop / Lazada analytics), for
-- UV value and store conversion (metrics.md §7). One fact per store and day, versioned like
-- the others; small enough (a row per store day) to be read directly, without an aggregate.
CREATE TABLE traffic_days (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    day         TEXT NOT NULL,
    visitors    INTEGER NOT NULL,
    page_views  INTEGER NOT NULL DEFAULT 0,
    is_current  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (store_id, day, import_id)
);
CREATE INDEX traffic_days_key ON traffic_days (store_id, day) WHERE is_current = 1;
CREATE INDEX traffic_days_import ON traffic_days (import_id);
