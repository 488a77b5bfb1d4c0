//! Month-by-month figures for trends and charts: each month of the period (clipped to it) is
//! computed exactly like a summary over that month.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::totals::totals;
use super::{resolve, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::store::StoreFigures;
use crate::metrics::Amount;
use crate::model::{Currency, Rate};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Monthly {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currencies: Vec<CurrencyMonths>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyMonths {
    pub currency: Currency,
    pub months: Vec<MonthFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthFigures {
    /// "YYYY-MM".
    pub month: String,
    pub gross_sales: Amount,
    pub net_sales: Amount,
    pub net_profit: Amount,
    pub ad_spend: Amount,
    pub store_roas: Option<Rate>,
}

/// The months of [from, to], each clipped to the period.
pub(crate) fn month_spans(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut first = from.with_day(1).unwrap_or(from);
    while first <= to {
        let Some(next) = first.checked_add_months(Months::new(1)) else {
            break;
        };
        let last = next.pred_opt().unwrap_or(first);
        out.push((first.max(from), last.min(to)));
        first = next;
    }
    out
}

pub fn monthly(ledger: &Ledger, f: &Filter) -> Result<Monthly> {
    let scope = resolve(ledger, f)?;
    let spans = match (scope.from, scope.to) {
        (Some(a), Some(b)) => month_spans(a, b),
        _ => Vec::new(),
    };
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        let mut months = Vec::new();
        for (a, b) in &spans {
            let fig = StoreFigures::compute(&totals(ledger, cs, Some(*a), Some(*b))?.inputs);
            let am = |v| Amount::new(v, cs.currency);
            months.push(MonthFigures {
                month: a.format("%Y-%m").to_string(),
                gross_sales: am(fig.gross_sales),
                net_sales: am(fig.net_sales),
                net_profit: am(fig.net_profit),
                ad_spend: am(fig.ad_spend),
                store_roas: fig.store_roas,
            });
        }
        currencies.push(CurrencyMonths {
            currency: cs.currency,
            months,
        });
    }
    Ok(Monthly {
        from: scope.from,
        to: scope.to,
        currencies,
    })
}
