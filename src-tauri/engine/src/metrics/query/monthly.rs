//! Month-by-month figures for trends and charts: each month of the period (clipped to it) is
//! computed exactly like a summary over that month.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::totals::{totals, Totals};
use super::{resolve, CurrencySummary, Filter, Summary};
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

impl MonthFigures {
    /// The trend's figures of one span (a month, or a day of a daily series) named `label`.
    pub(crate) fn of(label: String, fig: &StoreFigures, currency: Currency) -> MonthFigures {
        let am = |v| Amount::new(v, currency);
        MonthFigures {
            month: label,
            gross_sales: am(fig.gross_sales),
            net_sales: am(fig.net_sales),
            net_profit: am(fig.net_profit),
            ad_spend: am(fig.ad_spend),
            store_roas: fig.store_roas,
        }
    }
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
    Ok(summary_and_monthly(ledger, f)?.1)
}

/// The period's summary and its months from one read of the ledger: every total is a sum over
/// days (fixed costs prorated month by month), so the summary's totals are the sum of the
/// months' — the dashboard needs both and would otherwise read the period twice.
pub fn summary_and_monthly(ledger: &Ledger, f: &Filter) -> Result<(Summary, Monthly)> {
    let scope = resolve(ledger, f)?;
    let spans = match (scope.from, scope.to) {
        (Some(a), Some(b)) => month_spans(a, b),
        _ => Vec::new(),
    };
    let mut summaries = Vec::new();
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        let mut months = Vec::new();
        // No months (a ledger without data): the summary's totals of the open period.
        let mut sum = if spans.is_empty() {
            totals(ledger, cs, scope.from, scope.to)?
        } else {
            Totals::default()
        };
        for (a, b) in &spans {
            let t = totals(ledger, cs, Some(*a), Some(*b))?;
            let fig = StoreFigures::compute(&t.inputs);
            months.push(MonthFigures::of(
                a.format("%Y-%m").to_string(),
                &fig,
                cs.currency,
            ));
            sum.add(t);
        }
        let names = cs.stores.iter().map(|s| s.name.clone()).collect();
        summaries.push(
            CurrencySummary::new(cs.currency, names, sum)
                .with_money(ledger, cs, scope.from, scope.to)?,
        );
        currencies.push(CurrencyMonths {
            currency: cs.currency,
            months,
        });
    }
    let summary = Summary {
        from: scope.from,
        to: scope.to,
        currencies: summaries,
    };
    let monthly = Monthly {
        from: scope.from,
        to: scope.to,
        currencies,
    };
    Ok((summary, monthly))
}
