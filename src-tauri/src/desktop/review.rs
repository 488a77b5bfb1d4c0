//! Products and the year-end review for the page: thin wrappers over the engine.

use std::path::PathBuf;

use fupan_engine::metrics::{self, CurrencyProducts};
use fupan_engine::report::{self, Lang, Output, PrintView, YearReview};
use fupan_engine::{Error, ErrorDto};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use super::state::{dto, AppState, FilterArg};

#[derive(Debug, Serialize)]
pub struct ProductsDto {
    pub currencies: Vec<CurrencyProducts>,
}

#[tauri::command]
pub async fn products(
    state: State<'_, AppState>,
    filter: FilterArg,
) -> Result<ProductsDto, ErrorDto> {
    let f = filter.to_filter()?;
    state
        .with_ledger(|l| metrics::products(l, &f))
        .map(|currencies| ProductsDto { currencies })
}

/// The year-end review for the in-app Print button: the same document as the HTML export, as
/// a scoped stylesheet and body markup the page shows only when printing.
#[tauri::command]
pub async fn report_print(
    state: State<'_, AppState>,
    year: i32,
    store: Option<String>,
    lang: String,
) -> Result<PrintView, ErrorDto> {
    let lang = Lang::from_locale(&lang);
    let today = chrono::Local::now().date_naive();
    state.with_ledger(|l| {
        let review = YearReview::gather(l, year, store.as_deref(), today)?;
        report::render_print(&review, lang)
    })
}

/// Writes the year-end review into the user's Documents folder (else the app-data folder)
/// and returns its path. `format` is pdf, html or xlsx; `lang` zh, vi or en.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    store: Option<String>,
    lang: String,
    format: String,
) -> Result<String, ErrorDto> {
    let lang = Lang::from_locale(&lang);
    let dir: PathBuf = app
        .path()
        .document_dir()
        .or_else(|_| app.path().app_data_dir())
        .map_err(|e| {
            dto(Error::Internal(format!(
                "no folder to save the report in: {e}"
            )))
        })?;
    let name = match &store {
        Some(s) => format!("Fupan-{year}-{s}-{}.{format}", lang.code()),
        None => format!("Fupan-{year}-{}.{format}", lang.code()),
    };
    let path = dir.join(name.replace(['/', '\\'], "_"));
    let output = Output::from_path(&path).ok_or_else(|| {
        dto(Error::InvalidArgument(format!(
            "unknown report format {format:?}"
        )))
    })?;
    let today = chrono::Local::now().date_naive();
    let bytes = state.with_ledger(|l| {
        let review = YearReview::gather(l, year, store.as_deref(), today)?;
        output.render(&review, lang)
    })?;
    // Written beside and renamed: a failure never leaves half a report.
    let tmp = path.with_extension("part");
    std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(&tmp, &bytes))
        .and_then(|_| std::fs::rename(&tmp, &path))
        .map_err(|e| dto(Error::io(&path, e)))?;
    crate::applog::file_done("report", &path);
    Ok(path.display().to_string())
}
