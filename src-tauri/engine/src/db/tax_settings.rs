//! The merchant's money settings: each store's tax regime (`tax_settings`, metrics.md §9) and
//! each platform's settlement delay (`settings`, §10).

use rusqlite::{params, Connection, OptionalExtension};

use super::Ledger;
use crate::error::{Error, Result};
use crate::model::{Platform, StoreId, TaxRegime};

/// Days after an order date within which a platform normally settles it (metrics.md §10).
pub const DEFAULT_SETTLEMENT_DELAY: i64 = 15;

fn delay_key(p: Platform) -> String {
    format!("settlement_delay_days.{}", p.as_str())
}

impl Ledger {
    /// A store's regime; `None` when the merchant chose none (the default).
    pub fn tax_regime(&self, store: StoreId) -> Result<TaxRegime> {
        tax_regime(self.conn(), store)
    }

    /// Every store's regime (stores without a setting have `TaxRegime::None`).
    pub fn tax_regimes(&self) -> Result<Vec<(StoreId, TaxRegime)>> {
        let mut out = Vec::new();
        for s in self.stores()? {
            out.push((s.id, self.tax_regime(s.id)?));
        }
        Ok(out)
    }

    /// Set (or with `TaxRegime::None`, clear) a store's regime after checking its settings.
    pub fn set_tax_regime(&self, store: StoreId, regime: TaxRegime) -> Result<()> {
        check(&regime)?;
        let known: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM stores WHERE id = ?1)",
            [store.0],
            |r| r.get(0),
        )?;
        if !known {
            return Err(Error::NotFound(format!("no store with id {}", store.0)));
        }
        if regime == TaxRegime::None {
            self.conn()
                .execute("DELETE FROM tax_settings WHERE store_id = ?1", [store.0])?;
            return Ok(());
        }
        let json = serde_json::to_string(&regime)
            .map_err(|e| Error::Internal(format!("tax setting: {e}")))?;
        self.conn().execute(
            "INSERT INTO tax_settings (store_id, regime, params_json) VALUES (?1, ?2, ?3)
             ON CONFLICT (store_id) DO UPDATE SET regime = ?2, params_json = ?3",
            params![store.0, regime.id(), json],
        )?;
        Ok(())
    }

    /// The settlement delay of a platform in days (default 15).
    pub fn settlement_delay(&self, platform: Platform) -> Result<i64> {
        let v: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [delay_key(platform)],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_SETTLEMENT_DELAY))
    }

    pub fn set_settlement_delay(&self, platform: Platform, days: i64) -> Result<()> {
        if !(0..=365).contains(&days) {
            return Err(Error::InvalidArgument(format!(
                "a settlement delay of {days} days: give 0 to 365"
            )));
        }
        self.conn().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![delay_key(platform), days.to_string()],
        )?;
        Ok(())
    }
}

fn tax_regime(conn: &Connection, store: StoreId) -> Result<TaxRegime> {
    let row: Option<String> = conn
        .query_row(
            "SELECT params_json FROM tax_settings WHERE store_id = ?1",
            [store.0],
            |r| r.get(0),
        )
        .optional()?;
    match row {
        None => Ok(TaxRegime::None),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            Error::Internal(format!("tax setting of store {} unreadable: {e}", store.0))
        }),
    }
}

/// Settings a merchant could not have meant: a rate outside (0, 100 %), a negative amount.
fn check(r: &TaxRegime) -> Result<()> {
    let bad = |what: &str| Err(Error::InvalidArgument(what.to_string()));
    let pct = |v: rust_decimal::Decimal| {
        v > rust_decimal::Decimal::ZERO && v < rust_decimal::Decimal::ONE
    };
    match *r {
        TaxRegime::None => Ok(()),
        TaxRegime::VnHousehold { threshold } if threshold.is_sign_negative() => {
            bad("the threshold cannot be negative")
        }
        TaxRegime::CnSmallScale { rate, .. } if !pct(rate) => {
            bad("the VAT rate must be above 0 % and below 100 %")
        }
        TaxRegime::CnSmallScale { exemption, .. } if exemption.is_sign_negative() => {
            bad("the monthly exemption cannot be negative")
        }
        TaxRegime::Flat { rate, .. } if !pct(rate) => {
            bad("the flat percentage must be above 0 % and below 100 %")
        }
        _ => Ok(()),
    }
}

/// Merging store `from` into `into`: `into` keeps its own regime, else takes `from`'s.
pub(crate) fn merge(conn: &Connection, from: StoreId, into: StoreId) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO tax_settings (store_id, regime, params_json)
         SELECT ?2, regime, params_json FROM tax_settings WHERE store_id = ?1",
        params![from.0, into.0],
    )?;
    conn.execute("DELETE FROM tax_settings WHERE store_id = ?1", [from.0])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Currency, FlatBase};
    use rust_decimal_macros::dec;

    #[test]
    fn regimes_round_trip_clear_and_refuse_bad_settings() {
        let l = Ledger::open_in_memory().unwrap();
        let s = l
            .ensure_store("A", Platform::Taobao, Currency::CNY)
            .unwrap()
            .id;
        assert_eq!(l.tax_regime(s).unwrap(), TaxRegime::None);
        let flat = TaxRegime::Flat {
            rate: dec!(0.02),
            base: FlatBase::NetProfit,
        };
        l.set_tax_regime(s, flat).unwrap();
        assert_eq!(l.tax_regime(s).unwrap(), flat);
        assert_eq!(l.tax_regimes().unwrap(), vec![(s, flat)]);
        l.set_tax_regime(s, TaxRegime::None).unwrap();
        assert_eq!(l.tax_regime(s).unwrap(), TaxRegime::None);
        for bad in [
            TaxRegime::Flat {
                rate: dec!(1.5),
                base: FlatBase::NetSales,
            },
            TaxRegime::CnSmallScale {
                rate: dec!(0),
                exemption: dec!(1),
            },
            TaxRegime::VnHousehold {
                threshold: dec!(-1),
            },
        ] {
            assert!(matches!(
                l.set_tax_regime(s, bad),
                Err(Error::InvalidArgument(_))
            ));
        }
        assert!(matches!(
            l.set_tax_regime(StoreId(99), flat),
            Err(Error::NotFound(_))
        ));
    }

    #[test]
    fn settlement_delay_defaults_to_15_days_per_platform() {
        let l = Ledger::open_in_memory().unwrap();
        assert_eq!(l.settlement_delay(Platform::TiktokShop).unwrap(), 15);
        l.set_settlement_delay(Platform::TiktokShop, 7).unwrap();
        assert_eq!(l.settlement_delay(Platform::TiktokShop).unwrap(), 7);
        assert_eq!(l.settlement_delay(Platform::ShopeeVn).unwrap(), 15);
        assert!(l.set_settlement_delay(Platform::ShopeeVn, -1).is_err());
    }
}
