//! Figure 6 of the benchmark (issue 8, `scripts/bench.sh`): with `FUPAN_BENCH_PAINT=1` the
//! page reports its first painted dashboard and a filter change's refresh, then the app quits.
//! Inert otherwise: the page asks once whether to measure.

use std::sync::OnceLock;
use std::time::Instant;

/// When the window started (the harness also measures from the process spawn).
static STARTED: OnceLock<Instant> = OnceLock::new();

pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

#[tauri::command]
pub fn bench_enabled() -> bool {
    std::env::var_os("FUPAN_BENCH_PAINT").is_some_and(|v| v == "1")
}

/// `first_paint` (ms since start) or `refresh` (`ms` measured by the page); `refresh` quits.
#[tauri::command]
pub fn bench_mark(app: tauri::AppHandle, stage: String, ms: Option<f64>) {
    if !bench_enabled() {
        return;
    }
    let since_start = STARTED
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    eprintln!("fupan-bench: {stage} {:.1}", ms.unwrap_or(since_start));
    if stage == "refresh" {
        app.exit(0);
    }
}
