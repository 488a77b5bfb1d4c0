//! Subsidy check over the query fixture (store A, CNY): Jan 10 net 900 (gross 1000, refunds
//! 100), line subsidies 20 + a subsidy fee row 10, commission 75, COGS S1 3.6 × 100 = 360
//! (S2 has no cost); Jan 20 net 500, shipping 30.

use super::*;
use crate::metrics::{subsidy, Baseline};

fn a_on(from: &str, to: &str) -> Filter {
    Filter {
        from: Some(day(from)),
        to: Some(day(to)),
        store: Some("A".into()),
    }
}

#[test]
fn before_period_of_explicit_dates() {
    let (l, _, _) = fixture();
    let base = Baseline::Period(Some((day("2026-01-20"), day("2026-01-20"))));
    let r = subsidy(&l, &a_on("2026-01-10", "2026-01-10"), &base, &[]).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    // cost 20 + 10 = 30; m = (900 − 360 − 75) / 900 = 0.51667; baseline 500 (one day each);
    // incremental 400; roi (400 × 0.51667 − 30) / 30 = 5.8889; naive 900 / 30 = 30.
    assert_eq!(v["baseline"], "period");
    assert_eq!(v["baseline_from"], "2026-01-20");
    let c = &v["currencies"][0];
    assert_eq!(c["subsidy_cost"], "30.00");
    assert_eq!(c["sales_with_subsidy"], "900.00");
    assert_eq!(c["baseline_period_sales"], "500.00");
    assert_eq!(c["baseline_sales"], "500.00");
    assert_eq!(c["incremental_sales"], "400.00");
    assert_eq!(c["margin_before_subsidy"], "0.5167");
    assert_eq!(c["naive_roas"], "30.0000");
    assert_eq!(c["incremental_roi"], "5.8889");
    assert_eq!(c["verdict"], "pays");
    assert_eq!(c["order_level_subsidy"], serde_json::Value::Null);
    assert_eq!(c["missing_cost_skus"][0]["sku"], "S2");
}

#[test]
fn default_baseline_is_as_many_days_just_before_and_zero_subsidy_is_null() {
    let (l, _, _) = fixture();
    // Jan 11–20 (10 days) → Jan 1–10: net 900 against the period's 500; no subsidy after
    // Jan 10, so nothing to judge.
    let r = subsidy(
        &l,
        &a_on("2026-01-11", "2026-01-20"),
        &Baseline::Period(None),
        &[],
    )
    .unwrap();
    assert_eq!(
        (r.baseline_from, r.baseline_to),
        (Some(day("2026-01-01")), Some(day("2026-01-10")))
    );
    let v = serde_json::to_value(&r.currencies[0]).unwrap();
    assert_eq!(v["subsidy_cost"], "0.00");
    assert_eq!(v["incremental_sales"], "-400.00");
    assert_eq!(v["naive_roas"], serde_json::Value::Null);
    assert_eq!(v["incremental_roi"], serde_json::Value::Null);
    assert_eq!(v["verdict"], serde_json::Value::Null);
}

#[test]
fn a_baseline_period_without_orders_is_no_baseline() {
    let (l, _, _) = fixture();
    // Jan 10 → Jan 9: the store has no order that day (data starts Jan 10).
    let r = subsidy(
        &l,
        &a_on("2026-01-10", "2026-01-10"),
        &Baseline::Period(None),
        &[],
    )
    .unwrap();
    let v = serde_json::to_value(&r.currencies[0]).unwrap();
    assert_eq!(v["baseline_sales"], serde_json::Value::Null);
    assert_eq!(v["incremental_roi"], serde_json::Value::Null);
    assert_eq!(v["naive_roas"], "30.0000");
}

#[test]
fn baseline_scaled_to_the_period_length() {
    let (l, _, _) = fixture();
    // Period Jan 10–20 (11 days, net 1400, cost 30); baseline Jan 20 alone (1 day, 500)
    // → 500 × 11 = 5500; incremental 1400 − 5500 = −4100.
    let base = Baseline::Period(Some((day("2026-01-20"), day("2026-01-20"))));
    let r = subsidy(&l, &a_on("2026-01-10", "2026-01-20"), &base, &[]).unwrap();
    let v = serde_json::to_value(&r.currencies[0]).unwrap();
    assert_eq!(v["baseline_period_sales"], "500.00");
    assert_eq!(v["baseline_sales"], "5500.00");
    assert_eq!(v["incremental_sales"], "-4100.00");
    assert_eq!(v["verdict"], "does_not_pay");
}

#[test]
fn hold_out_figure_one_currency_only() {
    let (l, _, _) = fixture();
    let hold = Baseline::HoldOut(dec!(700));
    let r = subsidy(&l, &a_on("2026-01-10", "2026-01-10"), &hold, &[]).unwrap();
    // incremental 900 − 700 = 200; (200 × 0.51667 − 30) / 30 = 2.4444.
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["baseline"], "hold_out");
    assert_eq!(v["baseline_from"], serde_json::Value::Null);
    assert_eq!(
        v["currencies"][0]["baseline_period_sales"],
        serde_json::Value::Null
    );
    assert_eq!(v["currencies"][0]["incremental_sales"], "200.00");
    assert_eq!(v["currencies"][0]["incremental_roi"], "2.4444");
    // Both currencies at once: a hold-out figure cannot be in CNY and VND.
    let all = Filter {
        store: None,
        ..a_on("2026-01-10", "2026-01-20")
    };
    assert!(matches!(
        subsidy(&l, &all, &hold, &[]),
        Err(crate::Error::InvalidArgument(_))
    ));
}

#[test]
fn on_some_skus_from_the_sku_aggregates() {
    let (l, a, _) = fixture();
    // The store's 20 of line subsidies on Jan 10 sit on S1's lines.
    l.conn()
        .execute(
            "UPDATE agg_sku_day SET subsidy_net = ?1
             WHERE store_id = ?2 AND day = '2026-01-10' AND sku = 'S1'",
            params![s(dec!(20)), a.0],
        )
        .unwrap();
    let base = Baseline::Period(Some((day("2026-01-20"), day("2026-01-20"))));
    let r = subsidy(
        &l,
        &a_on("2026-01-10", "2026-01-10"),
        &base,
        &["S1".to_string()],
    )
    .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["skus"], json!(["S1"]));
    let c = &v["currencies"][0];
    // S1: net 800, COGS 360, the store's other hidden costs 75 × 800 / 900 = 66.67
    // → m = (800 − 360 − 66.67) / 800 = 0.4667; cost 20 (the fee row 10 is order-level);
    // baseline S1 on Jan 20: 500 → incremental 300; roi (300 × 0.46667 − 20) / 20 = 6.
    assert_eq!(c["subsidy_cost"], "20.00");
    assert_eq!(c["order_level_subsidy"], "10.00");
    assert_eq!(c["sales_with_subsidy"], "800.00");
    assert_eq!(c["margin_before_subsidy"], "0.4667");
    assert_eq!(c["baseline_sales"], "500.00");
    assert_eq!(c["incremental_roi"], "6.0000");
    assert_eq!(c["naive_roas"], "40.0000");
    assert_eq!(c["missing_cost_skus"], json!([]));
}

#[test]
fn previous_period_follows_the_dashboard_calendar_and_is_scaled() {
    let (l, _, _) = fixture();
    // Feb 2026 (28 days, no data) → January: net 1400 over 31 days, scaled × 28/31 = 1264.52.
    let r = subsidy(
        &l,
        &a_on("2026-02-01", "2026-02-28"),
        &Baseline::PreviousPeriod,
        &[],
    )
    .unwrap();
    assert_eq!(
        (r.baseline_from, r.baseline_to),
        (Some(day("2026-01-01")), Some(day("2026-01-31")))
    );
    let v = serde_json::to_value(&r.currencies[0]).unwrap();
    assert_eq!(v["baseline_period_sales"], "1400.00");
    assert_eq!(v["baseline_sales"], "1264.52");
    assert_eq!(v["incremental_sales"], "-1264.52");
}
