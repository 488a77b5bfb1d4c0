//! Subsidy incrementality (metrics.md §6, 补贴的增量ROI): a subsidy only earns what it adds over
//! the sales the shop would have made anyway (the baseline).
//!
//! m is the contribution margin on net sales **before the subsidy**:
//! `m = (net_sales − cogs − hidden costs other than fees[subsidy]) / net_sales`.
//! The formula subtracts `subsidy_cost` once on its own, so a margin taken after the subsidy
//! (§2's `contribution_margin`) would charge it twice. With the worked example's m = 0.30 this
//! gives (30,000 × 0.30 − 10,000) / 10,000 = −0.1000.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::Rate;

/// Whether the extra margin the subsidy brought covers what it cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyVerdict {
    /// incremental_roi ≥ 0: the extra sales' margin at least pays the subsidy back.
    Pays,
    DoesNotPay,
}

/// What the ledger (or the merchant) delivers; everything else is derived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SubsidyInputs {
    pub subsidy_cost: Decimal,
    /// Net sales of the subsidy period.
    pub sales_with_subsidy: Decimal,
    /// Natural sales over the same length of time; `None` when there is no baseline.
    pub baseline_sales: Option<Decimal>,
    /// m on net sales before the subsidy (`margin_before_subsidy`).
    pub margin: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubsidyFigures {
    pub incremental_sales: Option<Decimal>,
    /// sales_with_subsidy / subsidy_cost: what the subsidy seems to return when natural
    /// sales are not subtracted.
    pub naive_roas: Option<Rate>,
    pub incremental_roi: Option<Rate>,
    pub verdict: Option<SubsidyVerdict>,
}

impl SubsidyFigures {
    pub fn compute(i: &SubsidyInputs) -> SubsidyFigures {
        let incremental = i
            .baseline_sales
            .map(|b| incremental_sales(i.sales_with_subsidy, b));
        let roi = match (i.baseline_sales, i.margin) {
            (Some(b), Some(m)) => incremental_roi(i.sales_with_subsidy, b, m, i.subsidy_cost),
            _ => None,
        };
        SubsidyFigures {
            incremental_sales: incremental,
            naive_roas: naive_subsidy_roas(i.sales_with_subsidy, i.subsidy_cost),
            incremental_roi: roi,
            verdict: roi.map(|r| {
                if r.value() >= Decimal::ZERO {
                    SubsidyVerdict::Pays
                } else {
                    SubsidyVerdict::DoesNotPay
                }
            }),
        }
    }
}

/// incremental_sales = sales_with_subsidy − baseline_sales.
pub fn incremental_sales(sales_with_subsidy: Decimal, baseline_sales: Decimal) -> Decimal {
    sales_with_subsidy - baseline_sales
}

/// (incremental_sales × m − subsidy_cost) / subsidy_cost; `None` without a subsidy cost.
pub fn incremental_roi(
    sales_with_subsidy: Decimal,
    baseline_sales: Decimal,
    margin: Decimal,
    subsidy_cost: Decimal,
) -> Option<Rate> {
    let gain = incremental_sales(sales_with_subsidy, baseline_sales) * margin;
    Rate::ratio(gain - subsidy_cost, subsidy_cost)
}

/// What the subsidy appears to return when natural sales are not subtracted.
pub fn naive_subsidy_roas(sales_with_subsidy: Decimal, subsidy_cost: Decimal) -> Option<Rate> {
    Rate::ratio(sales_with_subsidy, subsidy_cost)
}

/// m before the subsidy: (net_sales − cogs − other_hidden_costs) / net_sales, where
/// `other_hidden_costs` are every fee kind except `subsidy`. `None` without net sales.
pub fn margin_before_subsidy(
    net_sales: Decimal,
    cogs: Decimal,
    other_hidden_costs: Decimal,
) -> Option<Decimal> {
    Rate::ratio(net_sales - cogs - other_hidden_costs, net_sales).map(Rate::value)
}

/// A baseline period's sales taken to the subsidy period's length: sales × period_days /
/// baseline_days (unchanged when the lengths agree). `None` for an empty baseline period.
pub fn scale_baseline(sales: Decimal, baseline_days: i64, period_days: i64) -> Option<Decimal> {
    if baseline_days <= 0 {
        return None;
    }
    if baseline_days == period_days {
        return Some(sales);
    }
    // Multiply first so the only rounding is the division's 28th digit.
    (sales * Decimal::from(period_days)).checked_div(Decimal::from(baseline_days))
}

/// `part`'s share of `amount`: amount × part / whole (the store's non-subsidy fees carried
/// to some SKUs by their net sales); zero when `whole` is zero.
pub fn pro_rata(amount: Decimal, part: Decimal, whole: Decimal) -> Decimal {
    (amount * part).checked_div(whole).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn out(r: Option<Rate>) -> Option<String> {
        r.map(Rate::to_output)
    }

    /// metrics.md §6: subsidy 10,000; sales with it 120,000; baseline 90,000; m = 0.30 →
    /// naive roas 12, incremental_roi = (30,000 × 0.30 − 10,000) / 10,000 = −0.1000.
    #[test]
    fn worked_example_naive_12_incremental_minus_0_1() {
        let f = SubsidyFigures::compute(&SubsidyInputs {
            subsidy_cost: dec!(10000),
            sales_with_subsidy: dec!(120000),
            baseline_sales: Some(dec!(90000)),
            margin: Some(dec!(0.30)),
        });
        assert_eq!(out(f.naive_roas).as_deref(), Some("12.0000"));
        assert_eq!(f.incremental_sales, Some(dec!(30000)));
        assert_eq!(out(f.incremental_roi).as_deref(), Some("-0.1000"));
        assert_eq!(f.verdict, Some(SubsidyVerdict::DoesNotPay));
    }

    /// The example's m = 0.30 as a ledger would give it: net 120,000, COGS 60,000, other
    /// fees 24,000 → (120,000 − 60,000 − 24,000) / 120,000 = 0.30. Its subsidy of 10,000 is
    /// not in m (it is subtracted once, by the formula).
    #[test]
    fn margin_is_taken_before_the_subsidy() {
        assert_eq!(
            margin_before_subsidy(dec!(120000), dec!(60000), dec!(24000)),
            Some(dec!(0.3))
        );
        assert_eq!(margin_before_subsidy(dec!(0), dec!(10), dec!(0)), None);
    }

    #[test]
    fn zero_subsidy_gives_nulls() {
        let f = SubsidyFigures::compute(&SubsidyInputs {
            subsidy_cost: dec!(0),
            sales_with_subsidy: dec!(5000),
            baseline_sales: Some(dec!(4000)),
            margin: Some(dec!(0.4)),
        });
        assert_eq!(f.incremental_sales, Some(dec!(1000)));
        assert_eq!(f.naive_roas, None);
        assert_eq!(f.incremental_roi, None);
        assert_eq!(f.verdict, None);
        // No baseline, or no margin (no net sales): nothing to judge either.
        let none = SubsidyFigures::compute(&SubsidyInputs {
            subsidy_cost: dec!(100),
            sales_with_subsidy: dec!(5000),
            baseline_sales: None,
            margin: Some(dec!(0.4)),
        });
        assert_eq!((none.incremental_sales, none.incremental_roi), (None, None));
        assert_eq!(out(none.naive_roas).as_deref(), Some("50.0000"));
    }

    #[test]
    fn a_subsidy_that_exactly_pays_back_pays() {
        // (1,000 × 0.25 − 250) / 250 = 0.
        let f = SubsidyFigures::compute(&SubsidyInputs {
            subsidy_cost: dec!(250),
            sales_with_subsidy: dec!(3000),
            baseline_sales: Some(dec!(2000)),
            margin: Some(dec!(0.25)),
        });
        assert_eq!(out(f.incremental_roi).as_deref(), Some("0.0000"));
        assert_eq!(f.verdict, Some(SubsidyVerdict::Pays));
    }

    #[test]
    fn baseline_is_scaled_to_the_period_length() {
        // 16 baseline days with 260,000 → 15 days: 260,000 × 15 / 16 = 243,750.
        assert_eq!(scale_baseline(dec!(260000), 16, 15), Some(dec!(243750)));
        // Same length: unchanged; a 28-day February against a 31-day March: × 31 / 28.
        assert_eq!(scale_baseline(dec!(1000), 31, 31), Some(dec!(1000)));
        assert_eq!(scale_baseline(dec!(2800), 28, 31), Some(dec!(3100)));
        assert_eq!(scale_baseline(dec!(1000), 0, 31), None);
    }

    #[test]
    fn pro_rata_share() {
        // Fees 15,000 over 390,000 of net sales, 300,000 of them the SKU's: 11,538.46…
        let v = pro_rata(dec!(15000), dec!(300000), dec!(390000));
        assert_eq!(v.round_dp(4), dec!(11538.4615));
        assert_eq!(pro_rata(dec!(10), dec!(1), dec!(0)), dec!(0));
    }
}
