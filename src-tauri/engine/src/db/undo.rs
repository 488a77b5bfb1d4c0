//! Undo one import: its versions of every fact go, and where one of them was current the
//! newest remaining version (of any import that brought the fact) counts again; costs it set
//! go back to what they were (`replaced.rs`). Table-driven over `facts::FACT_TABLES`.

use rusqlite::Transaction;

use super::aggregates::{rebuild_aggregates, touched_order_days};
use super::facts::{DayOf, FactTable, FACT_TABLES};
use super::replaced::{FIXED_COSTS, SKU_COSTS};
use super::write::DaySpan;
use crate::error::{Error, Result};
use crate::model::{parse_day, ImportId, StoreId};

/// Per store, the first and last day an undo touched (`YYYY-MM-DD`, compared as text).
type Spans = Vec<(i64, String, String)>;

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
    let mut spans: Spans = Vec::new();
    for (store, day) in touched_order_days(tx, import)? {
        widen(&mut spans, store, day);
    }
    for table in FACT_TABLES {
        for (store, day) in undo_table(tx, table, import)? {
            if let Some(day) = day {
                widen(&mut spans, store, day);
            }
        }
    }
    SKU_COSTS.undo(tx, import)?;
    FIXED_COSTS.undo(tx, import)?;
    for (store, from, to) in &spans {
        rebuild_store(tx, StoreId(*store), from, to)?;
    }
    tx.execute("DELETE FROM imports WHERE id = ?1", [import.0])?;
    Ok(())
}

/// Undo `import`'s versions of one fact table: the newest other version of each of its
/// current facts counts again, then its own versions go. Returns the (store, day) touched:
/// this import's facts and the versions promoted.
fn undo_table(
    tx: &Transaction<'_>,
    table: &FactTable,
    import: ImportId,
) -> Result<Vec<(i64, Option<String>)>> {
    let name = table.name;
    // Items have no day: the days of their orders' lines are touched.
    let (day, days_sql) = match table.day {
        DayOf::Column(c) => (
            c.to_string(),
            format!("SELECT DISTINCT store_id, {c} FROM {name} WHERE import_id = ?1"),
        ),
        // The promoted versions are of the same orders: their days are these.
        DayOf::OrderLines => (
            "NULL".to_string(),
            format!(
                "SELECT DISTINCT o.store_id, o.day FROM {name} i
                 JOIN order_lines o ON o.store_id = i.store_id AND o.order_id = i.order_id
                 WHERE i.import_id = ?1"
            ),
        ),
    };
    let mut touched: Vec<(i64, Option<String>)> = tx
        .prepare(&days_sql)?
        .query_map([import.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let promote = format!(
        "UPDATE {name} SET is_current = 1 WHERE id IN (
            SELECT (SELECT o2.id FROM {name} o2
                    WHERE {same} AND o2.import_id <> o.import_id
                    ORDER BY o2.import_id DESC LIMIT 1)
            FROM {name} o WHERE o.import_id = ?1 AND o.is_current = 1)
         RETURNING store_id, {day}",
        same = table.same_key("o2", "o"),
    );
    touched.extend(
        tx.prepare(&promote)?
            .query_map([import.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    if name == "fees" {
        restore_unsourced_fees(tx, import)?;
    }
    tx.execute(
        &format!("DELETE FROM {name} WHERE import_id = ?1"),
        [import.0],
    )?;
    Ok(touched)
}

fn widen(spans: &mut Spans, store: i64, day: String) {
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

/// After an undo: which order-export fees settlements supersede is derived again, and the
/// store's aggregates are rebuilt over the touched days and its whole fee range (superseded
/// rows may sit on other days).
fn rebuild_store(tx: &Transaction<'_>, store: StoreId, from: &str, to: &str) -> Result<()> {
    refresh_superseded(tx, store)?;
    let (fee_from, fee_to): (Option<String>, Option<String>) = tx.query_row(
        "SELECT MIN(day), MAX(day) FROM fees WHERE store_id = ?1",
        [store.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let from = fee_from
        .filter(|f| f.as_str() < from)
        .unwrap_or_else(|| from.to_string());
    let to = fee_to
        .filter(|t| t.as_str() > to)
        .unwrap_or_else(|| to.to_string());
    let span = DaySpan {
        from: parse_day(&from)?,
        to: parse_day(&to)?,
    };
    rebuild_aggregates(tx, store, span)
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

impl crate::Ledger {
    /// Undo one import, restoring what the remaining imports say, in one transaction.
    pub fn undo_import(&mut self, import: ImportId) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        undo_import(&tx, import)?;
        tx.commit()?;
        Ok(())
    }
}
