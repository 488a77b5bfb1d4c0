//! Acceptance test of `fupan fees`: the fee sources of the Shopee VN order export with their
//! amounts, and a merchant's remapping of one source, through the binary. Expected values
//! are tests/fixtures/README.md's hand computation for the Shopee store.

mod common;

use common::*;
use serde_json::Value;

const ORDERS: &str = "shopee_vn/Order.all.20260101_20260131.xlsx";
const STORE: &str = "Shopee VN Shop";

fn shopee_db() -> TempDb {
    let db = TempDb::new();
    db.import_fixture(ORDERS, STORE);
    db.costs_import("costs/sku_costs_vi.csv", Some(STORE));
    db
}

/// (source, default kind, kind, override, amounts "AMOUNT CUR") of `fupan fees --json`.
fn sources(db: &TempDb) -> Vec<(String, String, String, Value, Vec<String>)> {
    let doc = db.json(&["fees", "--json"]);
    let list = doc["sources"].as_array().expect("sources[]");
    list.iter()
        .map(|s| {
            assert_str(s, "platform", "shopee_vn", "fees");
            let amounts = s["amounts"]
                .as_array()
                .expect("amounts[]")
                .iter()
                .map(|a| {
                    format!(
                        "{} {}",
                        a["amount"].as_str().expect("a string"),
                        a["currency"].as_str().expect("a string")
                    )
                })
                .collect();
            (
                s["source"].as_str().expect("a string").to_string(),
                s["default_kind"].as_str().expect("a string").to_string(),
                s["kind"].as_str().expect("a string").to_string(),
                s["override"].clone(),
                amounts,
            )
        })
        .collect()
}

fn row(
    source: &str,
    default: &str,
    kind: &str,
    over: Value,
    amount: &str,
) -> (String, String, String, Value, Vec<String>) {
    (
        source.into(),
        default.into(),
        kind.into(),
        over,
        vec![format!("{amount} VND")],
    )
}

/// fees{} by kind, hidden costs, contribution, marketing spend and profit ROI of the store.
fn figures(db: &TempDb) -> (Vec<String>, String, String, String, String) {
    let doc = db.summary(Some(STORE), None, None);
    let c = TempDb::currency_of(&doc, "VND");
    let kinds = [
        "platform_commission",
        "service_fee",
        "payment_fee",
        "subsidy",
    ];
    let s = |k: &str| c[k].as_str().unwrap_or("null").to_string();
    (
        kinds
            .iter()
            .map(|k| c["fees"][k].as_str().expect("a string").to_string())
            .collect(),
        s("hidden_costs"),
        s("contribution"),
        s("marketing_spend"),
        s("profit_roi"),
    )
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn fees_lists_each_source_and_a_remapping_moves_its_amount_until_reset() {
    let db = shopee_db();
    // README: commission 119700 (Phí cố định), service 61700 (Phí Dịch Vụ), payment 36300
    // (Phí thanh toán), subsidy 42500 (the shop's order discounts).
    let defaults = vec![
        row(
            "Mã giảm giá của Shop + Giảm giá từ Combo của Shop",
            "subsidy",
            "subsidy",
            Value::Null,
            "42500",
        ),
        row(
            "Phí Dịch Vụ",
            "service_fee",
            "service_fee",
            Value::Null,
            "61700",
        ),
        row(
            "Phí cố định",
            "platform_commission",
            "platform_commission",
            Value::Null,
            "119700",
        ),
        row(
            "Phí thanh toán",
            "payment_fee",
            "payment_fee",
            Value::Null,
            "36300",
        ),
    ];
    assert_eq!(sources(&db), defaults);
    let before = figures(&db);
    assert_eq!(
        before,
        (
            strings(&["119700", "61700", "36300", "42500"]),
            "260200".into(),
            "422800".into(),
            "42500".into(),
            "9.9482".into(),
        )
    );

    // The merchant counts Phí thanh toán as a subsidy (marketing): hidden costs and
    // contribution stay, marketing spend = 42500 + 36300 = 78800, profit ROI = 422800 / 78800
    // = 5.365482.
    let out = db.run(&[
        "fees",
        "set",
        "--platform",
        "shopee_vn",
        "--source",
        "Phí thanh toán",
        "--kind",
        "subsidy",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mapped = (
        strings(&["119700", "61700", "0", "78800"]),
        "260200".to_string(),
        "422800".to_string(),
        "78800".to_string(),
        "5.3655".to_string(),
    );
    assert_eq!(figures(&db), mapped);
    let listed = sources(&db);
    assert_eq!(
        listed[3],
        row(
            "Phí thanh toán",
            "payment_fee",
            "subsidy",
            Value::from("subsidy"),
            "36300"
        )
    );

    // Importing the same export again adds nothing and keeps the mapping.
    let again = db.import_fixture(ORDERS, STORE);
    assert_int(&again, "added", 0, "re-import");
    assert_eq!(figures(&db), mapped);

    let out = db.run(&[
        "fees",
        "reset",
        "--platform",
        "shopee_vn",
        "--source",
        "Phí thanh toán",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(figures(&db), before);
    assert_eq!(sources(&db), defaults);
}

#[test]
fn fees_set_refuses_unknown_kinds_platforms_and_sources() {
    let db = shopee_db();
    for args in [
        [
            "--platform",
            "shopee_vn",
            "--source",
            "Phí thanh toán",
            "--kind",
            "bribes",
        ],
        [
            "--platform",
            "shopee",
            "--source",
            "Phí thanh toán",
            "--kind",
            "other",
        ],
        [
            "--platform",
            "shopee_vn",
            "--source",
            "Phí ẩn",
            "--kind",
            "other",
        ],
        [
            "--platform",
            "lazada",
            "--source",
            "Phí thanh toán",
            "--kind",
            "other",
        ],
    ] {
        let mut all = vec!["fees", "set"];
        all.extend(args);
        let out = db.run(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
    }
    assert_eq!(figures(&db).1, "260200");
}
