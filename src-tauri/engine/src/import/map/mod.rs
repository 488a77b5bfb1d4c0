//! The one generic importer: a format table + rows of cells → ledger records into a sink.
//! Streams the detected sheet; keeps the current order's state only (see `lines`; a file
//! that lists an order's lines apart is read again keeping every order), per ad key (see
//! `ad_days`), and writes correctable statement rows as read (see `fees`; a file that
//! corrects a row is read again holding them).

mod ad_days;
mod fees;
mod finished;
mod items;
mod lines;
mod occurrence;
mod rows;
pub mod unmapped;
mod values;
mod wallet;

#[cfg(test)]
mod test_util;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ads;
#[cfg(test)]
mod tests_fees;
#[cfg(test)]
mod tests_mapped;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_traffic;

use chrono::NaiveDate;

use self::ad_days::AdDays;
use self::fees::Fees;
use self::items::Items;
use self::lines::Lines;
pub use self::values::show;
use self::values::{Bad, Bound};
use self::wallet::Wallet;
use crate::error::{Error, Location, Result};
use crate::import::formats::{FeeRule, FormatSpec, Grain, Role};
use crate::import::read::{Book, Cell, Row};
use crate::import::{Detected, ImportOptions, LedgerSink, MapStats, Skipped};

use crate::import::header;

/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 1000;

/// A SKU cost without a start date holds from this day on.
fn always() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Why mapping stopped early.
enum Stop {
    Failed(Error),
    /// An order came back after other orders, or a statement corrected a row it had given:
    /// read the file again with `whole_file`.
    Revisit,
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Failed(e)
    }
}

/// Read the detected sheet, then its companion sheets (`FormatSpec::companions`), into
/// `sink`; the counts add up. See `map_sheet`.
pub fn map(
    book: &mut dyn Book,
    detected: &Detected,
    opts: &ImportOptions,
    sink: &mut dyn LedgerSink,
    progress: &mut dyn FnMut(u64),
) -> Result<MapStats> {
    map_parts(&mut [(book, detected)], opts, sink, progress)
}

/// `map` over the pieces of one export (`…_part_N_of_M.xlsx`, in order) as if they were
/// one file: an order whose lines straddle two parts is one order (its per-order columns
/// counted once, its lines numbered on), a statement's repeated references count on.
/// Messages name the part and its own row.
pub fn map_parts(
    parts: &mut [(&mut dyn Book, &Detected)],
    opts: &ImportOptions,
    sink: &mut dyn LedgerSink,
    progress: &mut dyn FnMut(u64),
) -> Result<MapStats> {
    let stats = match map_sheets(parts, opts, sink, progress, false) {
        Ok(stats) => stats,
        Err(Stop::Failed(e)) => return Err(e),
        Err(Stop::Revisit) => {
            sink.restart()?;
            match map_sheets(parts, opts, sink, progress, true) {
                Ok(stats) => stats,
                Err(Stop::Failed(e)) => return Err(e),
                Err(Stop::Revisit) => {
                    return Err(Error::Internal(
                        "an order revisited a whole-file read".into(),
                    ))
                }
            }
        }
    };
    if let Some((book, _)) = parts.first() {
        nothing_left(book.file_name(), &stats)?;
    }
    Ok(stats)
}

/// Skipping bad rows is for a few rows: a file whose every row was skipped is refused, with
/// its first bad row, rather than "imported" with nothing in it.
fn nothing_left(file: &str, stats: &MapStats) -> Result<()> {
    match stats.skipped.first() {
        Some(first) if stats.skipped.len() as u64 >= stats.rows => Err(Error::BadCell {
            at: Location {
                file: file.to_string(),
                sheet: Some(first.sheet.clone()),
                row: Some(first.row),
                column: first.column.clone(),
            },
            value: first.value.clone().unwrap_or_default(),
            reason: format!("{} (and no row of the file could be read)", first.reason),
        }),
        _ => Ok(()),
    }
}

fn map_sheets(
    parts: &mut [(&mut dyn Book, &Detected)],
    opts: &ImportOptions,
    sink: &mut dyn LedgerSink,
    progress: &mut dyn FnMut(u64),
    whole_file: bool,
) -> Result<MapStats, Stop> {
    let mut stats = MapStats::default();
    let Some(fees) = parts.first().map(|(_, d)| d.spec.with(|s| s.fees)) else {
        return Ok(stats);
    };
    let mut state = State::new(whole_file);
    for (book, detected) in parts.iter_mut() {
        let done = stats.rows;
        let more = detected.spec.with(|spec| {
            map_sheet(
                spec,
                &mut **book,
                detected,
                opts,
                sink,
                &mut |n| progress(done + n),
                &mut state,
            )
        })?;
        add_stats(&mut stats, more, detected.currency);
    }
    state.finish(fees, sink)?;
    for (book, detected) in parts.iter_mut() {
        for companion in crate::import::detect::detect_companions(&mut **book, detected)? {
            let done = stats.rows;
            let mut state = State::new(whole_file);
            let more = companion.spec.with(|spec| {
                map_sheet(
                    spec,
                    &mut **book,
                    &companion,
                    opts,
                    sink,
                    &mut |n| progress(done + n),
                    &mut state,
                )
            })?;
            state.finish(companion.spec.with(|s| s.fees), sink)?;
            add_stats(&mut stats, more, detected.currency);
        }
    }
    progress(stats.rows);
    Ok(stats)
}

fn add_stats(stats: &mut MapStats, more: MapStats, currency: crate::model::Currency) {
    stats.rows += more.rows;
    stats.skipped.extend(more.skipped);
    unmapped::merge(&mut stats.unmapped, more.unmapped, currency);
    for day in [more.date_from, more.date_to].into_iter().flatten() {
        note_day(stats, day);
    }
}

/// What a sheet's rows leave for the end: the orders held, correctable statement rows, ad
/// sums. Shared by the parts of one export.
struct State {
    lines: Lines,
    fees: Fees,
    items: Items,
    ads: AdDays,
}

impl State {
    fn new(whole_file: bool) -> State {
        State {
            lines: Lines::new(whole_file),
            fees: Fees::new(whole_file),
            items: Items::new(whole_file),
            ads: AdDays::default(),
        }
    }

    fn finish(self, fees: Option<FeeRule>, sink: &mut dyn LedgerSink) -> Result<()> {
        self.lines.finish(sink)?;
        self.fees.finish(fees.as_ref(), sink)?;
        self.ads.finish(sink)
    }
}

/// Read the detected sheet into `sink`. A required value that cannot be read is
/// `Error::BadCell` (or a `Skipped` entry with `opts.allow_skip`); a missing required column
/// is `Error::MissingColumn`. `progress` gets the rows done every ~1000 rows and at the end.
fn map_sheet(
    spec: &FormatSpec,
    book: &mut dyn Book,
    detected: &Detected,
    opts: &ImportOptions,
    sink: &mut dyn LedgerSink,
    progress: &mut dyn FnMut(u64),
    state: &mut State,
) -> Result<MapStats, Stop> {
    let file = book.file_name().to_string();
    let at = |row: Option<u64>, column: Option<String>| Location {
        file: file.clone(),
        sheet: Some(detected.sheet.clone()),
        row,
        column,
    };
    let mut stats = MapStats::default();
    let mut wallet = Wallet::default();
    let mut first_data = true;
    // Text files keep every cell of a row, so a last row shorter than the header was cut off
    // (a download or copy that stopped); spreadsheets drop trailing empty cells.
    let may_be_cut = book.short_rows_are_cut();

    let mut rows = book.rows(&detected.sheet)?.peekable();
    let Some(Head { b, period, header }) = read_head(spec, &mut rows, detected, &at)? else {
        return Err(header_not_found(at(Some(detected.header_row), None)));
    };
    let mut unread = unmapped::Tally::new(&b.unread);
    while let Some(row) = rows.next() {
        let row = row?;
        if not_data(spec, &b, &row.cells, &mut first_data) {
            continue;
        }
        let key = match row_key(spec, &b, &row.cells) {
            Ok(Some(k)) => k,
            Ok(None) => continue, // trailing padding, blank key
            Err(bad) => {
                stats.rows += 1;
                refuse_or_skip(bad, row.number, opts, &mut stats, &at, &detected.sheet)?;
                continue;
            }
        };
        stats.rows += 1;
        if let Some(bad) = (may_be_cut && rows.peek().is_none())
            .then(|| cut_off(&b, &header, &row.cells))
            .flatten()
        {
            refuse_or_skip(bad, row.number, opts, &mut stats, &at, &detected.sheet)?;
            continue;
        }
        unread.add(&row.cells, b.currency);
        if stats.rows % PROGRESS_EVERY == 0 {
            progress(stats.rows);
        }
        let data = DataRow {
            b: &b,
            cells: &row.cells,
            key,
            period,
        };
        let done = map_row(spec, data, opts, state, &mut wallet, &mut stats, sink)?;
        if let Some(bad) = done.bad {
            refuse_or_skip(bad, row.number, opts, &mut stats, &at, &detected.sheet)?;
        }
        if !done.held {
            sink.end_row();
        }
    }
    stats.unmapped = unread.finish(&b.columns, b.currency);
    Ok(stats)
}

/// What the rows down to the header give: the columns bound in it, the report's period (a
/// row above it may name it) and the header's texts.
struct Head<'a> {
    b: Bound<'a>,
    period: Option<(NaiveDate, NaiveDate)>,
    header: Vec<String>,
}

/// Read `rows` down to the detected header row; None when the sheet ends first.
fn read_head<'a>(
    spec: &'a FormatSpec<'a>,
    sheet: &mut impl Iterator<Item = Result<Row>>,
    detected: &Detected,
    at: &impl Fn(Option<u64>, Option<String>) -> Location,
) -> Result<Option<Head<'a>>> {
    let mut period = None;
    for row in sheet {
        let row = row?;
        if row.number < detected.header_row {
            if let Some(p) = rows::period_of(spec.period_labels, &row.cells) {
                period = Some(p);
            }
        } else if row.number == detected.header_row {
            let at = at(Some(row.number), None);
            return Ok(Some(Head {
                b: Bound::new(spec, &row.cells, detected.currency, &at)?,
                period,
                header: header_texts(&row.cells),
            }));
        }
    }
    Ok(None)
}

/// The header row's texts up to its last non-empty cell (named in "cut off" messages).
fn header_texts(cells: &[Cell]) -> Vec<String> {
    let width = (cells.iter())
        .rposition(|c| !matches!(c, Cell::Empty))
        .map_or(0, |i| i + 1);
    cells[..width].iter().map(values::show).collect()
}

fn header_not_found(at: Location) -> Stop {
    Error::BadFile {
        at,
        reason: "the header row was not found".into(),
    }
    .into()
}

/// Rows under the header that are not this format's data: noise, the column descriptions
/// under the header, another row type (Shopee SKU rows, TikTok adjustments).
fn not_data(spec: &FormatSpec, b: &Bound, cells: &[Cell], first_data: &mut bool) -> bool {
    if header::is_noise_row(cells, &b.columns) {
        return true;
    }
    if std::mem::take(first_data)
        && spec.description_row
        && !matches!(b.date(cells, Role::Date), Ok(Some(_)))
    {
        return true;
    }
    !b.wanted_row(cells)
}

/// The last row of a text file, cut off: fewer cells than the header, or a status cut
/// inside its text (`退款成功` → `退`). Text files keep every cell of a row, so either
/// means the download or copy stopped.
fn cut_off(b: &Bound, header: &[String], cells: &[Cell]) -> Option<Bad> {
    if cells.len() < header.len() {
        return Some(Bad {
            column: header[cells.len()].clone(),
            value: String::new(),
            reason: format!(
                "the last row ends after {} of the header's {} columns: the file looks cut \
                 off (truncated); export or download it again",
                cells.len(),
                header.len()
            ),
        });
    }
    b.cut_status(cells)
}

/// The key of a data row (order id, day, SKU, amount… by grain); `None` for padding.
fn row_key(spec: &FormatSpec, b: &Bound, cells: &[Cell]) -> Result<Option<String>, Bad> {
    let key_role = match spec.grain {
        Grain::Lines | Grain::Items => Role::OrderId,
        // A report dated by its period (no day column): a row with a spend is data.
        Grain::Ads if !b.has(Role::Date) => Role::Spend,
        Grain::Ads | Grain::Fees | Grain::Traffic | Grain::Withdrawals => Role::Date,
        Grain::SkuCosts => Role::Sku,
        // A row without an amount is padding (a template's empty months).
        Grain::FixedCosts => Role::Amount,
    };
    match spec.grain {
        Grain::Ads | Grain::Fees | Grain::Traffic | Grain::FixedCosts | Grain::Withdrawals => {
            Ok(b.text(cells, key_role))
        }
        _ => b.id(cells, key_role),
    }
}

/// One data row with its key, and the period the sheet's preamble names (if any).
struct DataRow<'a> {
    b: &'a Bound<'a>,
    cells: &'a [Cell],
    key: String,
    period: Option<(NaiveDate, NaiveDate)>,
}

/// What a data row did: a value to refuse or skip, and whether it is still held (an ad key's
/// sum or a correctable fee ends its row later).
struct RowDone {
    bad: Option<Bad>,
    held: bool,
}

/// One data row into the sink (or into the state that holds it), by the format's grain.
fn map_row(
    spec: &FormatSpec,
    row: DataRow,
    opts: &ImportOptions,
    state: &mut State,
    wallet: &mut Wallet,
    stats: &mut MapStats,
    sink: &mut dyn LedgerSink,
) -> Result<RowDone, Stop> {
    let DataRow {
        b,
        cells,
        key,
        period,
    } = row;
    let State {
        lines,
        fees,
        items,
        ads,
    } = state;
    let mut held = false;
    let bad = match spec.grain {
        Grain::Lines if lines.revisits(&key) => return Err(Stop::Revisit),
        Grain::Lines => match lines.read(b, cells, key) {
            Ok(r) => {
                note_day(stats, r.day());
                lines.emit(r, sink).map(|_| None)?
            }
            Err(bad) => Some(bad),
        },
        Grain::Items if items.revisits(&key) => return Err(Stop::Revisit),
        Grain::Items => match items.read(b, cells, key) {
            Ok(r) => items.emit(r, sink).map(|_| None)?,
            Err(bad) => Some(bad),
        },
        Grain::Ads => {
            held = true; // done with its key's sum, in `ads.finish`
            rows::ad_row(b, cells, period, stats, ads)
        }
        Grain::SkuCosts => rows::cost_row(b, cells, key, stats, sink)?,
        Grain::Traffic => rows::traffic_row(b, cells, stats, sink)?,
        Grain::FixedCosts => rows::fixed_cost_row(b, cells, opts, stats, sink)?,
        Grain::Fees => match spec.fees.as_ref().map(|r| (r, fees.read(b, cells, r))) {
            Some((rule, Ok(r))) if fees.revisits(&r, rule) => return Err(Stop::Revisit),
            Some((rule, Ok(r))) => {
                note_day(stats, r.day());
                held = !fees.emit(r, rule, sink)?;
                None
            }
            Some((_, Err(bad))) => Some(bad),
            None => None,
        },
        Grain::Withdrawals => match spec.withdrawals.map(|r| wallet.read(b, cells, &r)) {
            Some(read) => rows::emit_read(read, |w| match w {
                Some(w) => {
                    note_day(stats, w.day);
                    sink.withdrawal(w)
                }
                None => Ok(()),
            })?,
            None => None,
        },
    };
    Ok(RowDone { bad, held })
}

fn refuse_or_skip(
    bad: Bad,
    row: u64,
    opts: &ImportOptions,
    stats: &mut MapStats,
    at: &dyn Fn(Option<u64>, Option<String>) -> Location,
    sheet: &str,
) -> Result<()> {
    // A reason about no column in particular (which store a row belongs to) names none.
    let column = Some(bad.column).filter(|c| !c.is_empty());
    if !opts.allow_skip {
        return Err(Error::BadCell {
            at: at(Some(row), column),
            value: bad.value,
            reason: bad.reason,
        });
    }
    stats.skipped.push(Skipped {
        sheet: sheet.to_string(),
        row,
        column,
        value: Some(bad.value),
        code: crate::error_reason::reason_code(&bad.reason),
        reason: bad.reason,
    });
    Ok(())
}

fn note_day(stats: &mut MapStats, day: NaiveDate) {
    stats.date_from = Some(stats.date_from.map_or(day, |d| d.min(day)));
    stats.date_to = Some(stats.date_to.map_or(day, |d| d.max(day)));
}
