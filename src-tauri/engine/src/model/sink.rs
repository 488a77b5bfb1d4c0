//! `LedgerSink`: where an importer's records go — the ledger writer (`db::LedgerWriter`) inside
//! one transaction, or a counting preview. Defined here, below both, so the importer and the
//! ledger meet on the model and neither imports the other's internals.

use crate::error::Result;
use crate::model::{
    AdDay, Currency, FeeRow, FixedCost, OrderItem, OrderLine, Settlement, SkuCost, StoreId, TaxRow,
    TrafficDay, Withdrawal,
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
