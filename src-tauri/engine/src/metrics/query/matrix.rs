//! 账号矩阵 (metrics.md §8): every store side by side with its own figures, and each
//! currency's total — stores are summed only within their currency, never across.
//!
//! A store's row counts only its own fixed costs (as `summary --store`); the currency total
//! is exactly `summary` of that currency's stores, so it also carries the fixed costs
//! entered for the whole currency. Sales, ad spend, orders and visitors of the total are
//! the sums of its rows; its net profit is their sum less those shared fixed costs.

use chrono::NaiveDate;
use serde::Serialize;

use super::summary::{currency_summary, CurrencySummary};
use super::{resolve, CurrencyScope, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::{Amount, Taxes};
use crate::model::{Currency, Platform, Rate, StoreId};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreMatrix {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currencies: Vec<CurrencyMatrix>,
}

/// One currency: its stores (largest net sales first) and their total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyMatrix {
    pub currency: Currency,
    pub stores: Vec<MatrixRow>,
    pub total: MatrixFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    pub id: StoreId,
    pub store: String,
    pub platform: Platform,
    pub currency: Currency,
    #[serde(flatten)]
    pub figures: MatrixFigures,
    /// The store's part of its currency's net sales; `null` when that total is zero.
    pub net_sales_share: Option<Rate>,
}

/// The matrix columns: a subset of `summary`'s keys with the same meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixFigures {
    pub orders: i64,
    pub gross_sales: Amount,
    pub net_sales: Amount,
    pub ad_spend: Amount,
    pub fixed_costs: Amount,
    pub net_profit: Amount,
    pub taxes: Taxes,
    pub profit_after_tax: Amount,
    pub net_margin: Option<Rate>,
    pub store_roas: Option<Rate>,
    pub profit_roi: Option<Rate>,
    pub break_even_roas: Option<Rate>,
    pub visitors: Option<i64>,
    pub uv_value: Option<Amount>,
    pub store_cvr: Option<Rate>,
}

impl From<&CurrencySummary> for MatrixFigures {
    fn from(s: &CurrencySummary) -> MatrixFigures {
        MatrixFigures {
            orders: s.orders,
            gross_sales: s.gross_sales,
            net_sales: s.net_sales,
            ad_spend: s.ad_spend,
            fixed_costs: s.fixed_costs,
            net_profit: s.net_profit,
            taxes: s.taxes,
            profit_after_tax: s.profit_after_tax,
            net_margin: s.net_margin,
            store_roas: s.store_roas,
            profit_roi: s.profit_roi,
            break_even_roas: s.break_even_roas,
            visitors: s.visitors,
            uv_value: s.uv_value,
            store_cvr: s.store_cvr,
        }
    }
}

/// The stores of the filter (all without `store`) over its period, per currency.
pub fn store_matrix(ledger: &Ledger, f: &Filter) -> Result<StoreMatrix> {
    let scope = resolve(ledger, f)?;
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        let total = currency_summary(ledger, cs, scope.from, scope.to)?;
        let mut stores = Vec::new();
        for s in &cs.stores {
            let one = CurrencyScope {
                currency: cs.currency,
                stores: vec![s.clone()],
                only_store: true,
            };
            let own = currency_summary(ledger, &one, scope.from, scope.to)?;
            stores.push(MatrixRow {
                id: s.id,
                store: s.name.clone(),
                platform: s.platform,
                currency: s.currency,
                net_sales_share: Rate::ratio(own.net_sales.value(), total.net_sales.value()),
                figures: MatrixFigures::from(&own),
            });
        }
        stores.sort_by(|a, b| {
            let net = |r: &MatrixRow| r.figures.net_sales.value();
            net(b).cmp(&net(a)).then_with(|| a.store.cmp(&b.store))
        });
        currencies.push(CurrencyMatrix {
            currency: cs.currency,
            stores,
            total: MatrixFigures::from(&total),
        });
    }
    Ok(StoreMatrix {
        from: scope.from,
        to: scope.to,
        currencies,
    })
}
