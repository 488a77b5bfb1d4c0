//! The "Subsidy check" card: the current period's subsidy against the previous period, or
//! against a hold-out figure the merchant types (metrics.md §6). Thin: arguments in, engine
//! call, report out.

use fupan_engine::metrics::{self, Baseline, SubsidyReport};
use fupan_engine::ErrorDto;
use tauri::State;

use super::state::{decimal, invalid, AppState, FilterArg};

/// `holdOut`: the hold-out group's sales as typed (a decimal string), or null/blank for the
/// previous period.
#[tauri::command]
pub async fn subsidy_check(
    state: State<'_, AppState>,
    filter: FilterArg,
    hold_out: Option<String>,
) -> Result<SubsidyReport, ErrorDto> {
    check(&state, &filter, hold_out.as_deref())
}

fn check(
    state: &AppState,
    filter: &FilterArg,
    hold_out: Option<&str>,
) -> Result<SubsidyReport, ErrorDto> {
    let f = filter.to_filter()?;
    let baseline = match hold_out.map(str::trim).filter(|s| !s.is_empty()) {
        None => Baseline::PreviousPeriod,
        Some(v) => {
            let n = decimal(v, "hold-out sales")?;
            if n.is_sign_negative() {
                return Err(invalid(format!("hold-out sales {v:?} cannot be negative")));
            }
            Baseline::HoldOut(n)
        }
    };
    state.with_ledger(|l| metrics::subsidy(l, &f, &baseline, &[]))
}
