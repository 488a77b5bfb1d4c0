//! Fixed-cost sheets through the `fupan` binary: recognised by the one importer, summed
//! exactly into `summary.fixed_costs`, idempotent, undoable (an overwritten value comes back);
//! and `--skip-bad-rows`, which imports the readable rows of a file and lists the others.
//! Undoing a SKU cost sheet also restores exactly the costs before it.
//! Figures are hand-computed in tests/fixtures/README.md ("Fixed costs").

mod common;

use common::*;

const STORE: &str = "淘宝小店";

fn fixed_costs(db: &TempDb, store: Option<&str>, from: &str, to: &str, currency: &str) -> String {
    let doc = db.summary(store, Some(from), Some(to));
    TempDb::currency_of(&doc, currency)["fixed_costs"]
        .as_str()
        .unwrap_or_else(|| panic!("no fixed_costs in {doc}"))
        .to_string()
}

/// A CNY store (from a Taobao order export) with the Chinese xlsx imported.
fn db_with_xlsx() -> TempDb {
    let db = TempDb::new();
    db.import_fixture("taobao/ExportOrderList202601.csv", STORE);
    let f = fixture("costs/fixed_costs.xlsx");
    let v = db.json(&["import", f.to_str().expect("utf-8 path"), "--json"]);
    let file = &v["files"][0];
    let ctx = "fixed_costs.xlsx";
    assert_str(file, "report", "fixed_costs", ctx);
    assert_str(file, "format", "generic.fixed_costs", ctx);
    // Six cost rows; the 合计 row is not one.
    assert_int(file, "rows", 6, ctx);
    assert_int(file, "added", 6, ctx);
    assert_str(file, "date_from", "2026-01-01", ctx);
    assert_str(file, "date_to", "2026-02-28", ctx);
    db
}

fn reimport_is_all_duplicates(db: &TempDb, rel: &str, rows: i64) {
    let v = db.json(&[
        "import",
        fixture(rel).to_str().expect("utf-8 path"),
        "--json",
    ]);
    let file = &v["files"][0];
    assert_int(file, "rows", rows, rel);
    assert_int(file, "duplicates", rows, rel);
    assert_int(file, "added", 0, rel);
    assert_int(file, "updated", 0, rel);
}

#[test]
fn a_fixed_cost_xlsx_sums_exactly_per_month_and_store() {
    let db = db_with_xlsx();
    // January: 8000 + 15000.50 (all stores) + 1299.00 (淘宝小店).
    assert_eq!(
        fixed_costs(&db, None, "2026-01-01", "2026-01-31", "CNY"),
        "24299.50"
    );
    // February: 8000 + 15200 + 2345.60.
    assert_eq!(
        fixed_costs(&db, None, "2026-02-01", "2026-02-28", "CNY"),
        "25545.60"
    );
    // The store alone: only the rows naming it, 1299.00 + 2345.60.
    assert_eq!(
        fixed_costs(&db, Some(STORE), "2026-01-01", "2026-02-28", "CNY"),
        "3644.60"
    );
}

#[test]
fn a_gbk_sheet_with_a_title_row_overwrites_and_undo_brings_the_old_value_back() {
    let db = db_with_xlsx();
    reimport_is_all_duplicates(&db, "costs/fixed_costs.xlsx", 6);
    let before = db.snapshot();
    // `costs import` takes fixed-cost sheets too (same importer, same history).
    db.costs_import("costs/fixed_costs_202603_gbk.csv", None);
    let last = &db.imports()[0];
    assert_str(last, "report", "fixed_costs", "gbk");
    assert_int(last, "added", 3, "gbk");
    assert_int(last, "updated", 1, "gbk");
    // February's rent 8000 → 8800: 8800 + 15200 + 2345.60.
    assert_eq!(
        fixed_costs(&db, None, "2026-02-01", "2026-02-28", "CNY"),
        "26345.60"
    );
    // March: 8500 + 15000.00 + 3000.
    assert_eq!(
        fixed_costs(&db, None, "2026-03-01", "2026-03-31", "CNY"),
        "26500.00"
    );
    // Q1: 24299.50 + 26345.60 + 26500.00.
    assert_eq!(
        fixed_costs(&db, None, "2026-01-01", "2026-03-31", "CNY"),
        "77145.10"
    );

    // Re-importing it adds nothing: every row is a duplicate.
    reimport_is_all_duplicates(&db, "costs/fixed_costs_202603_gbk.csv", 4);
    // Undo the re-import (nothing to restore), then the GBK import: rent is 8000 again.
    for _ in 0..2 {
        let id = db.imports()[0]["id"].as_i64().expect("integer").to_string();
        let out = db.run(&["undo", &id]);
        assert!(out.status.success(), "{out:?}");
    }
    assert_eq!(
        fixed_costs(&db, None, "2026-02-01", "2026-02-28", "CNY"),
        "25545.60"
    );
    assert_eq!(
        fixed_costs(&db, None, "2026-03-01", "2026-03-31", "CNY"),
        "0.00"
    );
    assert_eq!(
        db.snapshot(),
        before,
        "undo restores the exact previous state"
    );
}

#[test]
fn a_store_the_database_does_not_know_is_refused_with_its_row_and_column() {
    let db = TempDb::new();
    db.import_fixture("pdd/orders_202601a.csv", "拼多多店");
    let before = std::fs::read(&db.path).expect("read the database");
    let f = fixture("costs/fixed_costs.xlsx");
    let out = db.run(&["import", f.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // The first row naming 淘宝小店 is spreadsheet row 4.
    assert!(
        err.contains("row 4") && err.contains("店铺") && err.contains("no store named"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&db.path).expect("read the database"),
        before,
        "DB unchanged"
    );
}

#[test]
fn bad_rows_refuse_the_file_unless_skipping_is_allowed_then_they_are_listed() {
    let db = TempDb::new();
    db.import_fixture(
        "shopee_vn/Order.all.20260101_20260131.xlsx",
        "Shopee VN Shop",
    );
    let rel = "costs/chi_phi_co_dinh_2_dong_loi.csv";
    let f = fixture(rel);
    let f = f.to_str().expect("utf-8 path");

    let before = std::fs::read(&db.path).expect("read the database");
    let out = db.run(&["import", f, "--json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("row 4") && err.contains("Tháng"), "{err}");
    assert!(err.contains("--skip-bad-rows"), "{err}");
    assert_eq!(
        std::fs::read(&db.path).expect("read the database"),
        before,
        "DB byte-identical"
    );

    let v = db.json(&["import", f, "--skip-bad-rows", "--json"]);
    let file = &v["files"][0];
    assert_int(file, "rows", 5, rel);
    assert_int(file, "added", 3, rel);
    let skipped = file["skipped"].as_array().expect("skipped[]");
    let got: Vec<(i64, &str, &str)> = skipped
        .iter()
        .map(|s| {
            (
                s["row"].as_i64().expect("integer"),
                s["column"].as_str().expect("text"),
                s["value"].as_str().expect("text"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(4, "Tháng", "13/2026"), (5, "Số tiền", "khoảng 2 triệu")]
    );
    for s in skipped {
        assert_str(s, "sheet", "chi_phi_co_dinh_2_dong_loi.csv", rel);
        assert!(!s["reason"].as_str().expect("text").is_empty(), "{s}");
    }
    // 12.000.000 ₫ + 18.500.000 + 1.250.000 ₫ (VND: '.' groups thousands).
    assert_eq!(
        fixed_costs(&db, None, "2026-01-01", "2026-01-31", "VND"),
        "31750000"
    );
    // The skipped rows are kept in the history.
    assert_int(&db.imports()[0], "skipped", 2, rel);
}

#[test]
fn without_stores_a_sheet_without_a_currency_is_refused_not_guessed() {
    let db = TempDb::new();
    let f = fixture("costs/fixed_costs_202603_gbk.csv");
    let out = db.run(&["import", f.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    // Row 4: the title row, a blank row, then the header.
    assert!(
        err.contains("row 4") && err.contains("no stores yet"),
        "{err}"
    );
}

#[test]
fn store_option_gives_rows_without_a_store_to_that_store() {
    let db = TempDb::new();
    db.import_fixture("taobao/ExportOrderList202601.csv", STORE);
    db.import_fixture("pdd/orders_202601a.csv", "拼多多店");
    db.costs_import("costs/fixed_costs_202603_gbk.csv", Some(STORE));
    // March: 8500 + 15000.00 + 3000, all for 淘宝小店, none for the other CNY store.
    assert_eq!(
        fixed_costs(&db, Some(STORE), "2026-03-01", "2026-03-31", "CNY"),
        "26500.00"
    );
    assert_eq!(
        fixed_costs(&db, Some("拼多多店"), "2026-03-01", "2026-03-31", "CNY"),
        "0.00"
    );
}

#[test]
fn undoing_a_repeated_sku_cost_sheet_keeps_the_costs() {
    let db = TempDb::new();
    db.import_fixture("jd/ExportOrder_202601.csv", "京东小店");
    db.costs_import("costs/sku_costs.xlsx", None);
    let before = db.snapshot();
    // tests/fixtures/README.md (JD): 2×30 + 12.50 + 33.
    let cny = TempDb::currency_of(&before["summary"], "CNY");
    assert_str(cny, "cogs", "105.50", "jd");
    db.costs_import("costs/sku_costs.xlsx", None);
    let id = db.imports()[0]["id"].as_i64().expect("integer").to_string();
    assert!(db.run(&["undo", &id]).status.success());
    assert_eq!(db.snapshot(), before, "the costs of the first import stay");
}
