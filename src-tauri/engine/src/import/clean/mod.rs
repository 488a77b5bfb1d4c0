//! Cell cleaning: exact money, dates, ids, integers and rates out of messy export cells.
//!
//! Every function takes a raw [`Cell`] and returns `Ok(None)` for "no value" (empty, "-",
//! "--"), `Ok(Some(v))` for a clean value, or a [`CleanError`] with a short English reason the
//! mapper wraps into `Error::BadCell` with file/sheet/row/column. Money never passes through
//! f64 arithmetic: a float cell becomes a `Decimal` via its shortest round-trip text.

mod date;
mod date_style;
mod month;
mod number;
mod text;

pub use date::{date, date_range, datetime};
pub use date_style::{DateOrder, DateStyle};
pub use month::month;
pub use number::{decimal, integer, money, rate};
pub use text::{id, text};

/// Why a cell could not be read as the wanted kind of value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanError {
    pub reason: String,
}

impl CleanError {
    pub(crate) fn new(reason: impl Into<String>) -> CleanError {
        CleanError {
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for CleanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for CleanError {}

/// Error cells (#N/A, #REF!) are never a value: say so rather than guess.
fn error_cell(e: &str) -> CleanError {
    if e == super::read::UNSAVED_FORMULA {
        return CleanError::new(
            "a formula whose result was never saved: open the file in Excel and save it again",
        );
    }
    CleanError::new(format!("cell holds the spreadsheet error {e}"))
}
