//! Readers: turn any supported file into sheets of rows of raw `Cell`s, one sheet at a time.
//! xlsx/xlsm/xlsb/xls/ods through calamine, CSV/TSV through `csv` (encoding and separator
//! sniffed), zip archives of CSVs (each entry is a sheet). Nothing here knows any platform.

mod archive;
mod decode;
mod memory;
mod prefetch;
mod sheets;
#[cfg(test)]
mod tests;
mod text;

use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use chrono::NaiveDateTime;

use crate::error::{Error, Location, Result};

pub use memory::MemoryBook;

/// A single cell may not exceed this (Excel's own limit is 32,767 characters).
pub(crate) const MAX_CELL_BYTES: usize = 1 << 20;
/// Columns beyond Excel's last (XFD) mean a corrupt or hostile file, not data.
pub(crate) const MAX_COLUMNS: usize = 16_384;

/// The `Cell::Error` of a formula cell whose result the file does not hold.
pub const UNSAVED_FORMULA: &str = "formula without a saved result";

/// A raw cell as the file holds it. Numbers from spreadsheets arrive as the file's binary
/// float; `clean` turns them into exact decimals via their shortest round-trip text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A spreadsheet date/time cell, already converted from its serial (1900/1904 systems).
    DateTime(NaiveDateTime),
    /// An error value in the sheet (#N/A, #REF!…).
    Error(String),
}

/// One row with its 1-based row number as a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u64,
    pub cells: Vec<Cell>,
}

/// An opened file: a list of sheets, read one at a time.
pub trait Book {
    /// The file name shown in messages (no directories).
    fn file_name(&self) -> &str;
    fn sheet_names(&self) -> Vec<String>;
    /// Rows of one sheet, streamed where the format allows.
    fn rows<'a>(&'a mut self, sheet: &str) -> Result<Box<dyn Iterator<Item = Result<Row>> + 'a>>;
    /// Whether a row shorter than the header means the file was cut off: true for text,
    /// where every cell of a row is written (spreadsheets drop trailing empty cells).
    fn short_rows_are_cut(&self) -> bool {
        false
    }
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Magic {
    Zip,
    Ole,
    Text,
}

/// Opens a file by its content (magic bytes), not its extension: zip → xlsx/xlsm/xlsb/ods
/// or a zip of CSVs; OLE → xls; anything else → CSV/TSV text.
pub fn open(path: &Path) -> Result<Box<dyn Book>> {
    let name = display_name(path);
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(bad_file(&name, None, "is a folder, not a file"));
    }
    // A FIFO, socket or device named .csv would block the reader (or never end).
    if !meta.is_file() {
        return Err(bad_file(
            &name,
            None,
            "is not a regular file (a pipe or a device?): save the export as a file first",
        ));
    }
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = Vec::with_capacity(8192);
    (&mut file)
        .take(8192)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    match sniff(&name, &head)? {
        Magic::Zip => archive::open_zip(name, reopen(path)?),
        Magic::Ole => sheets::open_sheets(name, reopen(path)?, sheets::Kind::Xls),
        Magic::Text => Ok(Box::new(text::CsvBook {
            name,
            source: text::Source::Path(path.to_path_buf()),
        })),
    }
}

/// `open` for bytes already in memory (fuzzing, drag-and-drop); `file_name` names messages.
pub fn open_bytes(file_name: &str, bytes: Vec<u8>) -> Result<Box<dyn Book>> {
    let name = file_name.to_string();
    match sniff(&name, &bytes)? {
        Magic::Zip => archive::open_zip(name, Cursor::new(bytes)),
        Magic::Ole => sheets::open_sheets(name, Cursor::new(bytes), sheets::Kind::Xls),
        Magic::Text => Ok(Box::new(text::CsvBook {
            name,
            source: text::Source::Bytes(bytes),
        })),
    }
}

fn reopen(path: &Path) -> Result<BufReader<File>> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| Error::io(path, e))
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Classifies the first bytes; refuses files that are plainly not spreadsheets with a hint.
fn sniff(name: &str, head: &[u8]) -> Result<Magic> {
    let unknown = |detail: &str| Error::UnknownFormat {
        file: name.to_string(),
        detail: detail.to_string(),
    };
    if head.is_empty() {
        return Err(bad_file(name, None, "the file is empty"));
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(Magic::Zip);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(Magic::Ole);
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Ok(Magic::Text);
    }
    for (magic, what) in [
        (&b"%PDF"[..], "a PDF document"),
        (&b"\x89PNG"[..], "a PNG image"),
        (&[0xFF, 0xD8, 0xFF][..], "a JPEG image"),
        (&[0x1F, 0x8B][..], "a gzip archive; unpack it first"),
        (&b"Rar!"[..], "a RAR archive; unpack it first"),
        (&b"7z\xBC\xAF"[..], "a 7z archive; unpack it first"),
    ] {
        if head.starts_with(magic) {
            return Err(unknown(what));
        }
    }
    let start = String::from_utf8_lossy(&head[..head.len().min(512)])
        .trim_start_matches(['\u{feff}', ' ', '\r', '\n', '\t'])
        .to_lowercase();
    if start.starts_with("<html") || start.starts_with("<!doctype") || start.starts_with("<table") {
        return Err(unknown(
            "a web page (HTML) with a spreadsheet name; open it in Excel and save as .xlsx",
        ));
    }
    if start.starts_with("<?xml") {
        return Err(unknown(
            "an XML file (Excel 2003 XML?); open it in Excel and save as .xlsx",
        ));
    }
    if decode::utf16_without_bom(head).is_some() {
        return Ok(Magic::Text);
    }
    if head.contains(&0) {
        return Err(unknown("binary data that is not a spreadsheet"));
    }
    Ok(Magic::Text)
}

/// A `BadFile` error at a file (and sheet).
pub(crate) fn bad_file(file: &str, sheet: Option<&str>, reason: impl Into<String>) -> Error {
    Error::BadFile {
        at: Location {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            row: None,
            column: None,
        },
        reason: reason.into(),
    }
}

/// A 0-based column index as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA.
pub(crate) fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}
