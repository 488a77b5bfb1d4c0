-- Schema 3: fixed-cost sheets import like any file, so each import's fixed costs can be undone
-- exactly. `fixed_costs.import_id` names the import that set the current value (NULL: entered
-- by hand). `fixed_cost_replaced` keeps, per import and key, the value that import replaced
-- (amount NULL: there was none) and who had set it; undoing the import puts that value back
-- (or hands it to the later import that replaced this one's value in turn).
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
