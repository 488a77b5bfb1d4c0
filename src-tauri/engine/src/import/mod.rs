//! Import: file → sheets of cells (`read`) → cleaned values (`clean`) → header found and
//! columns bound by alias (`header`) → a platform format, chosen by data tables (`formats`,
//! `detect`) → ledger records (`map`) → one transaction in the ledger (`crate::db::write`).

pub mod clean;
pub mod columns;
mod cost_sheets;
pub mod currency;
pub mod detect;
pub mod formats;
pub mod header;
pub mod map;
pub mod mapping;
pub mod parts;
pub mod paste;
mod pipeline;
#[cfg(test)]
mod pipeline_props;
mod preview;
pub mod read;
mod store_names;

pub use crate::model::{CostTarget, LedgerSink, Unmapped};
pub use columns::{preview_columns, ColumnsPreview};
pub use cost_sheets::{StoreChoice, UnplacedSku};
pub use pipeline::{import_bytes, import_file, import_files, FileOutcome};
pub use preview::{preview, preview_known, Preview};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Currency, Platform, ReportKind};

/// What the user told us about the files.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub store: Option<String>,
    pub platform: Option<Platform>,
    /// Skip (and list) rows with unreadable values instead of refusing the whole file.
    pub allow_skip: bool,
    /// Read the file with this column mapping instead of recognising it; a named mapping is
    /// saved as a template (reused for files with the same headers).
    pub mapping: Option<mapping::ColumnMapping>,
    /// The store the merchant chose for SKUs of a cost sheet that cannot be placed by their
    /// sales (SKU → store name; the cost takes that store's currency).
    pub sku_stores: std::collections::BTreeMap<String, String>,
}

/// A row left out, with everything needed to find it in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub sheet: String,
    pub row: u64,
    pub column: Option<String>,
    pub value: Option<String>,
    pub reason: String,
    /// The reason's code for the page's sentence (`error.reason.<code>`), if it has one.
    pub code: Option<&'static str>,
}

/// What a file was recognised as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detected {
    /// The format table's id, e.g. "shopee_vn.orders".
    pub format_id: &'static str,
    /// The format table itself (a mapped file's is not among the built-in ones).
    #[serde(skip)]
    pub spec: detect::SpecRef,
    pub platform: Platform,
    pub report: ReportKind,
    /// The sheet holding the data (the file name for CSV).
    pub sheet: String,
    /// 1-based row of the header.
    pub header_row: u64,
    /// The shop name when the export carries it.
    pub store_name: Option<String>,
    pub currency: Currency,
    /// The file (or its format) says its currency; otherwise an existing store's currency
    /// is the file's (a store carries one currency).
    #[serde(skip)]
    pub currency_stated: bool,
}

/// Counts from mapping one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MapStats {
    /// Data rows read (after header, description, blank and total rows).
    pub rows: u64,
    pub skipped: Vec<Skipped>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    /// Money columns no role of the format reads (`map::unmapped`).
    pub unmapped: Vec<Unmapped>,
}
