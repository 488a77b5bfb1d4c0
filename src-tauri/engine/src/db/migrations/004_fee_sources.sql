-- Schema 3: each fee remembers where it came from, and a merchant may count a source under
-- another kind.
--
-- `fees.source` is the export column (its first alias in the format table), fee name or
-- scene an amount came from; '' = imported before sources were kept (counted under its own
-- kind, never overridden; a later import of the same fact replaces it by sourced rows). The
-- source is part of the natural key, so two fee columns of one kind on one order are two
-- facts. `kind` stays the format's classification (settlement superseding compares it).
--
-- `fee_kind_overrides`: the kind under which a platform's source counts in every figure
-- instead of its format's kind. Aggregates are rebuilt whenever it changes.
CREATE TABLE fees_v3 (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    store_id    INTEGER NOT NULL REFERENCES stores(id),
    order_id    TEXT,
    day         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    reference   TEXT NOT NULL,
    rank        INTEGER NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 1,   -- newest version of (store, reference, kind, source)
    superseded  INTEGER NOT NULL DEFAULT 0,   -- an order export's fee refined by a settlement
    source      TEXT NOT NULL DEFAULT '',
    UNIQUE (store_id, reference, kind, source, import_id)
);
INSERT INTO fees_v3 (id, import_id, store_id, order_id, day, kind, amount, reference, rank,
                     is_current, superseded, source)
SELECT id, import_id, store_id, order_id, day, kind, amount, reference, rank, is_current,
       superseded, ''
FROM fees;
DROP TABLE fees;
ALTER TABLE fees_v3 RENAME TO fees;
CREATE INDEX fees_key ON fees (store_id, reference, kind, source) WHERE is_current = 1;
CREATE INDEX fees_order ON fees (store_id, order_id, kind);
CREATE INDEX fees_day ON fees (store_id, day);
CREATE INDEX fees_import ON fees (import_id);

CREATE TABLE fee_kind_overrides (
    platform    TEXT NOT NULL,
    source      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    PRIMARY KEY (platform, source)
) WITHOUT ROWID;
