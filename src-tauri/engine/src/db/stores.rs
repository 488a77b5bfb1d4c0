//! Stores (shops/accounts): one platform and one currency each.

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::facts::FACT_TABLES;
use super::Ledger;
use crate::error::{Error, Result};
use crate::model::{Currency, Platform, StoreId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreInfo {
    pub id: StoreId,
    pub name: String,
    pub platform: Platform,
    pub currency: Currency,
}

impl Ledger {
    /// The store named `name` on `platform`, created with `currency` when new.
    pub fn ensure_store(
        &self,
        name: &str,
        platform: Platform,
        currency: Currency,
    ) -> Result<StoreInfo> {
        ensure_store(self.conn(), name, platform, currency)
    }

    pub fn stores(&self) -> Result<Vec<StoreInfo>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, name, platform, currency FROM stores ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, platform, currency) = row?;
            out.push(StoreInfo {
                id: StoreId(id),
                name,
                platform: platform.parse().map_err(Error::Internal)?,
                currency: currency.parse().map_err(Error::Internal)?,
            });
        }
        Ok(out)
    }

    /// The currencies present in the database, in a stable order.
    pub fn currencies(&self) -> Result<Vec<Currency>> {
        let mut cs: Vec<Currency> = self.stores()?.into_iter().map(|s| s.currency).collect();
        cs.sort();
        cs.dedup();
        Ok(cs)
    }
}

impl Ledger {
    /// Give a store another name (unique per platform).
    pub fn rename_store(&self, id: StoreId, name: &str) -> Result<StoreInfo> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidArgument("a store needs a name".into()));
        }
        let store = self.store(id)?;
        let key = name_key(name);
        let taken = platform_stores(self.conn(), store.platform)?
            .iter()
            .any(|(other, n, _)| *other != id.0 && name_key(n) == key);
        if taken {
            return Err(Error::InvalidArgument(format!(
                "another {} store is already named {name:?}: merge them instead",
                store.platform
            )));
        }
        self.conn().execute(
            "UPDATE stores SET name = ?1 WHERE id = ?2",
            params![name, id.0],
        )?;
        Ok(StoreInfo {
            name: name.to_string(),
            ..store
        })
    }

    /// Fold store `from` into store `into` (the same account imported under two names): one
    /// platform and currency. Facts both hold stay versions of one fact, the latest import's
    /// current; fixed costs of the same month and kind add up; `from` disappears.
    pub fn merge_stores(&mut self, from: StoreId, into: StoreId) -> Result<()> {
        let (a, b) = (self.store(from)?, self.store(into)?);
        if from == into {
            return Err(Error::InvalidArgument(
                "a store cannot be merged into itself".into(),
            ));
        }
        if a.platform != b.platform || a.currency != b.currency {
            return Err(Error::InvalidArgument(format!(
                "{:?} ({}, {}) and {:?} ({}, {}) are different accounts: only stores of one \
                 platform and currency can be merged",
                a.name, a.platform, a.currency, b.name, b.platform, b.currency
            )));
        }
        let tx = self.conn_mut().transaction()?;
        let p = params![from.0, into.0];
        let tables = FACT_TABLES.iter().map(|t| t.name).chain(["imports"]);
        for table in tables {
            tx.execute(
                &format!("UPDATE {table} SET store_id = ?2 WHERE store_id = ?1"),
                p,
            )?;
        }
        for t in FACT_TABLES {
            // Of the versions now current twice, the latest import's stays current.
            tx.execute(
                &format!(
                    "UPDATE {table} SET is_current = 0 WHERE store_id = ?1 AND is_current = 1
                     AND EXISTS (SELECT 1 FROM {table} o2 WHERE {key}
                       AND o2.is_current = 1 AND o2.import_id > {table}.import_id)",
                    table = t.name,
                    key = t.same_key("o2", t.name),
                ),
                [into.0],
            )?;
        }
        super::undo::refresh_superseded(&tx, into)?;
        merge_fixed_costs(&tx, from, into)?;
        // One tax regime per account: the kept store's, else the merged one's.
        tx.execute(
            "UPDATE OR IGNORE tax_settings SET store_id = ?2 WHERE store_id = ?1",
            p,
        )?;
        tx.execute("DELETE FROM tax_settings WHERE store_id = ?1", [from.0])?;
        rebuild_merged(&tx, from, into)?;
        super::tax_settings::merge(&tx, from, into)?;
        tx.execute("DELETE FROM stores WHERE id = ?1", [from.0])?;
        tx.commit()?;
        Ok(())
    }

    fn store(&self, id: StoreId) -> Result<StoreInfo> {
        self.stores()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::NotFound(format!("no store with id {}", id.0)))
    }
}

/// Fixed costs of the same month and kind add up in the kept store; what imports replaced
/// follows the costs (where both stores had one, the kept store's).
fn merge_fixed_costs(tx: &Transaction<'_>, from: StoreId, into: StoreId) -> Result<()> {
    let p = params![from.0, into.0];
    // A summed cost is no import's value any more: undoing an import leaves it alone.
    tx.execute(
        "UPDATE fixed_costs SET amount = amount + (SELECT f.amount FROM fixed_costs f
             WHERE f.store_id = ?1 AND f.month = fixed_costs.month AND f.kind = fixed_costs.kind),
             import_id = NULL
         WHERE store_id = ?2 AND EXISTS (SELECT 1 FROM fixed_costs f WHERE f.store_id = ?1
             AND f.month = fixed_costs.month AND f.kind = fixed_costs.kind)",
        p,
    )?;
    tx.execute(
        "DELETE FROM fixed_costs WHERE store_id = ?1 AND EXISTS (SELECT 1 FROM fixed_costs f
             WHERE f.store_id = ?2 AND f.month = fixed_costs.month AND f.kind = fixed_costs.kind)",
        p,
    )?;
    tx.execute(
        "UPDATE fixed_costs SET store_id = ?2 WHERE store_id = ?1",
        p,
    )?;
    // What imports replaced follows the costs; where both stores had one, the kept store's.
    tx.execute(
        "UPDATE OR IGNORE fixed_cost_replaced SET store_id = ?2 WHERE store_id = ?1",
        p,
    )?;
    tx.execute(
        "DELETE FROM fixed_cost_replaced WHERE store_id = ?1",
        [from.0],
    )?;
    Ok(())
}

/// The merged store's aggregates go; the kept store's are rebuilt over all its days.
fn rebuild_merged(tx: &Transaction<'_>, from: StoreId, into: StoreId) -> Result<()> {
    for agg in super::aggregates::AGGREGATES {
        tx.execute(&format!("DELETE FROM {agg} WHERE store_id = ?1"), [from.0])?;
    }
    let span: (Option<String>, Option<String>) = tx.query_row(
        "SELECT MIN(day), MAX(day) FROM (SELECT day FROM order_lines WHERE store_id = ?1
           UNION ALL SELECT day FROM fees WHERE store_id = ?1
           UNION ALL SELECT day FROM tax_rows WHERE store_id = ?1
           UNION ALL SELECT day FROM settlements WHERE store_id = ?1)",
        [into.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let (Some(lo), Some(hi)) = span {
        let day = |d: &str| crate::model::parse_day(d);
        let span = super::DaySpan {
            from: day(&lo)?,
            to: day(&hi)?,
        };
        super::rebuild_aggregates(tx, into, span)?;
    }
    Ok(())
}

/// How store names compare: Unicode NFC, trimmed, case-folded — the same shop typed in NFD
/// (macOS), with a trailing space or in other case is one store.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().nfc().collect::<String>().to_lowercase()
}

/// Whether two names are one edit (insert, delete or change of a character) apart.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            short
                .iter()
                .zip(long.iter())
                .filter(|(x, y)| x != y)
                .count()
                == 1
        }
        1 => {
            let same = short
                .iter()
                .zip(long.iter())
                .take_while(|(x, y)| x == y)
                .count();
            short[same..] == long[same + 1..]
        }
        _ => false,
    }
}

/// The stores of `platform` as (id, name, currency).
fn platform_stores(conn: &Connection, platform: Platform) -> Result<Vec<(i64, String, String)>> {
    let rows = conn
        .prepare_cached("SELECT id, name, currency FROM stores WHERE platform = ?1 ORDER BY id")?
        .query_map([platform.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// For a store name not yet known on `platform`, an existing store whose name is one edit
/// away (a typo, or two spellings of one shop): the import says so before counting it twice.
pub(crate) fn similar_store(
    conn: &Connection,
    name: &str,
    platform: Platform,
) -> Result<Option<String>> {
    let key = name_key(name);
    let stores = platform_stores(conn, platform)?;
    if stores.iter().any(|(_, n, _)| name_key(n) == key) {
        return Ok(None);
    }
    Ok(stores
        .into_iter()
        .find(|(_, n, _)| one_edit_apart(&name_key(n), &key))
        .map(|(_, n, _)| n))
}

/// `Ledger::ensure_store` on any connection, so an import can create its store inside its
/// own transaction (a refused file then leaves no empty store behind). Names compare by
/// `name_key`; a new store keeps its name trimmed and in NFC.
pub(crate) fn ensure_store(
    conn: &Connection,
    name: &str,
    platform: Platform,
    currency: Currency,
) -> Result<StoreInfo> {
    let key = name_key(name);
    let existing = platform_stores(conn, platform)?
        .into_iter()
        .find(|(_, n, _)| name_key(n) == key);
    let (id, name, currency) = match existing {
        Some((id, name, cur)) => (id, name, cur.parse().map_err(Error::Internal)?),
        None => {
            let name: String = name.trim().nfc().collect();
            conn.execute(
                "INSERT INTO stores (name, platform, currency, created_at)
                 VALUES (?1, ?2, ?3, datetime('now'))",
                params![name, platform.as_str(), currency.code()],
            )?;
            (conn.last_insert_rowid(), name, currency)
        }
    };
    Ok(StoreInfo {
        id: StoreId(id),
        name,
        platform,
        currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn ensure_store_is_idempotent_and_keeps_first_currency() {
        let ledger = Ledger::open_in_memory().unwrap();
        let a = ledger
            .ensure_store("Shop A", Platform::ShopeeVn, Currency::VND)
            .unwrap();
        let b = ledger
            .ensure_store("Shop A", Platform::ShopeeVn, Currency::CNY)
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(b.currency, Currency::VND);
        ledger
            .ensure_store("店铺", Platform::Douyin, Currency::CNY)
            .unwrap();
        assert_eq!(ledger.stores().unwrap().len(), 2);
        assert_eq!(
            ledger.currencies().unwrap(),
            vec![Currency::CNY, Currency::VND]
        );
    }

    #[test]
    fn store_names_compare_after_nfc_trim_and_case_folding() {
        let ledger = Ledger::open_in_memory().unwrap();
        let nfc = "Cửa hàng Hoa";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        let a = ledger
            .ensure_store(nfc, Platform::ShopeeVn, Currency::VND)
            .unwrap();
        for same in [nfd.as_str(), "Cửa hàng Hoa ", " CỬA HÀNG HOA"] {
            let b = ledger
                .ensure_store(same, Platform::ShopeeVn, Currency::VND)
                .unwrap();
            assert_eq!(b, a, "{same:?} is the same store");
        }
        assert_eq!(ledger.stores().unwrap().len(), 1);
        // One edit away is another store, but a suspicious one.
        let c = ledger.conn();
        let similar = |n: &str| similar_store(c, n, Platform::ShopeeVn).unwrap();
        assert_eq!(similar("Cửa hàng Hoaa").as_deref(), Some(nfc));
        assert_eq!(similar("Cửa háng Hoa").as_deref(), Some(nfc));
        assert_eq!(similar(&nfd), None, "the same store is not a near miss");
        assert_eq!(similar("Cửa hàng Lan"), None);
        assert_eq!(
            similar_store(c, "Cửa hàng Ho", Platform::Lazada).unwrap(),
            None
        );
        assert!(one_edit_apart("abc", "ab") && one_edit_apart("abc", "xbc"));
        assert!(!one_edit_apart("abc", "abc") && !one_edit_apart("abc", "a"));
    }

    #[test]
    fn rename_and_merge_keep_one_current_version_per_fact() {
        use crate::metrics::{summary, Filter};
        use rust_decimal_macros::dec;
        let mut l = Ledger::open_in_memory().unwrap();
        let a = l
            .ensure_store("A", Platform::Douyin, Currency::CNY)
            .unwrap()
            .id;
        let b = l
            .ensure_store("A (2)", Platform::Douyin, Currency::CNY)
            .unwrap()
            .id;
        let vnd = l
            .ensure_store("V", Platform::Douyin, Currency::VND)
            .unwrap()
            .id;
        // Import 1 (store A): O1 for 100. Import 2 (store "A (2)", a later export of the same
        // shop): O1 now 120 and O2 for 50.
        l.conn()
            .execute_batch(&format!(
                "INSERT INTO imports (id, file_name, file_hash, platform, report, store_id, imported_at)
                   VALUES (1, 'a.csv', 'h1', 'douyin', 'orders', {a}, '2026-02-01'),
                          (2, 'b.csv', 'h2', 'douyin', 'orders', {b}, '2026-02-02');
                 INSERT INTO order_lines (import_id, store_id, order_id, line_id, day, qty,
                   list_amount, seller_discount, platform_discount, refund_fraction, refund_amount,
                   refund_qty, subsidy_net) VALUES
                   (1, {a}, 'O1', '1', '2026-01-10', 10000, 1000000, 0, 0, '0', 0, 0, 0),
                   (2, {b}, 'O1', '1', '2026-01-10', 10000, 1200000, 0, 0, '0', 0, 0, 0),
                   (2, {b}, 'O2', '1', '2026-01-12', 10000, 500000, 0, 0, '0', 0, 0, 0);
                 INSERT INTO traffic_days (import_id, store_id, day, visitors, page_views) VALUES
                   (1, {a}, '2026-01-10', 40, 90),
                   (2, {b}, '2026-01-10', 50, 100),
                   (2, {b}, '2026-01-12', 30, 60);",
                a = a.0,
                b = b.0
            ))
            .unwrap();
        let jan = crate::db::costs::parse_month("2026-01").unwrap();
        l.set_fixed_cost(Some(a), Currency::CNY, jan, "rent", dec!(100))
            .unwrap();
        l.set_fixed_cost(Some(b), Currency::CNY, jan, "rent", dec!(50))
            .unwrap();
        l.set_fixed_cost(Some(b), Currency::CNY, jan, "tools", dec!(10))
            .unwrap();

        assert!(
            l.rename_store(b, "A").is_err(),
            "names stay unique per platform"
        );
        assert!(l.merge_stores(vnd, a).is_err(), "currencies never mix");
        assert!(l.merge_stores(a, a).is_err());
        assert_eq!(l.rename_store(b, " A 旧名 ").unwrap().name, "A 旧名");

        l.merge_stores(b, a).unwrap();
        let names: Vec<String> = l.stores().unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["A", "V"]);
        let f = Filter {
            store: Some("A".into()),
            ..Filter::default()
        };
        let c = summary(&l, &f).unwrap().currencies.remove(0);
        // O1 counts once, at the later import's 120; O2 50 → 170 over 2 orders. Fixed costs
        // of Jan 10–12 (3 of 31 days): rent 100 + 50 and tools 10 = 160 × 3/31.
        assert_eq!((c.gross_sales.value(), c.orders), (dec!(170), 2));
        // Traffic of Jan 10 counts once too, the later import's 50: 50 + 30 visitors.
        assert_eq!(c.visitors, Some(80));
        assert_eq!(c.fixed_costs.value(), dec!(160) * dec!(3) / dec!(31));
        let rows = l.fixed_costs(Some(Currency::CNY)).unwrap();
        let got: Vec<(&str, Decimal)> = rows.iter().map(|r| (r.kind.as_str(), r.amount)).collect();
        assert_eq!(got, [("rent", dec!(150)), ("tools", dec!(10))]);
        // Undoing the later import brings O1 back to 100.
        let tx = l.conn_mut().transaction().unwrap();
        crate::db::undo_import(&tx, crate::model::ImportId(2)).unwrap();
        tx.commit().unwrap();
        let c = summary(&l, &f).unwrap().currencies.remove(0);
        assert_eq!(c.gross_sales.value(), dec!(100));
        assert_eq!(c.visitors, Some(40));
    }
}
