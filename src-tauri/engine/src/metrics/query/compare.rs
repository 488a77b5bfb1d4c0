//! Period comparison for the dashboard: the KPIs of a period against the previous period or
//! the same period last year, as exact changes (metrics.md §2 figures on both sides).
//!
//! The base period: "previous" is the same number of whole calendar months just before when
//! the period is whole months (Q2 → Q1, March → February), otherwise the same number of days
//! just before; "last year" is the same dates a year earlier (a month end stays a month end).
//! Both sides cover the same stores.

use chrono::{Datelike, Duration, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};

use super::totals::totals;
use super::{resolve, Filter};
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::store::StoreFigures;
use crate::metrics::Amount;
use crate::model::{Currency, Rate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareWith {
    Previous,
    LastYear,
}

impl std::str::FromStr for CompareWith {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "previous" => Ok(CompareWith::Previous),
            "last_year" => Ok(CompareWith::LastYear),
            other => Err(Error::InvalidArgument(format!(
                "compare with {other:?}: expected previous or last_year"
            ))),
        }
    }
}

/// The KPIs compared, in card order, and whether a rise is good news.
pub const COMPARED: [(&str, bool); 7] = [
    ("gross_sales", true),
    ("net_sales", true),
    ("net_profit", true),
    ("net_margin", true),
    ("store_roas", true),
    ("profit_roi", true),
    // A lower break-even ROAS means each unit of ad-driven sales keeps more.
    ("break_even_roas", false),
];

/// A change that serialises like the figure it changes: money to the currency's minor unit,
/// ratios with 4 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Money(Amount),
    Ratio(Rate),
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Value::Money(a) => a.serialize(s),
            Value::Ratio(r) => r.serialize(s),
        }
    }
}

/// One KPI against its base: `change` = current − base (for ratios: the difference of the
/// ratios); `change_pct` = change / |base| for money (null on a zero base, and for ratios);
/// `better` says whether the change is good news (null when there is no change or no base).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delta {
    pub kpi: &'static str,
    pub base: Option<Value>,
    pub change: Option<Value>,
    pub change_pct: Option<Rate>,
    pub better: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyComparison {
    pub currency: Currency,
    pub deltas: Vec<Delta>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub with: CompareWith,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub base_from: Option<NaiveDate>,
    pub base_to: Option<NaiveDate>,
    pub currencies: Vec<CurrencyComparison>,
}

fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.month() != d.month())
}

fn month_end(d: NaiveDate) -> NaiveDate {
    d.with_day(1)
        .and_then(|f| f.checked_add_months(Months::new(1)))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

/// The base period of `[from, to]`.
pub fn base_period(
    from: NaiveDate,
    to: NaiveDate,
    with: CompareWith,
) -> Option<(NaiveDate, NaiveDate)> {
    match with {
        CompareWith::LastYear => {
            let a = from.checked_sub_months(Months::new(12))?;
            let b = to.checked_sub_months(Months::new(12))?;
            Some((a, if is_month_end(to) { month_end(b) } else { b }))
        }
        CompareWith::Previous if from.day() == 1 && is_month_end(to) => {
            let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
            let n = Months::new(u32::try_from(months + 1).ok()?);
            let a = from.checked_sub_months(n)?;
            Some((a, from.pred_opt()?))
        }
        CompareWith::Previous => {
            let days = (to - from).num_days() + 1;
            Some((from - Duration::days(days), from.pred_opt()?))
        }
    }
}

fn money_delta(
    kpi: &'static str,
    up_good: bool,
    cur: Decimal,
    base: Decimal,
    c: Currency,
) -> Delta {
    let change = cur - base;
    Delta {
        kpi,
        base: Some(Value::Money(Amount::new(base, c))),
        change: Some(Value::Money(Amount::new(change, c))),
        change_pct: Rate::ratio(change, base.abs()),
        better: verdict(change, up_good),
    }
}

fn ratio_delta(kpi: &'static str, up_good: bool, cur: Option<Rate>, base: Option<Rate>) -> Delta {
    let change = match (cur, base) {
        (Some(a), Some(b)) => Some(a.value() - b.value()),
        _ => None,
    };
    Delta {
        kpi,
        base: base.map(Value::Ratio),
        change: change.map(|c| Value::Ratio(Rate(c))),
        change_pct: None,
        better: change.and_then(|c| verdict(c, up_good)),
    }
}

fn verdict(change: Decimal, up_good: bool) -> Option<bool> {
    if change.is_zero() {
        None
    } else {
        Some((change > Decimal::ZERO) == up_good)
    }
}

fn deltas(cur: &StoreFigures, base: &StoreFigures, c: Currency) -> Vec<Delta> {
    COMPARED
        .iter()
        .map(|&(kpi, up)| match kpi {
            "gross_sales" => money_delta(kpi, up, cur.gross_sales, base.gross_sales, c),
            "net_sales" => money_delta(kpi, up, cur.net_sales, base.net_sales, c),
            "net_profit" => money_delta(kpi, up, cur.net_profit, base.net_profit, c),
            "net_margin" => ratio_delta(kpi, up, cur.net_margin, base.net_margin),
            "store_roas" => ratio_delta(kpi, up, cur.store_roas, base.store_roas),
            "profit_roi" => ratio_delta(kpi, up, cur.profit_roi, base.profit_roi),
            _ => ratio_delta(kpi, up, cur.break_even_roas, base.break_even_roas),
        })
        .collect()
}

/// The filter's period (open ends resolved to the data's bounds) against its base period.
pub fn compare(ledger: &Ledger, f: &Filter, with: CompareWith) -> Result<Comparison> {
    let scope = resolve(ledger, f)?;
    let base = match (scope.from, scope.to) {
        (Some(a), Some(b)) => base_period(a, b, with),
        _ => None,
    };
    let mut currencies = Vec::new();
    if let (Some((bf, bt)), Some(from), Some(to)) = (base, scope.from, scope.to) {
        for cs in &scope.currencies {
            let cur = StoreFigures::compute(&totals(ledger, cs, Some(from), Some(to))?.inputs);
            let old = StoreFigures::compute(&totals(ledger, cs, Some(bf), Some(bt))?.inputs);
            currencies.push(CurrencyComparison {
                currency: cs.currency,
                deltas: deltas(&cur, &old, cs.currency),
            });
        }
    }
    Ok(Comparison {
        with,
        from: scope.from,
        to: scope.to,
        base_from: base.map(|b| b.0),
        base_to: base.map(|b| b.1),
        currencies,
    })
}
