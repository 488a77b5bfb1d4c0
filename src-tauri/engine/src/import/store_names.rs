//! Which store a file belongs to when the export names no shop: the name the merchant gave,
//! else the one last given for the platform's files of that market (settings
//! `store_name.<platform>`, `store_name.<platform>.<CURRENCY>` outside the platform's home
//! market), else the platform's display name in the file's market — never its id.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Detected, ImportOptions};
use crate::error::Result;
use crate::model::{Currency, Platform};

/// A store of another market keeps its platform id (cli.md: Shopee Indonesia, Taiwan,
/// Brazil… are `shopee_vn`) but is named after its market, which the file's currency tells
/// (each Shopee market settles in its own currency). Not listed: the platform's own name.
const MARKET_NAMES: &[(Platform, Currency, &str)] = &[
    (Platform::ShopeeVn, Currency::IDR, "Shopee ID"),
    (Platform::ShopeeVn, Currency::TWD, "Shopee TW"),
    (Platform::ShopeeVn, Currency::BRL, "Shopee BR"),
    (Platform::ShopeeVn, Currency::MYR, "Shopee MY"),
    (Platform::ShopeeVn, Currency::THB, "Shopee TH"),
    (Platform::ShopeeVn, Currency::PHP, "Shopee PH"),
    (Platform::ShopeeVn, Currency::SGD, "Shopee SG"),
];

/// The platform's display name in the file's market ("Shopee ID" for an IDR Shopee file).
pub(super) fn market_name(platform: Platform, currency: Currency) -> &'static str {
    MARKET_NAMES
        .iter()
        .find(|(p, c, _)| *p == platform && *c == currency)
        .map_or_else(|| platform.display_name(), |(_, _, name)| name)
}

/// The store a file belongs to: `--store` (the name the merchant gave), else named in the
/// export, else the name last given for this platform's files of the file's market, else the
/// platform's display name in that market (never its id).
pub(super) fn store_name(
    detected: &Detected,
    opts: &ImportOptions,
    conn: Option<&Connection>,
) -> String {
    store_and_source(detected, opts, conn).0
}

/// `store_name` and which of its sources gave it (`Preview::store_source`): "given",
/// "file", "remembered" or "platform".
pub(super) fn store_and_source(
    detected: &Detected,
    opts: &ImportOptions,
    conn: Option<&Connection>,
) -> (String, &'static str) {
    if let Some(s) = &opts.store {
        return (s.clone(), "given");
    }
    if let Some(s) = &detected.store_name {
        return (s.clone(), "file");
    }
    match conn.and_then(|c| remembered_store(c, detected).ok().flatten()) {
        Some(s) => (s, "remembered"),
        None => (
            market_name(detected.platform, detected.currency).to_string(),
            "platform",
        ),
    }
}

/// The setting of a platform's remembered store: one per market, so that a Shopee ID file
/// never goes to the Shopee VN store (a store keeps one currency). The home market keeps the
/// plain key (`store_name.shopee_vn`), as before markets were told apart.
fn store_setting(detected: &Detected) -> String {
    let p = detected.platform;
    if detected.currency == p.default_currency() {
        format!("store_name.{}", p.as_str())
    } else {
        format!("store_name.{}.{}", p.as_str(), detected.currency.code())
    }
}

/// The store name last given for a platform's files of one market that name no shop.
pub(super) fn remembered_store(conn: &Connection, detected: &Detected) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [store_setting(detected)],
            |r| r.get(0),
        )
        .optional()?)
}

/// Remember the name the merchant gave a file that names no shop, for the platform's next
/// files (settings `store_name.<platform>`).
pub(super) fn remember_store(
    conn: &Connection,
    detected: &Detected,
    opts: &ImportOptions,
) -> Result<()> {
    if let (Some(name), None) = (opts.store.as_deref(), &detected.store_name) {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![store_setting(detected), name.trim()],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shopee_store_is_named_after_its_market() {
        assert_eq!(market_name(Platform::ShopeeVn, Currency::VND), "Shopee VN");
        assert_eq!(market_name(Platform::ShopeeVn, Currency::IDR), "Shopee ID");
        assert_eq!(market_name(Platform::ShopeeVn, Currency::TWD), "Shopee TW");
        assert_eq!(market_name(Platform::ShopeeVn, Currency::BRL), "Shopee BR");
        // TikTok Shop's name is the same in every market.
        assert_eq!(
            market_name(Platform::TiktokShop, Currency::BRL),
            "TikTok Shop"
        );
    }
}
