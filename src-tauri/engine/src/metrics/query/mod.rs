//! Figures from the ledger's daily pre-aggregates (`agg_*`), ad days and costs, per currency.
//!
//! Decisions (documented for the UI and the CLI):
//! - Without `--store` every store is reported, one object per currency; `--store NAME`
//!   keeps the stores of that name (unknown → `Error::NotFound`).
//! - Fixed costs: entered for all stores of a currency (store NULL) they count only in the
//!   all-stores view; with `--store` only the costs entered for that store count.
//! - A missing `from`/`to` is the first/last day with data of the selected stores.
//! - Ad days reported for several attribution windows count once: the longest window's row
//!   of each (store, channel, campaign, day) carries spend and sales.

mod ad_sums;
mod cash;
mod channels;
mod compare;
mod daily;
mod drill;
mod matrix;
mod monthly;
mod products;
mod repurchase;
mod response;
mod settlement;
mod subsidy;
mod summary;
mod tax_year;
mod taxes;
mod totals;
mod traffic;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use crate::db::{Ledger, StoreInfo};
use crate::error::{Error, Result};
use crate::model::{Currency, StoreId};

pub use cash::{
    cash, unsettled_orders, CashMonth, CashReport, CurrencyCash, FeeDrift, StoreCash, Unsettled,
    UnsettledOrder,
};
pub use channels::{
    channels, CampaignRow, ChannelRow, ChannelsReport, CurrencyChannels, WindowFigures,
};
pub use compare::{base_period, compare, CompareWith, Comparison, CurrencyComparison, Delta};
pub use daily::{daily, DAILY_MAX_DAYS};
pub use drill::{drill, Column, ColumnKind, DrillPage, Figure, PAGE_SIZE};
pub use matrix::{store_matrix, CurrencyMatrix, MatrixFigures, MatrixRow, StoreMatrix};
#[cfg(feature = "report")]
pub(crate) use monthly::month_spans;
pub use monthly::{monthly, summary_and_monthly, CurrencyMonths, MonthFigures, Monthly};
pub use products::{products, CurrencyProducts, ProductRow};
pub use repurchase::{repurchase, Repurchase};
pub use response::{spend_response, DayPoint, ResponseSummary, SpendResponse};
pub use subsidy::{subsidy, Baseline, BaselineKind, CurrencySubsidy, SubsidyReport};
pub use summary::{missing_costs, summary, CurrencySummary, MissingCost, Summary};
pub use tax_year::{tax_view, CurrencyTaxView, StoreTaxView, TaxView, WithheldMonth};
pub use taxes::TaxEstimate;

/// What to report on: an inclusive period (either end open) and optionally one store name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub store: Option<String>,
}

/// The stores of one currency that a query covers.
#[derive(Debug, Clone)]
pub(crate) struct CurrencyScope {
    pub currency: Currency,
    pub stores: Vec<StoreInfo>,
    /// Set with `--store`: fixed costs of this store only (none of the currency-wide ones).
    pub only_store: bool,
}

impl CurrencyScope {
    /// The store ids as an SQL list (integers we own, so formatting them in is safe).
    pub fn ids_sql(&self) -> String {
        let ids: Vec<String> = self.stores.iter().map(|s| s.id.0.to_string()).collect();
        ids.join(",")
    }

    pub fn store_name(&self, id: StoreId) -> String {
        self.stores
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }
}

/// A resolved query: currencies with their stores and the effective period.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub currencies: Vec<CurrencyScope>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub(crate) fn resolve(ledger: &Ledger, f: &Filter) -> Result<Scope> {
    if let (Some(a), Some(b)) = (f.from, f.to) {
        if a > b {
            return Err(Error::InvalidArgument(format!(
                "--from {a} is after --to {b}"
            )));
        }
    }
    let all = ledger.stores()?;
    let stores: Vec<StoreInfo> = match &f.store {
        None => all,
        Some(name) => {
            let wanted = name.trim();
            let found: Vec<StoreInfo> = all.iter().filter(|s| s.name == wanted).cloned().collect();
            if found.is_empty() {
                let known: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
                return Err(Error::NotFound(format!(
                    "no store named {wanted:?} (known: {})",
                    if known.is_empty() {
                        "none yet".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
            found
        }
    };
    let mut currencies: Vec<CurrencyScope> = Vec::new();
    for s in stores {
        match currencies.iter_mut().find(|c| c.currency == s.currency) {
            Some(c) => c.stores.push(s),
            None => currencies.push(CurrencyScope {
                currency: s.currency,
                stores: vec![s],
                only_store: f.store.is_some(),
            }),
        }
    }
    currencies.sort_by_key(|c| c.currency);
    let (mut from, mut to) = (f.from, f.to);
    if from.is_none() || to.is_none() {
        let ids: Vec<String> = currencies.iter().map(CurrencyScope::ids_sql).collect();
        if let Some((lo, hi)) = data_bounds(ledger, &ids.join(","))? {
            from = from.or(Some(lo));
            to = to.or(Some(hi));
        }
    }
    Ok(Scope {
        currencies,
        from,
        to,
    })
}

/// First and last day with any figure (sales, fees, ads) of the given stores.
fn data_bounds(ledger: &Ledger, ids: &str) -> Result<Option<(NaiveDate, NaiveDate)>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT MIN(day), MAX(day) FROM (
            SELECT day FROM agg_store_day WHERE store_id IN ({ids})
            UNION ALL SELECT day FROM agg_fee_day WHERE store_id IN ({ids})
            UNION ALL SELECT day FROM ad_days WHERE is_current = 1 AND store_id IN ({ids}))"
    );
    let row: Option<(Option<String>, Option<String>)> = ledger
        .conn()
        .query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        Some((Some(lo), Some(hi))) => Ok(Some((parse_day(&lo)?, parse_day(&hi)?))),
        _ => Ok(None),
    }
}

pub(crate) use crate::model::parse_day;

/// `col` inside the period bound as ?1 (from) and ?2 (to), `NULL` leaving that end open.
/// Written as a range on `col` (not `?1 IS NULL OR …`) so SQLite seeks the (store_id, day)
/// keys of the aggregates instead of filtering every day of the store.
pub(crate) fn day_range(col: &str) -> String {
    format!("{col} >= COALESCE(?1, '') AND {col} <= COALESCE(?2, '9999-12-31')")
}

/// `day` bounds as SQL parameters: `NULL` leaves that end open.
pub(crate) fn day_params(from: Option<NaiveDate>, to: Option<NaiveDate>) -> [Option<String>; 2] {
    [from.map(|d| d.to_string()), to.map(|d| d.to_string())]
}

#[cfg(test)]
mod tests;
