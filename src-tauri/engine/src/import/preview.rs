//! What a file would import, read fully through a counting sink that writes nothing (the
//! window shows it before the merchant commits the import).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::cost_sheets::{
    cost_sheet_target, preview_placement, unplaced_listing, StoreChoice, UnplacedSku,
};
use super::pipeline::{file_name, open_and_detect};
use super::store_names::store_and_source;
use super::{map, CostTarget, ImportOptions, LedgerSink, Skipped, Unmapped};
use crate::db::costs::row_target;
use crate::db::similar_store;
use crate::error::Result;
use crate::model::{
    AdDay, Currency, FeeRow, FixedCost, OrderItem, OrderLine, ReportKind, Settlement, SkuCost,
    TaxRow, TrafficDay, Withdrawal,
};
use crate::Ledger;

/// What a file would import, computed without writing (the app shows it before committing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub file: String,
    pub platform: String,
    pub report: String,
    pub store: String,
    pub currency: String,
    /// Where `store` comes from: "given" (the caller's), "file" (the export names the shop),
    /// "remembered" (last given for this platform) or "platform" (its display name). The
    /// page asks for the name unless the file gives it.
    pub store_source: &'static str,
    pub format: &'static str,
    pub rows: u64,
    pub order_lines: u64,
    pub order_items: u64,
    pub fees: u64,
    pub ad_days: u64,
    pub sku_costs: u64,
    pub traffic_days: u64,
    pub fixed_costs: u64,
    pub tax_rows: u64,
    pub settlements: u64,
    pub withdrawals: u64,
    pub skipped: Vec<Skipped>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    /// As `FileOutcome::similar_store`, for the store the import would create.
    pub similar_store: Option<String>,
    pub unmapped: Vec<Unmapped>,
    /// SKUs of a cost sheet whose currency their sales do not tell (cost_sheets.rs), and
    /// the stores the merchant can choose for them (empty unless some are unplaced).
    pub unplaced: Vec<UnplacedSku>,
    pub store_choices: Vec<StoreChoice>,
}

/// Counts what a file holds without writing anything (with a ledger at hand, fixed costs are
/// checked against its stores).
#[derive(Default)]
struct CountingSink<'c> {
    conn: Option<&'c Connection>,
    order_lines: u64,
    order_items: u64,
    fees: u64,
    ad_days: u64,
    sku_costs: u64,
    traffic_days: u64,
    fixed_costs: u64,
    tax_rows: u64,
    settlements: u64,
    withdrawals: u64,
    /// A per-SKU cost sheet: where each SKU would go (its unplaced SKUs are listed).
    per_sku: Option<crate::db::sku_currency::SkuCurrencies>,
}

impl LedgerSink for CountingSink<'_> {
    fn order_line(&mut self, _: OrderLine) -> Result<()> {
        self.order_lines += 1;
        Ok(())
    }
    fn order_item(&mut self, _: OrderItem) -> Result<()> {
        self.order_items += 1;
        Ok(())
    }
    fn fee(&mut self, _: FeeRow) -> Result<()> {
        self.fees += 1;
        Ok(())
    }
    fn ad_day(&mut self, _: AdDay) -> Result<()> {
        self.ad_days += 1;
        Ok(())
    }
    fn sku_cost(&mut self, cost: SkuCost) -> Result<()> {
        self.sku_costs += 1;
        if let (None, Some(p)) = (cost.currency, self.per_sku.as_mut()) {
            p.of(&cost.sku);
        }
        Ok(())
    }
    fn traffic_day(&mut self, _: TrafficDay) -> Result<()> {
        self.traffic_days += 1;
        Ok(())
    }
    fn cost_target(
        &mut self,
        store: Option<&str>,
        currency: Option<Currency>,
        file: Currency,
    ) -> Result<CostTarget> {
        match self.conn {
            Some(conn) => row_target(conn, store, currency),
            None => Ok(Ok((None, currency.unwrap_or(file)))),
        }
    }
    fn fixed_cost(&mut self, _: FixedCost) -> Result<()> {
        self.fixed_costs += 1;
        Ok(())
    }
    fn tax_row(&mut self, _: TaxRow) -> Result<()> {
        self.tax_rows += 1;
        Ok(())
    }
    fn settlement(&mut self, _: Settlement) -> Result<()> {
        self.settlements += 1;
        Ok(())
    }
    fn withdrawal(&mut self, _: Withdrawal) -> Result<()> {
        self.withdrawals += 1;
        Ok(())
    }
    fn restart(&mut self) -> Result<()> {
        let per_sku = self.per_sku.take().map(|p| p.restarted());
        *self = CountingSink {
            conn: self.conn,
            per_sku,
            ..CountingSink::default()
        };
        Ok(())
    }
}

/// Recognise and read a file fully, writing nothing.
pub fn preview(path: &Path, opts: &ImportOptions) -> Result<Preview> {
    preview_in(path, opts, None)
}

/// `preview`, also recognising unknown files by the ledger's saved mapping templates.
pub fn preview_known(ledger: &Ledger, path: &Path, opts: &ImportOptions) -> Result<Preview> {
    preview_in(path, opts, Some(ledger.conn()))
}

fn preview_in(path: &Path, opts: &ImportOptions, conn: Option<&Connection>) -> Result<Preview> {
    let (mut book, mut detected) = open_and_detect(path, opts, conn)?;
    if let Some(conn) = conn {
        if let Some((_, currency)) = cost_sheet_target(conn, &detected, opts)? {
            detected.currency = currency;
        }
    }
    let mut sink = CountingSink {
        conn,
        ..Default::default()
    };
    if let Some(conn) = conn {
        sink.per_sku = preview_placement(conn, &detected, opts)?;
    }
    let stats = map::map(book.as_mut(), &detected, opts, &mut sink, &mut |_| {})?;
    let (unplaced, store_choices) = unplaced_listing(conn, sink.per_sku.as_ref())?;
    let (store, store_source) = store_and_source(&detected, opts, conn);
    let similar_store = match conn {
        Some(conn)
            if !matches!(
                detected.report,
                ReportKind::SkuCosts | ReportKind::FixedCosts
            ) =>
        {
            similar_store(conn, &store, detected.platform)?
        }
        _ => None,
    };
    Ok(Preview {
        file: file_name(path),
        platform: detected.platform.as_str().into(),
        report: detected.report.as_str().into(),
        // A fixed-cost sheet's rows name their stores (none: all stores of the currency).
        store: if detected.report == ReportKind::FixedCosts {
            opts.store.clone().unwrap_or_default()
        } else {
            store
        },
        store_source,
        currency: detected.currency.code().into(),
        format: detected.format_id,
        rows: stats.rows,
        order_lines: sink.order_lines,
        order_items: sink.order_items,
        fees: sink.fees,
        ad_days: sink.ad_days,
        sku_costs: sink.sku_costs,
        traffic_days: sink.traffic_days,
        fixed_costs: sink.fixed_costs,
        tax_rows: sink.tax_rows,
        settlements: sink.settlements,
        withdrawals: sink.withdrawals,
        skipped: stats.skipped,
        date_from: stats.date_from,
        date_to: stats.date_to,
        similar_store,
        unmapped: stats.unmapped,
        unplaced,
        store_choices,
    })
}
