//! Readers: turn any supported file into sheets of rows of raw `Cell`s, one sheet at a time.
//! xlsx/xlsm/xlsb/xls/ods through calamine, CSV/TSV through `csv` (encoding and separator
//! sniffed), zip archives of CSVs (each entry is a sheet). Nothing here knows any platform.

use chrono::NaiveDateTime;

use crate::error::Result;

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
}
