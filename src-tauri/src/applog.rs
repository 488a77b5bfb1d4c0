//! The log a merchant can send: one file a day in `logs/` beside the data file
//! (`fupan.YYYY-MM-DD.log`, the last `KEEP` days kept), written by the CLI and the window.
//! It records what was done (import, undo, report, backup, restore) and the errors, by file
//! name, counts, ids and error codes only — never a cell's value, a buyer, or file contents
//! (an error's `value` parameter and its English message, which may quote a cell, are left
//! out). A run that only reads writes nothing: the file is opened at the first event.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fupan_engine::import::FileOutcome;
use fupan_engine::{Error, ErrorDto};
use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// Days of logs kept (older files are removed as a new day's file starts).
const KEEP: usize = 7;

/// The folder of the logs for the data file `db`.
pub fn log_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or_else(|| Path::new(".")).join("logs")
}

/// Where the log goes, set by `init`.
static DIR: OnceLock<PathBuf> = OnceLock::new();

/// Logs into `log_dir(db)` from now on. The file is opened at the first event, so a run that
/// only reads (`fupan summary`, a window opened and closed) leaves no line and no file.
pub fn init(db: &Path) {
    let _ = DIR.set(log_dir(db));
}

/// Starts the log on first use, once per process: the daily file, then a `start` line with
/// the version. A folder that cannot be written leaves the program working without a log.
fn start() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        let Some(dir) = DIR.get() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let Ok(appender) = RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix("fupan")
            .filename_suffix("log")
            .max_log_files(KEEP)
            .build(dir)
        else {
            return;
        };
        let subscriber = tracing_subscriber::fmt()
            .with_writer(appender)
            .with_ansi(false)
            .with_target(false)
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
        tracing::info!(version = %env!("CARGO_PKG_VERSION"), "start");
    });
}

/// A file imported: its name, what it was read as, and the counts.
pub fn imported(o: &FileOutcome) {
    start();
    tracing::info!(
        file = %o.file,
        format = %o.format,
        import_id = o.import_id,
        rows = o.rows,
        added = o.added,
        updated = o.updated,
        duplicates = o.duplicates,
        skipped = o.skipped.len(),
        unmapped = o.unmapped.len(),
        "import"
    );
}

pub fn undone(import_id: i64) {
    start();
    tracing::info!(import_id, "undo");
}

/// A command that changed the ledger and says nothing more (costs, fee kinds, tax regimes,
/// a settlement delay): its name.
pub fn changed(action: &'static str) {
    start();
    tracing::info!("{action}");
}

/// A report, backup or restore written to or read from `path` (its file name only).
pub fn file_done(action: &'static str, path: &Path) {
    start();
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
    tracing::info!(file = %file.as_deref().unwrap_or(""), "{action}");
}

/// An action that failed: its error code, reason code and place, without the value.
pub fn failed(action: &str, e: &Error) {
    start();
    let dto = ErrorDto::from(e);
    let place: Vec<String> = ["file", "sheet", "row", "column"]
        .iter()
        .filter_map(|k| dto.params.get(k).map(|v| format!("{k}={v}")))
        .collect();
    tracing::warn!(
        code = %dto.code,
        reason = %dto.reason.unwrap_or(""),
        at = %place.join(" "),
        "{action} failed"
    );
}

/// Logs the result of `action`: its error when it failed.
pub fn outcome<T>(action: &str, r: &Result<T, Error>) {
    if let Err(e) = r {
        failed(action, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_sit_beside_the_data_file() {
        assert_eq!(
            log_dir(Path::new("/home/a/.local/share/app.fupan.desktop/fupan.db")),
            Path::new("/home/a/.local/share/app.fupan.desktop/logs")
        );
        assert_eq!(log_dir(Path::new("t.db")), Path::new("logs"));
    }
}
