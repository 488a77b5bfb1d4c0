//! Writing the money facts of settlement files (schema 6: `tax_rows`, `settlements`,
//! `withdrawals`) with the same versioning as the other facts: a known key with the same
//! values is a duplicate, with other values a new current version; undo promotes the
//! version an import replaced. None of them feeds a daily aggregate.

use rusqlite::{params, Transaction};

use super::{day_text, scaled, LedgerWriter};
use crate::error::Result;
use crate::model::{ImportId, Settlement, TaxRow, Withdrawal};

pub(super) fn tax_row(w: &mut LedgerWriter<'_>, t: TaxRow) -> Result<()> {
    let store = w.store()?;
    let amount = scaled(t.amount)?;
    let day = day_text(t.day);
    let existing = w.current(
        "SELECT id, import_id, day, amount, order_id, source FROM tax_rows
             WHERE store_id = ?1 AND reference = ?2 AND kind = ?3 AND is_current = 1",
        params![store, t.reference, t.kind.as_str()],
        |r| {
            Ok(r.get::<_, String>(2)? == day
                && r.get::<_, i64>(3)? == amount
                && r.get::<_, Option<String>>(4)? == t.order_id
                && r.get::<_, String>(5)? == t.source)
        },
    )?;
    if !w.settle(existing, "tax_rows")? {
        return Ok(());
    }
    w.tx.prepare_cached(
        "INSERT INTO tax_rows (import_id, store_id, order_id, day, kind, amount, reference, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        w.import.0,
        store,
        t.order_id,
        day,
        t.kind.as_str(),
        amount,
        t.reference,
        t.source
    ])?;
    Ok(())
}

pub(super) fn settlement(w: &mut LedgerWriter<'_>, s: Settlement) -> Result<()> {
    let store = w.store()?;
    let amount = scaled(s.amount)?;
    let day = day_text(s.day);
    let existing = w.current(
        "SELECT id, import_id, day, amount, order_id, kind, label FROM settlements
             WHERE store_id = ?1 AND reference = ?2 AND is_current = 1",
        params![store, s.reference],
        |r| {
            Ok(r.get::<_, String>(2)? == day
                && r.get::<_, i64>(3)? == amount
                && r.get::<_, Option<String>>(4)? == s.order_id
                && r.get::<_, String>(5)? == s.kind.as_str()
                && r.get::<_, String>(6)? == s.label)
        },
    )?;
    if !w.settle(existing, "settlements")? {
        return Ok(());
    }
    w.tx.prepare_cached(
        "INSERT INTO settlements (import_id, store_id, order_id, day, kind, label, amount, reference)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        w.import.0,
        store,
        s.order_id,
        day,
        s.kind.as_str(),
        s.label,
        amount,
        s.reference
    ])?;
    Ok(())
}

pub(super) fn withdrawal(w: &mut LedgerWriter<'_>, x: Withdrawal) -> Result<()> {
    let store = w.store()?;
    let amount = scaled(x.amount)?;
    let day = day_text(x.day);
    let existing = w.current(
        "SELECT id, import_id, day, amount, status FROM withdrawals
             WHERE store_id = ?1 AND reference = ?2 AND is_current = 1",
        params![store, x.reference],
        |r| {
            Ok(r.get::<_, String>(2)? == day
                && r.get::<_, i64>(3)? == amount
                && r.get::<_, String>(4)? == x.status)
        },
    )?;
    if !w.settle(existing, "withdrawals")? {
        return Ok(());
    }
    w.tx.prepare_cached(
        "INSERT INTO withdrawals (import_id, store_id, day, amount, status, reference)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        w.import.0,
        store,
        day,
        amount,
        x.status,
        x.reference
    ])?;
    Ok(())
}

/// The money tables and their natural keys (besides the store), as a condition between
/// aliases `o` and `o2`.
const KEYS: [(&str, &str); 3] = [
    (
        "tax_rows",
        "o2.reference = o.reference AND o2.kind = o.kind",
    ),
    ("settlements", "o2.reference = o.reference"),
    ("withdrawals", "o2.reference = o.reference"),
];

/// Undo `import`'s money facts: the versions they replaced are current again.
pub(crate) fn undo(tx: &Transaction<'_>, import: ImportId) -> Result<()> {
    for (table, key) in KEYS {
        tx.execute(
            &format!(
                "UPDATE {table} SET is_current = 1 WHERE id IN (
                    SELECT (SELECT o2.id FROM {table} o2
                            WHERE o2.store_id = o.store_id AND {key}
                              AND o2.import_id <> o.import_id
                            ORDER BY o2.import_id DESC LIMIT 1)
                    FROM {table} o WHERE o.import_id = ?1 AND o.is_current = 1)"
            ),
            [import.0],
        )?;
        tx.execute(
            &format!("DELETE FROM {table} WHERE import_id = ?1"),
            [import.0],
        )?;
    }
    Ok(())
}
