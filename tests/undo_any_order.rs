//! Issue 17, case 1: undoing an import that is not the newest must not take the facts a later
//! import still holds (they were "duplicates" of it). Each case failed before the fix.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, TempDb};
use serde_json::Value;

/// The Pinduoduo order export header (formats.md), as in `pdd/orders_202601a.csv`.
const PDD_HEADER: &str = "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),商品数量(件),\
                          订单成交时间,商家编码-规格维度,售后状态";

/// A PDD export of orders 1..=n of January 2026: order i costs i × 10.00, one unit.
fn pdd_export(dir: &Path, name: &str, n: u32) -> PathBuf {
    let mut text = format!("{PDD_HEADER}\n");
    for i in 1..=n {
        text.push_str(&format!(
            "T恤,260110-{i:015},已收货,{}.00,0.00,1,2026-01-{:02} 10:00:00,SKU-{i},无售后或售后取消\n",
            i * 10,
            i
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write export");
    path
}

fn import(db: &TempDb, file: &Path, store: &str) -> i64 {
    let out = db.json(&[
        "import",
        "--store",
        store,
        "--json",
        file.to_str().expect("path"),
    ]);
    out["files"][0]["import_id"]
        .as_i64()
        .expect("import_id in import --json")
}

fn undo(db: &TempDb, id: i64) {
    let out = db.run(&["undo", &id.to_string()]);
    assert!(
        out.status.success(),
        "undo {id}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The summary of the only currency (CNY here).
fn cny(db: &TempDb) -> Value {
    let s = db.json(&["summary", "--json"]);
    s["currencies"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["currency"] == "CNY"))
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn undoing_an_export_keeps_the_orders_a_later_overlapping_export_holds() {
    let db = TempDb::new();
    let a = pdd_export(db.dir.path(), "orders_a.csv", 5);
    let b = pdd_export(db.dir.path(), "orders_b.csv", 6);
    let first = import(&db, &a, "拼多多店");
    let out = db.json(&[
        "import",
        "--store",
        "拼多多店",
        "--json",
        b.to_str().unwrap(),
    ]);
    // B = A + one order: 1 added, 5 duplicates.
    assert_eq!(out["files"][0]["added"], 1);
    assert_eq!(out["files"][0]["duplicates"], 5);
    undo(&db, first);
    let c = cny(&db);
    // B alone: 6 orders, gross 10+20+30+40+50+60 = 210.00.
    assert_eq!(c["orders"], 6, "{c}");
    assert_eq!(c["gross_sales"], "210.00", "{c}");
}

#[test]
fn undoing_one_of_two_identical_cost_sheets_keeps_cogs() {
    let db = TempDb::new();
    let store = "京东小店";
    import(&db, &fixture("jd/ExportOrder_202601.csv"), store);
    let sheet = fixture("costs/sku_costs.xlsx");
    let first = import(&db, &sheet, store);
    let second = import(&db, &sheet, store);
    // tests/fixtures/README.md, JD: cogs = 2×30 + 12.50 + 33 = 105.50.
    assert_eq!(cny(&db)["cogs"], "105.50");
    undo(&db, first);
    assert_eq!(
        cny(&db)["cogs"],
        "105.50",
        "the second sheet still sets the costs"
    );
    undo(&db, second);
    assert_eq!(cny(&db)["cogs"], "0.00");
}

#[test]
fn undoing_one_of_two_identical_qianchuan_reports_keeps_ad_spend() {
    let db = TempDb::new();
    let report = fixture("ads/qianchuan_daily.xlsx");
    let first = import(&db, &report, "抖店旗舰店");
    let second = import(&db, &report, "抖店旗舰店");
    // tests/fixtures/README.md, Ads: 千川 spend 25.5 + 18.00 + 30.25 + … = 111.50.
    assert_eq!(cny(&db)["ad_spend"], "111.50");
    undo(&db, first);
    assert_eq!(
        cny(&db)["ad_spend"],
        "111.50",
        "the second report still holds it"
    );
    undo(&db, second);
    assert_eq!(cny(&db)["ad_spend"], "0.00");
}
