//! Writing one import into the ledger, inside the caller's transaction.
//!
//! Each fact has a natural key (`facts.rs`). A fact already present with the same values is a
//! duplicate (this import keeps a non-current copy, so it still holds the fact when the
//! import that brought it first is undone); with other values (a later export saw a refund) a new version is
//! stored and becomes current; within one file a repeated key is overwritten (later row
//! wins) — the mapper gives each key once where rows must add up instead (ad days are
//! summed per key, `import::map::ad_days`). Order-export fees (rank 1) are superseded by settlement fees (rank 2) of the same
//! order and kind. At the end the daily aggregates of the touched days are rebuilt.

mod money;

use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{params, Transaction};
use rust_decimal::Decimal;

use super::aggregates::rebuild_aggregates;
use super::facts::{Existing, FactTable, AD_DAYS, FEES, ORDER_ITEMS, ORDER_LINES, TRAFFIC_DAYS};
use super::replaced::{Set, FIXED_COSTS, SKU_COSTS};
use crate::error::{Error, Result};
use crate::model::LedgerSink;
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
    /// Whether the store held settlement rows before this import (asked on its first
    /// settlement): a store's first settlements make it judged, and its judged aggregates
    /// (`agg_open_day`, …) are then built over all its days.
    had_settlements: Option<bool>,
}

/// What to do with an incoming fact after comparing it with the current version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Put {
    /// This import already holds it.
    Skip,
    /// Known with the same values: keep this import's copy (not current).
    Copy,
    /// New or changed: it becomes the current version.
    Current,
}

fn scaled(v: Decimal) -> Result<i64> {
    Ok(Scaled::from_decimal(v)?.0)
}

/// The days of one order's current lines, searched by order id. `INDEXED BY`: without
/// statistics SQLite takes `store_id = ?` for a rare value and planned this over
/// `order_lines_day`, reading every line of the store once per item imported (2,000 items
/// into a 100k-line store took 33 s; `plans.rs` checks every per-order lookup).
pub(crate) const ORDER_DAYS: &str =
    "SELECT DISTINCT day FROM order_lines INDEXED BY order_lines_key
     WHERE store_id = ?1 AND order_id = ?2 AND is_current = 1";

/// The order-export fees a settlement fee of the order and kind supersedes (?4: its rank),
/// marked one by one by row id: one `UPDATE` over this search made SQLite keep a statement
/// journal (a temporary file) for every settlement fee, ~7 % of a settlement import.
pub(crate) const SUPERSEDED_BY: &str = "SELECT id, day FROM fees
     WHERE store_id = ?1 AND order_id = ?2 AND kind = ?3 AND rank < ?4 AND superseded = 0";

/// A yes/no the import asks of the store once (`sql` takes the store as ?1), kept in `known`.
fn asked_once(
    tx: &Transaction<'_>,
    known: &mut Option<bool>,
    sql: &str,
    store: i64,
) -> Result<bool> {
    if let Some(k) = *known {
        return Ok(k);
    }
    let any: bool = tx.query_row(sql, [store], |r| r.get(0))?;
    *known = Some(any);
    Ok(any)
}

/// 'YYYY-MM-DD' (written directly: chrono's `format` parses its pattern on every call, once
/// per fact of an import).
pub(crate) fn day_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
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
            had_settlements: None,
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

    /// Classify against the current version; a changed fact retires it (a version of this
    /// same import is replaced on insert: the later row of the file wins).
    fn settle(&mut self, existing: Existing, table: &FactTable) -> Result<Put> {
        match existing {
            Existing::None => {
                self.counts.added += 1;
                self.row.added = true;
                Ok(Put::Current)
            }
            Existing::Same { import } => {
                self.counts.duplicates += 1;
                self.row.duplicate = true;
                Ok(if import == self.import.0 {
                    Put::Skip
                } else {
                    Put::Copy
                })
            }
            Existing::Different { id, import, day } => {
                if import == self.import.0 {
                    // Repeated key within this file: the later row wins.
                    self.row.added = true;
                } else {
                    self.tx
                        .prepare_cached(&format!(
                            "UPDATE {} SET is_current = 0 WHERE id = ?1",
                            table.name
                        ))?
                        .execute([id])?;
                    self.counts.updated += 1;
                    self.row.updated = true;
                }
                if let Ok(d) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                    DaySpan::widen(&mut self.span, d);
                }
                Ok(Put::Current)
            }
        }
    }

    /// Compare, settle and store one fact of `table`; true when it became current.
    fn put(
        &mut self,
        table: &FactTable,
        key: &[&dyn ToSql],
        compared: &[&dyn ToSql],
        extra: &[&dyn ToSql],
    ) -> Result<bool> {
        let store = self.store()?;
        let existing = table.current(self.tx, store, key, compared)?;
        let put = self.settle(existing, table)?;
        if put != Put::Skip {
            let current = put == Put::Current;
            table.insert(self.tx, self.import.0, store, key, compared, extra, current)?;
        }
        Ok(put == Put::Current)
    }

    /// Touch the days of an order's current lines (its items split them by SKU).
    fn widen_order_days(&mut self, store: i64, order: &str) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(ORDER_DAYS)?;
        let days: Vec<String> = stmt
            .query_map(params![store, order], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.widen_days(days);
        Ok(())
    }

    /// Touch days given as stored text ('YYYY-MM-DD').
    fn widen_days(&mut self, days: impl IntoIterator<Item = String>) {
        for d in days {
            if let Ok(d) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                DaySpan::widen(&mut self.span, d);
            }
        }
    }

    /// A settlement's figure for an order replaces the order export's estimate of that kind:
    /// whether `fee` (of an order export) is superseded already, or (of a settlement) marks
    /// the order-export fees it supersedes, widening the days to rebuild.
    fn supersede(&mut self, store: i64, fee: &FeeRow, kind: &str) -> Result<bool> {
        Ok(match &fee.order_id {
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
                let found: Vec<(i64, String)> = (self.tx.prepare_cached(SUPERSEDED_BY)?)
                    .query_map(params![store, order, kind, fee.rank], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let mut mark = self
                    .tx
                    .prepare_cached("UPDATE fees SET superseded = 1 WHERE id = ?1")?;
                for (id, day) in found {
                    mark.execute([id])?;
                    self.widen_days([day]);
                }
                false
            }
            None => false,
        })
    }

    /// Whether the store has fees of schema 1 (source ''), asked once per import.
    fn legacy_fees(&mut self, store: i64) -> Result<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM fees WHERE store_id = ?1 AND source = '')";
        asked_once(self.tx, &mut self.legacy_fees, sql, store)
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

    /// Whether the store held settlement rows before this import (asked once).
    fn had_settlements(&mut self, store: i64) -> Result<bool> {
        let sql = super::aggregates::HOLDS_SETTLEMENTS;
        asked_once(self.tx, &mut self.had_settlements, sql, store)
    }

    /// A store judged on settlement for the first time: every day of its lines is rebuilt
    /// (`agg_open_day` starts with all its orders).
    fn widen_to_all_lines(&mut self, store: StoreId) -> Result<()> {
        let (lo, hi): (Option<String>, Option<String>) = self.tx.query_row(
            "SELECT MIN(day), MAX(day) FROM order_lines WHERE store_id = ?1 AND is_current = 1",
            [store.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        self.widen_days([lo, hi].into_iter().flatten());
        Ok(())
    }

    /// Rebuild the aggregates of the touched days; returns the span (None: nothing touched).
    pub fn finish(mut self) -> Result<(WriteCounts, Option<DaySpan>)> {
        if let (Some(false), Some(store)) = (self.had_settlements, self.store) {
            self.widen_to_all_lines(store)?;
        } else if self.span.is_some() {
            let days = super::aggregates::touched_order_days(self.tx, self.import)?;
            self.widen_days(days.into_iter().map(|(_, d)| d));
        }
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
        let f = l.refund_fraction.clamp(Decimal::ZERO, Decimal::ONE);
        let compared: [&dyn ToSql; 9] = [
            &day_text(l.day),
            &i64::from(l.status == OrderStatus::Cancelled),
            &scaled(l.qty)?,
            &scaled(l.list_amount)?,
            &scaled(l.seller_discount)?,
            &scaled(l.platform_discount)?,
            &f.normalize().to_string(),
            &l.sku,
            &l.product,
        ];
        let extra: [&dyn ToSql; 4] = [
            &scaled(f * l.list_amount)?,
            &scaled(f * l.qty)?,
            &scaled((Decimal::ONE - f) * l.seller_discount)?,
            &l.buyer_hash,
        ];
        let key: [&dyn ToSql; 2] = [&l.order_id, &l.line_id];
        if self.put(&ORDER_LINES, &key, &compared, &extra)? {
            DaySpan::widen(&mut self.span, l.day);
        }
        Ok(())
    }

    fn order_item(&mut self, it: OrderItem) -> Result<()> {
        let compared: [&dyn ToSql; 4] =
            [&it.sku, &it.product, &scaled(it.qty)?, &scaled(it.amount)?];
        let key: [&dyn ToSql; 2] = [&it.order_id, &it.item_id];
        if self.put(&ORDER_ITEMS, &key, &compared, &[])? {
            let store = self.store()?;
            self.widen_order_days(store, &it.order_id)?;
        }
        Ok(())
    }

    fn fee(&mut self, fee: FeeRow) -> Result<()> {
        let store = self.store()?;
        let day = day_text(fee.day);
        let amount = scaled(fee.amount)?;
        let kind = fee.kind.as_str();
        let compared: [&dyn ToSql; 4] = [&day, &amount, &fee.order_id, &fee.rank];
        // A fee of schema 1 (no source: '') is the sum of every source of its kind: the
        // first sourced fee of its key replaces it (never a duplicate of it, so the other
        // sources of the kind add up again), and undo brings it back.
        // One plain equality lookup per source (an `IN (?, '')` here made SQLite re-plan the
        // statement on every call: sqlite3RunParser in the import's profile).
        let key: [&dyn ToSql; 3] = [&fee.reference, &kind, &fee.source];
        let mut existing = FEES.current(self.tx, store, &key, &compared)?;
        if matches!(existing, Existing::None)
            && !fee.source.is_empty()
            && self.legacy_fees(store)?
        {
            let legacy: [&dyn ToSql; 3] = [&fee.reference, &kind, &""];
            // Compared with no amount (a NOT NULL column): a legacy fee is never the same
            // fact as a sourced one, only replaced by it.
            let never: [&dyn ToSql; 4] = [&day, &None::<i64>, &fee.order_id, &fee.rank];
            existing = FEES.current(self.tx, store, &legacy, &never)?;
        }
        let put = self.settle(existing, &FEES)?;
        if put == Put::Skip {
            return Ok(());
        }
        if put == Put::Copy {
            // Not current: whether it is superseded is derived again if it is promoted.
            let extra: [&dyn ToSql; 1] = [&false];
            FEES.insert(
                self.tx,
                self.import.0,
                store,
                &key,
                &compared,
                &extra,
                false,
            )?;
            return Ok(());
        }
        let superseded = self.supersede(store, &fee, kind)?;
        let extra: [&dyn ToSql; 1] = [&superseded];
        FEES.insert(self.tx, self.import.0, store, &key, &compared, &extra, true)?;
        let rank = self.max_rank(store)?.max(i64::from(fee.rank));
        self.max_rank = Some(rank);
        DaySpan::widen(&mut self.span, fee.day);
        Ok(())
    }

    fn ad_day(&mut self, ad: AdDay) -> Result<()> {
        let compared: [&dyn ToSql; 9] = [
            &scaled(ad.spend)?,
            &ad.impressions,
            &ad.clicks,
            &scaled(ad.platform_sales)?,
            &ad.platform_orders,
            &ad.collects,
            &ad.add_to_carts,
            &ad.assisted_conversions,
            &ad.last_click_conversions,
        ];
        let key: [&dyn ToSql; 4] = [
            &ad.channel.as_str(),
            &ad.campaign,
            &day_text(ad.day),
            &ad.window_days,
        ];
        if self.put(&AD_DAYS, &key, &compared, &[])? {
            DaySpan::widen(&mut self.span, ad.day);
        }
        Ok(())
    }

    fn traffic_day(&mut self, t: TrafficDay) -> Result<()> {
        let compared: [&dyn ToSql; 2] = [&t.visitors, &t.page_views];
        // No aggregate to rebuild: metrics read traffic_days directly (one row a store day).
        let key: [&dyn ToSql; 1] = [&day_text(t.day)];
        self.put(&TRAFFIC_DAYS, &key, &compared, &[])?;
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
        let exact = super::costs::unit_cost_text(cost.unit_cost);
        let set = SKU_COSTS.set(self.tx, self.import, &key, exact)?;
        self.mark(set);
        Ok(())
    }

    fn cost_target(
        &mut self,
        store: Option<&str>,
        currency: Option<Currency>,
        _file: Currency,
    ) -> Result<crate::model::CostTarget> {
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
        let amount = rusqlite::types::Value::Integer(scaled(cost.amount)?);
        let set = FIXED_COSTS.set(self.tx, self.import, &key, amount)?;
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
        self.had_settlements = None;
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
