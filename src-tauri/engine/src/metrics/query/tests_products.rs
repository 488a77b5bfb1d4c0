//! The product matrix per store: each store's SKUs against that store's own medians.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::model::{OrderLine, Platform, SkuCost};

/// Storage integers (1/10,000) of a whole amount or count.
fn s(v: i64) -> i64 {
    v * 10_000
}

/// Two CNY stores. 抖店 (net sales 1,000): A1 600 (2 units at cost 200 → contribution 200),
/// A2 300 (1 unit at 100 → 200), A3 100 (1 unit at 90 → 10). 淘宝 (net 40,000): B1 10,000
/// (10 units at 950 → 500), B2 30,000 (10 units at 2,000 → 10,000).
fn ledger() -> Ledger {
    let mut l = Ledger::open_in_memory().expect("ledger");
    let a = l
        .ensure_store("棉语家居抖音旗舰店", Platform::Douyin, Currency::CNY)
        .expect("store")
        .id;
    let b = l
        .ensure_store("棉语家居淘宝店", Platform::Taobao, Currency::CNY)
        .expect("store")
        .id;
    let mut costs = Vec::new();
    for (store, sku, units, net, cost) in [
        (a, "A1", 2, 600, 200),
        (a, "A2", 1, 300, 100),
        (a, "A3", 1, 100, 90),
        (b, "B1", 10, 10_000, 950),
        (b, "B2", 10, 30_000, 2_000),
    ] {
        l.conn()
            .execute(
                "INSERT INTO agg_sku_day (store_id, day, sku, units, net_units, gross, refunds,
                    subsidy_net) VALUES (?1, '2026-03-01', ?2, ?3, ?3, ?4, 0, 0)",
                rusqlite::params![store.0, sku, s(units), s(net)],
            )
            .expect("agg row");
        costs.push(SkuCost {
            sku: sku.into(),
            unit_cost: Decimal::from(cost),
            valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).expect("day"),
            currency: None,
        });
    }
    l.import_sku_costs(Currency::CNY, costs).expect("costs");
    l
}

fn dec(v: &str) -> Decimal {
    v.parse().expect("decimal")
}

#[test]
fn each_store_s_skus_are_judged_against_that_store_s_medians() {
    let l = ledger();
    let all = products(&l, &Filter::default()).expect("products");
    let cny = &all[0];
    assert_eq!(cny.by_store.len(), 2);

    // 抖店: shares 0.6, 0.3, 0.1 → median 0.3; margins 1/3, 2/3, 0.1 → median 1/3.
    let a = &cny.by_store[0];
    assert_eq!(a.store.as_deref(), Some("棉语家居抖音旗舰店"));
    assert_eq!(a.median_share.map(Rate::value), Some(dec("0.3")));
    assert_eq!(
        a.median_margin.map(Rate::value),
        Some(Decimal::from(200) / Decimal::from(600))
    );
    let q = |p: &CurrencyProducts, sku: &str| {
        p.products
            .iter()
            .find(|r| r.sku == sku)
            .and_then(|r| r.quadrant)
    };
    // A1 (0.6, 1/3) and A2 (0.3, 2/3) are at or above both medians; A3 (0.1, 0.1) below.
    assert_eq!(q(a, "A1"), Some(Quadrant::Star));
    assert_eq!(q(a, "A2"), Some(Quadrant::Star));
    assert_eq!(q(a, "A3"), Some(Quadrant::DropCandidate));
    assert!(
        q(a, "B1").is_none(),
        "another store's SKU is not in the store's matrix"
    );

    // 淘宝: shares 0.25, 0.75 → median 0.5; margins 0.05, 1/3 → median (0.05 + 1/3) / 2.
    let b = &cny.by_store[1];
    assert_eq!(b.median_share.map(Rate::value), Some(dec("0.5")));
    let want = (dec("0.05") + Decimal::from(10_000) / Decimal::from(30_000)) / Decimal::TWO;
    assert_eq!(b.median_margin.map(Rate::value), Some(want));
    assert_eq!(q(b, "B1"), Some(Quadrant::DropCandidate));
    assert_eq!(q(b, "B2"), Some(Quadrant::Star));

    // Pooled over the currency (net 41,000), A2's share 300 / 41,000 is below the median
    // share (A1's 600 / 41,000): against 淘宝's big sellers it would not be a star.
    assert_eq!(
        cny.median_share.map(Rate::value),
        Some(Decimal::from(600) / Decimal::from(41_000))
    );
    assert_eq!(q(cny, "A2"), Some(Quadrant::ProfitNiche));

    // One store chosen: no split.
    let one = Filter {
        store: Some("棉语家居淘宝店".into()),
        ..Filter::default()
    };
    assert!(products(&l, &one).expect("products")[0].by_store.is_empty());
}

/// A SKU is named from its non-cancelled lines, the greatest spelling (kept per day in
/// `agg_sku_day.product`, migration 013), not from a cancelled order's.
#[test]
fn a_sku_is_named_from_its_non_cancelled_lines() {
    use crate::db::tests_write::{import, line, setup};
    use crate::import::LedgerSink;
    use crate::model::OrderStatus;
    let (mut l, store) = setup();
    import(&mut l, store, |w| {
        let z = Decimal::ZERO;
        let b = OrderLine {
            product: Some("Mug 350ml".into()),
            ..line("B", dec("90"), z)
        };
        let c = OrderLine {
            product: Some("Zz mug".into()),
            status: OrderStatus::Cancelled,
            ..line("C", dec("80"), z)
        };
        for l in [line("A", dec("100"), z), b, c] {
            w.order_line(l).expect("line");
        }
    });
    let all = products(&l, &Filter::default()).expect("products");
    let names: Vec<(&str, Option<&str>)> = (all[0].products.iter())
        .map(|p| (p.sku.as_str(), p.product.as_deref()))
        .collect();
    assert_eq!(names, [("MUG-01", Some("Mug 350ml"))]);
}
