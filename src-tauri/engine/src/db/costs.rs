//! Costs the merchant enters or imports: SKU unit costs (COGS, valid from a date on, per
//! currency) and fixed monthly costs (per store, or for all stores of a currency).

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Ledger;
use crate::error::{Error, Result};
use crate::model::{Currency, Scaled, SkuCost, StoreId};

/// A SKU unit cost as stored: its exact decimal as text (`migrations/007`), so a cost of
/// 0.01234 stays 0.01234 (a stored integer would be a count of 1/10,000 from schema 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitCost(pub Decimal);

impl rusqlite::types::FromSql for UnitCost {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        use rusqlite::types::{FromSqlError, ValueRef};
        match v {
            ValueRef::Text(t) => std::str::from_utf8(t)
                .ok()
                .and_then(|s| Decimal::from_str(s).ok())
                .map(UnitCost)
                .ok_or_else(|| FromSqlError::Other("a unit cost is not a decimal".into())),
            ValueRef::Integer(i) => Ok(UnitCost(Scaled(i).to_decimal())),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// How a unit cost is stored: exact, normalised (12.50 and 12.5 are one value).
pub(crate) fn unit_cost_text(cost: Decimal) -> rusqlite::types::Value {
    rusqlite::types::Value::Text(cost.normalize().to_string())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkuCostRow {
    pub currency: Currency,
    pub sku: String,
    pub valid_from: NaiveDate,
    pub unit_cost: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixedCostRow {
    pub id: i64,
    /// `None`: applies to all stores of the currency.
    pub store_id: Option<StoreId>,
    pub store: Option<String>,
    pub currency: Currency,
    /// "YYYY-MM".
    pub month: String,
    pub kind: String,
    pub amount: Decimal,
}

/// What a SKU-cost import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CostImportStats {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// "YYYY-MM" → the month's first day.
pub fn parse_month(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d")
        .map_err(|_| Error::InvalidArgument(format!("month {s:?} is not YYYY-MM")))
}

/// Where a cost belongs: the store named `store` (its currency, which `currency` must match),
/// else all stores of `currency`, else of the database's only currency, else (no stores yet)
/// of `empty`. `Error::NotFound` / `InvalidArgument` say what to fix.
pub fn cost_target(
    conn: &rusqlite::Connection,
    store: Option<&str>,
    currency: Option<Currency>,
    empty: Option<Currency>,
) -> Result<(Option<StoreId>, Currency)> {
    if let Some(name) = store.map(str::trim) {
        let found: Vec<(i64, String)> = conn
            .prepare_cached("SELECT id, currency FROM stores WHERE name = ?1")?
            .query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        return match found.as_slice() {
            [] => Err(Error::NotFound(format!("no store named {name:?}"))),
            [(id, cur)] => {
                let cur: Currency = cur.parse().map_err(Error::Internal)?;
                match currency {
                    Some(c) if c != cur => Err(Error::InvalidArgument(format!(
                        "store {name:?} sells in {cur}, not {c}"
                    ))),
                    _ => Ok((Some(StoreId(*id)), cur)),
                }
            }
            _ => Err(Error::InvalidArgument(format!(
                "several stores are named {name:?} (on different platforms); rename one first"
            ))),
        };
    }
    if let Some(c) = currency {
        return Ok((None, c));
    }
    let all: Vec<String> = conn
        .prepare_cached("SELECT DISTINCT currency FROM stores")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match (all.as_slice(), empty) {
        ([one], _) => Ok((None, one.parse().map_err(Error::Internal)?)),
        ([], Some(c)) => Ok((None, c)),
        ([], None) => Err(Error::InvalidArgument(
            "no stores yet: import a store's orders first, or say the currency".into(),
        )),
        _ => Err(Error::InvalidArgument(
            "the database has stores in several currencies: name the store (--store or a store \
             column) or the currency"
                .into(),
        )),
    }
}

/// `cost_target` for one row of a fixed-cost sheet: what the user must fix is the row's
/// reason, not an error. With no stores yet a row must say its currency (no guess).
pub fn row_target(
    conn: &rusqlite::Connection,
    store: Option<&str>,
    currency: Option<Currency>,
) -> Result<crate::model::CostTarget> {
    match cost_target(conn, store, currency, None) {
        Ok(t) => Ok(Ok(t)),
        Err(Error::NotFound(why) | Error::InvalidArgument(why)) => Ok(Err(why)),
        Err(e) => Err(e),
    }
}

fn currency_of(s: &str) -> rusqlite::Result<Currency> {
    s.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

impl Ledger {
    /// Set (insert or replace) the fixed cost of one kind for one month. `store` None = all
    /// stores of `currency`; a given store must be in that currency.
    pub fn set_fixed_cost(
        &self,
        store: Option<StoreId>,
        currency: Currency,
        month: NaiveDate,
        kind: &str,
        amount: Decimal,
    ) -> Result<()> {
        let kind = kind.trim();
        if kind.is_empty() {
            return Err(Error::InvalidArgument(
                "a fixed cost needs a kind (rent, salaries…)".into(),
            ));
        }
        if let Some(id) = store {
            let cur: Option<String> = self
                .conn()
                .query_row("SELECT currency FROM stores WHERE id = ?1", [id.0], |r| {
                    r.get(0)
                })
                .optional()?;
            match cur {
                None => return Err(Error::NotFound(format!("no store with id {}", id.0))),
                Some(c) if c != currency.code() => {
                    return Err(Error::InvalidArgument(format!(
                        "the store sells in {c}, not {currency}"
                    )))
                }
                Some(_) => {}
            }
        }
        let month = format!("{:04}-{:02}", month.year(), month.month());
        let amount = Scaled::from_decimal(amount)?.0;
        let store_id = store.map(|s| s.0);
        // UNIQUE does not match NULL store ids, so upsert by hand inside one transaction.
        let tx = self.conn().unchecked_transaction()?;
        let changed = tx.execute(
            // Entered by hand now: undoing the import that set it leaves it alone.
            "UPDATE fixed_costs SET amount = ?5, import_id = NULL
             WHERE store_id IS ?1 AND currency = ?2 AND month = ?3 AND kind = ?4",
            params![store_id, currency.code(), month, kind, amount],
        )?;
        if changed == 0 {
            tx.execute(
                "INSERT INTO fixed_costs (store_id, currency, month, kind, amount)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![store_id, currency.code(), month, kind, amount],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn delete_fixed_cost(&self, id: i64) -> Result<()> {
        let n = self
            .conn()
            .execute("DELETE FROM fixed_costs WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::NotFound(format!("no fixed cost with id {id}")));
        }
        Ok(())
    }

    /// Fixed costs, optionally of one currency, by month then kind.
    pub fn fixed_costs(&self, currency: Option<Currency>) -> Result<Vec<FixedCostRow>> {
        let mut stmt = self.conn().prepare(
            "SELECT f.id, f.store_id, s.name, f.currency, f.month, f.kind, f.amount
             FROM fixed_costs f LEFT JOIN stores s ON s.id = f.store_id
             WHERE ?1 IS NULL OR f.currency = ?1
             ORDER BY f.currency, f.month, f.store_id, f.kind",
        )?;
        let rows = stmt.query_map([currency.map(Currency::code)], |r| {
            Ok(FixedCostRow {
                id: r.get(0)?,
                store_id: r.get::<_, Option<i64>>(1)?.map(StoreId),
                store: r.get(2)?,
                currency: currency_of(&r.get::<_, String>(3)?)?,
                month: r.get(4)?,
                kind: r.get(5)?,
                amount: Scaled(r.get(6)?).to_decimal(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Upsert SKU unit costs of one currency in one transaction (key: currency, SKU,
    /// valid_from; a later row of the same key wins). Refuses the whole batch on a blank SKU
    /// or a negative cost.
    pub fn import_sku_costs(
        &mut self,
        currency: Currency,
        costs: Vec<SkuCost>,
    ) -> Result<CostImportStats> {
        let mut stats = CostImportStats::default();
        let tx = self.conn_mut().transaction()?;
        for c in costs {
            let sku = c.sku.trim();
            if sku.is_empty() {
                return Err(Error::InvalidArgument("a SKU cost row has no SKU".into()));
            }
            if c.unit_cost < Decimal::ZERO {
                return Err(Error::InvalidArgument(format!(
                    "SKU {sku:?}: unit cost {} is negative",
                    c.unit_cost
                )));
            }
            let unit = unit_cost_text(c.unit_cost);
            let from = c.valid_from.to_string();
            let current: Option<rusqlite::types::Value> = tx
                .query_row(
                    "SELECT unit_cost FROM sku_costs WHERE currency = ?1 AND sku = ?2 AND valid_from = ?3",
                    params![currency.code(), sku, from],
                    |r| r.get(0),
                )
                .optional()?;
            match current {
                Some(u) if u == unit => stats.unchanged += 1,
                Some(_) => stats.updated += 1,
                None => stats.added += 1,
            }
            tx.execute(
                // A changed cost is the user's now: undoing the import that set it keeps it.
                "INSERT INTO sku_costs (currency, sku, valid_from, unit_cost) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (currency, sku, valid_from) DO UPDATE
                 SET unit_cost = excluded.unit_cost, import_id = NULL
                 WHERE sku_costs.unit_cost <> excluded.unit_cost",
                params![currency.code(), sku, from, unit],
            )?;
        }
        tx.commit()?;
        Ok(stats)
    }

    /// Remove one SKU cost (the SKU then falls back to an earlier cost, or shows as missing).
    pub fn delete_sku_cost(
        &self,
        currency: Currency,
        sku: &str,
        valid_from: NaiveDate,
    ) -> Result<()> {
        let n = self.conn().execute(
            "DELETE FROM sku_costs WHERE currency = ?1 AND sku = ?2 AND valid_from = ?3",
            params![currency.code(), sku, valid_from.to_string()],
        )?;
        if n == 0 {
            return Err(Error::NotFound(format!(
                "no {currency} cost of SKU {sku:?} from {valid_from}"
            )));
        }
        Ok(())
    }

    /// SKU unit costs, optionally of one currency, by SKU then date.
    pub fn sku_costs(&self, currency: Option<Currency>) -> Result<Vec<SkuCostRow>> {
        let mut stmt = self.conn().prepare(
            "SELECT currency, sku, valid_from, unit_cost FROM sku_costs
             WHERE ?1 IS NULL OR currency = ?1 ORDER BY currency, sku, valid_from",
        )?;
        let rows = stmt.query_map([currency.map(Currency::code)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (cur, sku, from, unit): (String, String, String, UnitCost) = row?;
            out.push(SkuCostRow {
                currency: cur.parse().map_err(Error::Internal)?,
                sku,
                valid_from: NaiveDate::parse_from_str(&from, "%Y-%m-%d")
                    .map_err(|e| Error::Internal(format!("bad valid_from {from:?}: {e}")))?,
                unit_cost: unit.0,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;
    use rust_decimal_macros::dec;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn fixed_costs_upsert_per_store_and_for_all_stores() {
        let ledger = Ledger::open_in_memory().unwrap();
        let shop = ledger
            .ensure_store("A", Platform::Taobao, Currency::CNY)
            .unwrap();
        let m = parse_month("2026-01").unwrap();
        ledger
            .set_fixed_cost(None, Currency::CNY, m, "rent", dec!(3000))
            .unwrap();
        ledger
            .set_fixed_cost(None, Currency::CNY, m, "rent", dec!(3100))
            .unwrap();
        ledger
            .set_fixed_cost(Some(shop.id), Currency::CNY, m, "tools", dec!(99.5))
            .unwrap();
        ledger
            .set_fixed_cost(Some(shop.id), Currency::CNY, m, "tools", dec!(100))
            .unwrap();
        let rows = ledger.fixed_costs(Some(Currency::CNY)).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].store.as_deref(), rows[0].amount),
            (None, dec!(3100))
        );
        assert_eq!(
            (rows[1].store.as_deref(), rows[1].amount),
            (Some("A"), dec!(100))
        );
        assert_eq!(rows[1].month, "2026-01");
        assert!(ledger
            .set_fixed_cost(Some(shop.id), Currency::VND, m, "x", dec!(1))
            .is_err());
        assert!(ledger
            .set_fixed_cost(None, Currency::CNY, m, " ", dec!(1))
            .is_err());
        assert!(parse_month("2026-13").is_err());
        ledger.delete_fixed_cost(rows[0].id).unwrap();
        assert_eq!(ledger.fixed_costs(None).unwrap().len(), 1);
    }

    /// Each fixed cost as (store, month, kind, amount).
    fn fixed(l: &Ledger) -> Vec<(Option<String>, String, String, Decimal)> {
        l.fixed_costs(None)
            .unwrap()
            .into_iter()
            .map(|r| (r.store, r.month, r.kind, r.amount))
            .collect()
    }

    fn sheet(l: &mut Ledger, name: &str, text: &str) -> crate::model::ImportId {
        let opts = crate::import::ImportOptions::default();
        let out = crate::import::import_bytes(l, name, text.as_bytes().to_vec(), &opts).unwrap();
        crate::model::ImportId(out.import_id)
    }

    #[test]
    fn fixed_cost_sheets_undo_in_any_order_to_the_exact_earlier_values() {
        let mut l = Ledger::open_in_memory().unwrap();
        l.ensure_store("A", Platform::Taobao, Currency::CNY)
            .unwrap();
        let m = parse_month("2026-03").unwrap();
        l.set_fixed_cost(None, Currency::CNY, m, "房租", dec!(100))
            .unwrap();
        let row = |amount| (None, "2026-03".to_string(), "房租".to_string(), amount);
        let first = sheet(&mut l, "a.csv", "月份,费用项目,金额\n2026-03,房租,200\n");
        let second = sheet(
            &mut l,
            "b.csv",
            "月份,费用项目,金额,店铺\n2026年3月,房租,300,\n2026/3,工资,50,A\n",
        );
        assert_eq!(fixed(&l)[0], row(dec!(300)));
        // Undo the older import first: the newer one now replaced the hand-entered 100.
        l.undo_import(first).unwrap();
        assert_eq!(fixed(&l)[0], row(dec!(300)));
        l.undo_import(second).unwrap();
        assert_eq!(fixed(&l), vec![row(dec!(100))]);

        // A value set by hand after an import is the user's: undoing the import keeps it.
        let third = sheet(&mut l, "c.csv", "Month,Item,Amount\n2026-03,房租,400\n");
        l.set_fixed_cost(None, Currency::CNY, m, "房租", dec!(450))
            .unwrap();
        l.undo_import(third).unwrap();
        assert_eq!(fixed(&l), vec![row(dec!(450))]);
    }

    #[test]
    fn undoing_a_sku_cost_sheet_restores_the_costs_it_replaced_or_repeated() {
        let mut l = Ledger::open_in_memory().unwrap();
        l.ensure_store("A", Platform::Taobao, Currency::CNY)
            .unwrap();
        let costs = |l: &Ledger| -> Vec<(String, Decimal)> {
            (l.sku_costs(None).unwrap().into_iter())
                .map(|c| (c.sku, c.unit_cost))
                .collect()
        };
        let first = sheet(&mut l, "a.csv", "SKU,成本\nA,10\nB,20\n");
        // The same sheet again (all duplicates), then one that changes A and adds C.
        let again = sheet(&mut l, "a2.csv", "SKU,成本\nA,10\nB,20\n");
        let second = sheet(&mut l, "b.csv", "SKU,成本\nA,11\nC,30\n");
        let want = |v: &[(&str, Decimal)]| -> Vec<(String, Decimal)> {
            v.iter().map(|(s, d)| (s.to_string(), *d)).collect()
        };
        l.undo_import(again).unwrap();
        assert_eq!(
            costs(&l),
            want(&[("A", dec!(11)), ("B", dec!(20)), ("C", dec!(30))])
        );
        l.undo_import(second).unwrap();
        assert_eq!(costs(&l), want(&[("A", dec!(10)), ("B", dec!(20))]));
        l.undo_import(first).unwrap();
        assert!(costs(&l).is_empty());
    }

    #[test]
    fn sku_costs_upsert_in_one_transaction() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let c = |sku: &str, cost, from| SkuCost {
            sku: sku.into(),
            unit_cost: cost,
            valid_from: day(from),
            currency: None,
        };
        let s = ledger
            .import_sku_costs(
                Currency::CNY,
                vec![
                    c("A", dec!(10), "1970-01-01"),
                    c("A", dec!(12), "2026-03-01"),
                ],
            )
            .unwrap();
        assert_eq!(
            s,
            CostImportStats {
                added: 2,
                updated: 0,
                unchanged: 0
            }
        );
        let s = ledger
            .import_sku_costs(
                Currency::CNY,
                vec![
                    c("A", dec!(10), "1970-01-01"),
                    c("A", dec!(13), "2026-03-01"),
                ],
            )
            .unwrap();
        assert_eq!(
            s,
            CostImportStats {
                added: 0,
                updated: 1,
                unchanged: 1
            }
        );
        // A bad row refuses the whole batch.
        let bad = vec![
            c("B", dec!(1), "2026-01-01"),
            c("C", dec!(-1), "2026-01-01"),
        ];
        assert!(ledger.import_sku_costs(Currency::CNY, bad).is_err());
        let rows = ledger.sku_costs(None).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].unit_cost, dec!(13));
        ledger
            .delete_sku_cost(Currency::CNY, "A", day("2026-03-01"))
            .unwrap();
        assert_eq!(ledger.sku_costs(None).unwrap()[0].unit_cost, dec!(10));
        assert!(ledger
            .delete_sku_cost(Currency::CNY, "A", day("2026-03-01"))
            .is_err());
    }
}
