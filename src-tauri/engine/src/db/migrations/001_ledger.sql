-- Fupan ledger, schema 1. Money columns are INTEGER counts of 1/10,000 of the store's
-- currency unit (exact SUMs); days are 'YYYY-MM-DD' text as exported (no time zones).
--
-- Versioned facts: a natural key may be delivered by several imports (overlapping exports,
-- a later export with a refund). Each import that changes a fact stores its own version;
-- `is_current` marks the newest one not undone. Undoing an import deletes its versions and
-- promotes the previous ones, so undo restores the exact earlier state.

CREATE TABLE stores (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    platform    TEXT NOT NULL,
    currency    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (platform, name)
);

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    file_hash   TEXT NOT NULL,
    platform    TEXT NOT NULL,
    report      TEXT NOT NULL,
    store_id    INTEGER REFERENCES stores(id),
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    date_from   TEXT,
    date_to     TEXT,
    skipped_json TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE order_lines (
    id              INTEGER PRIMARY KEY,
    import_id       INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    order_id        TEXT NOT NULL,
    line_id         TEXT NOT NULL,
    sku             TEXT,
    product         TEXT,
    day             TEXT NOT NULL,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    qty             INTEGER NOT NULL,          -- scaled 1e4 like money (fractional units are rare but legal)
    list_amount     INTEGER NOT NULL,
    seller_discount INTEGER NOT NULL,
    platform_discount INTEGER NOT NULL,
    refund_fraction TEXT NOT NULL,             -- exact decimal f
    refund_amount   INTEGER NOT NULL,          -- f × list_amount
    refund_qty      INTEGER NOT NULL,          -- f × qty (scaled)
    subsidy_net     INTEGER NOT NULL,          -- (1 − f) × seller_discount
    buyer_hash      TEXT,
    is_current      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (store_id, order_id, line_id, import_id)
);
CREATE INDEX order_lines_key ON order_lines (store_id, order_id, line_id) WHERE is_current = 1;
CREATE INDEX order_lines_day ON order_lines (store_id, day) WHERE is_current = 1;
CREATE INDEX order_lines_import ON order_lines (import_id);

CREATE TABLE fees (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    order_id    TEXT,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    rank        INTEGER NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 1,   -- newest version of (store, reference, kind)
    superseded  INTEGER NOT NULL DEFAULT 0,   -- an order export's fee refined by a settlement
    UNIQUE (store_id, reference, kind, import_id)
);
CREATE INDEX fees_key ON fees (store_id, reference, kind) WHERE is_current = 1;
CREATE INDEX fees_order ON fees (store_id, order_id, kind);
CREATE INDEX fees_day ON fees (store_id, day);
CREATE INDEX fees_import ON fees (import_id);

CREATE TABLE ad_days (
    id              INTEGER PRIMARY KEY,
    import_id       INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id        INTEGER NOT NULL REFERENCES stores(id),
    channel         TEXT NOT NULL,
    campaign        TEXT NOT NULL DEFAULT '',
    day             TEXT NOT NULL,
    window_days     INTEGER NOT NULL,
    spend           INTEGER NOT NULL,
    impressions     INTEGER NOT NULL DEFAULT 0,
    clicks          INTEGER NOT NULL DEFAULT 0,
    platform_sales  INTEGER NOT NULL DEFAULT 0,
    platform_orders INTEGER NOT NULL DEFAULT 0,
    collects        INTEGER NOT NULL DEFAULT 0,
    add_to_carts    INTEGER NOT NULL DEFAULT 0,
    assisted_conversions   INTEGER,
    last_click_conversions INTEGER,
    is_current      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (store_id, channel, campaign, day, window_days, import_id)
);
CREATE INDEX ad_days_key ON ad_days (store_id, channel, campaign, day, window_days) WHERE is_current = 1;
CREATE INDEX ad_days_day ON ad_days (store_id, day) WHERE is_current = 1;
CREATE INDEX ad_days_import ON ad_days (import_id);

-- Costs are entered by the merchant (or imported from a sheet); `currency` says which
-- stores they apply to (figures never mix currencies).
CREATE TABLE sku_costs (
    id          INTEGER PRIMARY KEY,
    currency    TEXT NOT NULL,
    sku         TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    unit_cost   INTEGER NOT NULL,
    import_id   INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    UNIQUE (currency, sku, valid_from)
);

CREATE TABLE fixed_costs (
    id          INTEGER PRIMARY KEY,
    store_id    INTEGER REFERENCES stores(id),
    currency    TEXT NOT NULL,
    month       TEXT NOT NULL,              -- 'YYYY-MM'
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    UNIQUE (store_id, currency, month, kind)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Column mappings the merchant made for files Fupan did not recognise, reused by header set.
CREATE TABLE mapping_templates (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    header_signature TEXT NOT NULL,
    mapping_json     TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

-- Daily pre-aggregates of current, non-cancelled facts, rebuilt for the affected days of each
-- import or undo inside the same transaction. Every view reads these, never the raw lines.
CREATE TABLE agg_store_day (
    store_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    orders      INTEGER NOT NULL,
    units       INTEGER NOT NULL,
    gross       INTEGER NOT NULL,
    refunds     INTEGER NOT NULL,
    subsidy_net INTEGER NOT NULL,
    PRIMARY KEY (store_id, day)
) WITHOUT ROWID;

CREATE TABLE agg_sku_day (
    store_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    sku         TEXT NOT NULL,
    units       INTEGER NOT NULL,
    net_units   INTEGER NOT NULL,
    gross       INTEGER NOT NULL,
    refunds     INTEGER NOT NULL,
    subsidy_net INTEGER NOT NULL,
    PRIMARY KEY (store_id, day, sku)
) WITHOUT ROWID;

CREATE TABLE agg_fee_day (
    store_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    PRIMARY KEY (store_id, day, kind)
) WITHOUT ROWID;
