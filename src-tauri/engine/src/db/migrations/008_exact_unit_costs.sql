-- Schema 8: SKU unit costs keep every decimal they were given (0.01234 per unit, × 100,000
-- units = 1234.00 of COGS); 1/10,000 units rounded them on the way in. `unit_cost` becomes
-- the exact decimal as TEXT (TEXT affinity: never turned into a float), and so does the value
-- an import replaced. Costs multiply exactly as decimals; only figures are rounded, on output.
CREATE TABLE sku_costs_v7 (
    id          INTEGER PRIMARY KEY,
    currency    TEXT NOT NULL,
    sku         TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    unit_cost   TEXT NOT NULL,             -- exact decimal, e.g. '12.5', '0.01234'
    import_id   INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    UNIQUE (currency, sku, valid_from)
);
-- 1/10,000 units as decimal text: integer part, then the fraction without trailing zeros.
INSERT INTO sku_costs_v7 (id, currency, sku, valid_from, unit_cost, import_id)
SELECT id, currency, sku, valid_from,
       CASE WHEN unit_cost % 10000 = 0 THEN CAST(unit_cost / 10000 AS TEXT)
            ELSE rtrim(printf('%d.%04d', unit_cost / 10000, abs(unit_cost % 10000)), '0') END,
       import_id
FROM sku_costs;
DROP TABLE sku_costs;
ALTER TABLE sku_costs_v7 RENAME TO sku_costs;
CREATE INDEX sku_costs_import ON sku_costs (import_id);

CREATE TABLE sku_cost_replaced_v7 (
    import_id       INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    currency        TEXT NOT NULL,
    sku             TEXT NOT NULL,
    valid_from      TEXT NOT NULL,
    unit_cost       TEXT,
    prior_import_id INTEGER,
    UNIQUE (import_id, currency, sku, valid_from)
);
INSERT INTO sku_cost_replaced_v7 (import_id, currency, sku, valid_from, unit_cost,
                                  prior_import_id)
SELECT import_id, currency, sku, valid_from,
       CASE WHEN unit_cost IS NULL THEN NULL
            WHEN unit_cost % 10000 = 0 THEN CAST(unit_cost / 10000 AS TEXT)
            ELSE rtrim(printf('%d.%04d', unit_cost / 10000, abs(unit_cost % 10000)), '0') END,
       prior_import_id
FROM sku_cost_replaced;
DROP TABLE sku_cost_replaced;
ALTER TABLE sku_cost_replaced_v7 RENAME TO sku_cost_replaced;
CREATE INDEX sku_cost_replaced_prior ON sku_cost_replaced (prior_import_id);
