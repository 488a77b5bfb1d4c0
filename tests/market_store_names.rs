//! Issue 15: a Shopee store of another market keeps the platform id `shopee_vn` (cli.md) but
//! is not named "Shopee VN": a file that names no shop goes to "Shopee ID" / "Shopee TW" /
//! "Shopee BR" after its currency, and a name given for one market is not reused for another.

mod common;

use common::*;

fn import_bare(db: &TempDb, rel: &str, store: Option<&str>) -> serde_json::Value {
    let f = fixture(rel);
    let mut args = vec!["import", f.to_str().expect("utf-8")];
    if let Some(s) = store {
        args.extend(["--store", s]);
    }
    args.push("--json");
    db.json(&args)["files"][0].clone()
}

#[test]
fn each_market_gets_its_own_default_store() {
    let db = TempDb::new();
    for (rel, name, currency) in [
        (
            "shopee_vn/Order.all.20260101_20260131.xlsx",
            "Shopee VN",
            "VND",
        ),
        (
            "markets/shopee_id/Order.all.20260201_20260228.xlsx",
            "Shopee ID",
            "IDR",
        ),
        (
            "markets/shopee_tw/Order.all.20260201_20260228.xls",
            "Shopee TW",
            "TWD",
        ),
        (
            "markets/shopee_br/Order.all.20260201_20260228.xlsx",
            "Shopee BR",
            "BRL",
        ),
    ] {
        let f = import_bare(&db, rel, None);
        assert_str(&f, "store", name, rel);
        assert_str(&f, "platform", "shopee_vn", rel);
        // One store of that name, in the file's currency.
        let stores = db.json(&["stores", "--json"]);
        let holders: Vec<&str> = stores["currencies"]
            .as_array()
            .expect("currencies")
            .iter()
            .filter(|c| {
                c["stores"]
                    .as_array()
                    .expect("stores")
                    .iter()
                    .any(|s| s["store"] == name)
            })
            .map(|c| c["currency"].as_str().expect("currency"))
            .collect();
        assert_eq!(holders, [currency], "{rel}: {stores}");
    }
    let list = db.json(&["tax", "--json"]);
    let mut names: Vec<&str> = list["stores"]
        .as_array()
        .expect("stores")
        .iter()
        .map(|s| s["store"].as_str().expect("name"))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Shopee BR", "Shopee ID", "Shopee TW", "Shopee VN"]);
}

#[test]
fn a_name_given_for_one_market_stays_with_it() {
    let db = TempDb::new();
    let id = "markets/shopee_id/Order.all.20260201_20260228.xlsx";
    assert_str(
        &import_bare(&db, id, Some("Toko Saya")),
        "store",
        "Toko Saya",
        "given",
    );
    // A Vietnamese file that names no shop does not go to the Indonesian store.
    let vn = import_bare(&db, "shopee_vn/Order.all.20260101_20260131.xlsx", None);
    assert_str(&vn, "store", "Shopee VN", "VN default");
    // The Indonesian name is remembered for the next Indonesian file (an undo, then again).
    let imports = db.imports();
    let first = imports
        .iter()
        .find(|i| i["store"] == "Toko Saya")
        .expect("the ID import")["id"]
        .as_i64()
        .expect("id");
    let out = db.run(&["undo", &first.to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_str(
        &import_bare(&db, id, None),
        "store",
        "Toko Saya",
        "remembered",
    );
}
