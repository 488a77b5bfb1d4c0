//! Import commands: previews and imports of files the page names by PATH (dropped on the
//! window, picked in the dialog, or the bundled samples) — file bytes never cross the IPC.
//! Progress goes back on a `tauri::ipc::Channel`.

use std::path::{Path, PathBuf};

use fupan_engine::import::mapping::ColumnMapping;
use fupan_engine::import::{self, ColumnsPreview, FileOutcome, ImportOptions, Preview};
use fupan_engine::{Error, ErrorDto};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::state::{dto, AppState};

/// One file's preview, or why it was refused. A file refused for unreadable rows also says
/// what skipping them would import (`if_skipped`, its `skipped` lists every such row), so the
/// page can offer "Import anyway, skipping these N rows".
#[derive(Debug, Serialize)]
pub struct PreviewResult {
    pub path: String,
    pub preview: Option<Preview>,
    pub error: Option<ErrorDto>,
    pub if_skipped: Option<Preview>,
}

/// One file's import outcome (cli.md `import --json` "files" element), or its error.
#[derive(Debug, Serialize)]
pub struct ImportResult {
    pub path: String,
    pub outcome: Option<FileOutcome>,
    pub error: Option<ErrorDto>,
}

impl ImportResult {
    fn of(path: String, result: Result<FileOutcome, ErrorDto>) -> ImportResult {
        let (outcome, error) = match result {
            Ok(o) => (Some(o), None),
            Err(e) => (None, Some(e)),
        };
        ImportResult {
            path,
            outcome,
            error,
        }
    }
}

/// Progress: file `index` of `files` (0-based) has `rows_done` data rows written.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub index: usize,
    pub files: usize,
    pub file: String,
    pub done: u64,
    pub total: u64,
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Previews; a file nobody recognises is still known when a saved column-mapping template
/// matches its headers.
#[tauri::command]
pub async fn preview_files(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> Result<Vec<PreviewResult>, ErrorDto> {
    Ok(paths
        .into_iter()
        .map(|path| preview_one(state.inner(), path))
        .collect())
}

fn preview_one(state: &AppState, path: String) -> PreviewResult {
    let look = |allow_skip| {
        let opts = ImportOptions {
            allow_skip,
            ..ImportOptions::default()
        };
        state.with_ledger(|l| import::preview_known(l, Path::new(&path), &opts))
    };
    match look(false) {
        Ok(p) => PreviewResult {
            path,
            preview: Some(p),
            error: None,
            if_skipped: None,
        },
        Err(e) => {
            let if_skipped = if e.code == "bad_cell" {
                // Only when skipping leaves something to import.
                look(true)
                    .ok()
                    .filter(|p| !p.skipped.is_empty() && (p.skipped.len() as u64) < p.rows)
            } else {
                None
            };
            PreviewResult {
                path,
                preview: None,
                error: Some(e),
                if_skipped,
            }
        }
    }
}

/// The column-mapping step of a file nobody recognised: headers, sample rows, suggested
/// fields per report kind, and the saved template for these headers if any.
#[tauri::command]
pub async fn preview_columns(
    state: State<'_, AppState>,
    path: String,
) -> Result<ColumnsPreview, ErrorDto> {
    state.with_ledger(|l| import::preview_columns(Path::new(&path), Some(l.conn())))
}

/// Import one file with the user's column mapping (saved as a template when named).
#[tauri::command]
pub async fn import_mapped(
    state: State<'_, AppState>,
    path: String,
    mapping: ColumnMapping,
    store: Option<String>,
) -> Result<ImportResult, ErrorDto> {
    let opts = ImportOptions {
        store: store.filter(|s| !s.trim().is_empty()),
        mapping: Some(mapping),
        ..ImportOptions::default()
    };
    let result =
        state.with_ledger(|l| import::import_file(l, Path::new(&path), &opts, &mut |_| {}));
    Ok(ImportResult::of(path, result))
}

/// Import each file in its own transaction; a refused file leaves nothing behind and does
/// not stop the others.
/// One file to import; `store` is the store the user chose (cost sheets), else detected.
/// `skip_bad_rows`: the user agreed to leave out (and list) the rows that cannot be read.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ImportJob {
    pub path: PathBuf,
    pub store: Option<String>,
    #[serde(default)]
    pub skip_bad_rows: bool,
    /// A cost sheet's SKUs the merchant placed on the preview: SKU → store name.
    #[serde(default)]
    pub sku_stores: std::collections::BTreeMap<String, String>,
}

pub fn import_all(
    state: &AppState,
    jobs: &[ImportJob],
    progress: &dyn Fn(Progress),
) -> Vec<ImportResult> {
    let files = jobs.len();
    let mut out: Vec<Option<ImportResult>> = jobs.iter().map(|_| None).collect();
    // The pieces of one export (`…_part_N_of_M`) import together as one import; each
    // piece's row gets that import's result.
    let paths: Vec<&Path> = jobs.iter().map(|j| j.path.as_path()).collect();
    for group in import::parts::group(&paths) {
        let Some(&index) = group.first() else {
            continue;
        };
        let job = &jobs[index];
        let opts = ImportOptions {
            store: job.store.clone().filter(|s| !s.trim().is_empty()),
            allow_skip: job.skip_bad_rows,
            sku_stores: job.sku_stores.clone(),
            ..ImportOptions::default()
        };
        let name = file_name(&job.path);
        let tick = |done: u64| {
            progress(Progress {
                index,
                files,
                file: name.clone(),
                done,
                total: files as u64,
            })
        };
        tick(0);
        let members: Vec<&Path> = group.iter().map(|&i| paths[i]).collect();
        let result = state.with_ledger(|l| {
            let mut cb = |_: usize, done: u64| tick(done);
            import::import_files(l, &members, &opts, &mut cb).and_then(|mut o| {
                o.pop()
                    .ok_or_else(|| Error::Internal("an import gave no outcome".into()))
            })
        });
        if let Ok(o) = &result {
            crate::applog::imported(o);
        }
        for &i in &group {
            out[i] = Some(ImportResult::of(
                jobs[i].path.display().to_string(),
                result.clone(),
            ));
        }
    }
    out.into_iter().flatten().collect()
}

#[tauri::command]
pub async fn import_files(
    state: State<'_, AppState>,
    files: Vec<ImportJob>,
    on_progress: Channel<Progress>,
) -> Result<Vec<ImportResult>, ErrorDto> {
    Ok(import_all(state.inner(), &files, &|p| {
        let _ = on_progress.send(p);
    }))
}

/// Where the demo shop's exports are: the bundle's `samples` resource dir, else (dev builds)
/// the repository's `samples/` (written by `samples/generate.py`).
fn sample_dir(app: &AppHandle) -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Ok(res) = app.path().resource_dir() {
        candidates.push(res.join("samples"));
    }
    candidates.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples"));
    candidates.into_iter().find(|d| d.is_dir())
}

const SAMPLE_EXTS: &[&str] = &["xlsx", "xls", "xlsb", "ods", "csv", "zip"];

fn is_export(p: &Path) -> bool {
    p.is_file()
        && p.extension()
            .map(|x| SAMPLE_EXTS.contains(&x.to_string_lossy().to_lowercase().as_str()))
            .unwrap_or(false)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

/// The demo shop's import jobs: one folder per store (the folder's name is the store's, as
/// the merchant would name the shop; its exports are imported into it), then the files at
/// the top (cost sheets, which need the stores to exist first).
pub fn sample_jobs(dir: &Path) -> Result<Vec<ImportJob>, Error> {
    let mut stores = Vec::new();
    let mut top = Vec::new();
    for p in sorted_entries(dir)? {
        if p.is_dir() {
            let store = file_name(&p);
            for f in sorted_entries(&p)?.into_iter().filter(|f| is_export(f)) {
                stores.push(ImportJob {
                    path: f,
                    store: Some(store.clone()),
                    skip_bad_rows: false,
                    sku_stores: Default::default(),
                });
            }
        } else if is_export(&p) {
            top.push(ImportJob {
                path: p,
                store: None,
                skip_bad_rows: false,
                sku_stores: Default::default(),
            });
        }
    }
    stores.extend(top);
    Ok(stores)
}

#[tauri::command]
pub async fn load_sample_data(
    app: AppHandle,
    state: State<'_, AppState>,
    on_progress: Channel<Progress>,
) -> Result<Vec<ImportResult>, ErrorDto> {
    let dir = sample_dir(&app)
        .ok_or_else(|| dto(Error::NotFound("the sample data is not installed".into())))?;
    let jobs = sample_jobs(&dir).map_err(dto)?;
    if jobs.is_empty() {
        return Err(dto(Error::NotFound(format!(
            "no sample files in {}",
            dir.display()
        ))));
    }
    Ok(import_all(state.inner(), &jobs, &|p| {
        let _ = on_progress.send(p);
    }))
}

/// The native file dialog; returns the chosen paths (empty when cancelled).
#[tauri::command]
pub async fn pick_files(app: AppHandle) -> Result<Vec<String>, ErrorDto> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app
        .dialog()
        .file()
        .add_filter("Exports", &["xlsx", "xls", "xlsb", "ods", "csv", "zip"])
        .blocking_pick_files();
    Ok(picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .map(|p| p.display().to_string())
        .collect())
}

/// Test-only (feature `e2e`): import paths as a drop would, without a native drag.
#[cfg(feature = "e2e")]
#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<String>,
    store: Option<String>,
) -> Result<Vec<ImportResult>, ErrorDto> {
    let jobs: Vec<ImportJob> = paths
        .into_iter()
        .map(|p| ImportJob {
            path: PathBuf::from(p),
            store: store.clone(),
            skip_bad_rows: false,
            sku_stores: Default::default(),
        })
        .collect();
    Ok(import_all(state.inner(), &jobs, &|_| {}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_jobs_name_each_folder_s_files_after_it_and_import_the_top_last() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["棉语家居淘宝店", "Nhà Mộc Decor"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        for name in [
            "商品成本.xlsx",
            "棉语家居淘宝店/b_orders.csv",
            "棉语家居淘宝店/a_ads.csv",
            "Nhà Mộc Decor/Order.all.xlsx",
            "Nhà Mộc Decor/notes.txt",
            "generate.py",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let jobs: Vec<(String, Option<String>)> = sample_jobs(dir.path())
            .unwrap()
            .iter()
            .map(|j| (file_name(&j.path), j.store.clone()))
            .collect();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            jobs,
            [
                ("Order.all.xlsx".to_string(), s("Nhà Mộc Decor")),
                ("a_ads.csv".to_string(), s("棉语家居淘宝店")),
                ("b_orders.csv".to_string(), s("棉语家居淘宝店")),
                ("商品成本.xlsx".to_string(), None),
            ]
        );
    }

    #[test]
    fn a_file_refused_for_bad_rows_says_what_skipping_them_would_import() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        let bad = dir.path().join("fixed.csv");
        std::fs::write(&bad, "Month,Item,Amount,Currency\n2026-03,rent,100,CNY\n2026-13,tools,5,CNY\n2026-03,wages,x,CNY\n")
            .unwrap();
        let r = preview_one(&state, bad.display().to_string());
        assert_eq!(r.error.as_ref().map(|e| e.code), Some("bad_cell"));
        let p = r.if_skipped.expect("what skipping would import");
        assert_eq!((p.rows, p.fixed_costs), (3, 1));
        let rows: Vec<(u64, Option<&str>)> = p
            .skipped
            .iter()
            .map(|s| (s.row, s.column.as_deref()))
            .collect();
        assert_eq!(rows, [(3, Some("Month")), (4, Some("Amount"))]);

        let job = ImportJob {
            path: bad.clone(),
            store: None,
            skip_bad_rows: true,
            sku_stores: Default::default(),
        };
        let out = import_all(&state, &[job], &|_| {});
        let o = out[0].outcome.as_ref().expect("imported");
        assert_eq!((o.added, o.skipped.len()), (1, 2));

        // A file refused for another reason offers nothing to skip.
        let good = dir.path().join("empty.csv");
        std::fs::write(&good, "").unwrap();
        assert!(preview_one(&state, good.display().to_string())
            .if_skipped
            .is_none());
    }
}
