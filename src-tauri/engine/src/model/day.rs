//! Days as the ledger stores them (`YYYY-MM-DD` text).

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// A day read back from the ledger; a malformed one is the ledger's fault, not the user's.
pub(crate) fn parse_day(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| Error::Internal(format!("bad day {s:?} in the ledger: {e}")))
}
