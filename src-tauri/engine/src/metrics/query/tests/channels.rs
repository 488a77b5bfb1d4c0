//! Channel, monthly and missing-cost queries over the shared fixture.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::json;

use super::*;

#[test]
fn channels_per_store_and_channel_against_break_even() {
    let (l, _, _) = fixture();
    let v = serde_json::to_value(channels(&l, &Filter::default(), dec!(0)).unwrap()).unwrap();
    // ztc: spend 200 + 100 = 300, sales 600 + 150 = 750 (15-day rows), clicks 150, orders 4.
    // roas 2.5, roi 1.5; break-even 1500/685: profit roi (750 × 685/1500 − 300)/300 = 0.1417;
    // 2.5 ≥ 2.1898 → scale by 0.3102; cpc 2.00, cvr 4/150, aov 187.50, (5+5)×2/150 = 0.1333.
    let campaign = |c: &str,
                    sp: &str,
                    sa: &str,
                    roas: &str,
                    roi: &str,
                    proi: &str,
                    v: &str,
                    cl: i64,
                    cpc: &str,
                    cvr: &str,
                    aov: &str| {
        json!({"campaign": c, "spend": sp, "platform_sales": sa, "roas": roas, "roi_pct": roi,
               "profit_roi": proi, "verdict": v, "clicks": cl, "cpc": cpc, "cvr": cvr, "aov": aov})
    };
    let ztc = json!({
        "store": "A", "channel": "ztc", "spend": "300.00", "platform_sales": "750.00",
        "attributed_sales": "750.00", "attributed_roas": "2.5000", "roas": "2.5000",
        "roi_pct": "1.5000", "profit_roi": "0.1417", "verdict": "scale",
        "verdict_distance": "0.3102", "clicks": 150, "impressions": 1500, "platform_orders": 4,
        "cpc": "2.00", "cvr": "0.0267", "aov": "187.50", "collect_cart_rate": "0.1333",
        "window_days": 15,
        "windows": [
            {"window_days": 1, "spend": "200.00", "platform_sales": "300.00", "roas": "1.5000"},
            {"window_days": 15, "spend": "300.00", "platform_sales": "750.00", "roas": "2.5000"}
        ],
        "campaigns": [
            // c1: 600/200 = 3; profit roi (600 × 685/1500 − 200)/200 = 0.37
            campaign("c1", "200.00", "600.00", "3.0000", "2.0000", "0.3700", "scale", 100, "2.00", "0.0300", "200.00"),
            // c2: 150/100 = 1.5 < 2.1898; (150 × 685/1500 − 100)/100 = −0.315
            campaign("c2", "100.00", "150.00", "1.5000", "0.5000", "-0.3150", "cut", 50, "2.00", "0.0200", "150.00")
        ],
        // Two days (01-10: 200, 01-20: 100) cannot be fitted: no ceiling, and why.
        "response": {"points": 2, "a": null, "b": null, "marginal_roas": null,
                     "spend_now": "100.00", "spend_ceiling": null, "max_spend": "200.00",
                     "why": "too_few_points"}
    });
    assert_eq!(
        v,
        json!({"from": "2026-01-10", "to": "2026-01-20", "assist_coef": "0", "currencies": [
            {"currency": "CNY", "break_even_roas": "2.1898", "channels": [ztc]},
            {"currency": "VND", "break_even_roas": "1.0000", "channels": []}
        ]})
    );
    assert!(channels(&l, &Filter::default(), dec!(2)).is_err());
}

#[test]
fn channels_share_the_last_click_total_by_assisted_conversions() {
    // metrics.md §5 seed: pool 50,000,000; Σ last 20,000; Σ assisted 30,000.
    let l = Ledger::open_in_memory().unwrap();
    let a = l
        .ensure_store("A", Platform::Douyin, Currency::CNY)
        .unwrap()
        .id;
    let imp = import(&l);
    ad(
        &l,
        imp,
        a,
        "qianchuan",
        "",
        "2026-03-01",
        7,
        dec!(5000000),
        dec!(12500000),
        0,
        0,
        Some((20000, 5000)),
    );
    ad(
        &l,
        imp,
        a,
        "other",
        "",
        "2026-03-01",
        7,
        dec!(1000000),
        dec!(37500000),
        0,
        0,
        Some((10000, 15000)),
    );
    let row = |k: Decimal| {
        let r = channels(&l, &Filter::default(), k).unwrap();
        let q = r.currencies[0]
            .channels
            .iter()
            .find(|c| c.channel == "qianchuan")
            .cloned()
            .unwrap();
        (
            q.attributed_sales.0.to_output(),
            q.attributed_roas.unwrap().to_output(),
        )
    };
    assert_eq!(row(dec!(0)), ("12500000.00".into(), "2.5000".into()));
    assert_eq!(row(dec!(1)), ("25000000.00".into(), "5.0000".into()));
    assert_eq!(row(dec!(0.2)), ("17307692.31".into(), "3.4615".into()));
    // No sales data at all: contribution 0, no break-even, every spending channel is "cut".
    let r = channels(&l, &Filter::default(), dec!(0)).unwrap();
    assert_eq!(r.currencies[0].break_even_roas, None);
    assert!(r.currencies[0]
        .channels
        .iter()
        .all(|c| c.verdict == Some(crate::metrics::Verdict::Cut)));
}

#[test]
fn monthly_figures_clip_to_the_period() {
    let (l, _, _) = fixture();
    let f = Filter {
        from: Some(day("2026-01-01")),
        to: Some(day("2026-02-10")),
        store: Some("A".into()),
    };
    let v = serde_json::to_value(monthly(&l, &f).unwrap()).unwrap();
    // With --store A the all-stores rent is not charged: Jan = 685 − 300 = 385.
    assert_eq!(
        v,
        json!({"from": "2026-01-01", "to": "2026-02-10", "currencies": [{"currency": "CNY", "months": [
            {"month": "2026-01", "gross_sales": "1500.00", "net_sales": "1400.00",
             "net_profit": "385.00", "ad_spend": "300.00", "store_roas": "4.6667"},
            {"month": "2026-02", "gross_sales": "0.00", "net_sales": "0.00",
             "net_profit": "0.00", "ad_spend": "0.00", "store_roas": null}
        ]}]})
    );
    // All stores: January carries the whole month's rent 3100 → 685 − 300 − 3100 = −2715.
    let all = monthly(&l, &Filter { store: None, ..f }).unwrap();
    assert_eq!(all.currencies[0].months[0].net_profit.value(), dec!(-2715));
}

#[test]
fn missing_costs_lists_skus_without_a_valid_cost() {
    let (l, _, _) = fixture();
    let f = Filter {
        to: Some(day("2026-01-12")),
        ..Default::default()
    };
    let m = missing_costs(&l, &f).unwrap();
    let skus: Vec<(&str, Currency)> = m.iter().map(|x| (x.sku.as_str(), x.currency)).collect();
    assert_eq!(skus, [("S2", Currency::CNY)]);
}

/// CNY store "A" with break-even 2.5 (c = 0.4): gross 10,000, COGS 6,000; and an import
/// for its ad days.
fn break_even_2_5() -> (Ledger, StoreId, i64) {
    let l = Ledger::open_in_memory().unwrap();
    let a = l
        .ensure_store("A", Platform::Douyin, Currency::CNY)
        .unwrap()
        .id;
    store_day(
        &l,
        a,
        "2026-03-01",
        1,
        dec!(1),
        dec!(10000),
        dec!(0),
        dec!(0),
    );
    sku_day(&l, a, "2026-03-01", "S", dec!(1), dec!(1), dec!(10000));
    l.conn()
        .execute("INSERT INTO sku_costs (currency, sku, valid_from, unit_cost) VALUES ('CNY', 'S', '1970-01-01', '6000')", [])
        .unwrap();
    let imp = import(&l);
    (l, a, imp)
}

#[test]
fn spend_response_fits_daily_points_and_finds_s_star() {
    use crate::metrics::saturation::Saturation;
    let (l, a, imp) = break_even_2_5();
    // sales = 10 × spend^0.5 on 8 days (the last day spends 64).
    for (i, sp) in [1i64, 4, 9, 16, 25, 36, 49, 64].iter().enumerate() {
        let sales = Decimal::from(10) * Decimal::from(sp.isqrt());
        let d = format!("2026-03-{:02}", i + 1);
        ad(
            &l,
            imp,
            a,
            "qianchuan",
            "",
            &d,
            7,
            Decimal::from(*sp),
            sales,
            1,
            1,
            None,
        );
    }
    let only_a = Filter {
        store: Some("A".into()),
        ..Filter::default()
    };
    let r = crate::metrics::query::spend_response(&l, &only_a, "A", "qianchuan").unwrap();
    assert_eq!(r.observed.len(), 8);
    assert!(matches!(r.fit, Saturation::Fit(f) if (f.b - 0.5).abs() < 1e-9));
    assert_eq!(r.current_spend, Some(dec!(64)));
    // s* = (10 × 0.5 × 0.4)^2 = 4; marginal roas at 64 = 5 / 8 = 0.625.
    assert_eq!(r.break_even_roas.unwrap().to_output(), "2.5000");
    assert_eq!(r.optimal_spend, Some(dec!(4)));
    assert_eq!(r.current_marginal_roas.unwrap().to_output(), "0.6250");
    assert_eq!(r.curve.len(), 24);
    assert!(crate::metrics::query::spend_response(&l, &only_a, "Z", "x").is_err());

    // A second CNY store B: gross 10,000 of a SKU without cost (COGS 0). All stores summed,
    // gross 20,000, contribution 4,000 + 10,000 = 14,000: break-even 20,000 / 14,000 =
    // 1.4286 (c = 0.7), the one `channels` judges A's qianchuan against, so the ceiling is
    // s* = (10 × 0.5 × 0.7)^2 = 12.25 — same daily points, same marginal roas at 64.
    let b = l
        .ensure_store("B", Platform::Pdd, Currency::CNY)
        .unwrap()
        .id;
    store_day(
        &l,
        b,
        "2026-03-01",
        1,
        dec!(1),
        dec!(10000),
        dec!(0),
        dec!(0),
    );
    sku_day(&l, b, "2026-03-01", "T", dec!(1), dec!(1), dec!(10000));
    let all =
        crate::metrics::query::spend_response(&l, &Filter::default(), "A", "qianchuan").unwrap();
    let ch = channels(&l, &Filter::default(), dec!(0)).unwrap();
    assert_eq!(ch.currencies[0].break_even_roas, all.break_even_roas);
    assert_eq!(all.break_even_roas.unwrap().to_output(), "1.4286");
    assert_eq!(all.optimal_spend, Some(dec!(12.25)));
    assert_eq!(all.observed, r.observed);
    assert_eq!(all.current_marginal_roas.unwrap().to_output(), "0.6250");
}

#[test]
fn products_place_skus_by_share_and_margin() {
    let (l, _, _) = fixture();
    let r = crate::metrics::query::products(&l, &Filter::default()).unwrap();
    let cny = &r[0];
    // S1 (SKU rows carry no refunds in the fixture): net 800 + 500 = 1300, COGS 580 →
    // contribution 720, share 1300/1500; S2: net 200 with no cost → listed as cost_missing.
    let s1 = &cny.products[0];
    assert_eq!(
        (
            s1.sku.as_str(),
            s1.net_sales.value(),
            s1.contribution.value()
        ),
        ("S1", dec!(1300), dec!(720))
    );
    assert_eq!(s1.sales_share.unwrap().to_output(), "0.8667");
    assert!(cny.products[1].cost_missing);
    assert_eq!(s1.stage, Some(crate::metrics::products::Stage::Launch));
}

#[test]
fn lifecycle_stages_are_measured_at_the_last_day_with_sales_in_the_period() {
    use crate::metrics::products::Stage;
    let l = Ledger::open_in_memory().unwrap();
    let a = l
        .ensure_store("A", Platform::Taobao, Currency::CNY)
        .unwrap()
        .id;
    for (d, sku, net) in [
        ("2025-12-10", "UP", dec!(100)),
        ("2026-01-20", "UP", dec!(300)),
        ("2025-12-20", "FLAT", dec!(100)),
        ("2026-01-31", "FLAT", dec!(110)),
        ("2026-01-25", "NEW", dec!(50)),
        ("2025-12-10", "GONE", dec!(200)),
        ("2026-01-02", "GONE", dec!(10)),
    ] {
        sku_day(&l, a, d, sku, dec!(1), dec!(1), net);
    }
    // The year 2026 with data only up to 31 January: stages as of 2026-01-31, so the last
    // 4 weeks are 01-04..01-31 and the previous 4 weeks 2025-12-07..01-03.
    let year = Filter {
        from: Some(day("2026-01-01")),
        to: Some(day("2026-12-31")),
        store: None,
    };
    let r = crate::metrics::query::products(&l, &year).unwrap();
    let cny = &r[0];
    assert_eq!(cny.stage_as_of, Some(day("2026-01-31")));
    let stage = |sku: &str| cny.products.iter().find(|p| p.sku == sku).unwrap().stage;
    // UP: 300 vs 100 (+200 %) → growth; FLAT: 110 vs 100 (+10 %) → mature;
    // NEW: first sold 01-25, 7 days on sale → launch; GONE: 0 vs 200 + 10 → decline.
    assert_eq!(stage("UP"), Some(Stage::Growth));
    assert_eq!(stage("FLAT"), Some(Stage::Mature));
    assert_eq!(stage("NEW"), Some(Stage::Launch));
    assert_eq!(stage("GONE"), Some(Stage::Decline));
    // A period without sales has no day to measure at, and no products.
    let none = Filter {
        from: Some(day("2026-02-01")),
        to: Some(day("2026-12-31")),
        store: None,
    };
    let r = crate::metrics::query::products(&l, &none).unwrap();
    assert_eq!(r[0].stage_as_of, None);
    assert!(r[0].products.is_empty());
}

/// A channel whose sales grow in proportion to spend (b = 1) gets no ceiling and says why;
/// a saturating one (b = 0.5) gets s* inside the spend it tried.
#[test]
fn channels_response_gives_a_ceiling_only_where_the_fit_supports_it() {
    let (l, a, imp) = break_even_2_5();
    for (i, sp) in [1i64, 4, 9, 16, 25, 36, 49, 64].iter().enumerate() {
        let d = format!("2026-03-{:02}", i + 1);
        // qianchuan: sales = 3 × spend (a straight line, b = 1).
        let line = Decimal::from(3 * sp);
        ad(
            &l,
            imp,
            a,
            "qianchuan",
            "",
            &d,
            7,
            Decimal::from(*sp),
            line,
            1,
            1,
            None,
        );
        // ztc: sales = 10 × √spend (b = 0.5).
        let root = Decimal::from(10 * (*sp as f64).sqrt() as i64);
        ad(
            &l,
            imp,
            a,
            "ztc",
            "",
            &d,
            15,
            Decimal::from(*sp),
            root,
            1,
            1,
            None,
        );
    }
    let v = serde_json::to_value(channels(&l, &Filter::default(), dec!(0)).unwrap()).unwrap();
    let rows = v["currencies"][0]["channels"].as_array().unwrap();
    let qc = &rows.iter().find(|r| r["channel"] == "qianchuan").unwrap()["response"];
    // b = 1: marginal roas 3 everywhere; no ceiling in the range tried (up to 64 a day).
    assert_eq!(
        qc,
        &json!({"points": 8, "a": "3", "b": "1", "marginal_roas": "3.0000",
                "spend_now": "64.00", "spend_ceiling": null, "max_spend": "64.00",
                "why": "no_saturation"})
    );
    let ztc = &rows.iter().find(|r| r["channel"] == "ztc").unwrap()["response"];
    // s* = (a·b·c)^(1/(1−b)) = (10 × 0.5 × 0.4)^2 = 4 ≤ 3 × 64; marginal roas at 64 =
    // 10 × 0.5 × 64^−0.5 = 0.625.
    assert_eq!(
        ztc,
        &json!({"points": 8, "a": "10", "b": "0.5", "marginal_roas": "0.6250",
                "spend_now": "64.00", "spend_ceiling": "4.00", "max_spend": "64.00",
                "why": null})
    );
}
