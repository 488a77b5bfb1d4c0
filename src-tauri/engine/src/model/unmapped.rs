//! A money column of an imported file that no format role read (issue 15), as the import
//! history keeps it.

use serde::{Deserialize, Serialize};

/// One money column nobody reads (cli.md "Additions": `unmapped`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmapped {
    /// The header as the file writes it ("column AX" for an empty header cell).
    pub column: String,
    /// Data rows whose cell holds a non-zero amount.
    pub rows_with_money: u64,
    /// Their sum as written (sign as in the file), rounded to the currency's minor unit.
    pub total: String,
}
