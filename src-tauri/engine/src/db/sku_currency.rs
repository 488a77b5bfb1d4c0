//! A SKU cost sheet with no store and no currency, in a ledger of several currencies: each
//! SKU takes the currency of the stores that sell it (cli.md Additions). A SKU sold in two
//! currencies, or not sold yet, cannot be placed: the sheet must say (a currency column), or
//! the merchant chooses its store on the preview (`chosen`).

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::model::Currency;

#[derive(Debug, Default)]
pub struct SkuCurrencies {
    sold: HashMap<String, Vec<Currency>>,
    /// The currency of the store the merchant chose for a SKU; it wins over the sales.
    chosen: HashMap<String, Currency>,
    /// SKUs of the sheet that could not be placed, in sheet order, once each.
    unplaced: Vec<String>,
}

impl SkuCurrencies {
    /// The currencies each SKU was sold in (any period, any store).
    pub fn load(conn: &Connection) -> Result<SkuCurrencies> {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT d.sku, s.currency FROM agg_sku_day d
             JOIN stores s ON s.id = d.store_id ORDER BY d.sku, s.currency",
        )?;
        let mut sold: HashMap<String, Vec<Currency>> = HashMap::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (sku, cur) = row?;
            let cur: Currency = cur.parse().map_err(crate::error::Error::Internal)?;
            sold.entry(sku).or_default().push(cur);
        }
        Ok(SkuCurrencies {
            sold,
            chosen: HashMap::new(),
            unplaced: Vec::new(),
        })
    }

    /// The merchant's choices (SKU → currency of the store chosen for it).
    pub fn with_chosen(mut self, chosen: HashMap<String, Currency>) -> SkuCurrencies {
        self.chosen = chosen
            .into_iter()
            .map(|(sku, c)| (sku.trim().to_string(), c))
            .collect();
        self
    }

    /// The one currency `sku` sells in; `None` (and remembered) when it is not exactly one.
    pub fn of(&mut self, sku: &str) -> Option<Currency> {
        if let Some(c) = self.chosen.get(sku.trim()) {
            return Some(*c);
        }
        match self.sold.get(sku.trim()).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => {
                if !self.unplaced.iter().any(|s| s == sku) {
                    self.unplaced.push(sku.to_string());
                }
                None
            }
        }
    }

    /// The same placements, with no SKU found unplaced yet (a file read again from the top).
    pub fn restarted(mut self) -> SkuCurrencies {
        self.unplaced.clear();
        self
    }

    /// The SKUs that needed a currency and had none.
    pub fn unplaced(&self) -> &[String] {
        &self.unplaced
    }
}

/// A test ledger: a CNY store 棉语家居抖音旗舰店 sells A and BOTH, a VND store Nhà Mộc Shopee
/// sells B and BOTH (NEW is sold nowhere).
#[cfg(test)]
pub(crate) fn two_currency_ledger() -> crate::Ledger {
    use crate::model::Platform;
    let l = crate::Ledger::open_in_memory().expect("ledger");
    let store = |name, platform, currency| {
        l.ensure_store(name, platform, currency)
            .expect("store")
            .id
            .0
    };
    let cn = store("棉语家居抖音旗舰店", Platform::Douyin, Currency::CNY);
    let vn = store("Nhà Mộc Shopee", Platform::ShopeeVn, Currency::VND);
    for (store, sku) in [(cn, "A"), (cn, "BOTH"), (vn, "B"), (vn, "BOTH")] {
        l.conn()
            .execute(
                "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds,
                    subsidy_net) VALUES (?1, '2026-03-01', ?2, 1, 1, 1, 0, 0)",
                rusqlite::params![store, sku],
            )
            .expect("agg row");
    }
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sku_takes_the_one_currency_it_sells_in() {
        let l = two_currency_ledger();
        let mut s = SkuCurrencies::load(l.conn()).unwrap();
        assert_eq!(s.of("A"), Some(Currency::CNY));
        assert_eq!(s.of("B"), Some(Currency::VND));
        assert_eq!(s.of("BOTH"), None);
        assert_eq!(s.of("NEW"), None);
        assert_eq!(s.of("BOTH"), None);
        assert_eq!(s.unplaced(), ["BOTH", "NEW"]);

        // A store the merchant chose places the SKU in its currency.
        let chosen = HashMap::from([("BOTH".to_string(), Currency::VND)]);
        let mut s = SkuCurrencies::load(l.conn()).unwrap().with_chosen(chosen);
        assert_eq!(s.of("BOTH "), Some(Currency::VND));
        assert_eq!(s.of("NEW"), None);
        assert_eq!(s.unplaced(), ["NEW"]);
    }
}
