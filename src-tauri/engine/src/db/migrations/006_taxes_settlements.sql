-- Schema 6: withheld taxes (metrics.md §9) and what the platforms paid (§10).
-- Facts are versioned like the others (`import_id` + `is_current`, one version per import of
-- a natural key) and rebuilt/undone with their import. Money is INTEGER 1/10,000 of the
-- store's currency unit.

-- A tax a platform file says it withheld (Shopee `Thuế GTGT`/`Thuế TNCN`, TikTok `VAT/PIT
-- withheld …`, Lazada). Positive = withheld from the seller, negative = given back on a
-- refund. Estimated taxes are not stored: they follow from `tax_settings` at query time.
-- `reference` is the natural key within the store (e.g. the settlement row's id), `source`
-- the column it came from.
CREATE TABLE tax_rows (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    order_id    TEXT,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- 'vat' | 'income_tax'
    amount      INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    is_current  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (store_id, reference, kind, import_id)
);
CREATE INDEX tax_rows_key ON tax_rows (store_id, reference, kind) WHERE is_current = 1;
CREATE INDEX tax_rows_day ON tax_rows (store_id, day) WHERE is_current = 1;
CREATE INDEX tax_rows_import ON tax_rows (import_id);

-- Money a platform settled: `kind` 'order' = the amount paid for an order after its fees
-- (negative for a refund after settlement; an order settled twice has two rows, two
-- references), 'adjustment' = a row that is not an order's settlement (ad payment,
-- reimbursement, deduction), listed apart and never counted in `settled`. `label` keeps the
-- file's own type text (`GMV Payment for TikTok Ads`, `货款结算入账`).
CREATE TABLE settlements (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    order_id    TEXT,
    day         TEXT NOT NULL,              -- settled date
    kind        TEXT NOT NULL DEFAULT 'order',
    label       TEXT NOT NULL DEFAULT '',
    amount      INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (store_id, reference, import_id)
);
CREATE INDEX settlements_key ON settlements (store_id, reference) WHERE is_current = 1;
CREATE INDEX settlements_order ON settlements (store_id, order_id) WHERE is_current = 1;
CREATE INDEX settlements_day ON settlements (store_id, day) WHERE is_current = 1;
CREATE INDEX settlements_import ON settlements (import_id);

-- Wallet → bank transfers (TikTok `Withdrawal records`, Shopee wallet `Rút Tiền`, Douyin 提现).
-- `amount` positive = money sent to the bank; `status` as the file says it.
CREATE TABLE withdrawals (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    day         TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT '',
    reference   TEXT NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (store_id, reference, import_id)
);
CREATE INDEX withdrawals_key ON withdrawals (store_id, reference) WHERE is_current = 1;
CREATE INDEX withdrawals_import ON withdrawals (import_id);

-- The merchant's tax regime per store (metrics.md §9): 'none' (no row), 'vn_household',
-- 'cn_small_scale', 'flat'; `params_json` holds the regime's settings (threshold, rate,
-- exemption, flat base and percentage) as decimal strings.
CREATE TABLE tax_settings (
    store_id    INTEGER PRIMARY KEY REFERENCES stores(id),
    regime      TEXT NOT NULL,
    params_json TEXT NOT NULL DEFAULT '{}'
);
