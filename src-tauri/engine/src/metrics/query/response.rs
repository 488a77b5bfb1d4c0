//! The spend-response curve of one store's channel (metrics.md §4): observed daily
//! (spend, platform_sales), the power-law fit, today's spend and the profit-maximising s*.

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use serde::Serialize;

use super::totals::{totals, LONGEST_WINDOW};
use super::{day_params, day_range, parse_day, resolve, Filter};
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::saturation::{fit_power_law, Saturation};
use crate::metrics::store::StoreFigures;
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
    pub optimal_spend: Option<Decimal>,
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
    let [from, to] = day_params(scope.from, scope.to);
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT a.day, SUM(a.spend), SUM(a.platform_sales) FROM ad_days a
         WHERE a.store_id IN ({}) AND a.channel = ?3
           AND {} AND {LONGEST_WINDOW}
         GROUP BY a.day ORDER BY a.day",
        cs.ids_sql(),
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
    let pairs: Vec<(Decimal, Decimal)> = observed.iter().map(|p| (p.spend, p.sales)).collect();
    let fit = fit_power_law(&pairs);
    let current_spend = observed
        .iter()
        .rev()
        .find(|p| p.spend > Decimal::ZERO)
        .map(|p| p.spend);
    let (mut curve, mut current_marginal_roas, mut optimal_spend) = (Vec::new(), None, None);
    if let Saturation::Fit(fit) = fit {
        optimal_spend = be.contribution_ratio().and_then(|c| fit.optimal_spend(c));
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
    Ok(SpendResponse {
        currency: cs.currency,
        store: store.trim().to_string(),
        channel: channel.to_string(),
        observed,
        fit,
        curve,
        current_spend,
        current_marginal_roas,
        break_even_roas: be.roas(),
        optimal_spend,
    })
}
