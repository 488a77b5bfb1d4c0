//! Writing one import into the ledger, inside the caller's transaction.
//!
//! Each fact has a natural key. A fact already present with the same values is a duplicate
//! (nothing written); with other values (a later export saw a refund) a new version is
//! stored and becomes current; within one file a repeated key is overwritten (later row
//! wins) — the mapper gives each key once where rows must add up instead (ad days are
//! summed per key, `import::map::ad_days`). Order-export fees (rank 1) are superseded by settlement fees (rank 2) of the same
//! order and kind. At the end the daily aggregates of the touched days are rebuilt.

mod money;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use rust_decimal::Decimal;

use super::replaced::{Set, FIXED_COSTS, SKU_COSTS};
use crate::error::{Error, Result};
use crate::import::LedgerSink;
use crate::model::{
    AdDay, Currency, FeeRow, FixedCost, ImportId, OrderItem, OrderLine, OrderStatus, Scaled,
    Settlement, SkuCost, StoreId, TaxRow, TrafficDay, Withdrawal,
};

/// What happened to the facts of one file: records, and rows (a row is added when any of
/// its records is new, updated when any changed, a duplicate when all were known).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteCounts {
    pub added: u64,
    pub updated: u64,
    pub duplicates: u64,
    pub rows_added: u64,
    pub rows_updated: u64,
    pub rows_duplicate: u64,
}

/// Records of the row being written, by what happened to them.
#[derive(Debug, Clone, Copy, Default)]
struct RowMarks {
    added: bool,
    updated: bool,
    duplicate: bool,
}

/// Inclusive day span touched by a write, per store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DaySpan {
    fn widen(span: &mut Option<DaySpan>, day: NaiveDate) {
        *span = Some(match *span {
            None => DaySpan { from: day, to: day },
            Some(s) => DaySpan {
                from: s.from.min(day),
                to: s.to.max(day),
            },
        });
    }
}

/// A `LedgerSink` that writes into the ledger for one store and one import.
pub struct LedgerWriter<'t> {
    tx: &'t Transaction<'t>,
    /// None for files that belong to no store (SKU cost sheets).
    store: Option<StoreId>,
    currency: Currency,
    import: ImportId,
    counts: WriteCounts,
    row: RowMarks,
    span: Option<DaySpan>,
    /// The highest fee rank the store holds (None until first asked): a fee can only be
    /// superseded by a higher one, so below it the per-fee lookup is skipped (for an order
    /// export it was a third of the statements run).
    max_rank: Option<i64>,
    /// Whether the store holds schema-1 fees (no source), asked once per import: only then
    /// does a fee's lookup also look for one.
    legacy_fees: Option<bool>,
    /// SKU costs placed per SKU by the currency it sells in (a sheet without store or
    /// currency in a ledger of several currencies).
    per_sku: Option<super::sku_currency::SkuCurrencies>,
    /// The ledger's buyer-id salt, read (or made) on the first buyer of the import.
    buyer_salt: Option<[u8; 16]>,
}

enum Existing {
    None,
    Same,
    /// (row id, import id, day) of the current version.
    Different(i64, i64, String),
}

fn scaled(v: Decimal) -> Result<i64> {
    Ok(Scaled::from_decimal(v)?.0)
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl<'t> LedgerWriter<'t> {
    /// A writer of one import's facts inside `tx`; `finish` ends it. A savepoint lets
    /// `restart` take back what it wrote.
    pub fn new(
        tx: &'t Transaction<'t>,
        store: Option<StoreId>,
        currency: Currency,
        import: ImportId,
    ) -> Result<Self> {
        tx.execute_batch("SAVEPOINT ledger_writer")?;
        Ok(LedgerWriter {
            tx,
            store,
            currency,
            import,
            counts: WriteCounts::default(),
            row: RowMarks::default(),
            span: None,
            max_rank: None,
            legacy_fees: None,
            per_sku: None,
            buyer_salt: None,
        })
    }

    /// Place each SKU cost by the merchant's choice, else the currency its SKU sells in
    /// (`SkuCurrencies`).
    pub fn place_costs_per_sku(
        &mut self,
        chosen: std::collections::HashMap<String, Currency>,
    ) -> Result<()> {
        self.per_sku = Some(super::sku_currency::SkuCurrencies::load(self.tx)?.with_chosen(chosen));
        Ok(())
    }

    /// The SKUs of a per-SKU cost sheet that sell in no single currency.
    pub fn unplaced_skus(&self) -> &[String] {
        self.per_sku.as_ref().map_or(&[], |p| p.unplaced())
    }

    pub fn counts(&self) -> WriteCounts {
        self.counts
    }

    /// Count a cost the row set (costs are values, not versioned facts: `replaced`).
    fn mark(&mut self, set: Set) {
        match set {
            Set::Added => {
                self.counts.added += 1;
                self.row.added = true;
            }
            Set::Updated => {
                self.counts.updated += 1;
                self.row.updated = true;
            }
            Set::Same => {
                self.counts.duplicates += 1;
                self.row.duplicate = true;
            }
        }
    }

    fn store(&self) -> Result<i64> {
        self.store
            .map(|s| s.0)
            .ok_or_else(|| Error::Internal("a cost sheet produced ledger rows".into()))
    }

    /// The current version of a fact. `sql` selects `id, import_id, day` first and then the
    /// compared columns; `same` tells whether the row equals the incoming values.
    fn current(
        &self,
        sql: &str,
        key: impl rusqlite::Params,
        same: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<bool>,
    ) -> Result<Existing> {
        let found = self
            .tx
            .prepare_cached(sql)?
            .query_row(key, |r| {
                Ok(if same(r)? {
                    Existing::Same
                } else {
                    Existing::Different(r.get(0)?, r.get(1)?, r.get(2)?)
                })
            })
            .optional()?;
        Ok(found.unwrap_or(Existing::None))
    }

    /// Classify against the current version; on `Different`, retire it (or, when it came
    /// from this same import, delete it: the later row of the file wins).
    fn settle(&mut self, existing: Existing, table: &str) -> Result<bool> {
        match existing {
            Existing::None => {
                self.counts.added += 1;
                self.row.added = true;
                Ok(true)
            }
            Existing::Same => {
                self.counts.duplicates += 1;
                self.row.duplicate = true;
                Ok(false)
            }
            Existing::Different(id, import, day) => {
                if import == self.import.0 {
                    // Repeated key within this file: the later row wins.
                    self.tx
                        .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
                    self.row.added = true;
                } else {
                    self.tx.execute(
                        &format!("UPDATE {table} SET is_current = 0 WHERE id = ?1"),
                        [id],
                    )?;
                    self.counts.updated += 1;
                    self.row.updated = true;
                }
                if let Ok(d) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                    DaySpan::widen(&mut self.span, d);
                }
                Ok(true)
            }
        }
    }

    /// Touch the days of an order's current lines (its items split them by SKU).
    fn widen_order_days(&mut self, store: i64, order: &str) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT day FROM order_lines
             WHERE store_id = ?1 AND order_id = ?2 AND is_current = 1",
        )?;
        let days: Vec<String> = stmt
            .query_map(params![store, order], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for d in days {
            if let Ok(d) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                DaySpan::widen(&mut self.span, d);
            }
        }
        Ok(())
    }

    /// Whether the store has fees of schema 1 (source ''), asked once per import.
    fn legacy_fees(&mut self, store: i64) -> Result<bool> {
        if let Some(known) = self.legacy_fees {
            return Ok(known);
        }
        let any: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM fees WHERE store_id = ?1 AND source = '')",
            [store],
            |r| r.get(0),
        )?;
        self.legacy_fees = Some(any);
        Ok(any)
    }

    /// The highest fee rank of the store (asked once per import, then kept up to date).
    fn max_rank(&mut self, store: i64) -> Result<i64> {
        if let Some(known) = self.max_rank {
            return Ok(known);
        }
        let max: Option<i64> = self.tx.query_row(
            "SELECT MAX(rank) FROM fees WHERE store_id = ?1",
            [store],
            |r| r.get(0),
        )?;
        let max = max.unwrap_or(i64::MIN);
        self.max_rank = Some(max);
        Ok(max)
    }

    /// Rebuild the aggregates of the touched days; returns the span (None: nothing touched).
    pub fn finish(self) -> Result<(WriteCounts, Option<DaySpan>)> {
        if let (Some(span), Some(store)) = (self.span, self.store) {
            rebuild_aggregates(self.tx, store, span)?;
        }
        self.tx.execute_batch("RELEASE ledger_writer")?;
        Ok((self.counts, self.span))
    }
}

impl LedgerSink for LedgerWriter<'_> {
    fn buyer_hash(&mut self, buyer: &str) -> Result<Option<String>> {
        let salt = match self.buyer_salt {
            Some(s) => s,
            None => *self.buyer_salt.insert(super::buyers::salt(self.tx)?),
        };
        Ok(Some(super::buyers::hash(&salt, buyer)))
    }

    fn order_line(&mut self, l: OrderLine) -> Result<()> {
        let store = self.store()?;
        let f = l.refund_fraction.clamp(Decimal::ZERO, Decimal::ONE);
        let vals = (
            day_text(l.day),
            i64::from(l.status == OrderStatus::Cancelled),
            scaled(l.qty)?,
            scaled(l.list_amount)?,
            scaled(l.seller_discount)?,
            scaled(l.platform_discount)?,
            f.normalize().to_string(),
            scaled(f * l.list_amount)?,
            scaled(f * l.qty)?,
            scaled((Decimal::ONE - f) * l.seller_discount)?,
        );
        let existing = self.current(
            "SELECT id, import_id, day, cancelled, qty, list_amount, seller_discount,
                        platform_discount, refund_fraction, sku, product
                 FROM order_lines
                 WHERE store_id = ?1 AND order_id = ?2 AND line_id = ?3 AND is_current = 1",
            params![store, l.order_id, l.line_id],
            |r| {
                let same = r.get::<_, String>(2)? == vals.0
                    && r.get::<_, i64>(3)? == vals.1
                    && r.get::<_, i64>(4)? == vals.2
                    && r.get::<_, i64>(5)? == vals.3
                    && r.get::<_, i64>(6)? == vals.4
                    && r.get::<_, i64>(7)? == vals.5
                    && r.get::<_, String>(8)? == vals.6
                    && r.get::<_, Option<String>>(9)? == l.sku
                    && r.get::<_, Option<String>>(10)? == l.product;
                Ok(same)
            },
        )?;
        if !self.settle(existing, "order_lines")? {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO order_lines (import_id, store_id, order_id, line_id, sku, product, day,
                    cancelled, qty, list_amount, seller_discount, platform_discount,
                    refund_fraction, refund_amount, refund_qty, subsidy_net, buyer_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                self.import.0,
                store,
                l.order_id,
                l.line_id,
                l.sku,
                l.product,
                vals.0,
                vals.1,
                vals.2,
                vals.3,
                vals.4,
                vals.5,
                vals.6,
                vals.7,
                vals.8,
                vals.9,
                l.buyer_hash,
            ])?;
        DaySpan::widen(&mut self.span, l.day);
        Ok(())
    }

    fn order_item(&mut self, it: OrderItem) -> Result<()> {
        let store = self.store()?;
        let qty = scaled(it.qty)?;
        let amount = scaled(it.amount)?;
        let existing = self.current(
            "SELECT id, import_id, '' AS day, sku, product, qty, amount FROM order_items
                 WHERE store_id = ?1 AND order_id = ?2 AND item_id = ?3 AND is_current = 1",
            params![store, it.order_id, it.item_id],
            |r| {
                let same = r.get::<_, Option<String>>(3)? == it.sku
                    && r.get::<_, Option<String>>(4)? == it.product
                    && r.get::<_, i64>(5)? == qty
                    && r.get::<_, i64>(6)? == amount;
                Ok(same)
            },
        )?;
        if !self.settle(existing, "order_items")? {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO order_items (import_id, store_id, order_id, item_id, sku, product,
                    qty, amount)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                self.import.0,
                store,
                it.order_id,
                it.item_id,
                it.sku,
                it.product,
                qty,
                amount,
            ])?;
        self.widen_order_days(store, &it.order_id)
    }

    fn fee(&mut self, fee: FeeRow) -> Result<()> {
        let store = self.store()?;
        let day = day_text(fee.day);
        let amount = scaled(fee.amount)?;
        let kind = fee.kind.as_str();
        // A fee of schema 1 (no source: '') is the sum of every source of its kind: the
        // first sourced fee of its key replaces it (never a duplicate of it, so the other
        // sources of the kind add up again), and undo brings it back.
        // One plain equality lookup per source (an `IN (?, '')` here made SQLite re-plan the
        // statement on every call: sqlite3RunParser in the import's profile).
        let lookup = |w: &Self, source: &str| {
            w.current(
                "SELECT id, import_id, day, amount, order_id, rank, source FROM fees
                     WHERE store_id = ?1 AND reference = ?2 AND kind = ?3 AND source = ?4
                       AND is_current = 1",
                params![store, fee.reference, kind, source],
                |r| {
                    let same = r.get::<_, String>(2)? == day
                        && r.get::<_, i64>(3)? == amount
                        && r.get::<_, Option<String>>(4)? == fee.order_id
                        && r.get::<_, i64>(5)? == i64::from(fee.rank)
                        && r.get::<_, String>(6)? == fee.source;
                    Ok(same)
                },
            )
        };
        let mut existing = lookup(self, &fee.source)?;
        if matches!(existing, Existing::None)
            && !fee.source.is_empty()
            && self.legacy_fees(store)?
        {
            existing = lookup(self, "")?;
        }
        if !self.settle(existing, "fees")? {
            return Ok(());
        }
        // A settlement's figure for an order replaces the order export's estimate of that kind.
        let superseded = match &fee.order_id {
            Some(order) if fee.rank < 2 && self.max_rank(store)? > i64::from(fee.rank) => self
                .tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM fees WHERE store_id = ?1 AND order_id = ?2
                     AND kind = ?3 AND rank > ?4 AND is_current = 1)",
                )?
                .query_row(params![store, order, kind, fee.rank], |r| {
                    r.get::<_, bool>(0)
                })?,
            Some(_) if fee.rank < 2 => false,
            Some(order) => {
                let mut stmt = self.tx.prepare_cached(
                    "UPDATE fees SET superseded = 1 WHERE store_id = ?1 AND order_id = ?2
                     AND kind = ?3 AND rank < ?4 AND superseded = 0 RETURNING day",
                )?;
                let days = stmt.query_map(params![store, order, kind, fee.rank], |r| {
                    r.get::<_, String>(0)
                })?;
                for d in days {
                    if let Ok(d) = NaiveDate::parse_from_str(&d?, "%Y-%m-%d") {
                        DaySpan::widen(&mut self.span, d);
                    }
                }
                false
            }
            None => false,
        };
        self.tx
            .prepare_cached(
                "INSERT INTO fees (import_id, store_id, order_id, day, kind, amount, reference,
                    rank, superseded, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                self.import.0,
                store,
                fee.order_id,
                day,
                kind,
                amount,
                fee.reference,
                fee.rank,
                superseded,
                fee.source,
            ])?;
        let rank = self.max_rank(store)?.max(i64::from(fee.rank));
        self.max_rank = Some(rank);
        DaySpan::widen(&mut self.span, fee.day);
        Ok(())
    }

    fn ad_day(&mut self, ad: AdDay) -> Result<()> {
        let store = self.store()?;
        let day = day_text(ad.day);
        let spend = scaled(ad.spend)?;
        let sales = scaled(ad.platform_sales)?;
        let existing = self.current(
            "SELECT id, import_id, day, spend, impressions, clicks, platform_sales,
                        platform_orders, collects, add_to_carts, assisted_conversions,
                        last_click_conversions
                 FROM ad_days WHERE store_id = ?1 AND channel = ?2 AND campaign = ?3
                   AND day = ?4 AND window_days = ?5 AND is_current = 1",
            params![store, ad.channel.as_str(), ad.campaign, day, ad.window_days],
            |r| {
                let same = r.get::<_, i64>(3)? == spend
                    && r.get::<_, i64>(4)? == ad.impressions
                    && r.get::<_, i64>(5)? == ad.clicks
                    && r.get::<_, i64>(6)? == sales
                    && r.get::<_, i64>(7)? == ad.platform_orders
                    && r.get::<_, i64>(8)? == ad.collects
                    && r.get::<_, i64>(9)? == ad.add_to_carts
                    && r.get::<_, Option<i64>>(10)? == ad.assisted_conversions
                    && r.get::<_, Option<i64>>(11)? == ad.last_click_conversions;
                Ok(same)
            },
        )?;
        if !self.settle(existing, "ad_days")? {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO ad_days (import_id, store_id, channel, campaign, day, window_days,
                    spend, impressions, clicks, platform_sales, platform_orders, collects,
                    add_to_carts, assisted_conversions, last_click_conversions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                self.import.0,
                store,
                ad.channel.as_str(),
                ad.campaign,
                day,
                ad.window_days,
                spend,
                ad.impressions,
                ad.clicks,
                sales,
                ad.platform_orders,
                ad.collects,
                ad.add_to_carts,
                ad.assisted_conversions,
                ad.last_click_conversions,
            ])?;
        DaySpan::widen(&mut self.span, ad.day);
        Ok(())
    }

    fn traffic_day(&mut self, t: TrafficDay) -> Result<()> {
        let store = self.store()?;
        let day = day_text(t.day);
        let existing = self.current(
            "SELECT id, import_id, day, visitors, page_views FROM traffic_days
                 WHERE store_id = ?1 AND day = ?2 AND is_current = 1",
            params![store, day],
            |r| Ok(r.get::<_, i64>(3)? == t.visitors && r.get::<_, i64>(4)? == t.page_views),
        )?;
        if !self.settle(existing, "traffic_days")? {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO traffic_days (import_id, store_id, day, visitors, page_views)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![self.import.0, store, day, t.visitors, t.page_views])?;
        // No aggregate to rebuild: metrics read traffic_days directly (one row a store day).
        Ok(())
    }

    fn sku_cost(&mut self, cost: SkuCost) -> Result<()> {
        let currency = match (cost.currency, self.per_sku.as_mut()) {
            (Some(c), _) => c,
            (None, None) => self.currency,
            (None, Some(p)) => match p.of(&cost.sku) {
                Some(c) => c,
                None => return Ok(()), // refused as a whole by the pipeline
            },
        };
        let key: [&dyn rusqlite::ToSql; 3] =
            [&currency.code(), &cost.sku, &day_text(cost.valid_from)];
        let set = SKU_COSTS.set(self.tx, self.import, &key, scaled(cost.unit_cost)?)?;
        self.mark(set);
        Ok(())
    }

    fn cost_target(
        &mut self,
        store: Option<&str>,
        currency: Option<Currency>,
        _file: Currency,
    ) -> Result<crate::import::CostTarget> {
        super::costs::row_target(self.tx, store, currency)
    }

    fn fixed_cost(&mut self, cost: FixedCost) -> Result<()> {
        let month = cost.month.format("%Y-%m").to_string();
        let key: [&dyn rusqlite::ToSql; 4] = [
            &cost.store.map(|s| s.0),
            &cost.currency.code(),
            &month,
            &cost.kind,
        ];
        let set = FIXED_COSTS.set(self.tx, self.import, &key, scaled(cost.amount)?)?;
        self.mark(set);
        Ok(())
    }

    fn tax_row(&mut self, t: TaxRow) -> Result<()> {
        money::tax_row(self, t)
    }

    fn settlement(&mut self, s: Settlement) -> Result<()> {
        money::settlement(self, s)
    }

    fn withdrawal(&mut self, w: Withdrawal) -> Result<()> {
        money::withdrawal(self, w)
    }

    fn restart(&mut self) -> Result<()> {
        self.tx.execute_batch("ROLLBACK TO ledger_writer")?;
        self.counts = WriteCounts::default();
        self.row = RowMarks::default();
        self.span = None;
        self.max_rank = None;
        self.legacy_fees = None;
        // A salt made since the savepoint was rolled back with it.
        self.buyer_salt = None;
        Ok(())
    }

    fn end_rows(&mut self, rows: u64) {
        let r = std::mem::take(&mut self.row);
        if r.updated {
            self.counts.rows_updated += rows;
        } else if r.added {
            self.counts.rows_added += rows;
        } else if r.duplicate {
            self.counts.rows_duplicate += rows;
        }
    }
}

/// Recompute the daily aggregates of one store for the days in `span` from current facts.
pub fn rebuild_aggregates(tx: &Transaction<'_>, store: StoreId, span: DaySpan) -> Result<()> {
    let p = params![store.0, day_text(span.from), day_text(span.to)];
    for sql in [
        "DELETE FROM agg_store_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
        // A per-order line split over its items counts the items' units.
        "INSERT INTO agg_store_day (store_id, day, orders, units, gross, refunds, subsidy_net)
         SELECT o.store_id, o.day, COUNT(DISTINCT o.order_id),
                SUM(COALESCE(CASE WHEN o.sku IS NULL AND o.line_id = o.order_id THEN
                    (SELECT SUM(i.qty) FROM order_items i WHERE i.store_id = o.store_id
                       AND i.order_id = o.order_id AND i.is_current = 1) END, o.qty)),
                SUM(o.list_amount), SUM(o.refund_amount), SUM(o.subsidy_net)
         FROM order_lines o
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
           AND o.cancelled = 0
         GROUP BY o.day",
        "DELETE FROM agg_sku_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
        // Lines split over their items are added by `split::add_item_splits`.
        "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds, subsidy_net)
         SELECT o.store_id, o.day, COALESCE(o.sku, ''), SUM(o.qty), SUM(o.qty - o.refund_qty),
                SUM(o.list_amount), SUM(o.refund_amount), SUM(o.subsidy_net)
         FROM order_lines o
         WHERE o.store_id = ?1 AND o.day BETWEEN ?2 AND ?3 AND o.is_current = 1
           AND o.cancelled = 0 AND NOT (o.sku IS NULL AND o.line_id = o.order_id
               AND EXISTS (SELECT 1 FROM order_items i WHERE i.store_id = o.store_id
                           AND i.order_id = o.order_id AND i.is_current = 1))
         GROUP BY o.day, COALESCE(o.sku, '')",
        "DELETE FROM agg_fee_day WHERE store_id = ?1 AND day BETWEEN ?2 AND ?3",
    ] {
        tx.prepare_cached(sql)?.execute(p)?;
    }
    // Fees count under the merchant's kind for their source, if any (`fee_kinds`).
    tx.prepare_cached(&format!(
        "INSERT INTO agg_fee_day (store_id, day, kind, amount)
         SELECT f.store_id, f.day, {kind}, SUM(f.amount)
         FROM fees f {join}
         WHERE f.store_id = ?1 AND f.day BETWEEN ?2 AND ?3 AND f.is_current = 1
           AND f.superseded = 0
         GROUP BY f.day, {kind}",
        kind = super::fee_kinds::FEE_KIND,
        join = super::fee_kinds::FEE_KIND_JOIN,
    ))?
    .execute(p)?;
    super::split::add_item_splits(tx, store, span)
}

/// Undo one import inside `tx`: delete its facts, promote the versions they replaced,
/// re-derive superseded fees and rebuild the touched aggregates.
pub fn undo_import(tx: &Transaction<'_>, import: ImportId) -> Result<()> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM imports WHERE id = ?1)",
        [import.0],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::NotFound(format!("no import with id {}", import.0)));
    }
    // Days and stores touched: this import's facts and the versions about to be promoted.
    // Items have no day: the days of their orders' lines are touched.
    let mut touched_items: Vec<(i64, String)> = tx
        .prepare(
            "SELECT DISTINCT o.store_id, o.day FROM order_items i
             JOIN order_lines o ON o.store_id = i.store_id AND o.order_id = i.order_id
             WHERE i.import_id = ?1",
        )?
        .query_map([import.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute(
        "UPDATE order_items SET is_current = 1 WHERE id IN (
            SELECT (SELECT o2.id FROM order_items o2
                    WHERE o2.store_id = o.store_id AND o2.order_id = o.order_id
                      AND o2.item_id = o.item_id AND o2.import_id <> o.import_id
                    ORDER BY o2.import_id DESC LIMIT 1)
            FROM order_items o WHERE o.import_id = ?1 AND o.is_current = 1)",
        [import.0],
    )?;
    tx.execute("DELETE FROM order_items WHERE import_id = ?1", [import.0])?;
    let mut spans: Vec<(i64, String, String)> = Vec::new();
    for (table, key) in [
        (
            "order_lines",
            "o2.order_id = o.order_id AND o2.line_id = o.line_id",
        ),
        (
            "fees",
            "o2.reference = o.reference AND o2.kind = o.kind AND o2.source = o.source",
        ),
        (
            "ad_days",
            "o2.channel = o.channel AND o2.campaign = o.campaign AND o2.day = o.day
             AND o2.window_days = o.window_days",
        ),
        ("traffic_days", "o2.day = o.day"),
    ] {
        let promote = format!(
            "UPDATE {table} SET is_current = 1 WHERE id IN (
                SELECT (SELECT o2.id FROM {table} o2
                        WHERE o2.store_id = o.store_id AND {key} AND o2.import_id <> o.import_id
                        ORDER BY o2.import_id DESC LIMIT 1)
                FROM {table} o WHERE o.import_id = ?1 AND o.is_current = 1)
             RETURNING store_id, day"
        );
        let mut touched: Vec<(i64, String)> = tx
            .prepare(&promote)?
            .query_map([import.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        touched.append(&mut touched_items);
        touched.extend(
            tx.prepare(&format!(
                "SELECT DISTINCT store_id, day FROM {table} WHERE import_id = ?1"
            ))?
            .query_map([import.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        );
        for (store, day) in touched {
            match spans.iter_mut().find(|s| s.0 == store) {
                Some(s) => {
                    if day < s.1 {
                        s.1 = day.clone();
                    }
                    if day > s.2 {
                        s.2 = day;
                    }
                }
                None => spans.push((store, day.clone(), day)),
            }
        }
        if table == "fees" {
            restore_unsourced_fees(tx, import)?;
        }
        tx.execute(
            &format!("DELETE FROM {table} WHERE import_id = ?1"),
            [import.0],
        )?;
    }
    SKU_COSTS.undo(tx, import)?;
    FIXED_COSTS.undo(tx, import)?;
    money::undo(tx, import)?;
    for (store, from, to) in &spans {
        // Settlement rows may be gone: order-export fees they superseded count again.
        refresh_superseded(tx, StoreId(*store))?;
        // Superseded rows may sit on other days: rebuild the store's whole fee range.
        let (fee_from, fee_to): (Option<String>, Option<String>) = tx.query_row(
            "SELECT MIN(day), MAX(day) FROM fees WHERE store_id = ?1",
            [store],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let from = fee_from
            .filter(|f| f < from)
            .unwrap_or_else(|| from.clone());
        let to = fee_to.filter(|t| t > to).unwrap_or_else(|| to.clone());
        let parse = |d: &str| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|e| Error::Internal(format!("bad day {d:?} in the ledger: {e}")))
        };
        rebuild_aggregates(
            tx,
            StoreId(*store),
            DaySpan {
                from: parse(&from)?,
                to: parse(&to)?,
            },
        )?;
    }
    tx.execute("DELETE FROM imports WHERE id = ?1", [import.0])?;
    Ok(())
}

/// Before `import`'s fees are deleted: a schema-1 fee (no source) that its sourced fees
/// replaced is current again when no other import holds a current fee of its key (its days
/// are rebuilt with the store's whole fee range).
fn restore_unsourced_fees(tx: &Transaction<'_>, import: ImportId) -> Result<()> {
    tx.execute(
        "UPDATE fees SET is_current = 1 WHERE id IN (
            SELECT (SELECT l.id FROM fees l
                    WHERE l.store_id = o.store_id AND l.reference = o.reference
                      AND l.kind = o.kind AND l.source = '' AND l.import_id <> o.import_id
                    ORDER BY l.import_id DESC LIMIT 1)
            FROM fees o WHERE o.import_id = ?1 AND o.source <> ''
              AND NOT EXISTS (SELECT 1 FROM fees c WHERE c.store_id = o.store_id
                    AND c.reference = o.reference AND c.kind = o.kind AND c.is_current = 1
                    AND c.import_id <> o.import_id))",
        [import.0],
    )?;
    Ok(())
}

/// Re-derive which order-export fees of a store a current settlement fee supersedes (after an
/// undo or a merge changed which rows are current).
pub(crate) fn refresh_superseded(tx: &Transaction<'_>, store: StoreId) -> Result<()> {
    tx.execute(
        "UPDATE fees SET superseded = EXISTS (
            SELECT 1 FROM fees f2 WHERE f2.store_id = fees.store_id
              AND f2.order_id = fees.order_id AND f2.kind = fees.kind
              AND f2.rank > fees.rank AND f2.is_current = 1)
         WHERE store_id = ?1 AND order_id IS NOT NULL AND rank < 2",
        [store.0],
    )?;
    Ok(())
}
