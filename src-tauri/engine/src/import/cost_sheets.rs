//! Where a cost sheet's costs go: a `--store`'s currency, the ledger's only one, or (several
//! currencies, no store) each SKU's own, with the SKUs that cannot be placed named; the
//! preview lists those with the stores to choose from, and the merchant's choice places them.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::{Detected, ImportOptions};
use crate::db::costs::cost_target;
use crate::db::sku_currency::SkuCurrencies;
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

/// The currency of the store the merchant chose for each SKU (`ImportOptions::sku_stores`);
/// a store that does not exist refuses the file.
pub(super) fn chosen_currencies(
    conn: &Connection,
    opts: &ImportOptions,
) -> Result<HashMap<String, Currency>> {
    opts.sku_stores
        .iter()
        .filter(|(_, store)| !store.trim().is_empty())
        .map(|(sku, store)| {
            let (_, currency) = cost_target(conn, Some(store), None, None)?;
            Ok((sku.clone(), currency))
        })
        .collect()
}

/// A store the merchant can choose for a SKU: its name and the currency its costs take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreChoice {
    pub name: String,
    pub currency: String,
}

/// A SKU of a cost sheet whose currency its sales do not tell: the stores that sold it (two
/// currencies), or none (never sold). The page asks for its store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnplacedSku {
    pub sku: String,
    pub sold_in: Vec<StoreChoice>,
}

/// The preview's placement of a per-SKU cost sheet (as the import will place it), if it is one.
pub(super) fn preview_placement(
    conn: &Connection,
    detected: &Detected,
    opts: &ImportOptions,
) -> Result<Option<SkuCurrencies>> {
    if !per_sku_costs(conn, detected, opts)? {
        return Ok(None);
    }
    let chosen = chosen_currencies(conn, opts)?;
    Ok(Some(SkuCurrencies::load(conn)?.with_chosen(chosen)))
}

/// The SKUs the preview could not place, with the stores to choose from (none: empty).
pub(super) fn unplaced_listing(
    conn: Option<&Connection>,
    placed: Option<&SkuCurrencies>,
) -> Result<(Vec<UnplacedSku>, Vec<StoreChoice>)> {
    match (conn, placed) {
        (Some(conn), Some(p)) if !p.unplaced().is_empty() => {
            Ok((unplaced_skus(conn, p.unplaced())?, store_choices(conn)?))
        }
        _ => Ok((Vec::new(), Vec::new())),
    }
}

/// Every store, by currency then name: what the page offers for an unplaced SKU.
fn store_choices(conn: &Connection) -> Result<Vec<StoreChoice>> {
    let mut stmt = conn.prepare("SELECT name, currency FROM stores ORDER BY currency, name")?;
    let rows = stmt.query_map([], |r| {
        Ok(StoreChoice {
            name: r.get(0)?,
            currency: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The unplaced SKUs with the stores that sold each (any period).
fn unplaced_skus(conn: &Connection, skus: &[String]) -> Result<Vec<UnplacedSku>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT s.name, s.currency FROM agg_sku_day d
         JOIN stores s ON s.id = d.store_id WHERE d.sku = ?1 ORDER BY s.currency, s.name",
    )?;
    skus.iter()
        .map(|sku| {
            let sold_in = stmt
                .query_map([sku.trim()], |r| {
                    Ok(StoreChoice {
                        name: r.get(0)?,
                        currency: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(UnplacedSku {
                sku: sku.clone(),
                sold_in,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::import::{import_file, preview_known, ImportOptions};
    use crate::model::Currency;
    use crate::Error;

    #[test]
    fn the_preview_names_the_skus_to_place_and_the_choice_places_them() {
        // A CNY store sells A and BOTH, a VND store B and BOTH; NEW never sold.
        let mut l = crate::db::sku_currency::two_currency_ledger();
        let dir = tempfile::tempdir().expect("dir");
        let sheet = dir.path().join("成本.csv");
        std::fs::write(&sheet, "SKU,成本\nA,30\nB,60000\nBOTH,25\nNEW,12\n").expect("write");

        // The preview lists only BOTH (sold in both stores) and NEW (sold in none), with
        // every store to choose from; A and B are placed by their sales.
        let p = preview_known(&l, &sheet, &ImportOptions::default()).expect("preview");
        let unplaced: Vec<(&str, Vec<&str>)> = p
            .unplaced
            .iter()
            .map(|u| {
                let sold: Vec<&str> = u.sold_in.iter().map(|s| s.name.as_str()).collect();
                (u.sku.as_str(), sold)
            })
            .collect();
        assert_eq!(
            unplaced,
            [
                ("BOTH", vec!["棉语家居抖音旗舰店", "Nhà Mộc Shopee"]),
                ("NEW", vec![])
            ]
        );
        assert_eq!(p.store_choices.len(), 2);

        // Without a choice the import is refused, naming the two SKUs, and writes nothing.
        let e = import_file(&mut l, &sheet, &ImportOptions::default(), &mut |_| {})
            .expect_err("refused");
        assert!(
            matches!(&e, Error::UnplacedSkus { skus, .. } if skus == &["BOTH", "NEW"]),
            "{e}"
        );
        assert!(l.sku_costs(None).expect("costs").is_empty());

        // With a store for each, the sheet imports: BOTH in VND 25, NEW in CNY 12.
        let opts = ImportOptions {
            sku_stores: [("BOTH", "Nhà Mộc Shopee"), ("NEW", "棉语家居抖音旗舰店")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..ImportOptions::default()
        };
        let p = preview_known(&l, &sheet, &opts).expect("preview");
        assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
        import_file(&mut l, &sheet, &opts, &mut |_| {}).expect("imported");
        let costs: Vec<(Currency, String, String)> = l
            .sku_costs(None)
            .expect("costs")
            .into_iter()
            .map(|c| (c.currency, c.sku, c.unit_cost.to_string()))
            .collect();
        let want = [
            (Currency::CNY, "A", "30"),
            (Currency::CNY, "NEW", "12"),
            (Currency::VND, "B", "60000"),
            (Currency::VND, "BOTH", "25"),
        ];
        assert_eq!(costs.len(), want.len(), "{costs:?}");
        for ((c, s, v), (wc, ws, wv)) in costs.iter().zip(want) {
            assert_eq!((c, s.as_str()), (&wc, ws));
            assert_eq!(
                v.parse::<rust_decimal::Decimal>().ok(),
                wv.parse().ok(),
                "{s}"
            );
        }
    }
}
