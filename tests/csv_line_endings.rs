//! Issue 17, cases 2 and 9: CSV line endings and cut-off files. A lone '\r' used to end no
//! row (a PDD CSV of 5 rows imported 3; a '\r'-only CSV "0 rows", exit 0), and a file cut off
//! in its last row imported that row as if whole (`退款成功` cut to `退` read as no refund).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::TempDb;

/// The Pinduoduo order export header (formats.md), as in `pdd/orders_202601a.csv`.
const PDD_HEADER: [&str; 9] = [
    "商品",
    "订单号",
    "订单状态",
    "商品总价(元)",
    "店铺优惠折扣(元)",
    "商品数量(件)",
    "订单成交时间",
    "商家编码-规格维度",
    "售后状态",
];

/// Five orders of January 2026: order i costs i × 10.00 (one unit); order 5 was refunded.
/// Gross 10+20+30+40+50 = 150.00, refunds 50.00 (order 5, 退款成功).
fn rows() -> Vec<String> {
    let mut out = vec![PDD_HEADER.join(",")];
    for i in 1..=5u32 {
        let after = if i == 5 {
            "退款成功"
        } else {
            "无售后或售后取消"
        };
        out.push(format!(
            "T恤,260110-{i:015},已收货,{}.00,0.00,1,2026-01-{:02} 10:00:00,SKU-{i},{after}",
            i * 10,
            i
        ));
    }
    out
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write csv");
    path
}

fn import(db: &TempDb, file: &Path, more: &[&str]) -> Output {
    let mut args = vec!["import", "--store", "拼多多店", "--json"];
    args.extend_from_slice(more);
    args.push(file.to_str().expect("path"));
    db.run(&args)
}

fn cny(db: &TempDb) -> serde_json::Value {
    let s = db.json(&["summary", "--json"]);
    s["currencies"][0].clone()
}

fn assert_five_orders(db: &TempDb, out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what}: {err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["files"][0]["rows"], 5, "{what}");
    assert_eq!(v["files"][0]["added"], 5, "{what}");
    let c = cny(db);
    assert_eq!(c["orders"], 5, "{what}: {c}");
    assert_eq!(c["gross_sales"], "150.00", "{what}: {c}");
    assert_eq!(c["refunds"], "50.00", "{what}: {c}");
}

#[test]
fn a_pdd_csv_with_lone_cr_line_endings_imports_all_five_rows() {
    let db = TempDb::new();
    // Mixed endings, as after an edit in an old Mac editor: "\r\n" and lone "\r".
    let r = rows();
    let text = format!(
        "{}\r\n{}\r{}\r\n{}\r{}\r\n{}\r",
        r[0], r[1], r[2], r[3], r[4], r[5]
    );
    let file = write(db.dir.path(), "orders_mixed.csv", &text);
    let out = import(&db, &file, &[]);
    assert_five_orders(&db, &out, "mixed \\r\\n and \\r");
}

#[test]
fn a_cr_only_csv_imports_its_rows() {
    let db = TempDb::new();
    let file = write(db.dir.path(), "orders_cr.csv", &rows().join("\r"));
    let out = import(&db, &file, &[]);
    assert_five_orders(&db, &out, "\\r only");
}

#[test]
fn crlf_and_lf_csvs_still_import_their_rows() {
    for (name, end) in [("orders_crlf.csv", "\r\n"), ("orders_lf.csv", "\n")] {
        let db = TempDb::new();
        let file = write(db.dir.path(), name, &(rows().join(end) + end));
        let out = import(&db, &file, &[]);
        assert_five_orders(&db, &out, name);
    }
}

#[test]
fn a_csv_cut_off_in_its_last_row_is_refused_as_truncated() {
    let db = TempDb::new();
    let mut text = rows().join("\n");
    // Cut inside the last row's date: its SKU and 售后状态 cells are gone.
    let cut = text.rfind("2026-01-05").expect("last row") + 7;
    text.truncate(cut);
    let file = write(db.dir.path(), "orders_cut.csv", &text);
    let out = import(&db, &file, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for want in ["orders_cut.csv", "row 6", "truncated"] {
        assert!(err.contains(want), "says {want:?}: {err}");
    }
    // Nothing written: the refused first import leaves no ledger behind.
    assert!(!db.path.exists(), "no ledger created");
    // With --skip-bad-rows the four whole rows import and the cut one is listed.
    let out = import(&db, &file, &["--skip-bad-rows"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["files"][0]["added"], 4);
    assert_eq!(v["files"][0]["skipped"][0]["row"], 6);
    // 10 + 20 + 30 + 40 = 100.00; nothing refunded among them.
    assert_eq!(cny(&db)["gross_sales"], "100.00");
}

#[test]
fn a_status_cut_off_at_the_end_of_the_file_is_not_read_as_no_refund() {
    let db = TempDb::new();
    let mut text = rows().join("\n");
    // The file ends inside the last cell: 退款成功 → 退 (every cell is still there).
    text.truncate(text.len() - "款成功".len());
    assert!(text.ends_with(",退"));
    let file = write(db.dir.path(), "orders_cut_status.csv", &text);
    let out = import(&db, &file, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for want in ["row 6", "售后状态", "cut off"] {
        assert!(err.contains(want), "says {want:?}: {err}");
    }
}
