-- Schema 3: cost sheets (fixed costs, SKU unit costs) import like any file, and undoing one
-- restores the exact costs before it (db/replaced.rs). `fixed_costs.import_id` (and the
-- existing `sku_costs.import_id`) names the import that set the current value (NULL: entered
-- by hand). `*_replaced` keeps, per import and key, the value that import replaced (NULL:
-- there was none) and who had set it; undoing the import puts that value back (or hands it
-- to the later import that replaced this one's value in turn).
ALTER TABLE fixed_costs ADD COLUMN import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL;
CREATE INDEX fixed_costs_import ON fixed_costs (import_id);

CREATE TABLE fixed_cost_replaced (
    import_id       INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id        INTEGER,
    currency        TEXT NOT NULL,
    month           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    amount          INTEGER,
    prior_import_id INTEGER
);
-- One entry per import and key (the first value it replaced); NULL store ids compare equal.
CREATE UNIQUE INDEX fixed_cost_replaced_key
    ON fixed_cost_replaced (import_id, COALESCE(store_id, 0), currency, month, kind);
CREATE INDEX fixed_cost_replaced_prior ON fixed_cost_replaced (prior_import_id);

CREATE TABLE sku_cost_replaced (
    import_id       INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    currency        TEXT NOT NULL,
    sku             TEXT NOT NULL,
    valid_from      TEXT NOT NULL,
    unit_cost       INTEGER,
    prior_import_id INTEGER,
    UNIQUE (import_id, currency, sku, valid_from)
);
CREATE INDEX sku_cost_replaced_prior ON sku_cost_replaced (prior_import_id);
CREATE INDEX sku_costs_import ON sku_costs (import_id);
