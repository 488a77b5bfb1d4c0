//! Back up and restore the data file from the window, through the engine's online backup
//! (consistent while the window has the file open). The paths come from the native dialogs
//! opened here, never from the page.

use std::path::{Path, PathBuf};

use fupan_engine::ErrorDto;
use tauri::AppHandle;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use super::state::AppState;

/// Copy the whole database to `dest`.
fn backup(state: &AppState, dest: &Path) -> Result<(), ErrorDto> {
    state.with_ledger(|l| l.backup_to(dest))?;
    crate::applog::file_done("backup", dest);
    Ok(())
}

/// Replace the data with the backup at `src` once it is verified intact.
fn restore(state: &AppState, src: &Path) -> Result<(), ErrorDto> {
    state.with_ledger_as(fupan_engine::db::Access::Restore, |l| l.restore_from(src))?;
    crate::applog::file_done("restore", src);
    Ok(())
}

fn chosen(path: Option<tauri_plugin_dialog::FilePath>) -> Option<PathBuf> {
    path.and_then(|p| p.into_path().ok())
}

/// Save dialog → backup; returns the file written (None when cancelled).
#[tauri::command]
pub async fn backup_data(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, ErrorDto> {
    let name = format!(
        "fupan-backup-{}.db",
        chrono::Local::now().format("%Y-%m-%d")
    );
    let Some(dest) = chosen(app.dialog().file().set_file_name(name).blocking_save_file()) else {
        return Ok(None);
    };
    backup(&state, &dest)?;
    Ok(Some(dest.display().to_string()))
}

/// Open dialog → verified restore; returns the file restored from (None when cancelled).
#[tauri::command]
pub async fn restore_data(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, ErrorDto> {
    let Some(src) = chosen(
        app.dialog()
            .file()
            .add_filter("Fupan", &["db"])
            .blocking_pick_file(),
    ) else {
        return Ok(None);
    };
    restore(&state, &src)?;
    Ok(Some(src.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fupan_engine::model::{Currency, Platform};

    fn store_names(state: &AppState) -> Vec<String> {
        state
            .with_ledger(|l| Ok(l.stores()?.into_iter().map(|s| s.name).collect()))
            .unwrap()
    }

    #[test]
    fn a_backup_restores_the_data_it_was_taken_of() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        state
            .with_ledger(|l| l.ensure_store("Shop A", Platform::ShopeeVn, Currency::VND))
            .unwrap();
        let copy = dir.path().join("backup.db");
        backup(&state, &copy).unwrap();
        state
            .with_ledger(|l| l.ensure_store("Shop B", Platform::Lazada, Currency::VND))
            .unwrap();
        assert_eq!(store_names(&state), ["Shop A", "Shop B"]);
        restore(&state, &copy).unwrap();
        assert_eq!(store_names(&state), ["Shop A"]);
    }

    #[test]
    fn a_file_that_is_not_a_backup_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        state
            .with_ledger(|l| l.ensure_store("Shop A", Platform::ShopeeVn, Currency::VND))
            .unwrap();
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"not a database").unwrap();
        let err = restore(&state, &junk).unwrap_err();
        assert_eq!(err.code, "bad_file", "{}", err.message);
        assert!(err.message.contains("junk.db"), "{}", err.message);
        assert_eq!(store_names(&state), ["Shop A"]);
    }
}
