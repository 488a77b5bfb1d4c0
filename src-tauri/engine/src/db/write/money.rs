//! Writing the money facts of settlement files (schema 6: `tax_rows`, `settlements`,
//! `withdrawals`) through their `FactTable` descriptions (`db/facts.rs`), so versioning and
//! undo are the other facts' own. Settlements decide which orders are still open
//! (`agg_open_day`): the days of the orders a changed settlement names are rebuilt.

use rusqlite::types::ToSql;
use rusqlite::{params, OptionalExtension};

use super::{day_text, scaled, LedgerWriter};
use crate::db::facts::{SETTLEMENTS, TAX_ROWS, WITHDRAWALS};
use crate::error::Result;
use crate::model::{Settlement, TaxRow, Withdrawal};

pub(super) fn tax_row(w: &mut LedgerWriter<'_>, t: TaxRow) -> Result<()> {
    let (amount, day) = (scaled(t.amount)?, day_text(t.day));
    let key: [&dyn ToSql; 2] = [&t.reference, &t.kind.as_str()];
    let compared: [&dyn ToSql; 4] = [&t.order_id, &day, &amount, &t.source];
    w.put(&TAX_ROWS, &key, &compared, &[])?;
    Ok(())
}

pub(super) fn settlement(w: &mut LedgerWriter<'_>, s: Settlement) -> Result<()> {
    let store = w.store()?;
    w.had_settlements(store)?;
    // The order the current version names, if it is replaced: it may be open again.
    let before: Option<String> =
        w.tx.prepare_cached(
            "SELECT order_id FROM settlements INDEXED BY settlements_key
             WHERE store_id = ?1 AND reference = ?2 AND is_current = 1",
        )?
        .query_row(params![store, s.reference], |r| r.get(0))
        .optional()?
        .flatten();
    let (amount, day) = (scaled(s.amount)?, day_text(s.day));
    let key: [&dyn ToSql; 1] = [&s.reference];
    let compared: [&dyn ToSql; 5] = [&s.order_id, &day, &s.kind.as_str(), &s.label, &amount];
    if w.put(&SETTLEMENTS, &key, &compared, &[])? {
        let other = before.filter(|b| Some(b) != s.order_id.as_ref());
        for order in [other.as_ref(), s.order_id.as_ref()].into_iter().flatten() {
            w.widen_order_days(store, order)?;
        }
    }
    Ok(())
}

pub(super) fn withdrawal(w: &mut LedgerWriter<'_>, x: Withdrawal) -> Result<()> {
    let (amount, day) = (scaled(x.amount)?, day_text(x.day));
    let key: [&dyn ToSql; 1] = [&x.reference];
    let compared: [&dyn ToSql; 3] = [&day, &amount, &x.status];
    w.put(&WITHDRAWALS, &key, &compared, &[])?;
    Ok(())
}
