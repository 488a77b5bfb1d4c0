//! Files handed to the app by the OS ("Open with Fupan", `fupan FILE…`): at start-up, and from
//! a second launch while the window is open (single instance). Either way they wait in
//! `AppState::pending_files` until the page takes them with the `pending_files` command; the
//! `open-files` event only tells a page that is already running to take them now.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Emitter, Manager};

use super::state::AppState;

/// Tells the page that `pending_files` has new files.
pub const EVENT: &str = "open-files";

/// Paths as absolute paths: relative ones are taken from `cwd` (the launching shell's).
pub fn resolve(paths: impl IntoIterator<Item = PathBuf>, cwd: &Path) -> Vec<PathBuf> {
    paths
        .into_iter()
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| if p.is_absolute() { p } else { cwd.join(p) })
        .collect()
}

/// The single-instance callback: `argv` and `cwd` of the second launch, which then exits.
pub fn from_second_launch(app: &AppHandle, argv: Vec<String>, cwd: String) {
    let files = resolve(argv.into_iter().skip(1).map(PathBuf::from), Path::new(&cwd));
    if !files.is_empty() {
        // The state is managed in setup, right after this plugin starts listening.
        let queued = app
            .try_state::<AppState>()
            .and_then(|state| state.pending_files.lock().ok().map(|mut p| p.extend(files)));
        if queued.is_none() {
            eprintln!("fupan: the window is still starting; open the files again");
        }
        if let Err(e) = app.emit_to("main", EVENT, ()) {
            eprintln!("fupan: could not tell the window about opened files: {e}");
        }
    }
    // Bring the window forward either way: launching the app again means "show me".
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_taken_from_the_launching_directory() {
        let cwd = Path::new("/home/me/Downloads");
        let got = resolve(
            [
                PathBuf::from("Order.all.xlsx"),
                PathBuf::from("../ads/pdd.csv"),
                PathBuf::from("/tmp/a b.csv"),
                PathBuf::new(),
            ],
            cwd,
        );
        assert_eq!(
            got,
            [
                PathBuf::from("/home/me/Downloads/Order.all.xlsx"),
                PathBuf::from("/home/me/Downloads/../ads/pdd.csv"),
                PathBuf::from("/tmp/a b.csv"),
            ]
        );
    }
}
