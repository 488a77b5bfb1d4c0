//! Stores (shops/accounts): one platform and one currency each.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

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

/// `Ledger::ensure_store` on any connection, so an import can create its store inside its
/// own transaction (a refused file then leaves no empty store behind).
pub(crate) fn ensure_store(
    conn: &Connection,
    name: &str,
    platform: Platform,
    currency: Currency,
) -> Result<StoreInfo> {
    let existing = conn
        .query_row(
            "SELECT id, currency FROM stores WHERE platform = ?1 AND name = ?2",
            params![platform.as_str(), name],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?;
    let (id, currency) = match existing {
        Some((id, cur)) => (id, cur.parse().map_err(Error::Internal)?),
        None => {
            conn.execute(
                "INSERT INTO stores (name, platform, currency, created_at)
                 VALUES (?1, ?2, ?3, datetime('now'))",
                params![name, platform.as_str(), currency.code()],
            )?;
            (conn.last_insert_rowid(), currency)
        }
    };
    Ok(StoreInfo {
        id: StoreId(id),
        name: name.to_string(),
        platform,
        currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
