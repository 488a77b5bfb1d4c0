//! Issue 17, case 3: the same store name in NFC and NFD (or with a trailing space) made two
//! stores, and the same orders were counted in both. Names now compare after NFC, trimming
//! and case folding; a new name one edit away from a store of the same platform is pointed
//! out (stderr, `similar_store` in `import --json`).

mod common;

use std::path::{Path, PathBuf};

use common::TempDb;

const PDD_HEADER: &str = "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),商品数量(件),\
                          订单成交时间,商家编码-规格维度,售后状态";

/// Orders `from..=to` of January 2026, order i costs i × 10.00.
fn pdd_export(dir: &Path, name: &str, from: u32, to: u32) -> PathBuf {
    let mut text = format!("{PDD_HEADER}\n");
    for i in from..=to {
        text.push_str(&format!(
            "T恤,260110-{i:015},已收货,{}.00,0.00,1,2026-01-{i:02} 10:00:00,SKU-{i},无售后或售后取消\n",
            i * 10
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write export");
    path
}

fn import(db: &TempDb, file: &Path, store: &str) -> std::process::Output {
    let out = db.run(&[
        "import",
        "--store",
        store,
        "--json",
        file.to_str().expect("utf-8 path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn one_store_name_in_nfc_nfd_or_with_a_trailing_space_is_one_store() {
    let db = TempDb::new();
    let nfc = "Cửa hàng Hoa";
    // The same name decomposed (as macOS file names and some keyboards give it).
    let nfd = "Cu\u{31b}\u{309}a ha\u{300}ng Hoa";
    assert_ne!(nfc.as_bytes(), nfd.as_bytes());
    let a = pdd_export(db.dir.path(), "a.csv", 1, 3);
    import(&db, &a, nfc);
    import(&db, &a, nfd);
    import(&db, &a, "Cửa hàng Hoa ");
    import(&db, &a, "CỬA HÀNG HOA");
    let stores = db.json(&["stores", "--json"]);
    let rows = stores["currencies"][0]["stores"]
        .as_array()
        .expect("stores");
    assert_eq!(rows.len(), 1, "{stores}");
    assert_eq!(rows[0]["store"], nfc);
    // The orders count once: 3 orders, 10 + 20 + 30 = 60.00.
    let s = db.json(&["summary", "--json"]);
    assert_eq!(s["currencies"][0]["orders"], 3, "{s}");
    assert_eq!(s["currencies"][0]["gross_sales"], "60.00", "{s}");
}

#[test]
fn a_new_store_name_one_letter_from_another_is_pointed_out() {
    let db = TempDb::new();
    let a = pdd_export(db.dir.path(), "a.csv", 1, 2);
    let b = pdd_export(db.dir.path(), "b.csv", 3, 4);
    let out = import(&db, &a, "拼多多旗舰店");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["similar_store"], serde_json::Value::Null);
    let out = import(&db, &b, "拼多多旗舰店2");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["similar_store"], "拼多多旗舰店");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("拼多多旗舰店2") && err.contains("one letter away"),
        "{err}"
    );
    // A known store is not a near miss of itself.
    let out = import(&db, &b, "拼多多旗舰店");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["similar_store"], serde_json::Value::Null);
}
