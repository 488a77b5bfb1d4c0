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
        fupan_app::desktop::run(args.into_iter().skip(1).map(Into::into).collect())
    }
}
