//! Opening a ledger file, for writing or only for reading, without ever harming a file that
//! is not a sound Fupan ledger: a folder, a non-SQLite or truncated file, another
//! application's SQLite database and a damaged ledger are refused before anything is written
//! (a read-only command never creates or migrates a ledger at all). Writers take the write
//! lock when their transaction begins (`BEGIN IMMEDIATE`) and wait their turn.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rust_decimal::prelude::ToPrimitive;

use super::{current_version, latest_version, migrate, Ledger};
use crate::error::{Error, Location, Result};

/// How long a writer waits for another one (`FUPAN_LOCK_TIMEOUT`, seconds, overrides).
const LOCK_TIMEOUT: Duration = Duration::from_secs(120);

/// What the caller will do with the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Import, undo, costs…: created (with its folder) when missing, migrated, refused when
    /// damaged (`PRAGMA quick_check`) or read-only.
    Write,
    /// Like `Write`, without the `quick_check`, which reads the whole file (≈ 2 s for a
    /// 5M-line ledger): the window paints first and runs `Ledger::damage_at` on its own
    /// connection beside it, then reopens with `Write` once it knows of damage.
    WriteCheckedAside,
    /// Figures and lists: must exist; never created or migrated on disk (an older schema is
    /// upgraded in a private in-memory copy). Not checked upfront, so a query costs what it
    /// reads: SQLite finds damage in the pages it reads (`Error::LedgerDamaged`), and the
    /// figures of sound pages are right.
    Read,
    /// `restore`: like `Write`, but a damaged ledger is accepted (the backup replaces it) and
    /// nothing is migrated before the restore.
    Restore,
}

/// Called once each time a writer starts waiting for the lock.
pub type LockWaitHook = Arc<Mutex<dyn FnMut() + Send>>;

fn refused(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadFile {
        at: Location {
            file: path.display().to_string(),
            ..Default::default()
        },
        reason: reason.into(),
    }
}

/// The hint every "cannot use this ledger" message ends with.
fn restore_hint(path: &Path) -> String {
    format!(
        "restore your last backup (`fupan --db {} restore BACKUP`, or Import → Your data → \
         Restore… in the window)",
        path.display()
    )
}

fn damaged(path: &Path, detail: &str) -> Error {
    Error::LedgerDamaged {
        path: path.display().to_string(),
        detail: format!("{detail}. Nothing was written; {}", restore_hint(path)),
    }
}

/// Checks on the file itself, before SQLite touches it: true when it holds something.
fn check_file(path: &Path, access: Access) -> Result<bool> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if access == Access::Read {
                return Err(Error::NotFound(format!(
                    "no ledger at {} (check --db, or import a file first)",
                    path.display()
                )));
            }
            return Ok(false);
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(refused(path, "is a folder, not a Fupan ledger file"));
    }
    if !meta.is_file() {
        return Err(refused(path, "is not a regular file, not a Fupan ledger"));
    }
    // Checked here, not left to SQLite: a read-only file would fail at the first write with
    // "attempt to write a readonly database" (and root ignores the bit altogether).
    if access != Access::Read && meta.permissions().readonly() {
        return Err(refused(
            path,
            "the ledger file is read-only: Fupan cannot write to it (make it writable, or copy it)",
        ));
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|f| f.take(16).read(&mut head))
        .map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Ok(false);
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(refused(
            path,
            format!(
                "not a Fupan ledger (not an SQLite database: another kind of file, or a cut-off \
                 copy); check --db, or {}",
                restore_hint(path)
            ),
        ));
    }
    Ok(true)
}

/// What `sqlite_master` and `user_version` say: a Fupan ledger of that schema version, an
/// empty database (None), or another application's database (refused untouched).
fn fupan_version(conn: &Connection, path: &Path) -> Result<Option<i64>> {
    let damaged = |e: rusqlite::Error| Error::LedgerDamaged {
        path: path.display().to_string(),
        detail: format!("{e}; {}", restore_hint(path)),
    };
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(damaged)?;
    let has_imports: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imports')",
            [],
            |r| r.get(0),
        )
        .map_err(damaged)?;
    let version = current_version(conn)?;
    if objects == 0 && version == 0 {
        return Ok(None);
    }
    if !has_imports || version < 1 {
        return Err(refused(
            path,
            "is an SQLite database of another application, not a Fupan ledger; it was left \
             untouched (check --db)",
        ));
    }
    if version > latest_version() {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: latest_version(),
        });
    }
    Ok(Some(version))
}

/// `PRAGMA quick_check` (or the full `integrity_check`): None when sound, else what is wrong.
pub(crate) fn check_integrity(conn: &Connection, full: bool) -> Result<Option<String>> {
    let pragma = if full {
        "PRAGMA integrity_check(20)"
    } else {
        "PRAGMA quick_check(20)"
    };
    let found: rusqlite::Result<Vec<String>> = conn
        .prepare(pragma)
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match found {
        Ok(lines) if lines == ["ok"] => Ok(None),
        Ok(lines) => Ok(Some(lines.join("; "))),
        Err(e) => Ok(Some(e.to_string())),
    }
}

fn lock_timeout() -> Duration {
    std::env::var("FUPAN_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<rust_decimal::Decimal>().ok())
        .filter(|s| !s.is_sign_negative())
        .and_then(|s| (s * rust_decimal::Decimal::ONE_THOUSAND).trunc().to_u64())
        .map_or(LOCK_TIMEOUT, Duration::from_millis)
}

/// Waits for the write lock (SQLite asks again while this returns true), telling `hook` once
/// per wait.
fn install_busy_handler(conn: &mut Connection, hook: Option<LockWaitHook>) -> Result<()> {
    let timeout = lock_timeout();
    let mut since: Option<Instant> = None;
    conn.busy_handler(Some(move |count: i32| {
        if count == 0 || since.is_none() {
            since = Some(Instant::now());
            if let Some(hook) = &hook {
                if let Ok(mut f) = hook.lock() {
                    f();
                }
            }
        }
        let waited = since.map_or(Duration::ZERO, |s| s.elapsed());
        if waited >= timeout {
            since = None;
            return false;
        }
        std::thread::sleep(Duration::from_millis(20).min(timeout - waited));
        true
    }))?;
    Ok(())
}

impl Ledger {
    /// Open (creating if needed) and migrate the ledger at `path` for writing.
    pub fn open(path: &Path) -> Result<Ledger> {
        Self::open_as(path, Access::Write)
    }

    /// Open the ledger at `path` for `access` (see `Access`).
    pub fn open_as(path: &Path, access: Access) -> Result<Ledger> {
        let holds_data = check_file(path, access)?;
        if !holds_data && access != Access::Read {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if access != Access::Read {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| refused(path, format!("cannot be opened as a ledger: {e}")))?;
        let version = match fupan_version(&conn, path) {
            // A restore replaces a damaged ledger as it is.
            Err(Error::LedgerDamaged { .. }) if access == Access::Restore => None,
            found => found?,
        };
        if holds_data && access == Access::Write {
            if let Some(detail) = check_integrity(&conn, false)? {
                return Err(damaged(path, &detail));
            }
        }
        if access == Access::Read && version.is_none_or(|v| v < latest_version()) {
            // Read an older (or empty) ledger through an upgraded private copy: the file
            // stays as it is.
            let mut mem = Connection::open_in_memory()?;
            Backup::new(&conn, &mut mem)?.run_to_completion(1024, Duration::ZERO, None)?;
            let mut ledger = Self::init(mem, None, Access::Write)?;
            ledger.path = Some(path.to_path_buf());
            return Ok(ledger);
        }
        Self::init(conn, Some(path.to_path_buf()), access)
    }

    /// `quick_check` of the ledger at `path` on a read-only connection of its own, beside an
    /// open `WriteCheckedAside` ledger: `Some(error)` when damaged. A missing or empty file is
    /// sound.
    pub fn damage_at(path: &Path) -> Result<Option<Error>> {
        if std::fs::metadata(path).map_or(true, |m| m.len() == 0) {
            return Ok(None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let found = match Connection::open_with_flags(path, flags) {
            Ok(conn) => check_integrity(&conn, false)?,
            Err(e) => Some(e.to_string()),
        };
        Ok(found.map(|detail| damaged(path, &detail)))
    }

    /// A private in-memory ledger (tests, previews).
    pub fn open_in_memory() -> Result<Ledger> {
        Self::init(Connection::open_in_memory()?, None, Access::Write)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>, access: Access) -> Result<Ledger> {
        install_busy_handler(&mut conn, None)?;
        // Writers take the write lock as they begin: a deferred transaction that read first
        // could not upgrade when another writer holds the lock ("database is locked" at once).
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // The import's writer rotates through ~20 statements per row (lines, fees with their
        // lookups, superseding, cost and traffic facts); rusqlite's default cache of 16 then
        // evicts and re-parses one on nearly every call (seen as sqlite3RunParser in perf).
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if path.is_some() && access != Access::Read {
            // WAL: readers never block the import's writer; a crash rolls back cleanly.
            let wal = conn
                .pragma_update(None, "journal_mode", "WAL")
                .and_then(|()| conn.pragma_update(None, "synchronous", "NORMAL"));
            // A damaged ledger about to be restored may refuse it; the restore sets it again.
            if access != Access::Restore {
                wal?;
            }
        }
        if access != Access::Restore && access != Access::Read {
            migrate(&mut conn)?;
        }
        Ok(Ledger { conn, path })
    }

    /// Whether the ledger holds nothing a merchant put there: no store, import or cost.
    pub fn is_blank(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM stores) AND NOT EXISTS (SELECT 1 FROM imports)
                AND NOT EXISTS (SELECT 1 FROM sku_costs) AND NOT EXISTS (SELECT 1 FROM fixed_costs)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Tell `hook` each time a write has to wait for another writer's lock.
    pub fn on_lock_wait(&mut self, hook: LockWaitHook) -> Result<()> {
        install_busy_handler(&mut self.conn, Some(hook))
    }
}
