//! The log a merchant can send (`logs/` beside the data file): an import writes a line naming
//! the file and its rows, a refused file its error code and place; neither a buyer nor a
//! cell's value is ever written.

mod common;

use common::{fixture, TempDb};

/// Every log file of the data file's folder, concatenated.
fn log_text(db: &TempDb) -> String {
    let dir = db.dir.path().join("logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).expect("a logs folder beside the data file") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("fupan.") && name.ends_with(".log"),
            "{name}"
        );
        text.push_str(&std::fs::read_to_string(&path).expect("log file"));
    }
    text
}

#[test]
fn an_import_is_logged_by_file_and_rows_without_buyers() {
    let db = TempDb::new();
    let file = fixture("shopee_vn/Order.all.20260101_20260131.xlsx");
    let out = db.run(&["import", file.to_str().expect("utf-8"), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = log_text(&db);
    // fixtures README, Shopee VN: 9 lines (A 2, B 2, C 1, D 1, E 1, F 1, G 1).
    let line = log
        .lines()
        .find(|l| l.contains(" import "))
        .unwrap_or_else(|| panic!("no import line in\n{log}"));
    assert!(
        line.contains("file=Order.all.20260101_20260131.xlsx") && line.contains("rows=9"),
        "{line}"
    );
    assert!(line.contains("format=shopee_vn.orders"), "{line}");
    // The export's buyers (Người Mua buyer_00…) and their names are not in the log.
    for personal in ["buyer_0", "N****n"] {
        assert!(!log.contains(personal), "{personal} in the log:\n{log}");
    }

    // Undo is logged by its import id.
    let out = db.run(&["undo", "1"]);
    assert!(out.status.success());
    assert!(
        log_text(&db)
            .lines()
            .any(|l| l.contains(" undo ") && l.contains("import_id=1")),
        "{}",
        log_text(&db)
    );
}

#[test]
fn a_refused_file_is_logged_by_code_and_place_not_by_value() {
    let db = TempDb::new();
    let file = fixture("bad/pdd_bad_date_row5.csv");
    let out = db.run(&["import", file.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let log = log_text(&db);
    let line = log
        .lines()
        .find(|l| l.contains("import failed"))
        .unwrap_or_else(|| panic!("no failure line in\n{log}"));
    assert!(
        line.contains("code=bad_cell")
            && line.contains("file=pdd_bad_date_row5.csv")
            && line.contains("row=5")
            && line.contains("column=订单成交时间"),
        "{line}"
    );
    // The cell's value (and the file's buyers) stay out.
    assert!(!log.contains("2026-13-45"), "{log}");
    assert!(!log.contains("王**"), "{log}");
}

/// Reading figures leaves the log as it was: a line is written only for what changes the
/// ledger or produces a file (and for errors).
#[test]
fn reading_figures_leaves_no_line() {
    let db = TempDb::new();
    db.import_fixture("shopee_vn/Order.all.20260101_20260131.xlsx", "Shop VN");
    let before = log_text(&db);
    assert!(before.contains(" import "), "{before}");
    for args in [
        &["summary", "--json"][..],
        &["imports"],
        &["channels", "--json"],
    ] {
        let out = db.run(args);
        assert!(out.status.success(), "{args:?}");
    }
    assert_eq!(
        log_text(&db),
        before,
        "a read-only command wrote to the log"
    );

    // A change with no line of its own is named (never its values).
    db.costs_import("costs/sku_costs.xlsx", Some("Shop VN"));
    let after = log_text(&db);
    let added: Vec<&str> = after.lines().skip(before.lines().count()).collect();
    assert_eq!(added.len(), 2, "the run's start and its action:\n{after}");
    assert!(added[0].contains(" start version="), "{after}");
    assert!(added[1].ends_with(" costs"), "{after}");
}
