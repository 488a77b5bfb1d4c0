//! Period comparison: base periods by calendar rule and KPI changes worked out by hand.

use super::*;
use crate::metrics::{base_period, compare, CompareWith};

fn span(a: &str, b: &str, with: CompareWith) -> (NaiveDate, NaiveDate) {
    base_period(day(a), day(b), with).unwrap()
}

#[test]
fn base_periods_follow_the_calendar() {
    use CompareWith::*;
    // Whole months: the same number of months just before.
    assert_eq!(
        span("2026-04-01", "2026-06-30", Previous),
        (day("2026-01-01"), day("2026-03-31"))
    );
    assert_eq!(
        span("2026-03-01", "2026-03-31", Previous),
        (day("2026-02-01"), day("2026-02-28"))
    );
    assert_eq!(
        span("2026-01-01", "2026-12-31", Previous),
        (day("2025-01-01"), day("2025-12-31"))
    );
    // Any other span: the same number of days just before.
    assert_eq!(
        span("2026-01-16", "2026-01-20", Previous),
        (day("2026-01-11"), day("2026-01-15"))
    );
    assert_eq!(
        span("2026-03-01", "2026-03-15", Previous),
        (day("2026-02-14"), day("2026-02-28"))
    );
    // Last year: same dates; a month end stays a month end (leap Februaries).
    assert_eq!(
        span("2024-02-01", "2024-02-29", LastYear),
        (day("2023-02-01"), day("2023-02-28"))
    );
    assert_eq!(
        span("2025-02-01", "2025-02-28", LastYear),
        (day("2024-02-01"), day("2024-02-29"))
    );
    assert_eq!(
        span("2026-03-10", "2026-03-20", LastYear),
        (day("2025-03-10"), day("2025-03-20"))
    );
}

#[test]
fn kpi_changes_against_the_previous_period() {
    let (l, _, _) = fixture();
    let f = Filter {
        from: Some(day("2026-01-16")),
        to: Some(day("2026-01-25")),
        store: None,
    };
    let v = serde_json::to_value(compare(&l, &f, CompareWith::Previous).unwrap()).unwrap();
    // Base Jan 6–15 (10 days), CNY store A: gross 1000, refunds 100 → net 900; COGS S1 3.6 ×
    // 100 = 360; fees commission 75 + subsidy 20 + 10 = 105; contribution 435; ads 200 (the
    // 15-day row); rent 3100 × 10/31 = 1000 → net profit −765, margin −0.85, ROAS 900/200 =
    // 4.5, marketing 200 + 30 = 230 → true ROI −3.3261, break-even 1000/435 = 2.2989.
    // Current Jan 16–25: gross 500 = net; COGS 2 × 110 = 220; shipping 30; contribution 250;
    // ads 100; rent 1000 → net profit −850, margin −1.7, ROAS 5, true ROI −8.5, break-even 2.
    let cny = json!({"currency": "CNY", "deltas": [
        {"kpi": "gross_sales", "base": "1000.00", "change": "-500.00", "change_pct": "-0.5000", "better": false},
        {"kpi": "net_sales", "base": "900.00", "change": "-400.00", "change_pct": "-0.4444", "better": false},
        {"kpi": "net_profit", "base": "-765.00", "change": "-85.00", "change_pct": "-0.1111", "better": false},
        {"kpi": "net_margin", "base": "-0.8500", "change": "-0.8500", "change_pct": null, "better": false},
        {"kpi": "store_roas", "base": "4.5000", "change": "0.5000", "change_pct": null, "better": true},
        {"kpi": "profit_roi", "base": "-3.3261", "change": "-5.1739", "change_pct": null, "better": false},
        {"kpi": "break_even_roas", "base": "2.2989", "change": "-0.2989", "change_pct": null, "better": true},
    ]});
    // VND store B sold 1,000,000 on Jan 15 (base) and nothing since; no ratio exists now.
    let vnd = json!({"currency": "VND", "deltas": [
        {"kpi": "gross_sales", "base": "1000000", "change": "-1000000", "change_pct": "-1.0000", "better": false},
        {"kpi": "net_sales", "base": "1000000", "change": "-1000000", "change_pct": "-1.0000", "better": false},
        {"kpi": "net_profit", "base": "1000000", "change": "-1000000", "change_pct": "-1.0000", "better": false},
        {"kpi": "net_margin", "base": "1.0000", "change": null, "change_pct": null, "better": null},
        {"kpi": "store_roas", "base": null, "change": null, "change_pct": null, "better": null},
        {"kpi": "profit_roi", "base": null, "change": null, "change_pct": null, "better": null},
        {"kpi": "break_even_roas", "base": "1.0000", "change": null, "change_pct": null, "better": null},
    ]});
    assert_eq!(
        v,
        json!({"with": "previous", "from": "2026-01-16", "to": "2026-01-25",
               "base_from": "2026-01-06", "base_to": "2026-01-15", "currencies": [cny, vnd]})
    );
}

#[test]
fn a_base_without_sales_has_no_percentage() {
    let (l, _, _) = fixture();
    let f = Filter {
        from: Some(day("2026-01-01")),
        to: Some(day("2026-01-31")),
        store: Some("A".into()),
    };
    let c = compare(&l, &f, CompareWith::LastYear).unwrap();
    assert_eq!(
        (c.base_from, c.base_to),
        (Some(day("2025-01-01")), Some(day("2025-01-31")))
    );
    let gmv = &c.currencies[0].deltas[0];
    // January 2025 is empty: +1500 from nothing, no percentage of zero.
    assert_eq!(
        serde_json::to_value(gmv).unwrap(),
        json!({"kpi": "gross_sales", "base": "0.00", "change": "1500.00", "change_pct": null, "better": true})
    );
    assert!("yesterday".parse::<CompareWith>().is_err());
}
