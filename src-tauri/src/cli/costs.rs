//! `fupan costs`: fixed monthly costs and SKU unit-cost sheets.

use std::path::Path;
use std::str::FromStr;

use fupan_engine::db::costs::{cost_target, parse_month};
use fupan_engine::import::{import_file, preview, ImportOptions};
use fupan_engine::model::{Currency, Money, StoreId};
use fupan_engine::{Error, Ledger, Result};
use rust_decimal::Decimal;

use super::args::CostsCommand;

pub fn run(ledger: &mut Ledger, cmd: &CostsCommand) -> Result<()> {
    match cmd {
        CostsCommand::Fixed {
            store,
            month,
            kind,
            amount,
        } => fixed(ledger, store.as_deref(), month, kind, amount),
        CostsCommand::Import { file, store } => import(ledger, file, store.clone()),
    }
}

/// The store (by name) and its currency; without a name, the database's only currency
/// applied to all its stores.
fn target(ledger: &Ledger, store: Option<&str>) -> Result<(Option<StoreId>, Currency)> {
    cost_target(ledger.conn(), store, None, None)
}

fn fixed(
    ledger: &Ledger,
    store: Option<&str>,
    month: &str,
    kind: &str,
    amount: &str,
) -> Result<()> {
    let month = parse_month(month)?;
    let amount = Decimal::from_str(amount.trim())
        .map_err(|_| Error::InvalidArgument(format!("--amount {amount:?} is not a number")))?;
    let (store_id, currency) = target(ledger, store)?;
    ledger.set_fixed_cost(store_id, currency, month, kind, amount)?;
    let whom = match store {
        Some(name) => format!("store {}", name.trim()),
        None => format!("all {currency} stores"),
    };
    println!(
        "Fixed cost {:?} for {} ({whom}): {}",
        kind.trim(),
        month.format("%Y-%m"),
        Money::new(amount, currency)
    );
    Ok(())
}

/// A cost sheet (SKU unit costs or fixed monthly costs) goes through the importer (so it is
/// in the import history and can be undone); the file must be recognised as a cost sheet,
/// never as something else.
fn import(ledger: &mut Ledger, file: &Path, store: Option<String>) -> Result<()> {
    if let Some(name) = &store {
        target(ledger, Some(name))?;
    }
    let opts = ImportOptions {
        store,
        ..Default::default()
    };
    let seen = preview(file, &opts)?;
    let what = match seen.report.as_str() {
        "sku_costs" => "SKU costs",
        "fixed_costs" => "fixed costs",
        _ => {
            return Err(Error::InvalidArgument(format!(
                "{} looks like {} ({}), not a cost sheet (columns SKU, unit_cost[, valid_from], \
                 or month, item, amount[, store][, currency])",
                seen.file, seen.report, seen.format
            )))
        }
    };
    let out = import_file(ledger, file, &opts, &mut |_| {})?;
    println!(
        "{}: {} {what} added, {} updated, {} unchanged (import {})",
        out.file, out.added, out.updated, out.duplicates, out.import_id
    );
    for s in &out.skipped {
        let safe = super::term::safe;
        println!(
            "  skipped row {} ({}): {}",
            s.row,
            safe(&s.sheet),
            safe(&s.reason)
        );
    }
    Ok(())
}
