//! Writing the money facts of settlement files (schema 6: `tax_rows`, `settlements`,
//! `withdrawals`) through their `FactTable` descriptions (`db/facts.rs`), so versioning and
//! undo are the other facts' own. Tax rows are summed per day (`agg_tax_day`), settlements
//! per settled day (`agg_settlement_day`); settlements also decide which orders are still open
//! and what was settled for them (`agg_open_day`, `agg_settled_order_day`): the days of the
//! orders the import names are rebuilt (`LedgerWriter::finish`).

use rusqlite::types::ToSql;

use super::{day_text, scaled, DaySpan, LedgerWriter};
use crate::db::facts::{SETTLEMENTS, TAX_ROWS, WITHDRAWALS};
use crate::error::Result;
use crate::model::{Settlement, TaxRow, Withdrawal};

pub(super) fn tax_row(w: &mut LedgerWriter<'_>, t: TaxRow) -> Result<()> {
    let (amount, day) = (scaled(t.amount)?, day_text(t.day));
    let key: [&dyn ToSql; 2] = [&t.reference, &t.kind.as_str()];
    let compared: [&dyn ToSql; 4] = [&t.order_id, &day, &amount, &t.source];
    if w.put(&TAX_ROWS, &key, &compared, &[])? {
        DaySpan::widen(&mut w.span, t.day); // agg_tax_day
    }
    Ok(())
}

pub(super) fn settlement(w: &mut LedgerWriter<'_>, s: Settlement) -> Result<()> {
    let store = w.store()?;
    w.had_settlements(store)?;
    let (amount, day) = (scaled(s.amount)?, day_text(s.day));
    let key: [&dyn ToSql; 1] = [&s.reference];
    let compared: [&dyn ToSql; 5] = [&s.order_id, &day, &s.kind.as_str(), &s.label, &amount];
    if w.put(&SETTLEMENTS, &key, &compared, &[])? {
        DaySpan::widen(&mut w.span, s.day); // agg_settlement_day
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
