//! Acceptance tests of `fupan undo` on the fixtures of tests/fixtures: undoing the last, an
//! earlier or a duplicate import leaves exactly the summary of never having imported it.
//! (Undo in any order over overlapping exports: `undo_any_order.rs`.)

mod common;

use common::*;
use serde_json::Value;

fn import_id_of(db: &TempDb, file_suffix: &str) -> i64 {
    let imports = db.imports();
    let rec = imports
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(file_suffix)))
        .unwrap_or_else(|| panic!("no import of {file_suffix} in {imports:#?}"));
    rec["id"].as_i64().unwrap_or_else(|| panic!("id of {rec}"))
}

fn undo(db: &TempDb, id: i64) {
    let out = db.run(&["undo", &id.to_string()]);
    assert!(
        out.status.success(),
        "undo {id} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The figures of the whole summary and of two stores that exist throughout the test.
fn summaries(db: &TempDb) -> Value {
    serde_json::json!({
        "all": figures(&db.summary(None, None, None)),
        "shopee": figures(&db.summary(Some(SHOPEE), None, None)),
        "douyin": figures(&db.summary(Some(DOUYIN), None, None)),
    })
}

#[test]
fn undo_of_the_last_import_restores_the_previous_summary_exactly() {
    let db = TempDb::new();
    let without_tiktok: Vec<(&str, &str)> = DATASET
        .iter()
        .copied()
        .filter(|(_, s)| *s != TIKTOK)
        .collect();
    import_files(&db, &without_tiktok);
    import_costs(&db);
    let before = summaries(&db);

    let f = db.import_fixture("tiktok_shop/All_order-20260131.xlsx", TIKTOK);
    assert_int(&f, "added", 5, "tiktok import");
    let with = summaries(&db);
    assert_ne!(
        with["all"], before["all"],
        "importing TikTok changes the VND summary"
    );

    undo(&db, import_id_of(&db, "All_order-20260131.xlsx"));
    assert_eq!(summaries(&db), before, "undo restores the summary exactly");
}

#[test]
fn undo_of_an_earlier_import_equals_never_having_imported_it() {
    // Import everything, then undo the Shopee import (not the last one).
    let db = full_db();
    undo(&db, import_id_of(&db, "Order.all.20260101_20260131.xlsx"));

    let reference = TempDb::new();
    let without_shopee: Vec<(&str, &str)> = DATASET
        .iter()
        .copied()
        .filter(|(r, _)| !r.starts_with("shopee_vn/"))
        .collect();
    import_files(&reference, &without_shopee);
    import_costs_via(&reference, DOUYIN, TIKTOK);

    assert_eq!(
        figures(&db.summary(None, None, None)),
        figures(&reference.summary(None, None, None)),
        "summary after undo = summary of a database that never saw the file"
    );
    // VND without Shopee, by hand: TikTok 910000 + Lazada 820000; refunds 135000 + 120000.
    let vnd = TempDb::currency_of(&db.summary(None, None, None), "VND").clone();
    assert_str(&vnd, "gross_sales", "1730000", "VND after undoing Shopee");
    assert_str(&vnd, "refunds", "255000", "VND after undoing Shopee");
    assert_str(
        &vnd["fees"],
        "platform_commission",
        "0",
        "VND after undoing Shopee",
    );

    // The Shopee file can be imported again afterwards, and counts as new.
    let again = db.import_fixture("shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE);
    assert_int(&again, "added", 9, "re-import after undo");
    assert_int(&again, "duplicates", 0, "re-import after undo");
}

#[test]
fn undo_of_a_duplicate_import_changes_nothing() {
    let db = TempDb::new();
    db.import_fixture("douyin/1769904000_orders.csv", DOUYIN);
    let before = db.summary(None, None, None);
    let again = db.import_fixture("douyin/1769904000_orders.csv", DOUYIN);
    assert_int(&again, "added", 0, "duplicate import");
    let newest = db.imports()[0]["id"].as_i64().unwrap_or_default();
    undo(&db, newest);
    assert_eq!(canonical(&db.summary(None, None, None)), canonical(&before));
}

// ------------------------------------------------------------------ generic import
