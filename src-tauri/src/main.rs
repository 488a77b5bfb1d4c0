// No console window behind the app on Windows release builds.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

use std::process::ExitCode;

/// One binary: `fupan` alone (or with file paths, as "Open with Fupan" passes them) opens the
/// window; `fupan <subcommand>` runs the CLI without touching GTK or a display.
fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if fupan_app::cli::is_cli_invocation(&args) {
        fupan_app::cli::main(args)
    } else {
        window(args)
    }
}

#[cfg(feature = "desktop")]
fn window(args: Vec<std::ffi::OsString>) -> ExitCode {
    fupan_app::desktop::run(args.into_iter().skip(1).map(Into::into).collect())
}

/// A build without the `desktop` feature is the CLI alone.
#[cfg(not(feature = "desktop"))]
fn window(_args: Vec<std::ffi::OsString>) -> ExitCode {
    eprintln!(
        "fupan: this build has no window (built without the `desktop` feature); see `fupan --help`"
    );
    ExitCode::from(2)
}
