//! Marginal ROAS and saturation (边际ROI, metrics.md §4).
//!
//! The power-law fit `sales = a × spend^b` is a statistical estimate on logarithms, so it is
//! the one place that uses f64: exact daily Decimal sums are converted at the boundary, the
//! fit runs on ln(spend), ln(sales), and its outputs (ratios and a suggested spend) come back
//! as Decimal. No money sum is ever computed in floating point.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::Rate;

/// Points the fit needs at least.
pub const MIN_FIT_POINTS: usize = 7;

/// The largest exponent b for which a ceiling is given: above it the curve is nearly a
/// straight line and s* flies off to absurd spends (issue 16: a ¥10²² "ceiling" at b ≈ 1).
pub const MAX_CEILING_B: f64 = 0.95;

/// A ceiling further than this many times the largest daily spend seen is an extrapolation
/// the data cannot support.
pub const CEILING_REACH: i64 = 3;

/// Why no spend ceiling is given (cli.md Additions `response.why`; the window and the report
/// translate the code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoCeiling {
    /// Fewer than `MIN_FIT_POINTS` usable days (or all at one spend).
    TooFewPoints,
    /// b ≤ 0: sales do not rise with spend in the data.
    NoResponse,
    /// b > `MAX_CEILING_B`: returns barely diminish over the spend tried.
    NoSaturation,
    /// s* lies beyond `CEILING_REACH` × the largest daily spend seen.
    BeyondData,
    /// Contribution ≤ 0: no ad spend pays for itself.
    NoProfit,
}

impl NoCeiling {
    /// The JSON code (`why`), also the suffix of its translation keys.
    pub fn code(self) -> &'static str {
        match self {
            NoCeiling::TooFewPoints => "too_few_points",
            NoCeiling::NoResponse => "no_response",
            NoCeiling::NoSaturation => "no_saturation",
            NoCeiling::BeyondData => "beyond_data",
            NoCeiling::NoProfit => "no_profit",
        }
    }
}

/// marginal_roas = Δsales / Δspend between two spend levels.
pub fn marginal_roas(
    spend_before: Decimal,
    sales_before: Decimal,
    spend_after: Decimal,
    sales_after: Decimal,
) -> Option<Rate> {
    Rate::ratio(sales_after - sales_before, spend_after - spend_before)
}

/// A fitted response curve sales = a × spend^b (daily figures).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PowerFit {
    pub a: f64,
    pub b: f64,
    /// Daily points used (spend > 0 and sales > 0).
    pub points: usize,
    /// Coefficient of determination of the log-log fit.
    pub r_squared: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Saturation {
    /// Fewer than `MIN_FIT_POINTS` usable days, or all at one spend level.
    NotEnoughData {
        points: usize,
    },
    Fit(PowerFit),
}

/// Least squares on (ln spend, ln sales) over the days with spend > 0 and sales > 0.
pub fn fit_power_law(days: &[(Decimal, Decimal)]) -> Saturation {
    let logs: Vec<(f64, f64)> = days
        .iter()
        .filter(|(spend, sales)| *spend > Decimal::ZERO && *sales > Decimal::ZERO)
        .filter_map(|(spend, sales)| Some((spend.to_f64()?.ln(), sales.to_f64()?.ln())))
        .collect();
    let n = logs.len();
    if n < MIN_FIT_POINTS {
        return Saturation::NotEnoughData { points: n };
    }
    let nf = n as f64;
    let mx = logs.iter().map(|p| p.0).sum::<f64>() / nf;
    let my = logs.iter().map(|p| p.1).sum::<f64>() / nf;
    let sxx: f64 = logs.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = logs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let syy: f64 = logs.iter().map(|p| (p.1 - my).powi(2)).sum();
    if sxx <= f64::EPSILON {
        return Saturation::NotEnoughData { points: n };
    }
    let b = sxy / sxx;
    let a = (my - b * mx).exp();
    let r_squared = if syy <= f64::EPSILON {
        1.0
    } else {
        (sxy * sxy) / (sxx * syy)
    };
    Saturation::Fit(PowerFit {
        a,
        b,
        points: n,
        r_squared,
    })
}

impl PowerFit {
    /// Expected daily sales at `spend`.
    pub fn sales_at(&self, spend: Decimal) -> Option<Decimal> {
        let s = spend.to_f64().filter(|s| *s > 0.0)?;
        Decimal::from_f64(self.a * s.powf(self.b))
    }

    /// Marginal roas at `spend`: a·b·s^(b−1).
    pub fn marginal_roas_at(&self, spend: Decimal) -> Option<Rate> {
        let s = spend.to_f64().filter(|s| *s > 0.0)?;
        Decimal::from_f64(self.a * self.b * s.powf(self.b - 1.0)).map(Rate)
    }

    /// The profit-maximising daily spend s* = (a·b·c)^(1/(1−b)), where the marginal roas
    /// equals break-even (c = contribution / gross_sales). Only for 0 < b < 1 (diminishing
    /// returns) and c > 0; rounded to 4 decimals.
    pub fn optimal_spend(&self, c: Decimal) -> Option<Decimal> {
        let c = c.to_f64().filter(|c| *c > 0.0)?;
        if !(self.b > 0.0 && self.b < 1.0) {
            return None;
        }
        let s = (self.a * self.b * c).powf(1.0 / (1.0 - self.b));
        Decimal::from_f64(s).map(|d| d.round_dp(4))
    }

    /// a and b as decimal strings of 4 decimals (the `response` JSON).
    pub fn coefficients(&self) -> (Option<String>, Option<String>) {
        let dp4 = |v: f64| Decimal::from_f64(v).map(|d| d.round_dp(4).normalize().to_string());
        (dp4(self.a), dp4(self.b))
    }

    /// The spend ceiling the data supports: s* only when 0 < b ≤ `MAX_CEILING_B`, c > 0 and
    /// s* ≤ `CEILING_REACH` × `max_spend` (the largest daily spend seen); else why not.
    pub fn ceiling(&self, c: Option<Decimal>, max_spend: Decimal) -> Result<Decimal, NoCeiling> {
        if c.is_none_or(|c| c <= Decimal::ZERO) {
            return Err(NoCeiling::NoProfit);
        }
        if self.b <= 0.0 {
            return Err(NoCeiling::NoResponse);
        }
        if self.b > MAX_CEILING_B {
            return Err(NoCeiling::NoSaturation);
        }
        // from_f64 fails on an overflowing s*: that too is beyond the data.
        let s = c
            .and_then(|c| self.optimal_spend(c))
            .ok_or(NoCeiling::BeyondData)?;
        if s > max_spend * Decimal::from(CEILING_REACH) {
            return Err(NoCeiling::BeyondData);
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn seed_marginal_roas_is_0_75() {
        let m = marginal_roas(dec!(1000), dec!(3000), dec!(5000), dec!(6000)).unwrap();
        assert_eq!(m.to_output(), "0.7500");
        assert_eq!(
            Rate::ratio(dec!(6000), dec!(5000)).unwrap().to_output(),
            "1.2000"
        );
        assert_eq!(marginal_roas(dec!(1), dec!(2), dec!(1), dec!(3)), None);
    }

    fn curve(a: f64, b: f64, spends: &[i64]) -> Vec<(Decimal, Decimal)> {
        spends
            .iter()
            .map(|s| {
                let sales = a * (*s as f64).powf(b);
                (
                    Decimal::from(*s),
                    Decimal::from_f64(sales).unwrap().round_dp(6),
                )
            })
            .collect()
    }

    #[test]
    fn fits_an_exact_power_law_and_finds_s_star() {
        let days = curve(10.0, 0.5, &[1, 4, 9, 16, 25, 36, 49, 64]);
        let Saturation::Fit(fit) = fit_power_law(&days) else {
            panic!("no fit")
        };
        assert!(
            (fit.a - 10.0).abs() < 1e-6 && (fit.b - 0.5).abs() < 1e-6,
            "{fit:?}"
        );
        assert!(fit.r_squared > 0.999_999);
        assert_eq!(fit.points, 8);
        // s* = (10 × 0.5 × 0.4)^(1/0.5) = 4; marginal roas there = 1 / 0.4 = 2.5.
        assert_eq!(fit.optimal_spend(dec!(0.4)), Some(dec!(4)));
        assert_eq!(fit.marginal_roas_at(dec!(4)).unwrap().to_output(), "2.5000");
        assert_eq!(fit.optimal_spend(dec!(-0.1)), None);
        assert_eq!(
            fit.sales_at(dec!(100)).map(|d| d.round_dp(4)),
            Some(dec!(100))
        );
    }

    #[test]
    fn needs_seven_usable_points() {
        let mut days = curve(3.0, 0.8, &[10, 20, 30, 40, 50, 60]);
        days.push((dec!(0), dec!(5))); // zero spend: not usable
        assert_eq!(
            fit_power_law(&days),
            Saturation::NotEnoughData { points: 6 }
        );
        let flat = vec![(dec!(10), dec!(30)); 9];
        assert_eq!(
            fit_power_law(&flat),
            Saturation::NotEnoughData { points: 9 }
        );
        let linear = curve(2.0, 1.0, &[1, 2, 3, 4, 5, 6, 7]);
        let Saturation::Fit(fit) = fit_power_law(&linear) else {
            panic!("no fit")
        };
        assert_eq!(
            fit.optimal_spend(dec!(0.5)),
            None,
            "no optimum without diminishing returns"
        );
    }

    #[test]
    fn a_straight_line_gives_no_ceiling() {
        // sales = 3 × spend (b = 1) over spends 10..100: returns do not diminish.
        let days = curve(3.0, 1.0, &[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
        let Saturation::Fit(fit) = fit_power_law(&days) else {
            panic!("no fit")
        };
        assert!((fit.b - 1.0).abs() < 1e-9, "{fit:?}");
        assert_eq!(
            fit.ceiling(Some(dec!(0.4)), dec!(100)),
            Err(NoCeiling::NoSaturation)
        );
        // b = 0.96 (just above the limit) is still a straight line for our purpose.
        let near = PowerFit { b: 0.96, ..fit };
        assert_eq!(
            near.ceiling(Some(dec!(0.4)), dec!(100)),
            Err(NoCeiling::NoSaturation)
        );
        let falling = PowerFit { b: -0.2, ..fit };
        assert_eq!(
            falling.ceiling(Some(dec!(0.4)), dec!(100)),
            Err(NoCeiling::NoResponse)
        );
        assert_eq!(fit.ceiling(None, dec!(100)), Err(NoCeiling::NoProfit));
        assert_eq!(
            fit.ceiling(Some(dec!(-0.1)), dec!(100)),
            Err(NoCeiling::NoProfit)
        );
    }

    #[test]
    fn a_saturating_curve_gives_a_ceiling_inside_the_data() {
        // sales = 40 × spend^0.7 over daily spends 50..800. With c = 0.25 (break-even 4):
        // s* = (a·b·c)^(1/(1−b)) = (40 × 0.7 × 0.25)^(1/0.3) = 7^(10/3)
        //    = e^(10/3 × 1.945910) = e^6.486367 = 656.1354… — inside 50..800.
        let days = curve(40.0, 0.7, &[50, 100, 150, 200, 300, 400, 600, 800]);
        let Saturation::Fit(fit) = fit_power_law(&days) else {
            panic!("no fit")
        };
        let s = fit.ceiling(Some(dec!(0.25)), dec!(800)).expect("a ceiling");
        assert_eq!(s.round_dp(2), dec!(656.14));
        // Marginal roas there equals break-even 1 / c = 4.
        assert_eq!(fit.marginal_roas_at(s).unwrap().to_output(), "4.0000");
        // The same curve tried only up to 200 a day: 656.14 > 3 × 200, beyond the data.
        assert_eq!(
            fit.ceiling(Some(dec!(0.25)), dec!(200)),
            Err(NoCeiling::BeyondData)
        );
        // 3 × 219 = 657 ≥ 656.14: just inside.
        assert!(fit.ceiling(Some(dec!(0.25)), dec!(219)).is_ok());
    }
}
