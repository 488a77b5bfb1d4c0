//! The engine's error type. Every variant carries the context a merchant needs to fix the
//! problem (file, sheet, row, column); `kind()` maps it to the CLI's exit code and the UI.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::model::MoneyError;

/// Where in an input file something went wrong. Rows are 1-based as a spreadsheet shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u64>,
    pub column: Option<String>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, ", sheet {s:?}")?;
        }
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c:?}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: not a file Fupan recognises ({detail})")]
    UnknownFormat { file: String, detail: String },
    #[error("{at}: {reason}{}", shown_value(value))]
    BadCell {
        at: Location,
        value: String,
        reason: String,
    },
    #[error("{at}: required column {column:?} is missing")]
    MissingColumn { at: Location, column: String },
    #[error("{at}: {reason}")]
    BadFile { at: Location, reason: String },
    /// A SKU cost sheet without a currency, in a ledger of several: these SKUs sell in two
    /// currencies or have not sold yet, so their cost's currency is unknown.
    #[error("{at}: {} SKU(s) sell in more than one currency or have not sold yet, so their \
             cost's currency is unknown: {}. Add a currency column (币种 / Tiền tệ / Currency) \
             with CNY or VND on their rows", skus.len(), shown_skus(skus))]
    UnplacedSkus { at: Location, skus: Vec<String> },
    #[error("{0}")]
    InvalidArgument(String),
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Money(#[from] MoneyError),
    #[error("database: {0}")]
    Db(rusqlite::Error),
    /// The ledger file fails SQLite's checks (`open.rs`); `detail` says how to restore.
    #[error("{path}: the ledger is damaged: {detail}")]
    LedgerDamaged { path: String, detail: String },
    /// Another writer held the ledger's lock past the wait (`FUPAN_LOCK_TIMEOUT`).
    #[error(
        "the ledger is in use by another Fupan (an import, undo or restore) and stayed locked \
         past the wait; nothing was written: try again when it has finished"
    )]
    LedgerBusy,
    #[error(
        "database schema version {found} is newer than this Fupan ({supported}); update Fupan"
    )]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("internal error: {0}")]
    Internal(String),
    /// Already shown to the user (per file); carries the exit code to end with.
    #[error("see the errors above")]
    Reported(u8),
}

impl From<rusqlite::Error> for Error {
    /// A lock held past the wait and a damaged file are the user's to act on, said plainly.
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::LedgerBusy,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::LedgerDamaged {
                path: "the data file".into(),
                detail: format!("{e}; restore your last backup (`fupan restore BACKUP`)"),
            },
            _ => Error::Db(e),
        }
    }
}

/// Whether the user can fix it (bad input, exit 2) or we must (internal, exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    BadInput,
    Internal,
}

/// The first ten SKUs, then how many more.
fn shown_skus(skus: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut named = skus[..skus.len().min(SHOWN)].join(", ");
    if skus.len() > SHOWN {
        named.push_str(&format!(" … (+{})", skus.len() - SHOWN));
    }
    named
}

/// " (value \"…\")", or nothing for an empty cell (its reason says what is missing).
fn shown_value(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!(" (value {value:?})")
    }
}

/// `Error::code()` and `Error::CODES` from one list of variant → code, so the list of codes
/// the page translates cannot miss one (a new variant fails the match until it is listed).
macro_rules! codes {
    ($($variant:pat => $code:literal,)+) => {
        /// Every `code()` the page may receive (`Reported` is the CLI's own).
        pub const CODES: &'static [&'static str] = &[$($code),+];

        /// A stable code the UI translates (`error.<code>` in ui/i18n).
        pub fn code(&self) -> &'static str {
            match self {
                $($variant => $code,)+
                Error::Reported(_) => "reported",
            }
        }
    };
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. }
            | Error::UnknownFormat { .. }
            | Error::BadCell { .. }
            | Error::MissingColumn { .. }
            | Error::BadFile { .. }
            | Error::UnplacedSkus { .. }
            | Error::InvalidArgument(_)
            | Error::NotFound(_)
            | Error::Money(_)
            | Error::SchemaTooNew { .. }
            | Error::LedgerDamaged { .. }
            | Error::LedgerBusy => ErrorKind::BadInput,
            Error::Db(_) | Error::Internal(_) => ErrorKind::Internal,
            Error::Reported(2) => ErrorKind::BadInput,
            Error::Reported(_) => ErrorKind::Internal,
        }
    }

    codes! {
        Error::Io { .. } => "io",
        Error::UnknownFormat { .. } => "unknown_format",
        Error::BadCell { .. } => "bad_cell",
        Error::MissingColumn { .. } => "missing_column",
        Error::BadFile { .. } => "bad_file",
        Error::UnplacedSkus { .. } => "unplaced_skus",
        Error::InvalidArgument(_) => "invalid_argument",
        Error::NotFound(_) => "not_found",
        Error::Money(_) => "money",
        Error::Db(_) => "database",
        Error::SchemaTooNew { .. } => "schema_too_new",
        Error::LedgerDamaged { .. } => "ledger_damaged",
        Error::LedgerBusy => "ledger_busy",
        Error::Internal(_) => "internal",
    }

    /// The CLI's exit code: 2 for bad input, 1 for internal errors.
    pub fn exit_code(&self) -> u8 {
        match self.kind() {
            ErrorKind::BadInput => 2,
            ErrorKind::Internal => 1,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The shape the UI receives: `{code, reason, params, kind, message}`. The page says it in
/// its language from `code`, `reason` and `params` (file, sheet, row, column, value); the
/// English `message` is the CLI's text, kept for a bug report only.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorDto {
    pub code: &'static str,
    pub reason: Option<&'static str>,
    pub params: BTreeMap<&'static str, String>,
    pub kind: ErrorKind,
    pub message: String,
}

impl From<&Error> for ErrorDto {
    fn from(e: &Error) -> Self {
        let (reason, params) = crate::error_reason::reason_and_params(e);
        ErrorDto {
            code: e.code(),
            reason,
            params,
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_cell_names_file_sheet_row_and_column() {
        let e = Error::BadCell {
            at: Location {
                file: "Order.all.xlsx".into(),
                sheet: Some("orders".into()),
                row: Some(17),
                column: Some("Ngày đặt hàng".into()),
            },
            value: "32/13/2026".into(),
            reason: "not a date".into(),
        };
        let text = e.to_string();
        for part in [
            "Order.all.xlsx",
            "orders",
            "row 17",
            "Ngày đặt hàng",
            "32/13/2026",
        ] {
            assert!(text.contains(part), "{text} lacks {part}");
        }
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn codes_list_each_code_once_and_not_the_clis_own() {
        let mut sorted = Error::CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Error::CODES.len(), "a code listed twice");
        assert!(!Error::CODES.contains(&Error::Reported(2).code()));
        assert!(Error::CODES.contains(&Error::LedgerBusy.code()));
        assert!(Error::CODES.contains(&Error::Internal("x".into()).code()));
    }
}
