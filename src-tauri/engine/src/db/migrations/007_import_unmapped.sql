-- Issue 15: the money columns of an imported file that no format role read (a platform's
-- new fee column), kept with the import so the history shows them: a JSON array of
-- {"column", "rows_with_money", "total"} (import/map/unmapped.rs).
ALTER TABLE imports ADD COLUMN unmapped_json TEXT NOT NULL DEFAULT '[]';
