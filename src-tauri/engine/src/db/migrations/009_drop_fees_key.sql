-- Issue 20: `fees_key` (store_id, reference, kind, source) WHERE is_current = 1 repeats the
-- leading columns of the table's UNIQUE (store_id, reference, kind, source, import_id): the
-- writer's lookup of a fee's current version and undo's searches by key use that one (a key
-- has a version per import that brought it, a handful at most). Dropped: one B-tree less to
-- update for every fee an import writes. (`order_lines_key` stays: queries of an order's
-- current lines by order id alone would otherwise be planned over `order_lines_day`.)
DROP INDEX IF EXISTS fees_key;
