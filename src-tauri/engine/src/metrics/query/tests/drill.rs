//! Drill-down: the rows behind a figure, filtered like the figure, paged by 100.

use super::*;
use crate::metrics::{drill, DrillPage, Figure};

#[allow(clippy::too_many_arguments)]
fn line(
    l: &Ledger,
    imp: i64,
    store: StoreId,
    (order, line_id): (&str, &str),
    sku: &str,
    d: &str,
    (qty, list, f, discount): (Decimal, Decimal, Decimal, Decimal),
    (cancelled, current): (bool, bool),
) {
    l.conn()
        .execute(
            "INSERT INTO order_lines (import_id, store_id, order_id, line_id, sku, product, day,
                 cancelled, qty, list_amount, seller_discount, platform_discount, refund_fraction,
                 refund_amount, refund_qty, subsidy_net, is_current)
             VALUES (?1, ?2, ?3, ?4, ?5, 'P', ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?13, ?14, ?15)",
            params![
                imp,
                store.0,
                order,
                line_id,
                sku,
                d,
                cancelled,
                s(qty),
                s(list),
                s(discount),
                f.to_string(),
                s(f * list),
                s(f * qty),
                s((Decimal::ONE - f) * discount),
                current
            ],
        )
        .unwrap();
}

fn fee(
    l: &Ledger,
    imp: i64,
    store: StoreId,
    d: &str,
    kind: &str,
    amount: Decimal,
    superseded: bool,
) {
    l.conn()
        .execute(
            "INSERT INTO fees (import_id, store_id, order_id, day, kind, amount, reference, rank,
                 superseded) VALUES (?1, ?2, 'O1', ?3, ?4, ?5, ?6, 2, ?7)",
            params![
                imp,
                store.0,
                d,
                kind,
                s(amount),
                format!("ref-{kind}-{superseded}"),
                superseded
            ],
        )
        .unwrap();
}

fn ledger() -> (Ledger, StoreId, i64) {
    let mut l = Ledger::open_in_memory().unwrap();
    let a = l
        .ensure_store("A", Platform::Taobao, Currency::CNY)
        .unwrap()
        .id;
    let imp = import(&l);
    let ok = (false, true);
    line(
        &l,
        imp,
        a,
        ("O1", "1"),
        "S1",
        "2026-01-10",
        (dec!(2), dec!(200), dec!(0), dec!(10)),
        ok,
    );
    line(
        &l,
        imp,
        a,
        ("O1", "2"),
        "S2",
        "2026-01-10",
        (dec!(1), dec!(50), dec!(1), dec!(0)),
        ok,
    );
    line(
        &l,
        imp,
        a,
        ("O2", "1"),
        "S1",
        "2026-01-11",
        (dec!(1), dec!(100), dec!(0), dec!(0)),
        (true, true),
    );
    let older = import(&l);
    line(
        &l,
        older,
        a,
        ("O3", "1"),
        "S1",
        "2026-01-12",
        (dec!(3), dec!(300), dec!(0), dec!(0)),
        (false, false),
    );
    line(
        &l,
        imp,
        a,
        ("O3", "1"),
        "S1",
        "2026-01-12",
        (dec!(3), dec!(270), dec!(0), dec!(0)),
        ok,
    );
    l.import_sku_costs(
        Currency::CNY,
        vec![SkuCost {
            sku: "S1".into(),
            unit_cost: dec!(100),
            valid_from: day("1970-01-01"),
            currency: None,
        }],
    )
    .unwrap();
    fee(
        &l,
        imp,
        a,
        "2026-01-10",
        "platform_commission",
        dec!(20),
        false,
    );
    fee(
        &l,
        imp,
        a,
        "2026-01-10",
        "platform_commission",
        dec!(25),
        true,
    );
    fee(&l, imp, a, "2026-01-11", "subsidy", dec!(5), false);
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
        "qianchuan",
        "",
        "2026-01-11",
        7,
        dec!(50),
        dec!(100),
        10,
        1,
        None,
    );
    l.set_fixed_cost(None, Currency::CNY, day("2026-01-01"), "rent", dec!(3100))
        .unwrap();
    (l, a, imp)
}

fn jan(l: &Ledger, figure: &str, page: i64) -> DrillPage {
    let f = Filter {
        from: Some(day("2026-01-10")),
        to: Some(day("2026-01-20")),
        store: None,
    };
    drill(l, &f, Currency::CNY, &Figure::parse(figure).unwrap(), page).unwrap()
}

fn strs(row: &[Option<String>]) -> Vec<&str> {
    row.iter().map(|c| c.as_deref().unwrap_or("∅")).collect()
}

#[test]
fn order_lines_behind_sales_skip_cancelled_and_old_versions() {
    let (l, _, _) = ledger();
    let p = jan(&l, "gross_sales", 0);
    assert_eq!(
        (p.source, p.total_rows, p.page_size),
        ("order_lines", 3, 100)
    );
    let keys: Vec<&str> = p.columns.iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            "day",
            "store",
            "order_id",
            "sku",
            "product",
            "qty",
            "list_amount",
            "refunds",
            "seller_discount",
            "unit_cost",
            "cogs"
        ]
    );
    // S1 × 2 at 100 → COGS 200; S2 refunded in full and without a cost (null, not 0);
    // O3's current version is 270.
    assert_eq!(
        strs(&p.rows[0]),
        [
            "2026-01-10",
            "A",
            "O1",
            "S1",
            "P",
            "2",
            "200.00",
            "0.00",
            "10.00",
            "100.00",
            "200.00"
        ]
    );
    assert_eq!(
        strs(&p.rows[1]),
        [
            "2026-01-10",
            "A",
            "O1",
            "S2",
            "P",
            "1",
            "50.00",
            "50.00",
            "0.00",
            "∅",
            "∅"
        ]
    );
    assert_eq!(
        strs(&p.rows[2]),
        [
            "2026-01-12",
            "A",
            "O3",
            "S1",
            "P",
            "3",
            "270.00",
            "0.00",
            "0.00",
            "100.00",
            "300.00"
        ]
    );
    assert_eq!(jan(&l, "refunds", 0).total_rows, 1);
    assert_eq!(jan(&l, "sku:S1", 0).total_rows, 2);
    assert_eq!(jan(&l, "net_profit", 0).total_rows, 3);
}

#[test]
fn fee_rows_include_line_subsidies_and_skip_superseded() {
    let (l, _, _) = ledger();
    let c = jan(&l, "platform_commission", 0);
    assert_eq!(c.source, "fees");
    assert_eq!(
        c.rows.iter().map(|r| strs(r)).collect::<Vec<_>>(),
        [[
            "2026-01-10",
            "A",
            "O1",
            "ref-platform_commission-false",
            "platform_commission",
            "20.00"
        ]]
    );
    // Subsidy = the line's seller discount (1 − 0) × 10 plus the fee row of 5.
    let sub = jan(&l, "fee:subsidy", 0);
    let amounts: Vec<&str> = sub.rows.iter().map(|r| r[5].as_deref().unwrap()).collect();
    assert_eq!(amounts, ["10.00", "5.00"]);
    assert_eq!(jan(&l, "hidden_costs", 0).total_rows, 3);
}

#[test]
fn ad_days_count_the_longest_window_once() {
    let (l, _, _) = ledger();
    let p = jan(&l, "ad_spend", 0);
    assert_eq!((p.source, p.total_rows), ("ad_days", 2));
    assert_eq!(
        strs(&p.rows[0]),
        [
            "2026-01-10",
            "A",
            "ztc",
            "c1",
            "15",
            "200.00",
            "100",
            "3",
            "600.00",
            "3.0000"
        ]
    );
    let q = jan(&l, "channel:qianchuan", 0);
    assert_eq!(
        strs(&q.rows[0]),
        [
            "2026-01-11",
            "A",
            "qianchuan",
            "",
            "7",
            "50.00",
            "10",
            "1",
            "100.00",
            "2.0000"
        ]
    );
    assert!(Figure::parse("channel:nope").is_err());
    assert!(Figure::parse("vibes").is_err());
}

#[test]
fn fixed_costs_show_the_share_the_period_carries() {
    let (l, _, _) = ledger();
    let p = jan(&l, "fixed_costs", 0);
    // 3100 × 11 days (Jan 10–20) / 31 = 1100.
    assert_eq!(
        p.rows.iter().map(|r| strs(r)).collect::<Vec<_>>(),
        [["2026-01", "∅", "rent", "3100.00", "1100.00"]]
    );
}

#[test]
fn pages_hold_one_hundred_rows() {
    let (l, a, imp) = ledger();
    for i in 0..205 {
        line(
            &l,
            imp,
            a,
            (&format!("B{i:03}"), "1"),
            "BULK",
            "2026-01-15",
            (dec!(1), dec!(1), dec!(0), dec!(0)),
            (false, true),
        );
    }
    let first = jan(&l, "sku:BULK", 0);
    assert_eq!((first.total_rows, first.rows.len()), (205, 100));
    assert_eq!(first.rows[0][2].as_deref(), Some("B000"));
    let last = jan(&l, "sku:BULK", 2);
    assert_eq!((last.page, last.rows.len()), (2, 5));
    assert_eq!(last.rows[4][2].as_deref(), Some("B204"));
    // Another currency under the same filter has nothing behind it.
    let f = Filter::default();
    assert_eq!(
        drill(&l, &f, Currency::VND, &Figure::OrderLines, 0)
            .unwrap()
            .total_rows,
        0
    );
}

#[test]
fn repurchase_rate_counts_buyers_with_two_orders() {
    let (l, a, imp) = ledger();
    // Buyers: b1 ordered O1 (two lines) and O3; b2 only O2, which was cancelled; b3 O4.
    for (order, buyer) in [("O1", "b1"), ("O3", "b1"), ("O2", "b2")] {
        l.conn()
            .execute(
                "UPDATE order_lines SET buyer_hash = ?1 WHERE order_id = ?2",
                params![buyer, order],
            )
            .unwrap();
    }
    line(
        &l,
        imp,
        a,
        ("O4", "1"),
        "S1",
        "2026-01-13",
        (dec!(1), dec!(10), dec!(0), dec!(0)),
        (false, true),
    );
    l.conn()
        .execute(
            "UPDATE order_lines SET buyer_hash = 'b3' WHERE order_id = 'O4'",
            [],
        )
        .unwrap();
    let f = Filter {
        from: Some(day("2026-01-10")),
        to: Some(day("2026-01-20")),
        store: None,
    };
    let r = crate::metrics::repurchase(&l, &f).unwrap();
    // b1 has 2 orders, b3 has 1 (b2's only order was cancelled): 1 of 2 = 0.5.
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!([{"currency": "CNY", "buyers": 2,
        "repeat_buyers": 1, "repurchase_rate": "0.5000"}])
    );
}
