//! The shell's state: the ledger (opened lazily, one writer at a time) and helpers that turn
//! the page's arguments into engine types and engine errors into `{code, kind, message}`.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::NaiveDate;
use fupan_engine::db::{Access, LockWaitHook};
use fupan_engine::metrics::Filter;
use fupan_engine::{Error, ErrorDto, Ledger};
use rust_decimal::Decimal;
use serde::Deserialize;

/// Shared state: the open ledger (one writer at a time) and files passed on the command line.
pub struct AppState {
    pub ledger: Mutex<Option<Ledger>>,
    pub db_path: PathBuf,
    pub pending_files: Mutex<Vec<PathBuf>>,
    /// Told each time a write waits for another writer's lock (the page shows "waiting…").
    pub lock_wait: Option<LockWaitHook>,
    /// Set when the check run beside the window (`check_aside`) found the file damaged: the
    /// ledger is then reopened with the check, which refuses it (only a restore goes on).
    damaged: AtomicBool,
}

impl AppState {
    pub fn new(db_path: PathBuf, files: Vec<PathBuf>) -> AppState {
        AppState {
            ledger: Mutex::new(None),
            db_path,
            pending_files: Mutex::new(files),
            lock_wait: None,
            damaged: AtomicBool::new(false),
        }
    }

    /// Run `f` on the ledger, opening (and migrating) it on first use. Until `check_aside` has
    /// found damage the file is opened without its `quick_check` (the dashboard paints first).
    pub fn with_ledger<T>(
        &self,
        f: impl FnOnce(&mut Ledger) -> fupan_engine::Result<T>,
    ) -> Result<T, ErrorDto> {
        let access = if self.damaged.load(Ordering::SeqCst) {
            Access::Write
        } else {
            Access::WriteCheckedAside
        };
        self.with_ledger_as(access, f)
    }

    /// The `quick_check` of the data file, on its own connection (run on a thread at start):
    /// on damage the open ledger is closed, so the next command reopens it checked and is
    /// refused with the restore hint. Returns the damage to tell the page.
    pub fn check_aside(&self) -> Option<Error> {
        let found = match Ledger::damage_at(&self.db_path) {
            Ok(found) => found,
            Err(e) => Some(e),
        }?;
        self.damaged.store(true, Ordering::SeqCst);
        if let Ok(mut guard) = self.ledger.lock() {
            *guard = None;
        }
        Some(found)
    }

    /// `with_ledger`, opening it for `access` when it is not open yet (a restore must be able
    /// to replace a ledger too damaged to be opened for writing).
    pub fn with_ledger_as<T>(
        &self,
        access: Access,
        f: impl FnOnce(&mut Ledger) -> fupan_engine::Result<T>,
    ) -> Result<T, ErrorDto> {
        let mut guard = self
            .ledger
            .lock()
            .map_err(|_| dto(Error::Internal("the ledger lock was poisoned".into())))?;
        if guard.is_none() {
            let mut ledger = Ledger::open_as(&self.db_path, access).map_err(dto)?;
            if let Some(hook) = &self.lock_wait {
                ledger.on_lock_wait(hook.clone()).map_err(dto)?;
            }
            *guard = Some(ledger);
        }
        match guard.as_mut() {
            Some(ledger) => f(ledger).map_err(dto),
            None => Err(dto(Error::Internal("the ledger is not open".into()))),
        }
    }
}

/// The page's form of an engine error; every one is logged (code and place, no value).
pub fn dto(e: Error) -> ErrorDto {
    crate::applog::failed("window", &e);
    ErrorDto::from(&e)
}

pub fn invalid(msg: impl Into<String>) -> ErrorDto {
    dto(Error::InvalidArgument(msg.into()))
}

/// The page's period and store filter: ISO dates or null, a store name or null.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FilterArg {
    pub from: Option<String>,
    pub to: Option<String>,
    pub store: Option<String>,
}

fn date(s: &Option<String>) -> Result<Option<NaiveDate>, ErrorDto> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| invalid(format!("date {d:?} is not YYYY-MM-DD"))),
    }
}

impl FilterArg {
    pub fn to_filter(&self) -> Result<Filter, ErrorDto> {
        Ok(Filter {
            from: date(&self.from)?,
            to: date(&self.to)?,
            store: self.store.clone().filter(|s| !s.trim().is_empty()),
        })
    }
}

/// A decimal the page sends as a string (never through a float).
pub fn decimal(s: &str, what: &str) -> Result<Decimal, ErrorDto> {
    Decimal::from_str(s.trim()).map_err(|_| invalid(format!("{what} {s:?} is not a number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_parses_dates_and_drops_blank_store() {
        let f = FilterArg {
            from: Some("2026-01-01".into()),
            to: None,
            store: Some(" ".into()),
        }
        .to_filter()
        .unwrap();
        assert_eq!(f.from, NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(f.store, None);
        let bad = FilterArg {
            from: Some("01/02/2026".into()),
            ..FilterArg::default()
        };
        assert_eq!(bad.to_filter().unwrap_err().code, "invalid_argument");
        assert_eq!(decimal("0.2", "k").unwrap().to_string(), "0.2");
        assert!(decimal("1e", "k").is_err());
    }
}
