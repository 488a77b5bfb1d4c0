-- Issue 20: which ad rows count as spend under the longest-window rule (metrics.md §7: a
-- (store, channel, campaign, day) reported for several attribution windows counts once, at
-- its longest window) was a correlated index seek per ad row in every query; over five years
-- of daily rows the channels view paid it four times (≈ 170 ms). `counted` holds the answer:
-- 1 for the current row of the longest current window of its key, else 0. The triggers
-- keep it true whatever changes the rows (the writer, undo's promotions and deletes, a
-- store merge moving rows, tests inserting by hand): after any change to a row's key or to
-- whether it is current, the flags of its old and new key are derived again (a key holds a
-- handful of rows).
ALTER TABLE ad_days ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;

UPDATE ad_days SET counted = (is_current = 1 AND window_days = (
    SELECT MAX(b.window_days) FROM ad_days b
    WHERE b.is_current = 1 AND b.store_id = ad_days.store_id AND b.channel = ad_days.channel
      AND b.campaign = ad_days.campaign AND b.day = ad_days.day));

CREATE INDEX ad_days_counted ON ad_days (store_id, day) WHERE counted = 1;

CREATE TRIGGER ad_days_counted_insert AFTER INSERT ON ad_days BEGIN
    UPDATE ad_days SET counted = (is_current = 1 AND window_days = (
        SELECT MAX(b.window_days) FROM ad_days b
        WHERE b.is_current = 1 AND b.store_id = NEW.store_id AND b.channel = NEW.channel
          AND b.campaign = NEW.campaign AND b.day = NEW.day))
    WHERE store_id = NEW.store_id AND channel = NEW.channel AND campaign = NEW.campaign
      AND day = NEW.day;
END;

CREATE TRIGGER ad_days_counted_delete AFTER DELETE ON ad_days BEGIN
    UPDATE ad_days SET counted = (is_current = 1 AND window_days = (
        SELECT MAX(b.window_days) FROM ad_days b
        WHERE b.is_current = 1 AND b.store_id = OLD.store_id AND b.channel = OLD.channel
          AND b.campaign = OLD.campaign AND b.day = OLD.day))
    WHERE store_id = OLD.store_id AND channel = OLD.channel AND campaign = OLD.campaign
      AND day = OLD.day;
END;

CREATE TRIGGER ad_days_counted_update
AFTER UPDATE OF store_id, channel, campaign, day, window_days, is_current ON ad_days BEGIN
    UPDATE ad_days SET counted = (is_current = 1 AND window_days = (
        SELECT MAX(b.window_days) FROM ad_days b
        WHERE b.is_current = 1 AND b.store_id = OLD.store_id AND b.channel = OLD.channel
          AND b.campaign = OLD.campaign AND b.day = OLD.day))
    WHERE store_id = OLD.store_id AND channel = OLD.channel AND campaign = OLD.campaign
      AND day = OLD.day;
    UPDATE ad_days SET counted = (is_current = 1 AND window_days = (
        SELECT MAX(b.window_days) FROM ad_days b
        WHERE b.is_current = 1 AND b.store_id = NEW.store_id AND b.channel = NEW.channel
          AND b.campaign = NEW.campaign AND b.day = NEW.day))
    WHERE store_id = NEW.store_id AND channel = NEW.channel AND campaign = NEW.campaign
      AND day = NEW.day;
END;
