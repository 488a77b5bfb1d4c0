//! One-file backup and restore through SQLite's online backup API: consistent even while
//! the app has the database open. A restore is verified before it replaces anything.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::{current_version, latest_version, Ledger};
use crate::error::{Error, Location, Result};

fn bad_backup(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadFile {
        at: Location {
            file: path.display().to_string(),
            ..Default::default()
        },
        reason: reason.into(),
    }
}

impl Ledger {
    /// Copy the whole database to `dest`, replacing it only once the copy is complete: the
    /// ledger passes `integrity_check` first (a damaged ledger is never backed up over a good
    /// backup); the copy goes to a temporary file beside `dest`, is synced to disk and
    /// checked, then renamed over it. Killed or failing at any moment, `dest` is either the
    /// previous file or the complete new copy.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let at = |reason: String| bad_backup(dest, reason);
        if let Some(damage) = super::open::check_integrity(self.conn(), true)? {
            return Err(Error::LedgerDamaged {
                path: self
                    .path()
                    .map_or("the ledger".into(), |p| p.display().to_string()),
                detail: format!(
                    "{damage}; it was not backed up (a backup must be sound to restore from)"
                ),
            });
        }
        let name = dest
            .file_name()
            .ok_or_else(|| at("names no file to back up to".into()))?;
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(at(format!("the folder {} does not exist", dir.display())));
        }
        if dest.is_dir() {
            return Err(at("is a folder: name a file to back up to".into()));
        }
        let tmp = dir.join(format!(
            ".{}.{}.partial",
            name.to_string_lossy(),
            std::process::id()
        ));
        let written = self.write_copy(&tmp);
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        std::fs::rename(&tmp, dest).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(dest, e)
        })?;
        // The rename itself is durable once the folder is synced (not possible everywhere).
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// The online backup into `tmp` (a new file), synced and checked.
    fn write_copy(&self, tmp: &Path) -> Result<()> {
        let _ = std::fs::remove_file(tmp);
        {
            let mut out = Connection::open(tmp).map_err(|e| bad_backup(tmp, e.to_string()))?;
            Backup::new(self.conn(), &mut out)?.run_to_completion(256, Duration::ZERO, None)?;
            // One self-contained file: no WAL beside it.
            out.pragma_update(None, "journal_mode", "DELETE")?;
        }
        std::fs::File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(tmp, e))?;
        let copy = Connection::open_with_flags(tmp, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        if let Some(damage) = super::open::check_integrity(&copy, true)? {
            return Err(bad_backup(
                tmp,
                format!("the copy fails its check: {damage}"),
            ));
        }
        Ok(())
    }

    /// Replace the database's content with the backup at `src`, after checking that it is an
    /// intact Fupan database this version can read. The restored data is then migrated.
    pub fn restore_from(&mut self, src: &Path) -> Result<()> {
        let input = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|_| bad_backup(src, "not a Fupan backup (cannot be opened)"))?;
        let check: String = input
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|_| bad_backup(src, "not a Fupan backup (not a database)"))?;
        if check != "ok" {
            return Err(bad_backup(src, format!("the backup is damaged: {check}")));
        }
        let is_fupan: bool = input.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imports')",
            [],
            |r| r.get(0),
        )?;
        let version = current_version(&input)?;
        if !is_fupan || version < 1 {
            return Err(bad_backup(src, "not a Fupan backup"));
        }
        if version > latest_version() {
            return Err(Error::SchemaTooNew {
                found: version,
                supported: latest_version(),
            });
        }
        Backup::new(&input, self.conn_mut())?.run_to_completion(256, Duration::ZERO, None)?;
        self.conn().pragma_update(None, "journal_mode", "WAL")?;
        super::migrate(self.conn_mut())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Currency, Platform};

    #[test]
    fn backup_then_restore_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("a.db")).unwrap();
        ledger
            .ensure_store("Shop", Platform::ShopeeVn, Currency::VND)
            .unwrap();
        let backup = dir.path().join("backup.fupan");
        ledger.backup_to(&backup).unwrap();
        ledger
            .ensure_store("Later", Platform::Douyin, Currency::CNY)
            .unwrap();
        assert_eq!(ledger.stores().unwrap().len(), 2);
        ledger.restore_from(&backup).unwrap();
        let names: Vec<String> = ledger
            .stores()
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, vec!["Shop".to_string()]);
    }

    #[test]
    fn restore_refuses_a_non_database_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("a.db")).unwrap();
        ledger
            .ensure_store("Shop", Platform::ShopeeVn, Currency::VND)
            .unwrap();
        let junk = dir.path().join("junk.fupan");
        std::fs::write(&junk, b"this is not sqlite at all, just some bytes").unwrap();
        assert!(ledger.restore_from(&junk).is_err());
        assert_eq!(ledger.stores().unwrap().len(), 1);
    }
}
