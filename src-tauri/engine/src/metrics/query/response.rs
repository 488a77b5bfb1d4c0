//! The spend-response curve of one store's channel (metrics.md §4): observed daily
//! (spend, platform_sales), the power-law fit, today's spend and the profit-maximising s*.

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use serde::Serialize;

use super::totals::{totals, COUNTED_AD_DAY};
use super::{day_params, day_range, parse_day, resolve, Filter};
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::saturation::{fit_power_law, NoCeiling, Saturation};
use crate::metrics::store::{BreakEven, StoreFigures};
use crate::metrics::Amount;
use crate::model::{Currency, Rate, Scaled};

/// Points of the fitted curve returned for drawing.
const CURVE_POINTS: u32 = 24;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayPoint {
    pub day: NaiveDate,
    pub spend: Decimal,
    pub sales: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpendResponse {
    pub currency: Currency,
    pub store: String,
    pub channel: String,
    /// Days of the period with ad rows, by date (spend and sales summed over campaigns).
    pub observed: Vec<DayPoint>,
    pub fit: Saturation,
    /// The fitted sales at evenly spaced spends, from the smallest to beyond the largest.
    pub curve: Vec<(Decimal, Decimal)>,
    /// The latest day's spend (the last day with spend in the period).
    pub current_spend: Option<Decimal>,
    pub current_marginal_roas: Option<Rate>,
    /// The break-even ROAS the channel is judged against: that of the filter's stores of
    /// this currency over the period (all of them summed without `--store`), the same one
    /// `channels` uses for its verdicts, so a ceiling and a verdict never disagree.
    pub break_even_roas: Option<Rate>,
    /// The profit-maximising daily spend s*, only where the fit supports it
    /// (`PowerFit::ceiling`); else `None` and `why` says why.
    pub optimal_spend: Option<Decimal>,
    pub why: Option<NoCeiling>,
    /// The largest daily spend seen (the range the advice may speak about).
    pub max_spend: Option<Decimal>,
}

/// `channels --json` per channel `response` (cli.md Additions): the §4 fit in brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseSummary {
    pub points: usize,
    /// The fit's a and b (4 decimals); null without a fit.
    pub a: Option<String>,
    pub b: Option<String>,
    /// Marginal roas at today's spend.
    pub marginal_roas: Option<Rate>,
    pub spend_now: Option<Amount>,
    pub spend_ceiling: Option<Amount>,
    pub max_spend: Option<Amount>,
    pub why: Option<NoCeiling>,
}

impl SpendResponse {
    pub fn summary(&self) -> ResponseSummary {
        let am = |v: Decimal| Amount::new(v, self.currency);
        let (points, a, b) = match self.fit {
            Saturation::NotEnoughData { points } => (points, None, None),
            Saturation::Fit(f) => {
                let (a, b) = f.coefficients();
                (f.points, a, b)
            }
        };
        ResponseSummary {
            points,
            a,
            b,
            marginal_roas: self.current_marginal_roas,
            spend_now: self.current_spend.map(am),
            spend_ceiling: self.optimal_spend.map(am),
            max_spend: self.max_spend.map(am),
            why: self.why,
        }
    }
}

/// The daily (spend, platform_sales) of `channel` over the stores `ids_sql` (a SQL id list),
/// summed over campaigns, at the longest attribution window.
pub(super) fn daily_points(
    ledger: &Ledger,
    ids_sql: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    channel: &str,
) -> Result<Vec<DayPoint>> {
    let [from, to] = day_params(from, to);
    let mut stmt = ledger.conn().prepare_cached(&format!(
        "SELECT a.day, SUM(a.spend), SUM(a.platform_sales) FROM ad_days a
         WHERE a.store_id IN ({ids_sql}) AND a.channel = ?3
           AND {} AND {COUNTED_AD_DAY}
         GROUP BY a.day ORDER BY a.day",
        day_range("a.day")
    ))?;
    let rows = stmt.query_map(params![from, to, channel], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    let mut observed = Vec::new();
    for row in rows {
        let (day, spend, sales) = row?;
        observed.push(DayPoint {
            day: parse_day(&day)?,
            spend: Scaled::from_sql_sum(spend),
            sales: Scaled::from_sql_sum(sales),
        });
    }
    Ok(observed)
}

/// The fit over `observed` against the break-even `be`: the response without its names.
pub(super) fn respond(
    currency: Currency,
    store: &str,
    channel: &str,
    observed: Vec<DayPoint>,
    be: BreakEven,
) -> SpendResponse {
    let pairs: Vec<(Decimal, Decimal)> = observed.iter().map(|p| (p.spend, p.sales)).collect();
    let fit = fit_power_law(&pairs);
    let current_spend = observed
        .iter()
        .rev()
        .find(|p| p.spend > Decimal::ZERO)
        .map(|p| p.spend);
    let max_spend = pairs.iter().map(|p| p.0).max();
    let (mut curve, mut current_marginal_roas, mut optimal_spend) = (Vec::new(), None, None);
    let mut why = Some(NoCeiling::TooFewPoints);
    if let Saturation::Fit(fit) = fit {
        match fit.ceiling(be.contribution_ratio(), max_spend.unwrap_or(Decimal::ZERO)) {
            Ok(s) => (optimal_spend, why) = (Some(s), None),
            Err(no) => why = Some(no),
        }
        current_marginal_roas = current_spend.and_then(|s| fit.marginal_roas_at(s));
        let top = pairs
            .iter()
            .map(|p| p.0)
            .chain(optimal_spend)
            .fold(Decimal::ZERO, Decimal::max)
            * Decimal::new(12, 1);
        let step = top / Decimal::from(CURVE_POINTS);
        curve = (1..=CURVE_POINTS)
            .filter_map(|i| {
                let s = step * Decimal::from(i);
                fit.sales_at(s).map(|v| (s.round_dp(4), v.round_dp(4)))
            })
            .collect();
    }
    SpendResponse {
        currency,
        store: store.trim().to_string(),
        channel: channel.to_string(),
        observed,
        fit,
        curve,
        current_spend,
        current_marginal_roas,
        break_even_roas: be.roas(),
        optimal_spend,
        why,
        max_spend,
    }
}

/// The response curve of `channel` in store `store` (by name) over the filter's period.
///
/// The daily points are the store's own; the break-even (hence s*) is the one of the view
/// `f` describes — the filter's stores of the store's currency — as for `channels` verdicts
/// (metrics.md §3, §8): with `f.store` unset, every store of the currency summed.
pub fn spend_response(
    ledger: &Ledger,
    f: &Filter,
    store: &str,
    channel: &str,
) -> Result<SpendResponse> {
    let scoped = Filter {
        store: Some(store.to_string()),
        ..f.clone()
    };
    let cs = resolve(ledger, &scoped)?
        .currencies
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound(format!("no store named {store:?}")))?;
    let scope = resolve(ledger, f)?;
    let view = scope
        .currencies
        .iter()
        .find(|c| c.currency == cs.currency)
        .ok_or_else(|| Error::NotFound(format!("store {store:?} is outside the filter")))?;
    let be =
        StoreFigures::compute(&totals(ledger, view, scope.from, scope.to)?.inputs).break_even();
    let observed = daily_points(ledger, &cs.ids_sql(), scope.from, scope.to, channel)?;
    Ok(respond(cs.currency, store, channel, observed, be))
}
