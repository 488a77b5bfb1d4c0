//! Hello world in a Tauri 2 window. With `FUPAN_BENCH_PAINT=1` the page reports its first
//! paint on stderr the way Fupan's dashboard does (`fupan-bench: first_paint <ms>`), then the
//! app quits: scripts/bench.py times both from the process spawn.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn painted(app: tauri::AppHandle) {
    if std::env::var_os("FUPAN_BENCH_PAINT").is_some_and(|v| v == "1") {
        let ms = STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
        eprintln!("fupan-bench: first_paint {ms:.1}");
        app.exit(0);
    }
}

fn main() {
    STARTED.get_or_init(Instant::now);
    if let Err(e) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
    {
        eprintln!("hello-tauri: {e}");
        std::process::exit(1);
    }
}
