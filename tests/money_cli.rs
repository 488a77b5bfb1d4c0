//! Acceptance tests of taxes (metrics.md §9) and cash (§10) through the `fupan` binary:
//! `tax` / `tax set`, the `summary --json` keys of cli.md "Additions" and `cash --json`, over
//! the Shopee VN fixtures. Expected figures are worked out by hand from
//! tests/fixtures/README.md (Shopee VN order export and income report sections).

// A test crate: helpers fail by panicking, like the tests themselves.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};

const ORDERS: &str = "shopee_vn/Order.all.20260101_20260131.xlsx";
const INCOME: &str = "shopee_vn/Income.đã phát hành.vn.20260101_20260131.xlsx";

fn shopee() -> TempDb {
    let db = TempDb::new();
    db.import_fixture(ORDERS, SHOPEE);
    db.costs_import("costs/sku_costs_vi.csv", Some(SHOPEE));
    db
}

fn january(db: &TempDb) -> Value {
    let s = db.summary(None, Some("2026-01-01"), Some("2026-01-31"));
    s["currencies"][0].clone()
}

fn ok(db: &TempDb, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(db: &TempDb, args: &[&str], says: &str) {
    let before = db.snapshot();
    let out = db.run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} should be refused");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(says), "{args:?}: {err}");
    assert_eq!(db.snapshot(), before, "{args:?} changed the data file");
}

#[test]
fn tax_regimes_set_list_and_estimate_to_the_dong() {
    let db = shopee();
    let list = db.json(&["tax", "--json"]);
    assert_eq!(
        list["stores"],
        json!([{"store": SHOPEE, "platform": "shopee_vn", "currency": "VND", "regime": "none"}])
    );
    // No regime, nothing withheld: taxes 0, profit after tax = net profit 422,800.
    let c = january(&db);
    assert_eq!(
        c["taxes"],
        json!({"vat": "0", "income_tax": "0", "withheld": "0", "estimated": "0", "total": "0"})
    );
    assert_eq!(c["net_profit"], "422800");
    assert_eq!(c["profit_after_tax"], "422800");

    // Flat 1.5 % of net sales: 1,260,000 × 0.015 = 18,900 → 422,800 − 18,900 = 403,900.
    ok(
        &db,
        &[
            "tax",
            "set",
            "--store",
            SHOPEE,
            "--regime",
            "flat",
            "--flat-pct",
            "1.5",
        ],
    );
    let c = january(&db);
    assert_eq!(
        c["taxes"],
        json!({"vat": "0", "income_tax": "18900", "withheld": "0", "estimated": "18900",
               "total": "18900"})
    );
    assert_eq!(c["profit_after_tax"], "403900");
    assert_eq!(
        c["tax_estimates"],
        json!([{"store": SHOPEE, "regime": "flat", "rate": "0.015", "base": "net_sales",
                "kind": "income_tax", "amount": "18900"}])
    );
    // net_profit stays before tax and hidden costs hold no tax.
    assert_eq!(c["net_profit"], "422800");
    assert_eq!(c["hidden_costs"], "260200");

    // 10 % of net profit: 42,280 → 380,520; the text output labels it with its rule.
    ok(
        &db,
        &[
            "tax",
            "set",
            "--store",
            SHOPEE,
            "--regime",
            "flat",
            "--flat-pct",
            "10",
            "--flat-base",
            "net_profit",
        ],
    );
    let c = january(&db);
    assert_eq!(c["taxes"]["estimated"], "42280");
    assert_eq!(c["profit_after_tax"], "380520");
    let text = ok(
        &db,
        &["summary", "--from", "2026-01-01", "--to", "2026-01-31"],
    );
    assert!(
        text.contains("estimate — flat: estimate = 10 % of net profit"),
        "{text}"
    );
    assert!(
        text.contains("Profit after tax") && text.contains("380520"),
        "{text}"
    );

    // Small-scale VAT in a VND store: 1,260,000 > 1,000,000 exemption → 1,260,000 / 1.01 ×
    // 0.01 = 12,475.247… → 12475.
    ok(
        &db,
        &[
            "tax",
            "set",
            "--store",
            SHOPEE,
            "--regime",
            "cn_small_scale",
            "--exemption",
            "1000000",
        ],
    );
    let c = january(&db);
    assert_eq!(c["taxes"]["vat"], "12475");
    assert_eq!(c["profit_after_tax"], "410325");
    // A household seller adds no estimate; the stores matrix shows each store's taxes.
    ok(
        &db,
        &["tax", "set", "--store", SHOPEE, "--regime", "vn_household"],
    );
    assert_eq!(january(&db)["taxes"]["total"], "0");
    let m = db.json(&["stores", "--json"]);
    assert_eq!(m["currencies"][0]["stores"][0]["taxes"]["total"], "0");
    let list = db.json(&["tax", "--json"]);
    assert_eq!(list["stores"][0]["regime"], "vn_household");
    assert_eq!(list["stores"][0]["threshold"], "500000000");
    ok(&db, &["tax", "set", "--store", SHOPEE, "--regime", "none"]);
    assert_eq!(db.json(&["tax", "--json"])["stores"][0]["regime"], "none");
}

#[test]
fn bad_tax_arguments_exit_2_and_change_nothing() {
    let db = shopee();
    let set = |extra: &[&'static str]| -> Vec<&'static str> {
        let mut a = vec!["tax", "set", "--store", SHOPEE];
        a.extend_from_slice(extra);
        a
    };
    refused(
        &db,
        &set(&["--regime", "vn_household", "--rate", "1"]),
        "--rate",
    );
    refused(&db, &set(&["--regime", "flat"]), "--flat-pct");
    refused(
        &db,
        &set(&["--regime", "flat", "--flat-pct", "150"]),
        "100 %",
    );
    refused(
        &db,
        &set(&["--regime", "cn_small_scale", "--rate", "abc"]),
        "--rate",
    );
    refused(&db, &set(&["--regime", "vat"]), "vat");
    refused(
        &db,
        &["tax", "set", "--store", "Nobody", "--regime", "none"],
        "Nobody",
    );
}

#[test]
fn cash_of_a_store_without_settlement_files() {
    let db = shopee();
    let r = db.json(&[
        "cash",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--json",
    ]);
    assert_eq!(r["from"], "2026-01-01");
    let c = &r["currencies"][0];
    for k in [
        "settled",
        "settled_for_period_orders",
        "settled_for_earlier_orders",
        "withdrawals",
    ] {
        assert_eq!(c[k], "0", "{k}");
    }
    // Not judged on settlement: nothing counted as unsettled, no share.
    assert_eq!(
        c["unsettled"],
        json!({"orders": 0, "value": "0", "by_age": {"15-30": "0", "30-60": "0", "60+": "0"}})
    );
    assert_eq!(c["fee_drift"], json!([]));
    assert_eq!(c["unsettled_share"], Value::Null);
    assert_eq!(c["stores"][0]["reason"], "no_settlement_files");
    // The last order is of Jan 25: the month is still inside the 15-day window.
    assert_eq!(c["provisional"], true);
    assert_eq!(c["net_sales"], "1260000");
    let s = january(&db);
    assert_eq!(s["provisional"], true);
    assert_eq!(s["unsettled_share"], Value::Null);
    let text = ok(&db, &["cash", "--from", "2026-01-01", "--to", "2026-01-31"]);
    assert!(
        text.contains("import your settlement/income report to check payouts"),
        "{text}"
    );
}

#[test]
fn fee_drift_between_the_order_export_and_the_income_report() {
    let db = shopee();
    db.import_fixture(INCOME, SHOPEE);
    let r = db.json(&[
        "cash",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--json",
    ]);
    let drift = r["currencies"][0]["fee_drift"].as_array().unwrap().clone();
    let find = |kind: &str| {
        drift
            .iter()
            .find(|d| d["order"] == "2601125MN1OP2Q" && d["kind"] == kind)
            .cloned()
            .unwrap_or_else(|| panic!("no {kind} drift for D: {drift:?}"))
    };
    // Order D: the export said 40000 / 20000 / 10000, the income report charged 30000 /
    // 15000 / 7500 (README, Shopee VN income).
    for (kind, export, settled) in [
        ("platform_commission", "40000", "30000"),
        ("service_fee", "20000", "15000"),
        ("payment_fee", "10000", "7500"),
    ] {
        let d = find(kind);
        assert_eq!(d["store"], SHOPEE);
        assert_eq!(d["order_export"], export, "{kind}");
        assert_eq!(d["settlement"], settled, "{kind}");
    }
    // Order B's commission was corrected to the export's 16,200: no drift for B.
    assert!(
        !drift
            .iter()
            .any(|d| d["order"] == "2601073PQ7RS8T" && d["kind"] == "platform_commission"),
        "{drift:?}"
    );
}
