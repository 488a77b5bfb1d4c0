//! When a before-period baseline cannot judge a subsidy (metrics.md §6, issue 16): natural
//! sales differ between the two periods for reasons other than the subsidy.
//!
//! The rule, kept simple so a merchant can check it:
//! - **peak**: either period contains a sales festival — 618 (June 1–18), 双11 (November
//!   1–11), 12.12 (December 12) or Tết / 春节 (the week before the lunar new year through the
//!   week after it); a festival lifts sales with or without the subsidy;
//! - **apart**: the two periods' middles are more than 45 days apart (different months of
//!   the year sell differently);
//! - **subsidised**: the baseline's own subsidy is at least half the period's, as a share of
//!   net sales (then it is not natural sales).
//!
//! A hold-out group's figure is measured at the same time: none of this applies to it.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// Why a subsidy check gives no verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoVerdict {
    /// A sales festival falls in the subsidy period or the baseline.
    SeasonPeak,
    /// The periods lie in different parts of the year.
    SeasonApart,
    /// The baseline carried subsidies too.
    BaselineSubsidised,
}

impl NoVerdict {
    /// The JSON code, also the suffix of its translation keys.
    pub fn code(self) -> &'static str {
        match self {
            NoVerdict::SeasonPeak => "season_peak",
            NoVerdict::SeasonApart => "season_apart",
            NoVerdict::BaselineSubsidised => "baseline_subsidised",
        }
    }
}

/// Days between the periods' middles above which they are "apart".
pub const APART_DAYS: i64 = 45;

/// Lunar new year (春节 / Tết) dates.
const LUNAR_NEW_YEAR: &[(i32, u32, u32)] = &[
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
];

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The festivals of one year: (id, first day, last day).
fn festivals(year: i32) -> Vec<(&'static str, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut add = |id, a: Option<NaiveDate>, b: Option<NaiveDate>| {
        if let (Some(a), Some(b)) = (a, b) {
            out.push((id, a, b));
        }
    };
    add("618", date(year, 6, 1), date(year, 6, 18));
    add("double11", date(year, 11, 1), date(year, 11, 11));
    add("double12", date(year, 12, 12), date(year, 12, 12));
    if let Some(&(y, m, d)) = LUNAR_NEW_YEAR.iter().find(|(y, _, _)| *y == year) {
        let ny = date(y, m, d);
        add(
            "tet",
            ny.map(|n| n - Duration::days(7)),
            ny.map(|n| n + Duration::days(7)),
        );
    }
    out
}

/// The festivals [from, to] touches, by id, once each.
pub fn peaks_in(from: NaiveDate, to: NaiveDate) -> Vec<&'static str> {
    let mut out = Vec::new();
    for year in from.year()..=to.year() {
        for (id, a, b) in festivals(year) {
            if a <= to && from <= b && !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

fn middle(from: NaiveDate, to: NaiveDate) -> NaiveDate {
    from + Duration::days((to - from).num_days() / 2)
}

/// Whether a baseline period can stand for natural sales of the subsidy period: `None` when
/// it can, else why not. `*_subsidy_rate` = subsidy ÷ net sales of each period.
pub fn baseline_problem(
    period: (NaiveDate, NaiveDate),
    baseline: (NaiveDate, NaiveDate),
    period_subsidy_rate: Option<Decimal>,
    baseline_subsidy_rate: Option<Decimal>,
) -> Option<NoVerdict> {
    if !peaks_in(period.0, period.1).is_empty() || !peaks_in(baseline.0, baseline.1).is_empty() {
        return Some(NoVerdict::SeasonPeak);
    }
    let gap = (middle(period.0, period.1) - middle(baseline.0, baseline.1))
        .num_days()
        .abs();
    if gap > APART_DAYS {
        return Some(NoVerdict::SeasonApart);
    }
    if let (Some(p), Some(b)) = (period_subsidy_rate, baseline_subsidy_rate) {
        if b > Decimal::ZERO && b * Decimal::TWO >= p {
            return Some(NoVerdict::BaselineSubsidised);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn festivals_are_found_in_a_period() {
        assert_eq!(peaks_in(d("2026-06-10"), d("2026-06-20")), ["618"]);
        assert_eq!(
            peaks_in(d("2026-06-19"), d("2026-06-30")),
            Vec::<&str>::new()
        );
        // Tết 2026-02-17: from 2026-02-10 to 2026-02-24.
        assert_eq!(
            peaks_in(d("2026-01-01"), d("2026-02-09")),
            Vec::<&str>::new()
        );
        assert_eq!(peaks_in(d("2026-02-01"), d("2026-02-10")), ["tet"]);
        assert_eq!(
            peaks_in(d("2026-11-01"), d("2026-12-31")),
            ["double11", "double12"]
        );
    }

    #[test]
    fn a_baseline_is_refused_for_a_peak_distance_or_its_own_subsidy() {
        let p = (d("2026-09-01"), d("2026-09-30"));
        let aug = (d("2026-08-01"), d("2026-08-31"));
        let rate = |v| Some(v);
        assert_eq!(
            baseline_problem(p, aug, rate(dec!(0.10)), rate(dec!(0.01))),
            None
        );
        // The baseline's subsidy share 5 % ≥ half of 10 %: not natural sales.
        assert_eq!(
            baseline_problem(p, aug, rate(dec!(0.10)), rate(dec!(0.05))),
            Some(NoVerdict::BaselineSubsidised)
        );
        // March against September: middles 184 days apart.
        let mar = (d("2026-03-01"), d("2026-03-31"));
        assert_eq!(
            baseline_problem(p, mar, None, None),
            Some(NoVerdict::SeasonApart)
        );
        // 618 against the 18 days before.
        let p618 = (d("2026-06-01"), d("2026-06-18"));
        let may = (d("2026-05-14"), d("2026-05-31"));
        assert_eq!(
            baseline_problem(p618, may, None, None),
            Some(NoVerdict::SeasonPeak)
        );
    }
}
