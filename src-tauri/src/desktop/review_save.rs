//! "Save as…" for the year-end review: a native save dialog opened here (the page never
//! handles a path), the document written in the chosen format, then "Open" and "Show in
//! folder" on the file just saved — by the desktop's own opener, offline.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use fupan_engine::report::{Lang, Output, YearReview};
use fupan_engine::{Error, ErrorDto};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::state::{dto, AppState};

/// The review saved last in this window: what Open / Show in folder act on.
#[derive(Default)]
pub struct SavedReview(pub Mutex<Option<PathBuf>>);

/// The file name offered in the dialog: year, store, language and the format's extension.
pub fn suggested_name(year: i32, store: Option<&str>, lang: Lang, ext: &str) -> String {
    let name = match store {
        Some(s) => format!("Fupan-{year}-{s}-{}.{ext}", lang.code()),
        None => format!("Fupan-{year}-{}.{ext}", lang.code()),
    };
    name.replace(['/', '\\'], "_")
}

/// The chosen file with the format's extension when the merchant typed none.
fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if Output::from_path(&path).is_some() {
        path
    } else {
        path.with_extension(ext)
    }
}

/// Renders and writes the review to `path` (beside, then renamed: never half a file).
pub fn write_review(
    state: &AppState,
    path: &Path,
    year: i32,
    store: Option<&str>,
    lang: Lang,
) -> Result<(), ErrorDto> {
    let output = Output::from_path(path).ok_or_else(|| {
        dto(Error::InvalidArgument(format!(
            "{}: the report is written as .pdf, .html or .xlsx",
            path.display()
        )))
    })?;
    let today = chrono::Local::now().date_naive();
    let bytes = state.with_ledger(|l| {
        let review = YearReview::gather(l, year, store, today)?;
        output.render(&review, lang)
    })?;
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, &bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| dto(Error::io(path, e)))?;
    crate::applog::file_done("report", path);
    Ok(())
}

/// Save dialog (PDF, HTML or Excel; `format` is the one offered first) → the review written
/// there; returns the path (None when cancelled).
#[tauri::command]
pub async fn save_report(
    app: AppHandle,
    state: State<'_, AppState>,
    saved: State<'_, SavedReview>,
    year: i32,
    store: Option<String>,
    lang: String,
    format: String,
) -> Result<Option<String>, ErrorDto> {
    let lang = Lang::from_locale(&lang);
    let ext = match format.as_str() {
        "html" => "html",
        "xlsx" => "xlsx",
        _ => "pdf",
    };
    let mut dialog =
        app.dialog()
            .file()
            .set_file_name(suggested_name(year, store.as_deref(), lang, ext));
    // The chosen format's filter first: the dialog preselects it.
    let filters = [("PDF", "pdf"), ("HTML", "html"), ("Excel", "xlsx")];
    for (name, e) in filters.iter().filter(|(_, e)| *e == ext) {
        dialog = dialog.add_filter(*name, &[*e]);
    }
    for (name, e) in filters.iter().filter(|(_, e)| *e != ext) {
        dialog = dialog.add_filter(*name, &[*e]);
    }
    let Some(path) = dialog.blocking_save_file().and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let path = with_extension(path, ext);
    write_review(&state, &path, year, store.as_deref(), lang)?;
    if let Ok(mut last) = saved.0.lock() {
        *last = Some(path.clone());
    }
    Ok(Some(path.display().to_string()))
}

/// "Open log folder" (sidebar): the folder of the rotating log, for a merchant to send a
/// file from it.
#[tauri::command]
pub async fn open_log_folder(state: State<'_, AppState>) -> Result<(), ErrorDto> {
    let dir = crate::applog::log_dir(&state.db_path);
    std::fs::create_dir_all(&dir).map_err(|e| dto(Error::io(&dir, e)))?;
    open_command(&dir, false)
        .spawn()
        .map(|_| ())
        .map_err(|e| dto(Error::io(&dir, e)))
}

/// The desktop's opener for a file, or for the folder holding it (`reveal`).
fn open_command(path: &Path, reveal: bool) -> Command {
    let target = if reveal {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    if cfg!(target_os = "windows") {
        let mut c = Command::new("explorer");
        if reveal {
            c.arg(format!("/select,{}", path.display()));
        } else {
            c.arg(target);
        }
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        if reveal {
            c.arg("-R").arg(path);
        } else {
            c.arg(target);
        }
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(target);
        c
    }
}

/// Opens the review saved last (or the folder it is in).
#[tauri::command]
pub async fn open_saved_report(
    saved: State<'_, SavedReview>,
    reveal: bool,
) -> Result<(), ErrorDto> {
    let path = saved
        .0
        .lock()
        .ok()
        .and_then(|p| p.clone())
        .ok_or_else(|| dto(Error::NotFound("no report saved yet".into())))?;
    open_command(&path, reveal)
        .spawn()
        .map(|_| ())
        .map_err(|e| dto(Error::io(&path, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_name_says_year_store_and_language() {
        assert_eq!(
            suggested_name(2026, Some("A/B"), Lang::Vi, "pdf"),
            "Fupan-2026-A_B-vi.pdf"
        );
        assert_eq!(
            suggested_name(2026, None, Lang::Zh, "xlsx"),
            "Fupan-2026-zh.xlsx"
        );
        assert_eq!(
            with_extension(PathBuf::from("/tmp/review"), "html"),
            PathBuf::from("/tmp/review.html")
        );
        assert_eq!(
            with_extension(PathBuf::from("/tmp/r.xlsx"), "pdf"),
            PathBuf::from("/tmp/r.xlsx")
        );
    }

    #[test]
    fn a_saved_review_is_written_whole_in_the_chosen_format() {
        use fupan_engine::model::{Currency, Platform};
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        state
            .with_ledger(|l| l.ensure_store("Shop A", Platform::ShopeeVn, Currency::VND))
            .unwrap();
        let path = dir.path().join("review.html");
        // No orders in 2026: refused with the "no data for the year" reason, nothing written.
        let err = write_review(&state, &path, 2026, None, Lang::En).unwrap_err();
        assert_eq!(err.reason, Some("no_data_for_year"));
        assert!(!path.exists());
        let bad = write_review(&state, &dir.path().join("r.doc"), 2026, None, Lang::En);
        assert_eq!(bad.unwrap_err().code, "invalid_argument");
    }
}
