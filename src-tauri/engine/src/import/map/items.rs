//! Item grain: one row → one `OrderItem` of a companion file (Taobao 宝贝报表). The row has
//! no date of its own; the order line it belongs to supplies it when aggregates are built.

use rust_decimal::Decimal;

use super::finished::Finished;
use super::occurrence::Occurrences;
use super::values::{Bad, Bound};
use crate::error::Result;
use crate::import::formats::Role;
use crate::import::read::Cell;
use crate::import::LedgerSink;
use crate::model::OrderItem;

/// Everything read from one row, before anything is emitted.
pub struct ItemRow {
    item: OrderItem,
    key: Option<String>,
}

#[derive(Default)]
pub struct Items {
    /// Keep every order's occurrence counts to the end of the file; otherwise only the
    /// current order's (a year of 1M items held 260 MB of counts).
    whole_file: bool,
    keys: Occurrences,
    /// Streaming: the order of the last row, and the orders finished before it.
    current: Option<String>,
    finished: Finished,
}

impl Items {
    pub fn new(whole_file: bool) -> Items {
        Items {
            whole_file,
            ..Items::default()
        }
    }

    /// Streaming: this row's order was finished already (the file lists its items apart),
    /// so its occurrence numbers are gone and the file must be read again with `whole_file`.
    pub fn revisits(&self, order_id: &str) -> bool {
        !self.whole_file
            && self.current.as_deref() != Some(order_id)
            && self.finished.contains(order_id)
    }

    pub fn read(&self, b: &Bound, cells: &[Cell], order_id: String) -> Result<ItemRow, Bad> {
        let qty = b.decimal(cells, Role::Qty)?.unwrap_or(Decimal::ONE);
        let (item_id, key) = self.keys.line_id(b, cells, &order_id)?;
        let amount = b.list_amount(cells, qty, true)?;
        Ok(ItemRow {
            item: OrderItem {
                order_id,
                item_id,
                sku: b.id(cells, Role::Sku)?,
                product: b.text(cells, Role::Product),
                qty,
                amount,
            },
            key,
        })
    }

    pub fn emit(&mut self, row: ItemRow, sink: &mut dyn LedgerSink) -> Result<()> {
        let order = &row.item.order_id;
        if !self.whole_file && self.current.as_deref() != Some(order.as_str()) {
            if let Some(done) = self.current.replace(order.clone()) {
                self.finished.insert(&done);
            }
            self.keys.clear();
        }
        if let Some(k) = row.key {
            self.keys.count(&row.item.order_id, k);
        }
        sink.order_item(row.item)
    }
}
