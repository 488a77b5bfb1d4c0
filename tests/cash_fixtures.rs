//! `cash --json` (cli.md "Additions", metrics.md §10) over order exports imported with the
//! settlement files of the same orders (tests/fixtures/gen_cash.py; the Douyin pair from
//! generate.py). Every figure of each currency is asserted to the minor unit against the
//! arithmetic written beside it (also in tests/fixtures/README.md "Cash").

// A test crate: helpers fail by panicking, like the tests themselves.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

const TT: &str = "TikTok Cash Shop";
const SP: &str = "Shopee Cash Shop";
const DY: &str = "抖店对账店";

fn store(files: &[&str], name: &str) -> TempDb {
    let db = TempDb::new();
    for f in files {
        db.import_fixture(f, name);
    }
    db
}

fn tiktok() -> TempDb {
    store(
        &[
            "cash/All_order-20260228.xlsx",
            "cash/income_20260201000000-20260228235959(UTC+7).xlsx",
        ],
        TT,
    )
}

fn shopee() -> TempDb {
    store(
        &[
            "cash/Order.all.20260101_20260228.xlsx",
            "cash/Income.đã phát hành.vn.20260201_20260228.xlsx",
            "shopee_vn/my_balance_transaction_report.shopee.20260201_20260228.xlsx",
        ],
        SP,
    )
}

fn cash(db: &TempDb, from: &str, to: &str) -> Value {
    let r = db.json(&["cash", "--from", from, "--to", to, "--json"]);
    assert_eq!(r["from"], from);
    assert_eq!(r["to"], to);
    let cs = r["currencies"].as_array().unwrap();
    assert_eq!(cs.len(), 1, "{r}");
    cs[0].clone()
}

/// The whole `currencies[0]` of `cash --json` for [from, to] equals `want`.
#[track_caller]
fn assert_cash(db: &TempDb, from: &str, to: &str, want: Value) {
    assert_eq!(cash(db, from, to), want, "cash {from} … {to}");
}

/// `summary --json` carries the same `provisional` and `unsettled_share` as `cash`.
#[track_caller]
fn assert_summary_provisional(db: &TempDb, from: &str, to: &str, provisional: bool, share: &str) {
    let s = summary(db, from, to);
    assert_eq!(s["provisional"], provisional, "summary {from} … {to}");
    assert_eq!(s["unsettled_share"], share, "summary {from} … {to}");
}

fn summary(db: &TempDb, from: &str, to: &str) -> Value {
    db.summary(None, Some(from), Some(to))["currencies"][0].clone()
}

/// TikTok Shop VN, February (delay 15 days: owed = ordered on or before Feb 13).
/// Orders (list = before discount − seller discount): 1 Dec 20 150000; 2 Jan 10
/// 2×90000−20000 = 160000; 3 Jan 20 120000; 4 Feb 2 2×150000, one returned (f = ½);
/// 5 Feb 5 150000; 6 Feb 10 cancelled; 7 Feb 20 90000; 8 Feb 12 120000.
/// Settlement (by `Order settled time`): 2 on Feb 3 136000 (a January order); 4 on Feb 8
/// 269000 and again on Feb 20 −139500 (refund after settlement); 8 on Feb 25 96600;
/// adjustments: ad payment −150000 (Feb 15), logistics reimbursement +25000 (Feb 22).
#[test]
fn tiktok_settlement_beside_its_orders() {
    let db = tiktok();
    assert_cash(
        &db,
        "2026-02-01",
        "2026-02-28",
        json!({
            "currency": "VND",
            // 136000 + 269000 − 139500 + 96600
            "settled": "362100",
            // orders 4 and 8: 269000 − 139500 + 96600
            "settled_for_period_orders": "226100",
            // order 2 (January)
            "settled_for_earlier_orders": "136000",
            // Success 200000 (Feb 14) + Processing 100000 (Feb 27): both left the wallet
            "withdrawals": "300000",
            // as of Feb 28: 1 (70 days) 150000, 3 (39 days) 120000, 5 (23 days) 150000;
            // 7 is 8 days old (not owed yet), 6 cancelled, 2/4/8 settled
            "unsettled": {"orders": 3, "value": "420000",
                          "by_age": {"15-30": "150000", "30-60": "120000", "60+": "150000"}},
            // order 8: the export's seller shipping discount 10000, the settlement's
            // `Seller shipping fee` −15000. Commission and transaction fee are not in the
            // order export: nothing to drift from. Order 4's shipping 10000 = 10000.
            "fee_drift": [{"store": TT, "order": "577000000000000008", "kind": "shipping",
                           "order_export": "10000", "settlement": "15000"}],
            "provisional": true,
            // February orders not settled by any date: 5 + 7 = 240000; net sales of the
            // period 150000 (4: 300000 × ½) + 150000 + 90000 + 120000 = 510000;
            // 240000 / 510000 = 0.470588… → 0.4706
            "unsettled_share": "0.4706",
            "net_sales": "510000",
            // fees by settled date (settlement fees supersede the export's per order/kind):
            // commission 8000 + 15000 − 7500 + 6000 = 21500; transaction 4000 + 6000 −
            // 3000 + 2400 = 9400; shipping 12000 + 10000 + 15000 = 37000; reimbursement
            // −25000 → 42900; ad spend 150000 (no TikTok Ads report: the payment is the
            // spend) → 510000 − 42900 − 150000 = 317100
            "net_profit": "317100",
            // −150000 + 25000
            "adjustments": "-125000",
            "stores": [{"store": TT, "platform": "tiktok_shop", "judged": true, "reason": null,
                        "delay_days": 15, "settled": "362100", "unsettled_orders": 3,
                        "unsettled_value": "420000"}],
            "months": [{"month": "2026-02", "net_sales": "510000", "settled": "362100"}],
        }),
    );
    assert_summary_provisional(&db, "2026-02-01", "2026-02-28", true, "0.4706");
    assert_eq!(
        summary(&db, "2026-02-01", "2026-02-28")["ad_spend"],
        "150000"
    );

    // January: order 2 and 3 were placed, nothing was paid in January. As of Jan 31 (owed =
    // ordered on or before Jan 16): 1 (42 days) 150000 and 2 (21 days) 160000 — 2's
    // settlement is dated Feb 3, after the period; 3 (11 days) is not owed yet.
    let j = cash(&db, "2026-01-01", "2026-01-31");
    assert_eq!(j["settled"], "0");
    assert_eq!(j["settled_for_period_orders"], "0");
    assert_eq!(j["withdrawals"], "0");
    assert_eq!(
        j["unsettled"],
        json!({"orders": 2, "value": "310000",
               "by_age": {"15-30": "160000", "30-60": "150000", "60+": "0"}})
    );
    // January orders 2 and 3 are settled by no date for 3 only: 120000 / (160000 + 120000)
    // = 0.428571… → 0.4286
    assert_eq!(j["unsettled_share"], "0.4286");
    assert_eq!(j["provisional"], true);
}

/// Shopee VN, February. Orders (list = giá gốc × qty): S7 Jan 10 120000; S0 Jan 20 120000
/// returned in full; S1 Feb 1 300000; S2 Feb 4 2×90000 one returned (net 90000); S4 Feb 6
/// 150000; S6 Feb 7 cancelled; S5 Feb 20 90000. Income report (payout date): S1 Feb 8
/// 247000 (commission −18000 where the export said 15000; NTTD −20000), S2 Feb 10 81000,
/// S0 Feb 12 −108000 (the refund of a January order: its fees +6000/+3600/+2400 given
/// back). Wallet: withdrawals 300000 (done) + 3500 (pending).
#[test]
fn shopee_income_beside_its_orders() {
    let db = shopee();
    assert_cash(
        &db,
        "2026-02-01",
        "2026-02-28",
        json!({
            "currency": "VND",
            // 247000 + 81000 − 108000
            "settled": "220000",
            "settled_for_period_orders": "328000",
            "settled_for_earlier_orders": "-108000",
            "withdrawals": "303500",
            // as of Feb 28: S4 (22 days) 150000, S7 (49 days) 120000; S5 8 days old
            "unsettled": {"orders": 2, "value": "270000",
                          "by_age": {"15-30": "150000", "30-60": "120000", "60+": "0"}},
            // the income report charged S1 a higher commission than its order export
            "fee_drift": [{"store": SP, "order": "2602010AA1BB2C",
                           "kind": "platform_commission", "order_export": "15000",
                           "settlement": "18000"}],
            "provisional": true,
            // (S4 150000 + S5 90000) / (300000 + 90000 + 150000 + 90000) = 240000 / 630000
            // = 0.380952… → 0.3810
            "unsettled_share": "0.3810",
            "net_sales": "630000",
            // 630000 − fees 54000 (shopee_refund_gives_fees_back) − NTTD 20000
            "net_profit": "556000",
            "adjustments": "0",
            "stores": [{"store": SP, "platform": "shopee_vn", "judged": true, "reason": null,
                        "delay_days": 15, "settled": "220000", "unsettled_orders": 2,
                        "unsettled_value": "270000"}],
            "months": [{"month": "2026-02", "net_sales": "630000", "settled": "220000"}],
        }),
    );
    assert_summary_provisional(&db, "2026-02-01", "2026-02-28", true, "0.3810");
}

/// Issue 15: the income report's fees keep their sign. February fees (export fees of the
/// orders with no income row, dated on the order; income fees on the payout date):
/// commission S4 7500 + S5 4500 + S1 18000 + S2 4500 − S0 6000 = 28500 (read as a
/// magnitude, S0's +6000 would have made it 40500); service 4500 + 2700 + 9000 + 2700 −
/// 3600 = 15300; payment 3000 + 1800 + 6000 + 1800 − 2400 = 10200.
#[test]
fn shopee_refund_gives_fees_back() {
    let db = shopee();
    let s = summary(&db, "2026-02-01", "2026-02-28");
    assert_eq!(s["fees"]["platform_commission"], "28500");
    assert_eq!(s["fees"]["service_fee"], "15300");
    assert_eq!(s["fees"]["payment_fee"], "10200");
    assert_eq!(s["hidden_costs"], "54000");
    // NTTD −20000 is Shopee Ads spend (a charge, not a credit).
    assert_eq!(s["ad_spend"], "20000");
    assert_eq!(s["net_profit"], "556000");
}

/// Douyin, January: the order export and the 动账明细 of the same orders (generate.py).
/// Orders: 0001 Jan 4 158.00 + 39.90 (seller discount 10.00); 0002 cancelled; 0003 Jan 11
/// 59.00 refunded (f = 1); 0004 Jan 20 237.00 (seller discount 20.00); 0005 Jan 26 89.00.
/// 货款结算入账: 0001 117.20 (Jan 10), 0003 45.15 (Jan 17) and back −45.15 (Jan 19, 结算后
/// 退款), 0004 191.45 (Jan 27), 0005 81.55 (Jan 29).
#[test]
fn douyin_fund_flow_beside_its_orders() {
    let db = store(
        &[
            "douyin/1769904000_orders.csv",
            "douyin/fund_flow_orders.csv",
        ],
        DY,
    );
    assert_cash(
        &db,
        "2026-01-01",
        "2026-01-31",
        json!({
            "currency": "CNY",
            // 117.20 + 45.15 − 45.15 + 191.45 + 81.55
            "settled": "390.20",
            "settled_for_period_orders": "390.20",
            "settled_for_earlier_orders": "0.00",
            "withdrawals": "0.00",
            // every order not cancelled or refunded was settled by Jan 31
            "unsettled": {"orders": 0, "value": "0.00",
                          "by_age": {"15-30": "0.00", "30-60": "0.00", "60+": "0.00"}},
            // the order export lists no fee: nothing to drift from
            "fee_drift": [],
            // the latest day (Jan 30) is within 15 days of Jan 31
            "provisional": true,
            "unsettled_share": "0.0000",
            // 158.00 + 39.90 + 237.00 + 89.00
            "net_sales": "523.90",
            // fees: subsidy 10.00 + 20.00; 平台服务费 9.90 + 2.95 − 2.95 + 11.85 + 4.45 =
            // 26.20 (commission); 佣金 15.80 + 5.90 − 5.90 + 23.70 = 39.50, 服务商佣金 2.00
            // (affiliate 41.50); 渠道分成 1.00, 站外推广费 5.00 + 3.00 (other 9.00);
            // 运费险 3.50 − 1.00 = 2.50 → 109.20; 523.90 − 109.20 = 414.70
            "net_profit": "414.70",
            "adjustments": "0.00",
            "stores": [{"store": DY, "platform": "douyin", "judged": true, "reason": null,
                        "delay_days": 15, "settled": "390.20", "unsettled_orders": 0,
                        "unsettled_value": "0.00"}],
            "months": [{"month": "2026-01", "net_sales": "523.90", "settled": "390.20"}],
        }),
    );
    // As of Jan 18 (owed = ordered on or before Jan 3): nothing owed; settled by then
    // 117.20 + 45.15 = 162.35; of the January orders 0001…0003 only 0003's 59.00 is
    // refunded — (0004 and 0005 are later) — so nothing is open: share 0.
    let mid = cash(&db, "2026-01-01", "2026-01-18");
    assert_eq!(mid["settled"], "162.35");
    assert_eq!(mid["unsettled"]["orders"], 0);

    // Jan 1–10 is final: its end is 20 days before the latest day the ledger knows (Jan 30,
    // more than the 15-day window) and its one live order (0001, Jan 4, net 158.00 + 39.90
    // = 197.90) was settled on Jan 10 (117.20): not provisional, nothing unsettled.
    let early = cash(&db, "2026-01-01", "2026-01-10");
    assert_eq!(early["settled"], "117.20");
    assert_eq!(early["settled_for_period_orders"], "117.20");
    assert_eq!(early["net_sales"], "197.90");
    assert_eq!(early["provisional"], false);
    assert_eq!(early["unsettled_share"], "0.0000");
    assert_summary_provisional(&db, "2026-01-01", "2026-01-10", false, "0.0000");
}

/// metrics.md §10: the settlement delay is a setting per platform (default 15 days); the
/// age buckets and what counts as owed follow it. TikTok store, as of Feb 28.
#[test]
fn settlement_delay_per_platform_moves_the_age_buckets() {
    let db = tiktok();
    let delays = |db: &TempDb| db.json(&["cash", "delay", "--json"])["delays"].clone();
    let d = delays(&db);
    assert_eq!(d.as_array().unwrap().len(), 8, "{d}");
    assert!(d
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["days"] == 15 && p["platform"] != "generic"));

    // 40 days: only order 1 (70 days) is owed; 3 (39 days) and 5 (23 days) are not yet.
    db.json(&[
        "cash",
        "delay",
        "--platform",
        "tiktok_shop",
        "--days",
        "40",
        "--json",
    ]);
    let c = cash(&db, "2026-02-01", "2026-02-28");
    assert_eq!(
        c["unsettled"],
        json!({"orders": 1, "value": "150000",
               "by_age": {"15-30": "0", "30-60": "0", "60+": "150000"}})
    );
    assert_eq!(c["stores"][0]["delay_days"], 40);
    // The share of the period's unpaid sales does not depend on the delay.
    assert_eq!(c["unsettled_share"], "0.4706");

    // 5 days: order 7 (8 days, 90000) is owed too, in the first bucket: 150000 + 90000.
    db.json(&[
        "cash",
        "delay",
        "--platform",
        "tiktok_shop",
        "--days",
        "5",
        "--json",
    ]);
    let c = cash(&db, "2026-02-01", "2026-02-28");
    assert_eq!(
        c["unsettled"],
        json!({"orders": 4, "value": "510000",
               "by_age": {"15-30": "240000", "30-60": "120000", "60+": "150000"}})
    );
    let d = delays(&db);
    let of = |p: &str| {
        d.as_array()
            .unwrap()
            .iter()
            .find(|x| x["platform"] == p)
            .unwrap()["days"]
            .clone()
    };
    assert_eq!(of("tiktok_shop"), 5);
    assert_eq!(of("shopee_vn"), 15);

    // Bad values: exit 2, a message naming the argument, nothing changed.
    for (args, says) in [
        (
            vec!["--platform", "tiktok_shop", "--days", "-1"],
            "0 to 365",
        ),
        (
            vec!["--platform", "tiktok_shop", "--days", "400"],
            "0 to 365",
        ),
        (
            vec!["--platform", "tiktok_shop", "--days", "soon"],
            "--days",
        ),
        (vec!["--platform", "tiktok", "--days", "7"], "--platform"),
    ] {
        let mut a = vec!["cash", "delay"];
        a.extend(args);
        let out = db.run(&a);
        assert_eq!(out.status.code(), Some(2), "{a:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{a:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(delays(&db), d);
}

/// metrics.md §10: an owed order's value is net of the order's own seller discounts — the
/// line-level ones and the order-level shop voucher/combo of the order export. Shopee VN
/// January fixtures (README "Shopee VN"), delay 3 days, as of Jan 31 (owed = ordered on or
/// before Jan 28): E (Jan 15) is refunded in full; F (Jan 20) 120000 − seller subsidy 10000
/// = 110000 − `Giảm giá từ Combo của Shop` 5000 = 105000 (11 days); G (Jan 25) 150000
/// (6 days). A, B, D are settled; C cancelled.
#[test]
fn owed_value_is_net_of_order_level_seller_discounts() {
    let db = store(
        &[
            "shopee_vn/Order.all.20260101_20260131.xlsx",
            "shopee_vn/Income.đã phát hành.vn.20260101_20260131.xlsx",
        ],
        SP,
    );
    assert_eq!(
        cash(&db, "2026-01-01", "2026-01-31")["unsettled"]["orders"],
        0
    );
    db.json(&[
        "cash",
        "delay",
        "--platform",
        "shopee_vn",
        "--days",
        "3",
        "--json",
    ]);
    let c = cash(&db, "2026-01-01", "2026-01-31");
    assert_eq!(
        c["unsettled"],
        json!({"orders": 2, "value": "255000",
               "by_age": {"15-30": "255000", "30-60": "0", "60+": "0"}})
    );
}

/// Issue 15: an ad payment in a settlement file pays for the spend the channel's ads report
/// lists per day. TikTok store: the Feb 15 `GMV Payment for TikTok Ads` of −150000.
/// - Without a TikTok Ads report for February it is the only record of the spend: 150000
///   (`tiktok_settlement_beside_its_orders`); a January report does not cover February.
/// - With the February GMV Max report (60000 on Feb 10 + 70000 on Feb 16 = 130000) the
///   payment is not spend again: ad spend 130000, net profit 510000 − 42900 − 130000 =
///   337100; the payment stays listed in `cash` (adjustments −150000 + 25000 = −125000).
#[test]
fn settlement_ad_payments_are_not_spend_where_an_ads_report_covers_the_month() {
    let db = tiktok();
    db.import_fixture("ads/tiktok_gmv_max_by_day_202601.xlsx", TT);
    // January: the report's 80000 + 30000 + 95000 + 40000 = 245000.
    assert_eq!(
        summary(&db, "2026-01-01", "2026-01-31")["ad_spend"],
        "245000"
    );
    assert_eq!(
        summary(&db, "2026-02-01", "2026-02-28")["ad_spend"],
        "150000"
    );

    db.import_fixture("cash/tiktok_gmv_max_by_day_202602.xlsx", TT);
    let s = summary(&db, "2026-02-01", "2026-02-28");
    assert_eq!(s["ad_spend"], "130000");
    assert_eq!(s["net_profit"], "337100");
    let ch = db.json(&[
        "channels",
        "--from",
        "2026-02-01",
        "--to",
        "2026-02-28",
        "--json",
    ]);
    // The channel's spend, and per attribution window too (no window made of the payment
    // alone): the rows of `tiktok_ads` and their `windows`.
    let rows: Vec<Value> = ch["currencies"][0]["channels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["channel"] == "tiktok_ads")
        .cloned()
        .collect();
    let windows: Vec<Value> = rows
        .iter()
        .flat_map(|c| c["windows"].as_array().unwrap().clone())
        .collect();
    for (what, list) in [("channel", &rows), ("windows", &windows)] {
        let spend: i64 = list
            .iter()
            .map(|r| r["spend"].as_str().unwrap().parse::<i64>().unwrap())
            .sum();
        assert_eq!(spend, 130000, "{what}: {ch}");
    }
    let c = cash(&db, "2026-02-01", "2026-02-28");
    assert_eq!(c["adjustments"], "-125000");
    assert_eq!(c["net_profit"], "337100");
    // The whole quarter: January's report 245000 + February's 130000.
    assert_eq!(
        summary(&db, "2026-01-01", "2026-03-31")["ad_spend"],
        "375000"
    );
}
