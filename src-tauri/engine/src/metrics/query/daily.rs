//! Day-by-day figures for the trend of a short period (two months or less, #16.8): each day
//! is computed exactly like a summary over that day. Longer periods keep the monthly trend.

use chrono::NaiveDate;

use super::monthly::{CurrencyMonths, MonthFigures, Monthly};
use super::totals::totals;
use super::{resolve, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::store::StoreFigures;

/// The longest period drawn day by day (two months of 31 days).
pub const DAILY_MAX_DAYS: i64 = 62;

/// The period's days (`month` holds the day, "YYYY-MM-DD"), or `None` when the period is
/// longer than [`DAILY_MAX_DAYS`] or has no dates (an empty ledger).
pub fn daily(ledger: &Ledger, f: &Filter) -> Result<Option<Monthly>> {
    let scope = resolve(ledger, f)?;
    let (Some(from), Some(to)) = (scope.from, scope.to) else {
        return Ok(None);
    };
    if (to - from).num_days() + 1 > DAILY_MAX_DAYS {
        return Ok(None);
    }
    let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        let mut out = Vec::with_capacity(days.len());
        for day in &days {
            let fig = StoreFigures::compute(&totals(ledger, cs, Some(*day), Some(*day))?.inputs);
            out.push(MonthFigures::of(
                day.format("%Y-%m-%d").to_string(),
                &fig,
                cs.currency,
            ));
        }
        currencies.push(CurrencyMonths {
            currency: cs.currency,
            months: out,
        });
    }
    Ok(Some(Monthly {
        from: scope.from,
        to: scope.to,
        currencies,
    }))
}
