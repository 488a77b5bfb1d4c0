//! The ledger store: one SQLite file (WAL, foreign keys on) holding stores, imports, the
//! normalised ledger, costs, settings and daily pre-aggregates.

mod aggregates;
mod backup;
mod buyers;
pub mod costs;
mod day_sums;
mod facts;
mod fee_kinds;
mod imports;
pub(crate) mod migrate;
mod open;
#[cfg(test)]
pub(crate) mod plans;
mod replaced;
pub mod sku_currency;
mod split;
mod stores;
mod tax_settings;
mod templates;
mod undo;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};

pub use aggregates::rebuild_aggregates;
pub(crate) use aggregates::{
    not_settled_by, HOLDS_SETTLEMENTS, OPEN_ORDER_HAVING, OPEN_ORDER_VALUE,
};
pub use fee_kinds::{FeeSourceUse, SourceAmount};
pub(crate) use fee_kinds::{FEE_KIND, FEE_KIND_JOIN};
pub use imports::ImportRecord;
pub use migrate::{current_version, latest_version, migrate, MIGRATIONS};
pub use open::{Access, LockWaitHook};
pub use stores::StoreInfo;
pub(crate) use stores::{ensure_store, similar_store};
pub use tax_settings::DEFAULT_SETTLEMENT_DELAY;
pub use templates::{save_template, template_for, template_named};
pub use undo::undo_import;
pub use write::{DaySpan, LedgerWriter, WriteCounts};

/// The app's identifier; the desktop shell's app-data dir uses the same name.
pub const APP_ID: &str = "app.fupan.desktop";
pub const DB_FILE: &str = "fupan.db";

/// The database the app and the CLI use without `--db`: `$FUPAN_DB`, else the OS app-data
/// dir (`~/.local/share/app.fupan.desktop/fupan.db` on Linux, `%APPDATA%\…` on Windows).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("FUPAN_DB") {
        return Ok(PathBuf::from(p));
    }
    let base = directories::BaseDirs::new()
        .ok_or_else(|| Error::Internal("no home directory to keep the data file in".into()))?;
    Ok(base.data_dir().join(APP_ID).join(DB_FILE))
}

/// An open, migrated ledger (`open.rs`).
pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Ledger {
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn schema_version(&self) -> Result<i64> {
        current_version(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_creates_and_migrates_a_file_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/fupan.db");
        let ledger = Ledger::open(&path).unwrap();
        assert!(path.exists());
        assert_eq!(ledger.schema_version().unwrap(), latest_version());
        let mode: String = ledger
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = ledger
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(ledger);
        // Re-opening an existing file keeps it as it is.
        assert_eq!(
            Ledger::open(&path).unwrap().schema_version().unwrap(),
            latest_version()
        );
    }

    /// Only writers pay for `quick_check` upfront; the window's check runs aside
    /// (`damage_at`) and a reader meets damage in the pages it reads.
    #[test]
    fn damage_is_found_by_writers_and_by_the_check_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fupan.db");
        let ledger = Ledger::open(&path).unwrap();
        ledger
            .conn()
            .execute_batch(
                "PRAGMA wal_checkpoint(TRUNCATE);
                 CREATE TABLE filler(x); INSERT INTO filler VALUES (randomblob(100000));",
            )
            .unwrap();
        drop(ledger);
        assert!(Ledger::damage_at(&path).unwrap().is_none(), "sound");
        let mut bytes = std::fs::read(&path).unwrap();
        for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
            *b = (i % 251) as u8;
        }
        std::fs::write(&path, bytes).unwrap();
        let code = |e: &Error| e.code();
        let found = Ledger::damage_at(&path).unwrap().expect("damaged");
        assert_eq!(code(&found), "ledger_damaged");
        let refused = Ledger::open_as(&path, Access::Write)
            .err()
            .expect("refused");
        assert_eq!(code(&refused), "ledger_damaged");
        // Unchecked, it opens or fails on the damaged pages it reads (here: the schema's).
        if let Err(e) = Ledger::open_as(&path, Access::WriteCheckedAside) {
            assert_eq!(code(&e), "ledger_damaged");
        }
        // A missing file is sound (nothing to check yet).
        assert!(Ledger::damage_at(&dir.path().join("none.db"))
            .unwrap()
            .is_none());
    }
}

#[cfg(test)]
pub(crate) mod tests_write;

#[cfg(test)]
mod tests_fee_kinds;
