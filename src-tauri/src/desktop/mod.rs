//! The Tauri 2 desktop shell: a window over `ui/` and thin commands over the engine.
//! No business logic lives here or in the page.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use fupan_engine::Ledger;
use tauri::Manager;

/// Shared state: the open ledger (one writer at a time) and files passed on the command line.
pub struct AppState {
    pub ledger: Mutex<Option<Ledger>>,
    pub db_path: PathBuf,
    pub pending_files: Mutex<Vec<PathBuf>>,
}

pub fn run(files: Vec<PathBuf>) -> ExitCode {
    let result = tauri::Builder::default()
        .setup(move |app| {
            let db_path = match std::env::var_os("FUPAN_DB") {
                Some(p) => PathBuf::from(p),
                None => app.path().app_data_dir()?.join(fupan_engine::db::DB_FILE),
            };
            // Open lazily on first use so the window paints before any disk work.
            app.manage(AppState {
                ledger: Mutex::new(None),
                db_path,
                pending_files: Mutex::new(files),
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::app_info])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fupan: could not start the window: {e}");
            ExitCode::from(1)
        }
    }
}
