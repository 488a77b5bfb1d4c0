//! `subsidy --json`: did a subsidy pay (metrics.md §6), per currency, over the ledger.
//!
//! The subsidy period is the filter's; its cost is `fees[subsidy]` exactly as the summary
//! computes it (seller discounts on lines net of refunds + subsidy fee rows) and its sales are
//! net sales. The baseline is either the same stores' net sales over a "before" period
//! (as many days just before, the dashboard's previous period, or explicit dates; a period
//! of another length is scaled to the subsidy period's), or
//! a hold-out figure the merchant enters (one currency only). A before period without any
//! order of the stores gives no baseline (null): missing data is not "zero natural sales" —
//! a merchant who means zero enters `--baseline-sales 0`.
//!
//! With SKUs the figures come from the SKU aggregates: the subsidy is the seller discounts on
//! those SKUs' lines (order-level vouchers are not tied to a SKU; they are reported apart as
//! `order_level_subsidy`), and m is the SKUs' own (net − COGS) / net less the store's other
//! hidden costs as a share of its net sales.

use chrono::{Duration, NaiveDate};
use rusqlite::params;
use rust_decimal::Decimal;
use serde::Serialize;

use super::compare::{base_period, CompareWith};
use super::totals::{sku_totals, totals, MissingCost, Totals};
use super::{day_params, day_range, resolve, CurrencyScope, Filter};
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::season::{baseline_problem, peaks_in, NoVerdict};
use crate::metrics::store::StoreFigures;
use crate::metrics::subsidy::{
    margin_before_subsidy, pro_rata, scale_baseline, SubsidyFigures, SubsidyInputs, SubsidyVerdict,
};
use crate::metrics::Amount;
use crate::model::{Currency, FeeKind, Rate, Scaled};

/// Where natural sales come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// The same stores over another period; `None` = as many days just before the subsidy.
    Period(Option<(NaiveDate, NaiveDate)>),
    /// The dashboard's previous period (`base_period`: the month before a month, else as
    /// many days just before), scaled to the subsidy period's length.
    PreviousPeriod,
    /// A hold-out group's sales, already scaled to the subsidised group's size.
    HoldOut(Decimal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineKind {
    Period,
    HoldOut,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubsidyReport {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub baseline: BaselineKind,
    /// The baseline period (null for a hold-out figure).
    pub baseline_from: Option<NaiveDate>,
    pub baseline_to: Option<NaiveDate>,
    /// The SKUs the subsidy ran on (empty: the whole store).
    pub skus: Vec<String>,
    pub currencies: Vec<CurrencySubsidy>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencySubsidy {
    pub currency: Currency,
    pub stores: Vec<String>,
    pub subsidy_cost: Amount,
    pub sales_with_subsidy: Amount,
    /// The baseline period's own net sales, before scaling (null for a hold-out figure or a
    /// baseline period without data).
    pub baseline_period_sales: Option<Amount>,
    pub baseline_sales: Option<Amount>,
    pub incremental_sales: Option<Amount>,
    /// m: contribution margin on net sales before the subsidy.
    pub margin_before_subsidy: Option<Rate>,
    pub naive_roas: Option<Rate>,
    pub incremental_roi: Option<Rate>,
    pub verdict: Option<SubsidyVerdict>,
    /// Why `verdict` is null although the figures exist: the baseline period is not natural
    /// sales (a festival, another season, its own subsidies); enter a hold-out figure.
    pub no_verdict: Option<NoVerdict>,
    /// The sales festivals in the subsidy period (`618`, `double11`, `double12`, `tet`).
    pub peaks: Vec<&'static str>,
    /// With SKUs: the period's subsidy fee rows (order-level vouchers) not counted in
    /// `subsidy_cost` because no SKU carries them; null without SKUs.
    pub order_level_subsidy: Option<Amount>,
    pub missing_cost_skus: Vec<MissingCost>,
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

/// The subsidy check of the filter's period (its open ends resolved to the data's bounds).
pub fn subsidy(
    ledger: &Ledger,
    f: &Filter,
    baseline: &Baseline,
    skus: &[String],
) -> Result<SubsidyReport> {
    let scope = resolve(ledger, f)?;
    let skus: Vec<String> = skus
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let base = base_span(baseline, scope.from, scope.to)?;
    if let Baseline::HoldOut(_) = baseline {
        if scope.currencies.len() > 1 {
            let codes: Vec<&str> = scope.currencies.iter().map(|c| c.currency.code()).collect();
            return Err(Error::InvalidArgument(format!(
                "--baseline-sales is one currency's figure but the stores hold {}: choose one \
                 with --store",
                codes.join(" and ")
            )));
        }
    }
    let mut currencies = Vec::new();
    if let (Some(from), Some(to)) = (scope.from, scope.to) {
        for cs in &scope.currencies {
            let natural = natural(ledger, cs, baseline, base, (from, to), &skus)?;
            currencies.push(currency_subsidy(ledger, cs, from, to, &skus, natural)?);
        }
    }
    Ok(SubsidyReport {
        from: scope.from,
        to: scope.to,
        baseline: match baseline {
            Baseline::Period(_) | Baseline::PreviousPeriod => BaselineKind::Period,
            Baseline::HoldOut(_) => BaselineKind::HoldOut,
        },
        baseline_from: base.map(|b| b.0),
        baseline_to: base.map(|b| b.1),
        skus,
        currencies,
    })
}

/// The before period of a `Period` baseline: the one given, else as long as the period and
/// just before it (or the engine's previous period); None for a hold-out figure or an open
/// period.
fn base_span(
    baseline: &Baseline,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    Ok(match (baseline, from, to) {
        (Baseline::Period(Some((a, b))), _, _) => {
            if a > b {
                return Err(Error::InvalidArgument(format!(
                    "--baseline-from {a} is after --baseline-to {b}"
                )));
            }
            Some((*a, *b))
        }
        (Baseline::Period(None), Some(from), Some(to)) => Some((
            from - Duration::days(days(from, to)),
            from - Duration::days(1),
        )),
        (Baseline::PreviousPeriod, Some(from), Some(to)) => {
            base_period(from, to, CompareWith::Previous)
        }
        _ => None,
    })
}

/// One currency's natural sales: the hold-out figure, or the before period's sales (scaled
/// to the period's length) when it has orders.
fn natural(
    ledger: &Ledger,
    cs: &CurrencyScope,
    baseline: &Baseline,
    base: Option<(NaiveDate, NaiveDate)>,
    (from, to): (NaiveDate, NaiveDate),
    skus: &[String],
) -> Result<Natural> {
    Ok(match baseline {
        Baseline::HoldOut(v) => Natural::HoldOut(*v),
        Baseline::Period(_) | Baseline::PreviousPeriod => match base {
            Some((bf, bt)) if has_orders(ledger, cs, bf, bt)? => {
                let t = sales_totals(ledger, cs, bf, bt, skus)?;
                let sales = net_sales(&t);
                Natural::Period {
                    sales,
                    scaled: scale_baseline(sales, days(bf, bt), days(from, to)),
                    span: (bf, bt),
                    subsidy_rate: subsidy_rate(&t, sales),
                }
            }
            _ => Natural::None,
        },
    })
}

enum Natural {
    HoldOut(Decimal),
    Period {
        sales: Decimal,
        scaled: Option<Decimal>,
        span: (NaiveDate, NaiveDate),
        subsidy_rate: Option<Decimal>,
    },
    None,
}

fn subsidy_of(t: &Totals) -> Decimal {
    t.inputs
        .fees
        .get(&FeeKind::Subsidy)
        .copied()
        .unwrap_or_default()
}

/// subsidy ÷ net sales of a period.
fn subsidy_rate(t: &Totals, sales: Decimal) -> Option<Decimal> {
    Rate::ratio(subsidy_of(t), sales).map(Rate::value)
}

fn net_sales(t: &Totals) -> Decimal {
    t.inputs.gross_sales - t.inputs.refunds
}

/// The store's sums, or only those SKUs' when some are given.
fn sales_totals(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: NaiveDate,
    to: NaiveDate,
    skus: &[String],
) -> Result<Totals> {
    if skus.is_empty() {
        totals(ledger, cs, Some(from), Some(to))
    } else {
        sku_totals(ledger, cs, Some(from), Some(to), skus)
    }
}

fn currency_subsidy(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: NaiveDate,
    to: NaiveDate,
    skus: &[String],
    natural: Natural,
) -> Result<CurrencySubsidy> {
    let store_totals = totals(ledger, cs, Some(from), Some(to))?;
    let store = StoreFigures::compute(&store_totals.inputs);
    let store_subsidy = store.fees[&FeeKind::Subsidy];
    let other_hidden = store.hidden_costs - store_subsidy;
    let (t, order_level) = if skus.is_empty() {
        (store_totals, None)
    } else {
        let t = sku_totals(ledger, cs, Some(from), Some(to), skus)?;
        (t, Some(subsidy_fee_rows(ledger, cs, from, to)?))
    };
    let sales = net_sales(&t);
    let cost = subsidy_of(&t);
    // The SKUs carry the store's other hidden costs in proportion to their net sales.
    let other = if skus.is_empty() {
        other_hidden
    } else {
        pro_rata(other_hidden, sales, store.net_sales)
    };
    let margin = margin_before_subsidy(sales, t.inputs.cogs, other);
    // A before period stands for natural sales only in the same season without its own
    // subsidies (metrics/season.rs); a hold-out figure is measured alongside.
    let (period_sales, baseline, no_verdict) = match natural {
        Natural::HoldOut(v) => (None, Some(v), None),
        Natural::Period {
            sales: base_sales,
            scaled,
            span,
            subsidy_rate: base_rate,
        } => {
            let rate = Rate::ratio(cost, sales).map(Rate::value);
            let problem = baseline_problem((from, to), span, rate, base_rate);
            (Some(base_sales), scaled, problem)
        }
        Natural::None => (None, None, None),
    };
    let mut fig = SubsidyFigures::compute(&SubsidyInputs {
        subsidy_cost: cost,
        sales_with_subsidy: sales,
        baseline_sales: baseline,
        margin,
    });
    if no_verdict.is_some() {
        fig.verdict = None;
    }
    let a = |v: Decimal| Amount::new(v, cs.currency);
    Ok(CurrencySubsidy {
        currency: cs.currency,
        stores: cs.stores.iter().map(|s| s.name.clone()).collect(),
        subsidy_cost: a(cost),
        sales_with_subsidy: a(sales),
        baseline_period_sales: period_sales.map(a),
        baseline_sales: baseline.map(a),
        incremental_sales: fig.incremental_sales.map(a),
        margin_before_subsidy: margin.map(Rate),
        naive_roas: fig.naive_roas,
        incremental_roi: fig.incremental_roi,
        verdict: fig.verdict,
        no_verdict,
        peaks: peaks_in(from, to),
        order_level_subsidy: order_level.map(a),
        missing_cost_skus: t.missing,
    })
}

/// Whether the stores have any order in [from, to] (a baseline without data is no baseline).
fn has_orders(ledger: &Ledger, cs: &CurrencyScope, from: NaiveDate, to: NaiveDate) -> Result<bool> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM agg_store_day WHERE store_id IN ({}) AND {} AND orders > 0)",
        cs.ids_sql(),
        day_range("day")
    );
    let [f, t] = day_params(Some(from), Some(to));
    Ok(ledger.conn().query_row(&sql, params![f, t], |r| r.get(0))?)
}

/// The subsidy fee rows of the period (vouchers booked per order, not per line).
fn subsidy_fee_rows(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Decimal> {
    let sql = format!(
        "SELECT SUM(amount) FROM agg_fee_day WHERE store_id IN ({}) AND {} AND kind = ?3",
        cs.ids_sql(),
        day_range("day")
    );
    let [f, t] = day_params(Some(from), Some(to));
    let sum: Option<i64> =
        ledger
            .conn()
            .query_row(&sql, params![f, t, FeeKind::Subsidy.as_str()], |r| r.get(0))?;
    Ok(Scaled::from_sql_sum(sum))
}
