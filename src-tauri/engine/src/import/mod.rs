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
pub mod read;
mod store_names;

pub use columns::{preview_columns, ColumnsPreview};
pub use map::unmapped::Unmapped;
pub use pipeline::{
    import_bytes, import_file, import_files, preview, preview_known, FileOutcome, Preview,
};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::model::{
    AdDay, Currency, FeeRow, FixedCost, OrderItem, OrderLine, Platform, ReportKind, Settlement,
    SkuCost, StoreId, TaxRow, TrafficDay, Withdrawal,
};

/// Where a fixed cost belongs (store, None for all stores of the currency; currency), or why
/// it fits nowhere (a reason for the row).
pub type CostTarget = std::result::Result<(Option<StoreId>, Currency), String>;

/// Where the mapped records go: the ledger writer inside one transaction, or a counting
/// preview that writes nothing.
pub trait LedgerSink {
    fn order_line(&mut self, line: OrderLine) -> Result<()>;
    /// The stored form of a buyer id (a salted hash, `db::buyers`): the raw id never goes
    /// further than this call. None: buyers are not kept (a preview).
    fn buyer_hash(&mut self, _buyer: &str) -> Result<Option<String>> {
        Ok(None)
    }
    /// An item of an order from a companion file (SKU, qty, price of a per-order line).
    fn order_item(&mut self, item: OrderItem) -> Result<()>;
    fn fee(&mut self, fee: FeeRow) -> Result<()>;
    fn ad_day(&mut self, ad: AdDay) -> Result<()>;
    fn sku_cost(&mut self, cost: SkuCost) -> Result<()>;
    /// One day of the store's traffic (visitors).
    fn traffic_day(&mut self, day: TrafficDay) -> Result<()>;
    /// Where a fixed cost of the store named `store` (None: not named) in `currency` (None:
    /// not said) belongs; `file` is the file's currency. Without a ledger to ask, no store is
    /// known: the cost is for all stores of its currency.
    fn cost_target(
        &mut self,
        _store: Option<&str>,
        currency: Option<Currency>,
        file: Currency,
    ) -> Result<CostTarget> {
        Ok(Ok((None, currency.unwrap_or(file))))
    }
    fn fixed_cost(&mut self, cost: FixedCost) -> Result<()>;
    /// A tax a settlement file says the platform withheld (or gave back).
    fn tax_row(&mut self, tax: TaxRow) -> Result<()>;
    /// An order's settlement or an adjustment of a settlement file.
    fn settlement(&mut self, s: Settlement) -> Result<()>;
    /// A wallet → bank transfer.
    fn withdrawal(&mut self, w: Withdrawal) -> Result<()>;
    /// One data row of the file is done (its records were all given). Lets the writer
    /// count rows as added, updated or duplicate, as the CLI contract reports them.
    fn end_row(&mut self) {
        self.end_rows(1);
    }
    /// `rows` data rows are done whose records were summed into the ones just given (ad
    /// rows of one key): they count as one row each, all as those records were.
    fn end_rows(&mut self, _rows: u64) {}
    /// Forget everything given so far: the importer reads the file again from the start
    /// (it lists an order's lines apart, see `map::lines`).
    fn restart(&mut self) -> Result<()>;
}

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
    pub spec: formats::SpecRef,
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
