//! The ledger store: one SQLite file (WAL, foreign keys on) holding stores, imports, the
//! normalised ledger, costs, settings and daily pre-aggregates.

mod backup;
mod buyers;
pub mod costs;
mod fee_kinds;
mod imports;
mod migrate;
mod replaced;
pub mod sku_currency;
mod split;
mod stores;
mod tax_settings;
mod templates;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use fee_kinds::{FeeSourceUse, SourceAmount};
pub(crate) use fee_kinds::{FEE_KIND, FEE_KIND_JOIN};
pub use imports::ImportRecord;
pub use migrate::{current_version, latest_version, migrate, MIGRATIONS};
pub(crate) use stores::ensure_store;
pub use stores::StoreInfo;
pub use tax_settings::DEFAULT_SETTLEMENT_DELAY;
pub use templates::{save_template, template_for, template_named};
pub use write::{rebuild_aggregates, undo_import, DaySpan, LedgerWriter, WriteCounts};

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

/// An open, migrated ledger.
pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Ledger {
    /// Open (creating if needed) and migrate the database at `path`.
    pub fn open(path: &Path) -> Result<Ledger> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A private in-memory ledger (tests, previews).
    pub fn open_in_memory() -> Result<Ledger> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Ledger> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // The import's writer rotates through ~20 statements per row (lines, fees with their
        // lookups, superseding, cost and traffic facts); rusqlite's default cache of 16 then
        // evicts and re-parses one on nearly every call (seen as sqlite3RunParser in perf).
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if path.is_some() {
            // WAL: readers never block the import's writer; a crash rolls back cleanly.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        migrate(&mut conn)?;
        Ok(Ledger { conn, path })
    }

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
}

#[cfg(test)]
mod write_tests;

#[cfg(test)]
mod fee_kinds_tests;
