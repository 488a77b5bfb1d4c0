//! Fupan's domain engine: import of platform exports into a normalised ledger, exact metrics,
//! and reports. Pure Rust over SQLite — no UI and no Tauri (checked by the test script).

// `Error` carries the file/sheet/row/column of bad input by value: it is the cold path, and
// keeping it unboxed keeps every constructor simple.
#![allow(clippy::result_large_err)]

pub mod charts;
pub mod db;
pub mod error;
pub mod error_reason;
pub mod import;
pub mod metrics;
pub mod model;
// The year-end review pulls in typst: behind a default feature so the fuzz crate builds lean.
#[cfg(feature = "report")]
pub mod report;
pub mod vocabulary;

pub use db::Ledger;
pub use error::{Error, ErrorDto, ErrorKind, Location, Result};
pub use vocabulary::{vocabulary, Vocabulary};
