//! Fupan's domain engine: import of platform exports into a normalised ledger, exact metrics,
//! and reports. Pure Rust over SQLite — no UI and no Tauri (checked by the test script).

pub mod db;
pub mod error;
pub mod import;
pub mod model;

pub use db::Ledger;
pub use error::{Error, ErrorDto, ErrorKind, Location, Result};
