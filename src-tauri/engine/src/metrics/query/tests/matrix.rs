//! The store matrix (账号矩阵) and traffic figures: the summary fixture's CNY store "A" and
//! VND store "B", plus a second CNY store "C" (Douyin) with its own ad day, and traffic
//! reports for A and C. Expected values worked out by hand in the comments.

use super::*;

fn visit(l: &Ledger, imp: i64, store: StoreId, d: &str, visitors: i64, page_views: i64) {
    l.conn()
        .execute(
            "INSERT INTO traffic_days (import_id, store_id, day, visitors, page_views)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![imp, store.0, d, visitors, page_views],
        )
        .unwrap();
}

/// A: 200 + 100 visitors on its two order days (Jan 10, Jan 20). C: Jan 12, 2 orders,
/// gross 600, no refunds, no SKU rows (no COGS), qianchuan spend 100; 50 visitors that day
/// and 30 more on Jan 13, a day without orders.
fn matrix_fixture() -> (Ledger, StoreId, StoreId, StoreId) {
    let (l, a, b) = fixture();
    let c = l
        .ensure_store("C", Platform::Douyin, Currency::CNY)
        .unwrap()
        .id;
    store_day(&l, c, "2026-01-12", 2, dec!(3), dec!(600), dec!(0), dec!(0));
    let imp = import(&l);
    ad(
        &l,
        imp,
        c,
        "qianchuan",
        "",
        "2026-01-12",
        7,
        dec!(100),
        dec!(400),
        20,
        2,
        None,
    );
    visit(&l, imp, a, "2026-01-10", 200, 500);
    visit(&l, imp, a, "2026-01-20", 100, 300);
    visit(&l, imp, c, "2026-01-12", 50, 80);
    visit(&l, imp, c, "2026-01-13", 30, 40);
    (l, a, b, c)
}

#[test]
fn store_matrix_side_by_side_with_hand_computed_rows() {
    let (l, _, _, _) = matrix_fixture();
    let m = serde_json::to_value(store_matrix(&l, &Filter::default()).unwrap()).unwrap();
    assert_eq!(
        (m["from"].as_str(), m["to"].as_str()),
        (Some("2026-01-10"), Some("2026-01-20"))
    );
    let cny = &m["currencies"][0];
    assert_eq!(cny["currency"], "CNY");
    // A (own fixed costs only: none; the rent is the currency's): contribution 685 (summary
    // test), net profit 685 − 300 = 385, margin 385/1400 = 0.2750, roas 1400/300 = 4.6667,
    // profit roi 385/330 = 1.1667, break-even 1500/685 = 2.1898. Traffic: 300 visitors on
    // days with net sales 900 + 500 = 1400 and 5 orders: uv 4.6667 → 4.67, cvr 0.0167.
    // Share 1400 / 2000 = 0.7000.
    let a = json!({"id": 1, "store": "A", "platform": "taobao", "currency": "CNY",
        "orders": 5, "gross_sales": "1500.00", "net_sales": "1400.00", "ad_spend": "300.00",
        "fixed_costs": "0.00", "net_profit": "385.00", "net_margin": "0.2750",
        "store_roas": "4.6667", "profit_roi": "1.1667", "break_even_roas": "2.1898",
        "visitors": 300, "uv_value": "4.67", "store_cvr": "0.0167", "net_sales_share": "0.7000",
        // No tax rows and no regime set: no taxes, profit after tax = net profit.
        "taxes": no_taxes("0.00"), "profit_after_tax": "385.00"});
    // C: net 600, contribution 600, net profit 500 (0.8333), roas 6, profit roi 500/100 = 5,
    // break-even 600/600 = 1. Traffic: 80 visitors, the Jan 13 ones without sales:
    // uv 600/80 = 7.50, cvr 2/80 = 0.0250. Share 0.3000.
    let c = json!({"id": 3, "store": "C", "platform": "douyin", "currency": "CNY",
        "orders": 2, "gross_sales": "600.00", "net_sales": "600.00", "ad_spend": "100.00",
        "fixed_costs": "0.00", "net_profit": "500.00", "net_margin": "0.8333",
        "store_roas": "6.0000", "profit_roi": "5.0000", "break_even_roas": "1.0000",
        "visitors": 80, "uv_value": "7.50", "store_cvr": "0.0250", "net_sales_share": "0.3000",
        "taxes": no_taxes("0.00"), "profit_after_tax": "500.00"});
    assert_eq!(cny["stores"], json!([a, c]));
    // Total = the CNY summary: rent 1100 is shared, net profit 385 + 500 − 1100 = −215,
    // margin −215/2000 = −0.1075, roas 2000/400 = 5, profit roi −215/430 = −0.5000,
    // break-even 2100/1285 = 1.6342; uv 2000/380 = 5.26, cvr 7/380 = 0.0184.
    assert_eq!(
        cny["total"],
        json!({"orders": 7, "gross_sales": "2100.00", "net_sales": "2000.00",
            "ad_spend": "400.00", "fixed_costs": "1100.00", "net_profit": "-215.00",
            "net_margin": "-0.1075", "store_roas": "5.0000", "profit_roi": "-0.5000",
            "break_even_roas": "1.6342", "visitors": 380, "uv_value": "5.26",
            "store_cvr": "0.0184", "profit_after_tax": "-215.00", "taxes": no_taxes("0.00")})
    );
    // VND: B alone, no traffic report: visitors and UV value are null, not 0.
    let vnd = &m["currencies"][1];
    assert_eq!(vnd["currency"], "VND");
    assert_eq!(vnd["stores"].as_array().unwrap().len(), 1);
    assert_eq!(vnd["stores"][0]["net_sales_share"], "1.0000");
    assert!(vnd["total"]["visitors"].is_null() && vnd["total"]["uv_value"].is_null());
}

#[test]
fn matrix_totals_add_up_to_the_summary_and_never_mix_currencies() {
    let (l, _, _, _) = matrix_fixture();
    let period = Filter {
        from: Some(day("2026-01-10")),
        to: Some(day("2026-01-15")),
        store: None,
    };
    for f in [Filter::default(), period] {
        let m = store_matrix(&l, &f).unwrap();
        let s = summary(&l, &f).unwrap();
        assert_eq!(m.currencies.len(), s.currencies.len());
        for (cm, cs) in m.currencies.iter().zip(&s.currencies) {
            assert_eq!(cm.currency, cs.currency);
            // The total is the summary of that currency, figure for figure.
            assert_eq!(cm.total, MatrixFigures::from(cs), "{f:?}");
            // Additive figures are the sums of the rows, all in the row's currency.
            assert!(cm.stores.iter().all(|r| r.currency == cm.currency));
            let sum = |g: fn(&MatrixRow) -> Decimal| cm.stores.iter().map(g).sum::<Decimal>();
            assert_eq!(
                sum(|r| r.figures.gross_sales.value()),
                cs.gross_sales.value()
            );
            assert_eq!(sum(|r| r.figures.net_sales.value()), cs.net_sales.value());
            assert_eq!(sum(|r| r.figures.ad_spend.value()), cs.ad_spend.value());
            assert_eq!(
                sum(|r| Decimal::from(r.figures.orders)),
                Decimal::from(cs.orders)
            );
            let visitors: Option<i64> = cm
                .stores
                .iter()
                .filter_map(|r| r.figures.visitors)
                .reduce(|x, y| x + y);
            assert_eq!(visitors, cs.visitors);
            // Net profit: the rows' sum less the fixed costs only the total carries.
            let own_fixed = sum(|r| r.figures.fixed_costs.value());
            assert_eq!(
                sum(|r| r.figures.net_profit.value()) - (cs.fixed_costs.value() - own_fixed),
                cs.net_profit.value()
            );
        }
    }
    // Jan 10–15: A's Jan 10 (net 900, 3 orders, 200 visitors) and C's Jan 12–13.
    // CNY uv = (900 + 600) / (200 + 80) = 5.357 → 5.36.
    let m = store_matrix(
        &l,
        &Filter {
            from: Some(day("2026-01-10")),
            to: Some(day("2026-01-15")),
            store: None,
        },
    )
    .unwrap();
    assert_eq!(m.currencies[0].total.visitors, Some(280));
    assert_eq!(
        m.currencies[0].total.uv_value.unwrap().0.to_output(),
        "5.36"
    );
    // The VND store's 1,000,000 never reaches a CNY figure.
    assert_eq!(m.currencies[0].total.net_sales.value(), dec!(1500));
    assert_eq!(m.currencies[1].total.net_sales.value(), dec!(1000000));
}

#[test]
fn a_store_filter_keeps_the_matrix_to_that_store() {
    let (l, _, _, c) = matrix_fixture();
    let f = Filter {
        store: Some("C".into()),
        ..Default::default()
    };
    let m = store_matrix(&l, &f).unwrap();
    assert_eq!(m.currencies.len(), 1);
    assert_eq!(m.currencies[0].stores.len(), 1);
    assert_eq!(m.currencies[0].stores[0].id, c);
    assert_eq!(
        m.currencies[0].stores[0]
            .net_sales_share
            .unwrap()
            .to_output(),
        "1.0000"
    );
    assert_eq!(m.currencies[0].total, m.currencies[0].stores[0].figures);
}

/// The dashboard's summary (added up from the monthly totals) carries the same traffic
/// figures as `summary`.
#[test]
fn summary_from_months_keeps_traffic() {
    let (l, _, _, _) = matrix_fixture();
    let f = Filter::default();
    let (s, _) = crate::metrics::summary_and_monthly(&l, &f).unwrap();
    let direct = summary(&l, &f).unwrap();
    assert_eq!(s, direct);
    let cny = s
        .currencies
        .iter()
        .find(|c| c.currency == Currency::CNY)
        .unwrap();
    // A 200 + 100, C 50 + 30.
    assert_eq!(cny.visitors, Some(380));
}
