//! The Tauri 2 desktop shell: a window over `ui/` and thin commands over the engine.
//! No business logic lives here or in the page.

mod backup;
mod bench;
mod charts;
mod commands;
mod costs;
mod import;
mod money;
mod open_files;
mod review;
mod review_save;
mod state;
mod stores;
mod subsidy;

use std::path::PathBuf;
use std::process::ExitCode;

use tauri::Manager;

pub use state::AppState;

macro_rules! handlers {
    ($($extra:path),* $(,)?) => {
        tauri::generate_handler![
            bench::bench_enabled,
            bench::bench_mark,
            commands::app_info,
            commands::vocabulary,
            commands::pending_files,
            commands::stores,
            commands::imports,
            commands::undo_import,
            commands::summary,
            commands::monthly,
            commands::missing_costs,
            commands::channels,
            commands::fixed_costs,
            commands::add_fixed_cost,
            commands::compare,
            commands::drill,
            commands::repurchase,
            costs::sku_costs,
            costs::set_sku_cost,
            costs::delete_sku_cost,
            costs::paste_sku_costs,
            costs::delete_fixed_cost,
            costs::fee_sources,
            stores::store_matrix,
            costs::fee_kind_sources,
            costs::set_fee_kind,
            stores::rename_store,
            stores::merge_stores,
            charts::dashboard,
            charts::channel_charts,
            charts::product_charts,
            charts::response_chart,
            import::preview_files,
            import::preview_columns,
            import::import_mapped,
            import::import_files,
            import::load_sample_data,
            import::pick_files,
            review::products,
            review::export_report,
            review::report_print,
            review_save::save_report,
            review_save::open_saved_report,
            review_save::open_log_folder,
            backup::backup_data,
            backup::restore_data,
            subsidy::subsidy_check,
            money::cash_view,
            money::cash_orders,
            money::set_settlement_delay,
            money::tax_view,
            money::tax_settings,
            money::set_tax_regime,
            $($extra),*
        ]
    };
}

/// The data file's `quick_check`, after the first paint (≈ 2 s of reading for five busy
/// years: started at once, it took the disk and a core from the first paint and filter change
/// of such a ledger — its refresh went from 98 to 184 ms, bench figure 7b). A damaged file is told to the page (`ledger-damaged`, the
/// error in the page's form) and reopened checked, so nothing more is written to it.
fn check_ledger_aside(app: tauri::AppHandle) {
    const AFTER_START: std::time::Duration = std::time::Duration::from_secs(3);
    std::thread::spawn(move || {
        std::thread::sleep(AFTER_START);
        let state = app.state::<AppState>();
        if let Some(e) = state.check_aside() {
            let _ = tauri::Emitter::emit(&app, "ledger-damaged", state::dto(e));
        }
    });
}

/// Opens the window; `files` (from "Open with Fupan") are previewed on the Import screen.
pub fn run(files: Vec<PathBuf>) -> ExitCode {
    bench::mark_start();
    let cwd = std::env::current_dir().unwrap_or_default();
    let files = open_files::resolve(files, &cwd);
    let builder = tauri::Builder::default();
    // One window per data file: a second launch hands its files to the running window and
    // exits. With an explicit FUPAN_DB (tests, a second shop's file) each launch runs apart.
    let builder = if std::env::var_os("FUPAN_DB").is_none() {
        builder.plugin(tauri_plugin_single_instance::init(
            open_files::from_second_launch,
        ))
    } else {
        builder
    };
    let builder = builder
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let db_path = match std::env::var_os("FUPAN_DB") {
                Some(p) => PathBuf::from(p),
                None => app.path().app_data_dir()?.join(fupan_engine::db::DB_FILE),
            };
            crate::applog::init(&db_path);
            // Open lazily on first use so the window paints before any disk work.
            let mut state = AppState::new(db_path, files);
            // A write that waits for another writer's lock (a CLI import) says so in the page.
            let handle = app.handle().clone();
            state.lock_wait = Some(std::sync::Arc::new(std::sync::Mutex::new(move || {
                let _ = tauri::Emitter::emit(&handle, "ledger-waiting", ());
            })));
            app.manage(state);
            app.manage(review_save::SavedReview::default());
            check_ledger_aside(app.handle().clone());
            Ok(())
        });
    #[cfg(feature = "e2e")]
    let builder = builder.invoke_handler(handlers![import::import_paths]);
    #[cfg(not(feature = "e2e"))]
    let builder = builder.invoke_handler(handlers![]);
    match builder.run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fupan: could not start the window: {e}");
            ExitCode::from(1)
        }
    }
}
