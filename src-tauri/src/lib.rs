//! The Fupan binary's two faces over one engine: the command-line contract of
//! `shared/docs/cli.md` (`cli`) and the Tauri desktop shell (`desktop`).

pub mod cli;
pub mod desktop;
