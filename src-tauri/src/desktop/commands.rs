//! Commands the page calls. Each is a thin wrapper: arguments in, engine call, DTO out,
//! errors as `{code, kind, message}`. They run off the main thread (`async`).

use fupan_engine::db::{ImportRecord, StoreInfo};
use fupan_engine::metrics::{
    self, ChannelsReport, CompareWith, Comparison, DrillPage, Figure, MissingCost, Monthly,
    Repurchase, Summary,
};
use fupan_engine::model::{Currency, ImportId, Money};
use fupan_engine::{Error, ErrorDto};
use serde::Serialize;
use tauri::State;

use super::state::{decimal, dto, AppState, FilterArg};

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    /// The OS language tag (e.g. "zh-CN", "vi-VN", "en-US"); the page picks zh, vi or en.
    pub locale: Option<String>,
    pub db_path: String,
    /// True in builds with the `e2e` feature (test-only commands present).
    pub e2e: bool,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ErrorDto> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        locale: std::env::var("FUPAN_LOCALE")
            .ok()
            .or_else(sys_locale::get_locale),
        db_path: state.db_path.display().to_string(),
        e2e: cfg!(feature = "e2e"),
    })
}

/// Every id family the page lists (`fupan_engine::vocabulary`; the page ships the same as
/// the generated `ui/js/vocab.js`, this serves other callers and the end-to-end tests).
#[tauri::command]
pub fn vocabulary() -> fupan_engine::Vocabulary {
    fupan_engine::vocabulary()
}

/// Files passed on the command line ("Open with Fupan"), handed over once.
#[tauri::command]
pub fn pending_files(state: State<'_, AppState>) -> Result<Vec<String>, ErrorDto> {
    let mut files = state
        .pending_files
        .lock()
        .map_err(|_| dto(Error::Internal("lock poisoned".into())))?;
    Ok(files.drain(..).map(|p| p.display().to_string()).collect())
}

#[tauri::command]
pub async fn stores(state: State<'_, AppState>) -> Result<Vec<StoreInfo>, ErrorDto> {
    state.with_ledger(|l| l.stores())
}

#[tauri::command]
pub async fn imports(state: State<'_, AppState>) -> Result<Vec<ImportRecord>, ErrorDto> {
    state.with_ledger(|l| l.imports())
}

#[tauri::command]
pub async fn undo_import(state: State<'_, AppState>, id: i64) -> Result<(), ErrorDto> {
    state.with_ledger(|l| l.undo_import(ImportId(id)))?;
    crate::applog::undone(id);
    Ok(())
}

#[tauri::command]
pub async fn summary(state: State<'_, AppState>, filter: FilterArg) -> Result<Summary, ErrorDto> {
    let f = filter.to_filter()?;
    state.with_ledger(|l| metrics::summary(l, &f))
}

#[tauri::command]
pub async fn monthly(state: State<'_, AppState>, filter: FilterArg) -> Result<Monthly, ErrorDto> {
    let f = filter.to_filter()?;
    state.with_ledger(|l| metrics::monthly(l, &f))
}

#[tauri::command]
pub async fn missing_costs(
    state: State<'_, AppState>,
    filter: FilterArg,
) -> Result<Vec<MissingCost>, ErrorDto> {
    let f = filter.to_filter()?;
    state.with_ledger(|l| metrics::missing_costs(l, &f))
}

/// The period's KPIs against the previous period or the same period last year
/// (`with`: "previous" | "last_year").
#[tauri::command]
pub async fn compare(
    state: State<'_, AppState>,
    filter: FilterArg,
    with: String,
) -> Result<Comparison, ErrorDto> {
    compare_on(&state, &filter, &with)
}

pub fn compare_on(
    state: &AppState,
    filter: &FilterArg,
    with: &str,
) -> Result<Comparison, ErrorDto> {
    let f = filter.to_filter()?;
    let with: CompareWith = with.parse().map_err(dto)?;
    state.with_ledger(|l| metrics::compare(l, &f, with))
}

/// One page (100 rows) of the ledger rows behind `figure` ("net_sales", "fee:shipping",
/// "channel:ztc", "sku:A-1"…) in `currency`.
#[tauri::command]
pub async fn drill(
    state: State<'_, AppState>,
    filter: FilterArg,
    currency: String,
    figure: String,
    page: i64,
) -> Result<DrillPage, ErrorDto> {
    drill_on(&state, &filter, &currency, &figure, page)
}

pub fn drill_on(
    state: &AppState,
    filter: &FilterArg,
    currency: &str,
    figure: &str,
    page: i64,
) -> Result<DrillPage, ErrorDto> {
    let f = filter.to_filter()?;
    let cur: Currency = currency
        .parse()
        .map_err(|_| super::state::invalid(format!("unknown currency {currency:?}")))?;
    let fig = Figure::parse(figure).map_err(dto)?;
    state.with_ledger(|l| metrics::drill(l, &f, cur, &fig, page))
}

/// 复购率 per currency (buyers with two or more orders in the period).
#[tauri::command]
pub async fn repurchase(
    state: State<'_, AppState>,
    filter: FilterArg,
) -> Result<Vec<Repurchase>, ErrorDto> {
    let f = filter.to_filter()?;
    state.with_ledger(|l| metrics::repurchase(l, &f))
}

/// `assist_coef` is the slider's value as a decimal string ("0.35").
#[tauri::command]
pub async fn channels(
    state: State<'_, AppState>,
    filter: FilterArg,
    assist_coef: String,
) -> Result<ChannelsReport, ErrorDto> {
    let f = filter.to_filter()?;
    let k = decimal(&assist_coef, "attribution coefficient")?;
    state.with_ledger(|l| metrics::channels(l, &f, k))
}

#[derive(Debug, Serialize)]
pub struct FixedCostDto {
    pub id: i64,
    pub store: Option<String>,
    pub currency: Currency,
    pub month: String,
    pub kind: String,
    /// Rounded to the currency's minor unit, as every amount the page shows.
    pub amount: String,
}

#[tauri::command]
pub async fn fixed_costs(state: State<'_, AppState>) -> Result<Vec<FixedCostDto>, ErrorDto> {
    let rows = state.with_ledger(|l| l.fixed_costs(None))?;
    Ok(rows
        .into_iter()
        .map(|r| FixedCostDto {
            id: r.id,
            store: r.store,
            currency: r.currency,
            month: r.month,
            kind: r.kind,
            amount: Money::new(r.amount, r.currency).to_output(),
        })
        .collect())
}

/// Set a fixed monthly cost; `store` None means all stores of `currency` (the dialog's
/// choice), else of the database's only currency.
#[tauri::command]
pub async fn add_fixed_cost(
    state: State<'_, AppState>,
    store: Option<String>,
    currency: Option<String>,
    month: String,
    kind: String,
    amount: String,
) -> Result<(), ErrorDto> {
    let amount = decimal(&amount, "amount")?;
    let month = fupan_engine::db::costs::parse_month(&month).map_err(dto)?;
    state.with_ledger(|l| {
        let stores = l.stores()?;
        let (id, currency) = match store.as_deref().filter(|s| !s.is_empty()) {
            Some(name) => {
                let s = stores
                    .iter()
                    .find(|s| s.name == name)
                    .ok_or_else(|| Error::NotFound(format!("no store named {name:?}")))?;
                (Some(s.id), s.currency)
            }
            None => match (currency.as_deref(), l.currencies()?.as_slice()) {
                (Some(c), _) => (None, c.parse().map_err(Error::InvalidArgument)?),
                (None, [one]) => (None, *one),
                (None, []) => return Err(Error::InvalidArgument("import some data first".into())),
                (None, _) => {
                    return Err(Error::InvalidArgument(
                        "several currencies: choose the store or currency of this cost".into(),
                    ))
                }
            },
        };
        l.set_fixed_cost(id, currency, month, &kind, amount)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use fupan_engine::model::Platform;

    /// A ledger with store A (CNY): one order line of 100.00 on 2026-01-10.
    pub(crate) fn app() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        state
            .with_ledger(|l| {
                let id = l.ensure_store("A", Platform::Taobao, Currency::CNY)?.id.0;
                l.conn().execute_batch(&format!(
                    "INSERT INTO imports (id, file_name, file_hash, platform, report, imported_at)
                       VALUES (1, 'o.csv', 'h', 'taobao', 'orders', '2026-02-01');
                     INSERT INTO order_lines (import_id, store_id, order_id, line_id, sku, day, qty,
                       list_amount, seller_discount, platform_discount, refund_fraction,
                       refund_amount, refund_qty, subsidy_net)
                       VALUES (1, {id}, 'O1', '1', 'S1', '2026-01-10', 10000, 1000000, 0, 0, '0', 0, 0, 0);
                     INSERT INTO agg_store_day VALUES ({id}, '2026-01-10', 1, 10000, 1000000, 0, 0);"
                ))?;
                Ok(())
            })
            .unwrap();
        (dir, state)
    }

    fn january() -> FilterArg {
        FilterArg {
            from: Some("2026-01-01".into()),
            to: Some("2026-01-31".into()),
            store: None,
        }
    }

    #[test]
    fn compare_reports_changes_against_last_year() {
        let (_dir, state) = app();
        let c = compare_on(&state, &january(), "last_year").unwrap();
        assert_eq!(
            c.base_from.map(|d| d.to_string()).as_deref(),
            Some("2025-01-01")
        );
        let v = serde_json::to_value(&c.currencies[0].deltas[0]).unwrap();
        // January 2025 is empty: +100.00 from nothing, no percentage of zero.
        assert_eq!(
            v,
            serde_json::json!({"kpi": "gross_sales", "base": "0.00", "change": "100.00",
                               "change_pct": null, "better": true})
        );
        assert_eq!(
            compare_on(&state, &january(), "tomorrow").unwrap_err().code,
            "invalid_argument"
        );
    }

    #[test]
    fn drill_pages_the_rows_behind_a_figure() {
        let (_dir, state) = app();
        let p = drill_on(&state, &january(), "CNY", "net_sales", 0).unwrap();
        assert_eq!((p.source, p.total_rows), ("order_lines", 1));
        assert_eq!(p.rows[0][6].as_deref(), Some("100.00"));
        assert_eq!(
            drill_on(&state, &january(), "CNY", "vibes", 0)
                .unwrap_err()
                .code,
            "invalid_argument"
        );
        assert_eq!(
            drill_on(&state, &january(), "EUR?", "net_sales", 0)
                .unwrap_err()
                .code,
            "invalid_argument"
        );
    }
}
