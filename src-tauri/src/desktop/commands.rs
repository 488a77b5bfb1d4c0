//! Commands the page calls. Each is a thin wrapper: arguments in, engine call, DTO out,
//! errors as `{code, kind, message}`.

use fupan_engine::ErrorDto;
use serde::Serialize;
use tauri::State;

use super::AppState;

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    /// The OS language tag (e.g. "zh-CN", "vi-VN", "en-US"); the page picks zh, vi or en.
    pub locale: Option<String>,
    pub db_path: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ErrorDto> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        locale: sys_locale::get_locale(),
        db_path: state.db_path.display().to_string(),
    })
}
