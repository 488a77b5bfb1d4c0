//! Store commands: the store matrix (账号矩阵, `metrics::store_matrix`), rename a store,
//! merge two names of one account (thin over `db::stores`).

use fupan_engine::db::StoreInfo;
use fupan_engine::metrics::{self, StoreMatrix};
use fupan_engine::model::StoreId;
use fupan_engine::ErrorDto;
use tauri::State;

use super::state::{AppState, FilterArg};

pub fn matrix(state: &AppState, filter: &FilterArg) -> Result<StoreMatrix, ErrorDto> {
    let f = filter.to_filter()?;
    state.with_ledger(|l| metrics::store_matrix(l, &f))
}

pub fn rename(state: &AppState, id: i64, name: &str) -> Result<StoreInfo, ErrorDto> {
    state.with_ledger(|l| l.rename_store(StoreId(id), name))
}

pub fn merge(state: &AppState, from: i64, into: i64) -> Result<Vec<StoreInfo>, ErrorDto> {
    state.with_ledger(|l| {
        l.merge_stores(StoreId(from), StoreId(into))?;
        l.stores()
    })
}

/// Every store of the filter side by side, with per-currency totals.
#[tauri::command]
pub async fn store_matrix(
    state: State<'_, AppState>,
    filter: FilterArg,
) -> Result<StoreMatrix, ErrorDto> {
    matrix(&state, &filter)
}

#[tauri::command]
pub async fn rename_store(
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> Result<StoreInfo, ErrorDto> {
    rename(&state, id, &name)
}

/// Fold store `from` into `into`; returns the stores left.
#[tauri::command]
pub async fn merge_stores(
    state: State<'_, AppState>,
    from: i64,
    into: i64,
) -> Result<Vec<StoreInfo>, ErrorDto> {
    merge(&state, from, into)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fupan_engine::model::{Currency, Platform};

    #[test]
    fn rename_then_merge_two_names_of_one_account() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("fupan.db"), Vec::new());
        let (a, b, c) = state
            .with_ledger(|l| {
                Ok((
                    l.ensure_store("Shop", Platform::ShopeeVn, Currency::VND)?
                        .id
                        .0,
                    l.ensure_store("shop-2", Platform::ShopeeVn, Currency::VND)?
                        .id
                        .0,
                    l.ensure_store("Shop", Platform::Lazada, Currency::VND)?
                        .id
                        .0,
                ))
            })
            .unwrap();
        assert_eq!(rename(&state, b, "Shop 2").unwrap().name, "Shop 2");
        assert_eq!(
            rename(&state, b, "Shop").unwrap_err().code,
            "invalid_argument"
        );
        // Another platform is another account.
        assert_eq!(merge(&state, c, a).unwrap_err().code, "invalid_argument");
        let left = merge(&state, b, a).unwrap();
        let names: Vec<(String, Platform)> =
            left.into_iter().map(|s| (s.name, s.platform)).collect();
        assert_eq!(
            names,
            [
                ("Shop".to_string(), Platform::ShopeeVn),
                ("Shop".to_string(), Platform::Lazada)
            ]
        );
        assert_eq!(merge(&state, b, a).unwrap_err().code, "not_found");
        // The matrix lists the stores left, one currency, no sales yet.
        let m = matrix(&state, &FilterArg::default()).unwrap();
        assert_eq!(m.currencies.len(), 1);
        assert_eq!(m.currencies[0].stores.len(), 2);
        assert_eq!(m.currencies[0].total.net_sales.value(), 0.into());
    }
}
