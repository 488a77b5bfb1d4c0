//! Buyer ids (Shopee `Người Mua`, TikTok `Buyer Username`, …) are kept only as salted
//! hashes, so the repurchase rate (metrics.md §7) can count returning buyers while the
//! data file never holds who they are: SHA-256 of a random 16-byte salt of this ledger
//! followed by the id. The salt is made on first use from the OS's randomness and kept in
//! `settings`; without it the hashes cannot be matched against a list of usernames.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

const SALT_KEY: &str = "buyer_salt";

/// The ledger's salt, created (inside the caller's transaction) when there is none yet.
pub(crate) fn salt(conn: &Connection) -> Result<[u8; 16]> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            params![SALT_KEY],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(bytes) = stored.as_deref().and_then(from_hex) {
        return Ok(bytes);
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| Error::Internal(format!("no randomness from the system: {e}")))?;
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
        params![SALT_KEY, to_hex(&salt)],
    )?;
    Ok(salt)
}

/// The stored form of a buyer id: hex SHA-256 of salt ‖ id (trimmed).
pub(crate) fn hash(salt: &[u8; 16], buyer: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(buyer.trim().as_bytes());
    to_hex(&h.finalize())
}

/// Lower-case hex, two digits a byte (by table: a `format!` per byte was 3% of an import).
fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

fn from_hex(s: &str) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    if s.len() != 32 {
        return None;
    }
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    #[test]
    fn one_salt_per_ledger_and_no_raw_id_in_the_hash() {
        let a = Ledger::open_in_memory().unwrap();
        let b = Ledger::open_in_memory().unwrap();
        let sa = salt(a.conn()).unwrap();
        assert_eq!(salt(a.conn()).unwrap(), sa, "kept once made");
        let sb = salt(b.conn()).unwrap();
        assert_ne!(sa, sb, "random per ledger");
        let h = hash(&sa, " buyer_01 ");
        assert_eq!(h, hash(&sa, "buyer_01"));
        assert_ne!(h, hash(&sb, "buyer_01"));
        assert_eq!(h.len(), 64);
        assert!(!h.contains("buyer"));
        assert_eq!(from_hex(&to_hex(&sa)), Some(sa));
    }
}
