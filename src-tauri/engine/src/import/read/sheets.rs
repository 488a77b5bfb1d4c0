//! Spreadsheets through calamine: xlsx/xlsb streamed cell by cell (only the open sheet's
//! cells are alive; a stale `<dimension>` is ignored), xls and ods one whole sheet at a time.

use std::io::{Read, Seek};

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsb, Xlsx};
use chrono::NaiveDate;

use super::archive::MAX_UNPACKED;
use super::prefetch::{self, Prefetch, Push};
use super::{
    bad_file, column_letters, Book, Cell, Row, MAX_CELL_BYTES, MAX_COLUMNS, UNSAVED_FORMULA,
};
use crate::error::{Error, Result};

pub(crate) enum Workbook<RS: Read + Seek> {
    Xlsx(Xlsx<RS>),
    Xlsb(Xlsb<RS>),
    Xls(Xls<RS>),
    Ods(Ods<RS>),
}

pub(crate) struct SheetBook<RS: Read + Seek> {
    name: String,
    sheets: Vec<String>,
    /// None only while a reader thread holds it (`rows` of xlsx/xlsb; given back on drop).
    wb: Option<Workbook<RS>>,
}

/// Which calamine reader to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

pub(crate) fn open_sheets<RS: Read + Seek + Send + 'static>(
    name: String,
    rs: RS,
    kind: Kind,
) -> Result<Box<dyn Book>> {
    let opened = guarded(move || match kind {
        Kind::Xlsx => Xlsx::new(rs).map(Workbook::Xlsx).map_err(|e| e.to_string()),
        Kind::Xlsb => Xlsb::new(rs).map(Workbook::Xlsb).map_err(|e| e.to_string()),
        Kind::Xls => Xls::new(rs).map(Workbook::Xls).map_err(|e| e.to_string()),
        Kind::Ods => Ods::new(rs).map(Workbook::Ods).map_err(|e| e.to_string()),
    });
    let wb = opened.and_then(|r| r).map_err(|e| {
        let label = match kind {
            Kind::Xlsx => ".xlsx",
            Kind::Xlsb => ".xlsb",
            Kind::Xls => ".xls (or a password-protected workbook)",
            Kind::Ods => ".ods",
        };
        bad_file(&name, None, format!("not a readable {label} file: {e}"))
    })?;
    let sheets = match &wb {
        Workbook::Xlsx(w) => w.sheet_names(),
        Workbook::Xlsb(w) => w.sheet_names(),
        Workbook::Xls(w) => w.sheet_names(),
        Workbook::Ods(w) => w.sheet_names(),
    };
    Ok(Box::new(SheetBook {
        name,
        sheets,
        wb: Some(wb),
    }))
}

/// calamine parses untrusted binary formats: a panic inside it must become a `BadFile`
/// for that file, never a crash of the app.
fn guarded<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| "the file is damaged (the reader failed)".to_string())
}

/// One step of a cell reader, with errors and panics turned into messages.
macro_rules! cell_step {
    ($cells:ident, $fail:ident) => {
        move || match guarded(|| $cells.next_cell()) {
            Ok(Ok(Some(c))) => Ok(Some((c.get_position(), from_ref(c.get_value())))),
            Ok(Ok(None)) => Ok(None),
            Ok(Err(e)) => Err($fail(e.to_string())),
            Err(e) => Err($fail(e)),
        }
    };
}

impl<RS: Read + Seek + Send + 'static> Book for SheetBook<RS> {
    fn file_name(&self) -> &str {
        &self.name
    }

    fn sheet_names(&self) -> Vec<String> {
        self.sheets.clone()
    }

    fn rows<'a>(&'a mut self, sheet: &str) -> Result<Box<dyn Iterator<Item = Result<Row>> + 'a>> {
        let file = self.name.clone();
        let sheet_name = sheet.to_string();
        let fail = move |e: String| {
            let reason = format!("could not read the sheet: {e}");
            bad_file(&file, Some(&sheet_name), reason)
        };
        match self.wb.take() {
            Some(wb @ (Workbook::Xlsx(_) | Workbook::Xlsb(_)))
                if !self.sheets.iter().any(|s| s == sheet) =>
            {
                // Said at once, not as the first row (callers tell the two apart).
                self.wb = Some(wb);
                Err(fail(format!("Worksheet '{sheet}' not found")))
            }
            Some(wb @ (Workbook::Xlsx(_) | Workbook::Xlsb(_))) => {
                // Streamed on a reader thread (see `prefetch`); the workbook comes back when
                // the rows are dropped.
                let (sheet, f) = (sheet.to_string(), fail.clone());
                let rows = prefetch::spawn(
                    wb,
                    move |wb, push| stream_cells(wb, &sheet, fail, push),
                    move || f("the reader failed".into()),
                );
                Ok(Box::new(GiveBack {
                    rows,
                    slot: &mut self.wb,
                }))
            }
            Some(Workbook::Xls(mut w)) => {
                let range = guarded(|| w.worksheet_range(sheet));
                self.wb = Some(Workbook::Xls(w));
                let range = range.map_err(&fail)?.map_err(|e| fail(e.to_string()))?;
                Ok(Box::new(range_rows(range, fail)))
            }
            Some(Workbook::Ods(mut w)) => {
                let range = guarded(|| w.worksheet_range(sheet));
                self.wb = Some(Workbook::Ods(w));
                let range = range.map_err(&fail)?.map_err(|e| fail(e.to_string()))?;
                Ok(Box::new(range_rows(range, fail)))
            }
            None => Err(fail("the workbook was lost by a failed read".into())),
        }
    }
}

/// The rows of one xlsx/xlsb sheet, pushed until the consumer stops listening.
fn stream_cells<RS: Read + Seek>(
    wb: &mut Workbook<RS>,
    sheet: &str,
    fail: impl Fn(String) -> Error + Clone,
    push: &mut Push<'_>,
) {
    let f = fail.clone();
    macro_rules! stream {
        ($w:ident) => {
            match guarded(|| $w.worksheet_cells_reader(sheet)) {
                Ok(Ok(mut cells)) => {
                    prefetch::push_all(Ok(group_rows(cell_step!(cells, f), fail)), push)
                }
                Ok(Err(e)) => {
                    prefetch::push_all(Err::<std::iter::Empty<_>, _>(fail(e.to_string())), push)
                }
                Err(e) => prefetch::push_all(Err::<std::iter::Empty<_>, _>(fail(e)), push),
            }
        };
    }
    match wb {
        Workbook::Xlsx(w) => match guarded(|| w.worksheet_cells_reader(sheet)) {
            Ok(Ok(mut cells)) => {
                // With formula metadata: a formula whose result was never saved (a sheet
                // written by a script) must not read as an empty cell, i.e. as zero.
                let step = move || match guarded(|| cells.next_cell_with_formula_metadata()) {
                    Ok(Ok(Some(c))) => Ok(Some((
                        c.pos,
                        match (&c.formula, c.value) {
                            (Some(_), DataRef::Empty) => Cell::Error(UNSAVED_FORMULA.into()),
                            // The text is moved, not copied (one allocation per cell less).
                            (_, DataRef::String(s)) => Cell::Text(s),
                            (_, v) => from_ref(&v),
                        },
                    ))),
                    Ok(Ok(None)) => Ok(None),
                    Ok(Err(e)) => Err(f(e.to_string())),
                    Err(e) => Err(f(e)),
                };
                prefetch::push_all(Ok(group_rows(step, fail)), push)
            }
            Ok(Err(e)) => {
                prefetch::push_all(Err::<std::iter::Empty<_>, _>(fail(e.to_string())), push)
            }
            Err(e) => prefetch::push_all(Err::<std::iter::Empty<_>, _>(fail(e)), push),
        },
        Workbook::Xlsb(w) => stream!(w),
        Workbook::Xls(_) | Workbook::Ods(_) => {
            push(Err(fail("not a streamed workbook".into())));
        }
    }
}

/// Streamed rows that put the workbook back into its book once dropped.
struct GiveBack<'a, RS: Read + Seek> {
    rows: Prefetch<Workbook<RS>>,
    slot: &'a mut Option<Workbook<RS>>,
}

impl<RS: Read + Seek> Iterator for GiveBack<'_, RS> {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Result<Row>> {
        self.rows.next()
    }
}

impl<RS: Read + Seek> Drop for GiveBack<'_, RS> {
    fn drop(&mut self) {
        if let Some(wb) = self.rows.finish() {
            *self.slot = Some(wb);
        }
    }
}

type Positioned = ((u32, u32), Cell);

/// Groups a stream of (row, col) cells (in sheet order) into rows, padding gaps with Empty.
fn group_rows<'a>(
    mut next: impl FnMut() -> Result<Option<Positioned>> + 'a,
    fail: impl Fn(String) -> Error + 'a,
) -> impl Iterator<Item = Result<Row>> + 'a {
    let mut state = Grouping::default();
    std::iter::from_fn(move || {
        if state.done {
            return None;
        }
        let row = state.next_row(&mut next, &fail);
        state.done |= row.is_err();
        row.transpose()
    })
}

/// The most cells a row is allocated for in advance (real exports have up to ~150 columns).
const PRESIZE: usize = 256;

/// What `group_rows` keeps between rows.
#[derive(Default)]
struct Grouping {
    /// The first cell of the next row, read while finishing the previous one.
    pending: Option<Positioned>,
    done: bool,
    /// A lower bound of the XML inflated so far (a cell takes at least 16 bytes): the same
    /// cap as `archive::MAX_UNPACKED`, enforced while streaming instead of in advance.
    unpacked: u64,
    /// The widest row so far (up to `PRESIZE`): a row's cells are allocated once at that
    /// size instead of growing cell by cell. Capped: one stray cell far right must not make
    /// every later row large.
    width: usize,
}

impl Grouping {
    /// The next row; None at the end of the sheet.
    fn next_row(
        &mut self,
        next: &mut impl FnMut() -> Result<Option<Positioned>>,
        fail: &impl Fn(String) -> Error,
    ) -> Result<Option<Row>> {
        let first = match self.pending.take() {
            Some(p) => p,
            None => match next()? {
                Some(p) => p,
                None => {
                    self.done = true;
                    return Ok(None);
                }
            },
        };
        let row = first.0 .0;
        let mut cells = Vec::with_capacity(self.width.min(PRESIZE));
        self.put(&mut cells, row, first, fail)?;
        loop {
            match next()? {
                Some(p) if p.0 .0 == row => self.put(&mut cells, row, p, fail)?,
                Some(p) => {
                    self.pending = Some(p);
                    break;
                }
                None => {
                    self.done = true;
                    break;
                }
            }
        }
        self.width = self.width.max(cells.len());
        trim_trailing_empty(&mut cells);
        Ok(Some(Row {
            number: u64::from(row) + 1,
            cells,
        }))
    }

    /// Place a cell of row `row` (0-based), counting what it unpacked to.
    fn put(
        &mut self,
        cells: &mut Vec<Cell>,
        row: u32,
        (pos, cell): Positioned,
        fail: &impl Fn(String) -> Error,
    ) -> Result<()> {
        self.unpacked += 16
            + match &cell {
                Cell::Text(s) => s.len() as u64,
                _ => 0,
            };
        if self.unpacked > MAX_UNPACKED {
            return Err(fail(
                "the sheet unpacks to an implausible size (zip bomb?)".into(),
            ));
        }
        place(cells, pos.1, cell).map_err(|e| {
            fail(format!(
                "row {}, column {}: {e}",
                u64::from(row) + 1,
                column_letters(pos.1)
            ))
        })
    }
}

fn place(cells: &mut Vec<Cell>, col: u32, cell: Cell) -> std::result::Result<(), String> {
    if col as usize >= MAX_COLUMNS {
        return Err(format!("a cell lies beyond column {MAX_COLUMNS} (XFD)"));
    }
    if let Cell::Text(s) = &cell {
        if s.len() > MAX_CELL_BYTES {
            return Err("a cell is larger than 1 MiB".into());
        }
    }
    let col = col as usize;
    if cells.len() <= col {
        cells.resize(col + 1, Cell::Empty);
    }
    cells[col] = cell;
    Ok(())
}

fn trim_trailing_empty(cells: &mut Vec<Cell>) {
    while cells.last() == Some(&Cell::Empty) {
        cells.pop();
    }
}

/// Rows of a whole-sheet range (xls, ods), numbered from the range's absolute start.
fn range_rows<'a>(
    range: calamine::Range<Data>,
    fail: impl Fn(String) -> Error + 'a,
) -> impl Iterator<Item = Result<Row>> + 'a {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (h, w) = range.get_size();
    (0..h).map(move |i| {
        let mut cells = vec![Cell::Empty; c0 as usize];
        for j in 0..w {
            let cell = range.get((i, j)).map_or(Cell::Empty, from_data);
            if let Cell::Text(s) = &cell {
                if s.len() > MAX_CELL_BYTES {
                    return Err(fail("a cell is larger than 1 MiB".into()));
                }
            }
            cells.push(cell);
        }
        trim_trailing_empty(&mut cells);
        Ok(Row {
            number: u64::from(r0) + i as u64 + 1,
            cells,
        })
    })
}

fn from_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => from_excel_datetime(dt),
        DataRef::DateTimeIso(s) => from_iso(s),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => from_excel_datetime(dt),
        Data::DateTimeIso(s) => from_iso(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}

/// calamine resolves the 1900/1904 system; a duration or an impossible date (Excel's
/// 1900-02-29) stays the raw serial.
pub(crate) fn from_excel_datetime(dt: &ExcelDateTime) -> Cell {
    if dt.is_duration() {
        return Cell::Float(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))
        .and_then(|date| {
            date.and_hms_milli_opt(u32::from(h), u32::from(mi), u32::from(s), u32::from(ms))
        })
        .map_or(Cell::Float(dt.as_f64()), Cell::DateTime)
}

/// ods writes ISO dates as text attributes.
fn from_iso(s: &str) -> Cell {
    if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Cell::DateTime(dt);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Cell::DateTime(d.and_time(chrono::NaiveTime::MIN));
    }
    Cell::Text(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32) -> Cell {
        Cell::DateTime(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, mi, 0)
                .unwrap(),
        )
    }

    #[test]
    fn excel_dates_in_both_systems() {
        let d1900 = ExcelDateTime::new(45678.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(from_excel_datetime(&d1900), dt(2025, 1, 21, 12, 0));
        // The same day in the 1904 system is 1462 days smaller.
        let d1904 = ExcelDateTime::new(45678.5 - 1462.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(from_excel_datetime(&d1904), dt(2025, 1, 21, 12, 0));
        let dur = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(from_excel_datetime(&dur), Cell::Float(1.5));
        assert_eq!(from_iso("2026-09-22"), dt(2026, 9, 22, 0, 0));
        assert_eq!(from_iso("x"), Cell::Text("x".into()));
    }

    #[test]
    fn grouping_pads_gaps_and_splits_rows() {
        let cells = vec![
            ((0, 0), Cell::Text("a".into())),
            ((0, 2), Cell::Int(1)),
            ((3, 1), Cell::Float(2.5)),
            ((3, 4), Cell::Empty),
        ];
        let mut it = cells.into_iter();
        let rows: Vec<Row> = group_rows(move || Ok(it.next()), Error::Internal)
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].cells,
            vec![Cell::Text("a".into()), Cell::Empty, Cell::Int(1)]
        );
        assert_eq!(rows[1].number, 4);
        assert_eq!(rows[1].cells, vec![Cell::Empty, Cell::Float(2.5)]);
        let mut far = vec![((0, MAX_COLUMNS as u32), Cell::Int(1))].into_iter();
        let mut bad = group_rows(move || Ok(far.next()), Error::Internal);
        assert!(matches!(bad.next(), Some(Err(_))));
        assert!(bad.next().is_none());
    }
}
