//! Undo one import: its versions of every fact go, and where one of them was current the
//! newest remaining version (of any import that brought the fact) counts again; costs it set
//! go back to what they were (`replaced.rs`). Table-driven over `facts::FACT_TABLES`.

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::aggregates::rebuild_aggregates;
use super::facts::{DayOf, FACT_TABLES};
use super::replaced::{FIXED_COSTS, SKU_COSTS};
use super::write::DaySpan;
use crate::error::{Error, Result};
use crate::model::{ImportId, StoreId};

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
    // Per store, the span of days touched: this import's facts and the versions promoted.
    let mut spans: Vec<(i64, String, String)> = Vec::new();
    for table in FACT_TABLES {
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
        // The newest other version of each current fact of this import counts again.
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
        for (store, day) in touched {
            let Some(day) = day else { continue };
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
        if name == "fees" {
            restore_unsourced_fees(tx, import)?;
        }
        tx.execute(
            &format!("DELETE FROM {name} WHERE import_id = ?1"),
            [import.0],
        )?;
    }
    SKU_COSTS.undo(tx, import)?;
    FIXED_COSTS.undo(tx, import)?;
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

impl crate::Ledger {
    /// Undo one import, restoring what the remaining imports say, in one transaction.
    pub fn undo_import(&mut self, import: ImportId) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        undo_import(&tx, import)?;
        tx.commit()?;
        Ok(())
    }
}
