//! The Fupan binary's two faces over one engine: the command-line contract of
//! `shared/docs/cli.md` (`cli`) and the Tauri desktop shell (`desktop`), both logging what
//! they do to the same rotating log (`applog`).

// Engine errors carry file/sheet/row/column by value (cold path); see the engine crate.
#![allow(clippy::result_large_err)]

pub mod applog;
pub mod cli;
#[cfg(feature = "desktop")]
pub mod desktop;
