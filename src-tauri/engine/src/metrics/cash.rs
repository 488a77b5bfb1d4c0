//! Settlement and cash rules of metrics.md §10 that need no ledger: how old an unsettled
//! order is, which bucket it falls in, and when a fee moved between order and settlement.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::Currency;

/// Age buckets of unsettled orders (days since the order date, as of the period's end):
/// under 30 days (from the settlement delay, 15 by default) → "15-30"; 30 to 60 → "30-60";
/// over 60 → "60+".
pub const AGE_BUCKETS: [&str; 3] = ["15-30", "30-60", "60+"];

pub fn age_days(order_day: NaiveDate, as_of: NaiveDate) -> i64 {
    (as_of - order_day).num_days()
}

pub fn age_bucket(age: i64) -> &'static str {
    if age < 30 {
        AGE_BUCKETS[0]
    } else if age <= 60 {
        AGE_BUCKETS[1]
    } else {
        AGE_BUCKETS[2]
    }
}

/// Whether an order date is old enough to be owed: on or before `as_of` − delay.
pub fn is_due(order_day: NaiveDate, as_of: NaiveDate, delay_days: i64) -> bool {
    age_days(order_day, as_of) >= delay_days
}

/// A fee drifted when the settlement's amount differs from the order export's by more than
/// the currency's minor unit (1 fen, 1 đồng).
pub fn drifted(order_export: Decimal, settlement: Decimal, currency: Currency) -> bool {
    (settlement - order_export).abs() > Decimal::new(1, currency.minor_units())
}

/// A period is still open while its end is inside the refund/settlement window before the
/// latest date the ledger knows (`latest` − delay < `to`).
pub fn in_window(to: NaiveDate, latest: NaiveDate, delay_days: i64) -> bool {
    age_days(to, latest) < delay_days
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn buckets_by_days_since_the_order() {
        let to = d("2026-03-31");
        // 2026-03-16 is 15 days before: due with the default delay, first bucket.
        assert_eq!(age_days(d("2026-03-16"), to), 15);
        assert!(is_due(d("2026-03-16"), to, 15));
        assert!(!is_due(d("2026-03-17"), to, 15));
        assert_eq!(age_bucket(15), "15-30");
        assert_eq!(age_bucket(29), "15-30");
        assert_eq!(age_bucket(30), "30-60");
        assert_eq!(age_bucket(60), "30-60");
        assert_eq!(age_bucket(61), "60+");
    }

    #[test]
    fn drift_needs_more_than_the_minor_unit() {
        assert!(!drifted(dec!(10.00), dec!(10.01), Currency::CNY));
        assert!(drifted(dec!(10.00), dec!(10.02), Currency::CNY));
        assert!(!drifted(dec!(5000), dec!(5001), Currency::VND));
        assert!(drifted(dec!(5000), dec!(10000), Currency::VND));
    }

    #[test]
    fn a_period_is_open_within_the_delay_of_the_latest_date() {
        assert!(in_window(d("2026-03-20"), d("2026-03-31"), 15));
        assert!(!in_window(d("2026-03-16"), d("2026-03-31"), 15));
    }
}
