//! Acceptance tests of store traffic (UV value, metrics.md §7) and the store matrix
//! (`fupan stores --json`, §8) on the fixture dataset. Expected values are the hand
//! computations of tests/fixtures/README.md "Store traffic" — never program output.

mod common;

use common::*;
use serde_json::Value;

const SHOPEE_TRAFFIC: &str = "shopee_vn/Phân tích bán hàng.20260101_20260131.xlsx";
const SYCM_TRAFFIC: &str = "taobao/【生意参谋平台】店铺经营概况_20260101_20260131.csv";
const JANUARY: (Option<&str>, Option<&str>) = (Some("2026-01-01"), Some("2026-01-31"));

/// The full dataset plus both traffic reports.
fn db_with_traffic() -> TempDb {
    let db = full_db();
    let shopee = db.import_fixture(SHOPEE_TRAFFIC, SHOPEE);
    assert_eq!(
        (&shopee["report"], &shopee["rows"], &shopee["added"]),
        (&Value::from("traffic"), &Value::from(31), &Value::from(31)),
        "{shopee}"
    );
    let sycm = db.import_fixture(SYCM_TRAFFIC, TAOBAO);
    assert_eq!(
        (&sycm["platform"], &sycm["report"], &sycm["rows"]),
        (
            &Value::from("taobao"),
            &Value::from("traffic"),
            &Value::from(31)
        ),
        "{sycm}"
    );
    db
}

fn traffic_keys(cur: &Value) -> [Value; 4] {
    [
        cur["visitors"].clone(),
        cur["page_views"].clone(),
        cur["uv_value"].clone(),
        cur["store_cvr"].clone(),
    ]
}

fn expect(visitors: i64, page_views: i64, uv: &str, cvr: &str) -> [Value; 4] {
    [
        Value::from(visitors),
        Value::from(page_views),
        Value::from(uv),
        Value::from(cvr),
    ]
}

#[test]
fn uv_value_per_store_matches_hand_computation() {
    let db = db_with_traffic();
    let (from, to) = JANUARY;
    // Shopee: visitors Σ(20 + d) = 620 + 496 = 1116; page views Σ(3v + 1) = 3348 + 31 =
    // 3379; net sales 1260000 over 6 orders: uv 1260000 / 1116 = 1129.03 → 1129, cvr
    // 6 / 1116 = 0.005376 → 0.0054.
    let doc = db.summary(Some(SHOPEE), from, to);
    assert_eq!(
        traffic_keys(TempDb::currency_of(&doc, "VND")),
        expect(1116, 3379, "1129", "0.0054")
    );
    // Taobao (生意参谋, GBK with title rows): visitors Σ(10 + d) = 806; page views
    // Σ(2v + 5) = 1612 + 155 = 1767; net 346.00 over 4 orders: uv 0.429280 → 0.43,
    // cvr 4 / 806 = 0.004963 → 0.0050.
    let doc = db.summary(Some(TAOBAO), from, to);
    assert_eq!(
        traffic_keys(TempDb::currency_of(&doc, "CNY")),
        expect(806, 1767, "0.43", "0.0050")
    );
    // A store without a traffic report: null, never 0.
    let doc = db.summary(Some(DOUYIN), from, to);
    assert_eq!(
        traffic_keys(TempDb::currency_of(&doc, "CNY")),
        [Value::Null, Value::Null, Value::Null, Value::Null]
    );
}

#[test]
fn uv_value_of_a_currency_counts_only_the_store_days_with_traffic() {
    let db = db_with_traffic();
    let (from, to) = JANUARY;
    let doc = db.summary(None, from, to);
    // CNY: only Taobao reports traffic, so Douyin's and PDD's sales stay out of the
    // numerator: 346.00 / 806 = 0.43 (not 1136.60 / 806). VND likewise: Shopee's 1260000
    // / 1116 = 1129, without TikTok's and Lazada's sales.
    assert_eq!(
        traffic_keys(TempDb::currency_of(&doc, "CNY")),
        expect(806, 1767, "0.43", "0.0050")
    );
    assert_eq!(
        traffic_keys(TempDb::currency_of(&doc, "VND")),
        expect(1116, 3379, "1129", "0.0054")
    );
    // A period: Shopee Jan 1–15, visitors Σ(20 + d) = 300 + 120 = 420, net 1000000 over 4
    // orders (README "Period"): uv 2380.95 → 2381, cvr 4 / 420 = 0.009524 → 0.0095.
    let doc = db.summary(Some(SHOPEE), Some("2026-01-01"), Some("2026-01-15"));
    let vnd = TempDb::currency_of(&doc, "VND");
    assert_eq!(vnd["visitors"], 420);
    assert_eq!(vnd["uv_value"], "2381");
    assert_eq!(vnd["store_cvr"], "0.0095");
}

/// A summary without the traffic keys.
fn without_traffic(doc: &Value) -> Value {
    let mut doc = figures(doc);
    if let Some(curs) = doc["currencies"].as_array_mut() {
        for c in curs.iter_mut() {
            if let Some(o) = c.as_object_mut() {
                for k in ["visitors", "page_views", "uv_value", "store_cvr"] {
                    o.remove(k);
                }
            }
        }
    }
    doc
}

#[test]
fn traffic_changes_no_other_figure_reimports_as_duplicates_and_undoes() {
    let (from, to) = JANUARY;
    let plain = full_db().summary(None, from, to);
    let db = db_with_traffic();
    let with = db.summary(None, from, to);
    assert_eq!(without_traffic(&with), without_traffic(&plain));

    let again = db.import_fixture(SYCM_TRAFFIC, TAOBAO);
    assert_eq!(
        (&again["added"], &again["duplicates"]),
        (&0.into(), &31.into())
    );
    assert_eq!(figures(&db.summary(None, from, to)), figures(&with));

    // Undo the Shopee traffic import: VND has no visitors again.
    let id = db
        .imports()
        .iter()
        .find(|i| {
            i["file"]
                .as_str()
                .is_some_and(|f| f.starts_with("Phân tích"))
        })
        .and_then(|i| i["id"].as_i64())
        .expect("the Shopee traffic import");
    let out = db.run(&["undo", &id.to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = db.summary(None, from, to);
    assert!(TempDb::currency_of(&doc, "VND")["visitors"].is_null());
    assert_eq!(TempDb::currency_of(&doc, "CNY")["visitors"], 806);
}

#[test]
fn stores_json_is_the_matrix_totalled_per_currency() {
    let db = db_with_traffic();
    let m = db.json(&[
        "stores",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--json",
    ]);
    let doc = db.summary(None, Some("2026-01-01"), Some("2026-01-31"));
    let curs = m["currencies"].as_array().expect("currencies");
    assert_eq!(curs.len(), 2);
    for cur in curs {
        let code = cur["currency"].as_str().expect("code");
        let sum = TempDb::currency_of(&doc, code);
        // Each currency's total is its summary; its stores are only that currency's.
        for k in [
            "orders",
            "gross_sales",
            "net_sales",
            "net_profit",
            "ad_spend",
            "uv_value",
        ] {
            assert_eq!(cur["total"][k], sum[k], "{code} {k}");
        }
        let rows = cur["stores"].as_array().expect("stores");
        assert!(rows.iter().all(|r| r["currency"] == code));
        let orders: i64 = rows.iter().map(|r| r["orders"].as_i64().unwrap()).sum();
        assert_eq!(Value::from(orders), sum["orders"], "{code}");
    }
    let row = |code: &str, store: &str| -> Value {
        let cur = TempDb::currency_of(&m, code);
        cur["stores"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["store"] == store)
            .unwrap_or_else(|| panic!("no {store} in {cur}"))
            .clone()
    };
    // Shares of the currency's net sales: Taobao 346.00 / 1136.60 = 0.304417 → 0.3044;
    // Shopee 1260000 / 2735000 = 0.460695 → 0.4607.
    let tb = row("CNY", TAOBAO);
    assert_eq!(
        (&tb["platform"], &tb["net_sales"]),
        (&"taobao".into(), &"346.00".into())
    );
    assert_eq!(
        (&tb["net_sales_share"], &tb["uv_value"]),
        (&"0.3044".into(), &"0.43".into())
    );
    let sp = row("VND", SHOPEE);
    assert_eq!(
        (&sp["net_sales_share"], &sp["uv_value"]),
        (&"0.4607".into(), &"1129".into())
    );
    assert_eq!(sp["visitors"], 1116);
    // Douyin: no traffic report, its UV value is null.
    assert!(row("CNY", DOUYIN)["uv_value"].is_null());
}
