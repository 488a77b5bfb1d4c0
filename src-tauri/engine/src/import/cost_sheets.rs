//! Where a cost sheet's costs go: a `--store`'s currency, the ledger's only one, or (several
//! currencies, no store) each SKU's own, with the SKUs that cannot be placed named.

use rusqlite::Connection;

use super::{Detected, ImportOptions};
use crate::db::costs::cost_target;
use crate::error::{Error, Result};
use crate::model::{Currency, ReportKind, StoreId};

/// Cost sheets belong to no store of their own: SKU costs are in the `--store`'s currency,
/// else the database's only one (else, empty database, the format's; with several, each
/// SKU's own: `per_sku_costs`); fixed costs default to the same, but each row finds its own
/// store and currency (`map::fixed_cost_row`), so only a `--store` that does not exist
/// refuses the file here. None for any other file.
pub(super) fn cost_sheet_target(
    conn: &Connection,
    detected: &Detected,
    opts: &ImportOptions,
) -> Result<Option<(Option<StoreId>, Currency)>> {
    let target = || cost_target(conn, opts.store.as_deref(), None, Some(detected.currency));
    Ok(match detected.report {
        ReportKind::SkuCosts | ReportKind::FixedCosts => match target() {
            Err(Error::InvalidArgument(_)) if opts.store.is_none() => {
                Some((None, detected.currency))
            }
            found => Some(found?),
        },
        _ => None,
    })
}

/// Whether a SKU cost sheet places each SKU in the currency it sells in: no `--store`, and
/// the ledger holds stores of several currencies (cli.md Additions).
pub(super) fn per_sku_costs(
    conn: &Connection,
    detected: &Detected,
    opts: &ImportOptions,
) -> Result<bool> {
    if detected.report != ReportKind::SkuCosts || opts.store.is_some() {
        return Ok(false);
    }
    let n: i64 = conn.query_row("SELECT COUNT(DISTINCT currency) FROM stores", [], |r| {
        r.get(0)
    })?;
    Ok(n > 1)
}

/// The refusal of a per-SKU cost sheet: the SKUs it cannot place (sold in two currencies, or
/// not sold yet), all named; the page asks for their store.
pub(super) fn unplaced_error(skus: &[String], file: &str, sheet: &str) -> Option<Error> {
    (!skus.is_empty()).then(|| Error::UnplacedSkus {
        at: crate::Location {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            ..Default::default()
        },
        skus: skus.to_vec(),
    })
}
