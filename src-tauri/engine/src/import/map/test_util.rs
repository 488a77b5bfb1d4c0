//! Helpers for the mapper tests: a collecting sink and row builders keyed by header name.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::import::detect::detect;
use crate::import::read::Cell;
use crate::import::read::MemoryBook;
use crate::import::{Detected, ImportOptions, LedgerSink, MapStats};
use crate::model::{
    AdDay, FeeKind, FeeRow, FixedCost, OrderItem, OrderLine, OrderStatus, Settlement, SkuCost,
    TaxRow, TrafficDay, Withdrawal,
};

#[derive(Debug, Default)]
pub struct Sink {
    pub lines: Vec<OrderLine>,
    pub items: Vec<OrderItem>,
    pub fees: Vec<FeeRow>,
    pub ads: Vec<AdDay>,
    pub costs: Vec<SkuCost>,
    /// Times the importer started the file again (an order's lines apart).
    pub restarts: u32,
    pub traffic: Vec<TrafficDay>,
    pub fixed: Vec<FixedCost>,
    pub taxes: Vec<TaxRow>,
    pub settlements: Vec<Settlement>,
    pub withdrawals: Vec<Withdrawal>,
}

impl LedgerSink for Sink {
    fn order_line(&mut self, line: OrderLine) -> Result<()> {
        self.lines.push(line);
        Ok(())
    }
    fn order_item(&mut self, item: OrderItem) -> Result<()> {
        self.items.push(item);
        Ok(())
    }
    fn fee(&mut self, fee: FeeRow) -> Result<()> {
        self.fees.push(fee);
        Ok(())
    }
    fn ad_day(&mut self, ad: AdDay) -> Result<()> {
        self.ads.push(ad);
        Ok(())
    }
    fn sku_cost(&mut self, cost: SkuCost) -> Result<()> {
        self.costs.push(cost);
        Ok(())
    }
    fn traffic_day(&mut self, day: TrafficDay) -> Result<()> {
        self.traffic.push(day);
        Ok(())
    }
    fn fixed_cost(&mut self, cost: FixedCost) -> Result<()> {
        self.fixed.push(cost);
        Ok(())
    }
    fn tax_row(&mut self, tax: TaxRow) -> Result<()> {
        self.taxes.push(tax);
        Ok(())
    }
    fn settlement(&mut self, s: Settlement) -> Result<()> {
        self.settlements.push(s);
        Ok(())
    }
    fn withdrawal(&mut self, w: Withdrawal) -> Result<()> {
        self.withdrawals.push(w);
        Ok(())
    }
    fn restart(&mut self) -> Result<()> {
        *self = Sink {
            restarts: self.restarts + 1,
            ..Sink::default()
        };
        Ok(())
    }
}

pub fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> Cell {
    Cell::DateTime(day(y, m, d).and_hms_opt(h, mi, 0).unwrap())
}

/// The header row from a " | "-separated list.
pub fn headers(list: &str) -> Vec<String> {
    list.split(" | ").map(str::to_string).collect()
}

pub fn header_row(h: &[String]) -> Vec<Cell> {
    h.iter().map(|s| t(s)).collect()
}

/// A data row: the named cells at their header's position, the rest empty.
pub fn row(h: &[String], cells: &[(&str, Cell)]) -> Vec<Cell> {
    let mut out = vec![Cell::Empty; h.len()];
    for (name, cell) in cells {
        let i = h
            .iter()
            .position(|x| x == name)
            .unwrap_or_else(|| panic!("no {name}"));
        out[i] = cell.clone();
    }
    out
}

pub fn run(book: &mut MemoryBook, opts: &ImportOptions) -> Result<(Detected, MapStats, Sink)> {
    let d = detect(book, opts)?;
    let mut sink = Sink::default();
    let mut seen = Vec::new();
    let stats = super::map(book, &d, opts, &mut sink, &mut |n| seen.push(n))?;
    assert_eq!(seen.last(), Some(&stats.rows));
    Ok((d, stats, sink))
}

#[allow(clippy::too_many_arguments)]
pub fn line(
    order: &str,
    line: &str,
    sku: Option<&str>,
    qty: Decimal,
    d: NaiveDate,
    cancelled: bool,
    list: Decimal,
    seller: Decimal,
    platform: Decimal,
    f: Decimal,
) -> OrderLine {
    OrderLine {
        order_id: order.into(),
        line_id: line.into(),
        sku: sku.map(Into::into),
        product: None,
        qty,
        day: d,
        status: if cancelled {
            OrderStatus::Cancelled
        } else {
            OrderStatus::Paid
        },
        list_amount: list,
        seller_discount: seller,
        platform_discount: platform,
        refund_fraction: f,
        buyer_hash: None,
    }
}

pub fn fee(order: &str, d: NaiveDate, kind: FeeKind, amount: Decimal, source: &str) -> FeeRow {
    FeeRow {
        order_id: Some(order.into()),
        day: d,
        kind,
        amount,
        reference: format!("order:{order}"),
        rank: 1,
        source: source.into(),
    }
}

/// Lines without product names, for compact comparisons.
pub fn bare(lines: &[OrderLine]) -> Vec<OrderLine> {
    lines
        .iter()
        .cloned()
        .map(|l| OrderLine { product: None, ..l })
        .collect()
}
