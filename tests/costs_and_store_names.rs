//! Issue 16: a shop with CNY and VND stores enters SKU costs without naming a store, and a
//! file that names no shop never makes a store called by a platform id.

mod common;

use common::*;

const SHOPEE: &str = "shopee_vn/Order.all.20260101_20260131.xlsx";
const DOUYIN: &str = "douyin/1769904000_orders.csv";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_cost_sheet_without_store_places_each_sku_by_the_currency_it_sells_in() {
    let db = TempDb::new();
    db.import_fixture(SHOPEE, "Shopee VN Shop");
    // The Douyin fixture sells the same SKUs (TS-RED-M, TS-RED-L, MUG-01, CAP-BLK) in CNY.
    db.import_fixture(DOUYIN, "抖店旗舰店");
    let dir = tempfile::tempdir().expect("temp dir");

    // TS-BLU-M sells only in VND (the Douyin order with it is cancelled, so it is in no
    // aggregate), TS-RED-M in both currencies, NEW-1 nowhere: refused, those two named.
    let both = dir.path().join("sku_costs.csv");
    std::fs::write(&both, "SKU,成本\nTS-BLU-M,60000\nTS-RED-M,30\nNEW-1,5\n").expect("write");
    let before = db.snapshot();
    let out = db.run(&["costs", "import", both.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(msg.contains("sku_costs.csv"), "{msg}");
    assert!(msg.contains("TS-RED-M") && msg.contains("NEW-1"), "{msg}");
    assert!(
        !msg.contains("TS-BLU-M"),
        "a SKU of one currency is placed: {msg}"
    );
    assert!(
        !msg.contains("--store"),
        "no CLI flag in the message: {msg}"
    );
    assert_eq!(db.snapshot(), before, "nothing written");

    // With a currency column for those rows, the sheet imports: 3 costs, each in its own
    // currency (TS-BLU-M's from its sales: VND).
    let cur = dir.path().join("sku_costs_cur.csv");
    std::fs::write(
        &cur,
        "SKU,成本,币种\nTS-BLU-M,60000,\nTS-RED-M,30,CNY\nTS-RED-M,62000,VND\n",
    )
    .expect("write");
    let v = db.json(&["import", cur.to_str().expect("utf-8"), "--json"]);
    assert_int(&v["files"][0], "added", 3, "costs with a currency column");
    // Shopee (tests/fixtures/generate.py SHOPEE_ORDERS): TS-BLU-M 1 + 1 units, none
    // refunded → 2 × 60,000 = 120,000; TS-RED-M 2 + 1 units, none refunded → 3 × 62,000 =
    // 186,000. VND COGS = 306,000 (MUG-01, TS-RED-L and CAP-BLK have no VND cost here).
    let s = db.json(&["summary", "--store", "Shopee VN Shop", "--json"]);
    assert_str(&s["currencies"][0], "cogs", "306000", "VND cogs");
}

#[test]
fn a_file_without_a_shop_name_gets_the_platform_name_or_the_one_given_last() {
    let db = TempDb::new();
    let f = fixture(SHOPEE);
    let v = db.json(&["import", f.to_str().expect("utf-8"), "--json"]);
    assert_str(
        &v["files"][0],
        "store",
        "Shopee VN",
        "display name, not shopee_vn",
    );

    // A name given once is remembered for the platform's next files.
    let db = TempDb::new();
    let tiktok = fixture("tiktok_shop/All_order-20260131.xlsx");
    let v = db.json(&[
        "import",
        tiktok.to_str().expect("utf-8"),
        "--store",
        "Nhà Mộc",
        "--json",
    ]);
    assert_str(&v["files"][0], "store", "Nhà Mộc", "given");
    let ads = fixture("ads/tiktok_gmv_max_by_day_202601.xlsx");
    let v = db.json(&["import", ads.to_str().expect("utf-8"), "--json"]);
    assert_str(&v["files"][0], "store", "Nhà Mộc", "remembered");
}
