//! Query tests: rows go straight into the aggregate, ad and cost tables; the JSON is checked
//! key for key against figures worked out by hand (in the comments).

use rusqlite::params;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::json;

use super::totals::prorate;
use super::*;
use crate::db::Ledger;
use crate::metrics::{channels, monthly, summary};
use crate::model::{Platform, Scaled, SkuCost};

mod open_days;
mod plans;

fn s(d: Decimal) -> i64 {
    Scaled::from_decimal(d).unwrap().0
}

fn day(t: &str) -> NaiveDate {
    t.parse().unwrap()
}

#[allow(clippy::too_many_arguments)]
fn store_day(
    l: &Ledger,
    store: StoreId,
    d: &str,
    orders: i64,
    units: Decimal,
    gross: Decimal,
    refunds: Decimal,
    sub: Decimal,
) {
    l.conn()
        .execute(
            "INSERT INTO agg_store_day VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![store.0, d, orders, s(units), s(gross), s(refunds), s(sub)],
        )
        .unwrap();
}

fn sku_day(
    l: &Ledger,
    store: StoreId,
    d: &str,
    sku: &str,
    units: Decimal,
    net: Decimal,
    gross: Decimal,
) {
    l.conn()
        .execute(
            "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds,
                    subsidy_net) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0)",
            params![store.0, d, sku, s(units), s(net), s(gross)],
        )
        .unwrap();
}

fn fee_day(l: &Ledger, store: StoreId, d: &str, kind: &str, amount: Decimal) {
    l.conn()
        .execute(
            "INSERT INTO agg_fee_day VALUES (?1, ?2, ?3, ?4)",
            params![store.0, d, kind, s(amount)],
        )
        .unwrap();
}

/// An import row for the ad days' foreign key.
fn import(l: &Ledger) -> i64 {
    l.conn()
        .execute(
            "INSERT INTO imports (file_name, file_hash, platform, report, imported_at)
             VALUES ('ads.xlsx', 'h', 'taobao', 'ads', '2026-02-01')",
            [],
        )
        .unwrap();
    l.conn().last_insert_rowid()
}

#[allow(clippy::too_many_arguments)]
fn ad(
    l: &Ledger,
    imp: i64,
    store: StoreId,
    ch: &str,
    campaign: &str,
    d: &str,
    window: i64,
    spend: Decimal,
    sales: Decimal,
    clicks: i64,
    orders: i64,
    counts: Option<(i64, i64)>,
) {
    l.conn()
        .execute(
            "INSERT INTO ad_days (import_id, store_id, channel, campaign, day, window_days, spend,
                 impressions, clicks, platform_sales, platform_orders, collects, add_to_carts,
                 assisted_conversions, last_click_conversions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 5, 5, ?12, ?13)",
            params![
                imp,
                store.0,
                ch,
                campaign,
                d,
                window,
                s(spend),
                clicks * 10,
                clicks,
                s(sales),
                orders,
                counts.map(|c| c.0),
                counts.map(|c| c.1)
            ],
        )
        .unwrap();
}

/// CNY store "A" (Jan 10 and Jan 20) and VND store "B" (Jan 15). See the summary test.
fn fixture() -> (Ledger, StoreId, StoreId) {
    let mut l = Ledger::open_in_memory().unwrap();
    let a = l
        .ensure_store("A", Platform::Taobao, Currency::CNY)
        .unwrap()
        .id;
    let b = l
        .ensure_store("B", Platform::ShopeeVn, Currency::VND)
        .unwrap()
        .id;
    store_day(
        &l,
        a,
        "2026-01-10",
        3,
        dec!(5),
        dec!(1000),
        dec!(100),
        dec!(20),
    );
    store_day(&l, a, "2026-01-20", 2, dec!(2), dec!(500), dec!(0), dec!(0));
    sku_day(&l, a, "2026-01-10", "S1", dec!(4), dec!(3.6), dec!(800));
    sku_day(&l, a, "2026-01-10", "S2", dec!(1), dec!(1), dec!(200));
    sku_day(&l, a, "2026-01-20", "S1", dec!(2), dec!(2), dec!(500));
    let cost = |c, f: &str| SkuCost {
        sku: "S1".into(),
        unit_cost: c,
        valid_from: day(f),
        currency: None,
    };
    l.import_sku_costs(
        Currency::CNY,
        vec![cost(dec!(100), "1970-01-01"), cost(dec!(110), "2026-01-15")],
    )
    .unwrap();
    fee_day(&l, a, "2026-01-10", "platform_commission", dec!(75));
    fee_day(&l, a, "2026-01-10", "subsidy", dec!(10));
    fee_day(&l, a, "2026-01-20", "shipping", dec!(30));
    let imp = import(&l);
    // c1 is reported for two windows: only the 15-day row counts.
    ad(
        &l,
        imp,
        a,
        "ztc",
        "c1",
        "2026-01-10",
        15,
        dec!(200),
        dec!(600),
        100,
        3,
        None,
    );
    ad(
        &l,
        imp,
        a,
        "ztc",
        "c1",
        "2026-01-10",
        1,
        dec!(200),
        dec!(300),
        100,
        2,
        None,
    );
    ad(
        &l,
        imp,
        a,
        "ztc",
        "c2",
        "2026-01-20",
        15,
        dec!(100),
        dec!(150),
        50,
        1,
        None,
    );
    l.set_fixed_cost(None, Currency::CNY, day("2026-01-01"), "rent", dec!(3100))
        .unwrap();
    store_day(
        &l,
        b,
        "2026-01-15",
        1,
        dec!(1),
        dec!(1000000),
        dec!(0),
        dec!(0),
    );
    sku_day(&l, b, "2026-01-15", "S1", dec!(1), dec!(1), dec!(1000000));
    (l, a, b)
}

/// The `taxes` object of a ledger with no tax rows and no regime: every part zero.
fn no_taxes(zero: &str) -> serde_json::Value {
    json!({"vat": zero, "income_tax": zero, "withheld": zero, "estimated": zero, "total": zero})
}

fn fees(commission: &str, subsidy: &str, shipping: &str, zero: &str) -> serde_json::Value {
    json!({"platform_commission": commission, "service_fee": zero, "payment_fee": zero,
           "affiliate_commission": zero, "shipping": shipping, "shipping_insurance": zero,
           "subsidy": subsidy, "other": zero})
}

#[test]
fn summary_all_stores_one_object_per_currency() {
    let (l, _, _) = fixture();
    let v = serde_json::to_value(summary(&l, &Filter::default()).unwrap()).unwrap();
    // CNY: gross 1500, refunds 100, net 1400. COGS: S1 3.6 × 100 (Jan 10) + 2 × 110 (Jan 20)
    // = 580; S2 has no cost (listed). Fees: commission 75, subsidy 20 + 10, shipping 30 → 135.
    // contribution 1400 − 580 − 135 = 685 (m 0.4893). Ads: 200 + 100 = 300 (the 1-day window
    // row is not counted twice). Fixed: rent 3100 × 11 days (Jan 10–20) / 31 = 1100.
    // net profit 685 − 300 − 1100 = −715; margin −0.5107; marketing 300 + 30 = 330;
    // store roas 1400/300 = 4.6667; profit roi −715/330 = −2.1667; break-even 1500/685 = 2.1898.
    let cny = json!({
        "currency": "CNY", "stores": ["A"], "orders": 5, "units": 7,
        "gross_sales": "1500.00", "refunds": "100.00", "net_sales": "1400.00", "cogs": "580.00",
        "fees": fees("75.00", "30.00", "30.00", "0.00"),
        "hidden_costs": "135.00", "contribution": "685.00", "contribution_margin": "0.4893",
        "ad_spend": "300.00", "fixed_costs": "1100.00", "net_profit": "-715.00",
        "net_margin": "-0.5107", "marketing_spend": "330.00", "store_roas": "4.6667",
        "profit_roi": "-2.1667", "break_even_roas": "2.1898",
        "visitors": null, "page_views": null, "uv_value": null, "store_cvr": null,
        "missing_cost_skus": [{"currency": "CNY", "sku": "S2", "units": 1, "gross": "200.00"}],
        // No tax rows, no regime: profit after tax = net profit. Provisional: the period ends
        // on the latest imported day (inside the 15-day window); no settlement files, so no
        // unsettled share.
        "taxes": no_taxes("0.00"), "tax_estimates": [], "profit_after_tax": "-715.00",
        "provisional": true, "unsettled_share": null
    });
    // VND: 1,000,000 of sales, no costs known (S1's cost is in CNY): COGS 0 with S1 listed.
    let vnd = json!({
        "currency": "VND", "stores": ["B"], "orders": 1, "units": 1,
        "gross_sales": "1000000", "refunds": "0", "net_sales": "1000000", "cogs": "0",
        "fees": fees("0", "0", "0", "0"),
        "hidden_costs": "0", "contribution": "1000000", "contribution_margin": "1.0000",
        "ad_spend": "0", "fixed_costs": "0", "net_profit": "1000000", "net_margin": "1.0000",
        "marketing_spend": "0", "store_roas": null, "profit_roi": null,
        "break_even_roas": "1.0000",
        "visitors": null, "page_views": null, "uv_value": null, "store_cvr": null,
        "missing_cost_skus": [{"currency": "VND", "sku": "S1", "units": 1, "gross": "1000000"}],
        "taxes": no_taxes("0"), "tax_estimates": [], "profit_after_tax": "1000000",
        "provisional": true, "unsettled_share": null
    });
    assert_eq!(
        v,
        json!({"from": "2026-01-10", "to": "2026-01-20", "currencies": [cny, vnd]})
    );
}

#[test]
fn store_filter_uses_only_that_stores_fixed_costs() {
    let (l, a, _) = fixture();
    l.set_fixed_cost(
        Some(a),
        Currency::CNY,
        day("2026-01-01"),
        "tools",
        dec!(310),
    )
    .unwrap();
    let f = Filter {
        store: Some("A".into()),
        ..Default::default()
    };
    let sm = summary(&l, &f).unwrap();
    assert_eq!(sm.currencies.len(), 1);
    // 310 × 11 / 31 = 110; the all-stores rent is not charged to one store.
    assert_eq!(sm.currencies[0].fixed_costs.value(), dec!(110));
    let all = summary(&l, &Filter::default()).unwrap();
    assert_eq!(all.currencies[0].fixed_costs.value(), dec!(1210));
    let err = summary(
        &l,
        &Filter {
            store: Some("nope".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    assert_eq!(err.exit_code(), 2);
    let bad = Filter {
        from: Some(day("2026-02-01")),
        to: Some(day("2026-01-01")),
        store: None,
    };
    assert!(matches!(summary(&l, &bad), Err(Error::InvalidArgument(_))));
}

#[test]
fn empty_ledger_has_no_period_and_no_currencies() {
    let l = Ledger::open_in_memory().unwrap();
    let v = serde_json::to_value(summary(&l, &Filter::default()).unwrap()).unwrap();
    assert_eq!(v, json!({"from": null, "to": null, "currencies": []}));
}

#[test]
fn disjoint_periods_add_up() {
    let (l, _, _) = fixture();
    let part = |a: &str, b: &str| {
        let f = Filter {
            from: Some(day(a)),
            to: Some(day(b)),
            store: None,
        };
        summary(&l, &f).unwrap().currencies[0].figures.clone()
    };
    let (x, y, all) = (
        part("2026-01-10", "2026-01-15"),
        part("2026-01-16", "2026-01-20"),
        part("2026-01-10", "2026-01-20"),
    );
    assert_eq!(x.net_profit + y.net_profit, all.net_profit);
    assert_eq!(x.cogs + y.cogs, all.cogs);
    assert_eq!(x.fixed_costs + y.fixed_costs, all.fixed_costs);
    assert_eq!(all.net_profit, dec!(-715));
}

#[test]
fn prorates_fixed_costs_by_days() {
    let jan = day("2026-01-01");
    assert_eq!(
        prorate(dec!(3100), jan, day("2026-01-01"), day("2026-01-15")),
        dec!(1500)
    );
    assert_eq!(
        prorate(dec!(3100), jan, day("2025-12-01"), day("2026-03-01")),
        dec!(3100)
    );
    assert_eq!(
        prorate(
            dec!(2800),
            day("2026-02-01"),
            day("2026-02-28"),
            day("2026-03-31")
        ),
        dec!(100)
    );
    assert_eq!(
        prorate(dec!(3100), jan, day("2026-02-01"), day("2026-02-02")),
        dec!(0)
    );
}

mod channels;
mod compare;
mod drill;
mod matrix;
mod money;
mod subsidy;

#[test]
fn summary_and_monthly_read_once_equal_the_two_queries() {
    let (l, a, _) = fixture();
    // February for A: 2 more units of S2 (no cost) and rent 2800 for the month.
    store_day(&l, a, "2026-02-05", 1, dec!(2), dec!(400), dec!(0), dec!(0));
    sku_day(&l, a, "2026-02-05", "S2", dec!(2), dec!(2), dec!(400));
    l.set_fixed_cost(None, Currency::CNY, day("2026-02-01"), "rent", dec!(2800))
        .unwrap();
    let period = |from: Option<&str>, to: Option<&str>, store: Option<&str>| Filter {
        from: from.map(day),
        to: to.map(day),
        store: store.map(String::from),
    };
    for f in [
        Filter::default(),
        period(Some("2026-01-15"), Some("2026-02-10"), None),
        period(None, None, Some("A")),
    ] {
        let (s, m) = summary_and_monthly(&l, &f).unwrap();
        assert_eq!(s, summary(&l, &f).unwrap(), "{f:?}");
        assert_eq!(m, monthly(&l, &f).unwrap(), "{f:?}");
    }
    // S2 unpriced in both months: 1 + 2 units, 200 + 400 of sales, listed once.
    let (s, _) = summary_and_monthly(&l, &Filter::default()).unwrap();
    let missing = serde_json::to_value(&s.currencies[0].missing_cost_skus).unwrap();
    assert_eq!(
        missing,
        json!([{"currency": "CNY", "sku": "S2", "units": 3, "gross": "600.00"}])
    );
    // Jan 10 – Feb 5: rent 3100 × 22/31 = 2200 plus 2800 × 5/28 = 500.
    assert_eq!(s.currencies[0].fixed_costs.value(), dec!(2700));
}

#[test]
fn summary_and_monthly_of_an_empty_ledger() {
    let l = Ledger::open_in_memory().unwrap();
    let (s, m) = summary_and_monthly(&l, &Filter::default()).unwrap();
    assert_eq!((s.currencies.len(), m.currencies.len()), (0, 0));
}

#[test]
fn daily_series_for_two_months_or_less() {
    let l = Ledger::open_in_memory().unwrap();
    let a = l
        .ensure_store("A", Platform::Taobao, Currency::CNY)
        .unwrap()
        .id;
    // Mar 2: GMV 500, refund 100 → net 400; Mar 4: GMV 300 → net 300. Rent 3100 for March
    // is 100 a day (3100 ÷ 31): net profit Mar 2 = 400 − 100 = 300, Mar 3 = −100,
    // Mar 4 = 300 − 100 = 200 (no costs, fees or ads entered).
    store_day(
        &l,
        a,
        "2026-03-02",
        2,
        dec!(2),
        dec!(500),
        dec!(100),
        dec!(0),
    );
    store_day(&l, a, "2026-03-04", 1, dec!(1), dec!(300), dec!(0), dec!(0));
    l.set_fixed_cost(None, Currency::CNY, day("2026-03-01"), "rent", dec!(3100))
        .unwrap();
    let period = |from: &str, to: &str| Filter {
        from: Some(day(from)),
        to: Some(day(to)),
        store: None,
    };
    let d = daily(&l, &period("2026-03-02", "2026-03-04"))
        .unwrap()
        .expect("three days");
    let days = &d.currencies[0].months;
    let got: Vec<(&str, Decimal, Decimal)> = days
        .iter()
        .map(|m| (m.month.as_str(), m.net_sales.value(), m.net_profit.value()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-03-02", dec!(400), dec!(300)),
            ("2026-03-03", dec!(0), dec!(-100)),
            ("2026-03-04", dec!(300), dec!(200)),
        ]
    );
    // 62 days is still daily; 63 days is the monthly trend's.
    assert!(daily(&l, &period("2026-03-01", "2026-05-01"))
        .unwrap()
        .is_some());
    assert!(daily(&l, &period("2026-03-01", "2026-05-02"))
        .unwrap()
        .is_none());
    assert!(
        daily(&Ledger::open_in_memory().unwrap(), &Filter::default())
            .unwrap()
            .is_none()
    );
}
