//! Hostile and broken input, table-driven: every file of tests/fixtures/bad (plus a folder and
//! a symlink loop given as a file) must end `fupan import` with exit code 2 and a message that
//! names the file — and the sheet, row and column where they apply — within a time and memory
//! bound, without a panic, and leave the database byte-for-byte unchanged.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, fixtures, PDD};

/// Wall-clock bound per file (debug build on a loaded 2-core CI machine).
const TIME_LIMIT: Duration = Duration::from_secs(30);
/// Address-space bound (ulimit -v, KiB): a reader that inflated a bomb in memory dies.
const MEMORY_LIMIT_KIB: u64 = 1536 * 1024;

/// (file in tests/fixtures/bad, what stderr must say besides the file name).
const CASES: &[(&str, &[&str])] = &[
    ("truncated.xlsx", &["damaged zip archive"]),
    ("truncated.zip", &["damaged zip archive"]),
    ("garbage.csv", &["not a file Fupan recognises"]),
    ("empty.csv", &["empty"]),
    ("empty_sheet.xlsx", &["no data found"]),
    ("invalid_bytes.csv", &["not a file Fupan recognises"]),
    (
        "wrong_encoding_cp1258.csv",
        &["not a file Fupan recognises"],
    ),
    ("zip_bomb.xlsx", &["zip bomb"]),
    ("zip_bomb_lying_size.xlsx", &["sheet \"data\"", "declared"]),
    ("billion_laughs.xlsx", &["sheet \"data\"", "entity"]),
    (
        "huge_cell.xlsx",
        &["sheet \"data\"", "row 2", "column C", "1 MiB"],
    ),
    (
        "too_many_columns.xlsx",
        &["sheet \"data\"", "row 1", "column XFE"],
    ),
    (
        "million_columns.zip",
        &["sheet \"orders.csv\"", "row 1", "16384 columns"],
    ),
    (
        "orders_formulas.xlsx",
        &["sheet \"orders\"", "row 2", "商品总价(元)", "formula"],
    ),
    (
        "Order.all.missing_order_id.xlsx",
        &["sheet \"Sheet\"", "Mã đơn hàng", "missing"],
    ),
    (
        "Order.all.float_id.xlsx",
        &["sheet \"Sheet\"", "row 3", "Mã đơn hàng", "lost digits"],
    ),
    (
        "pdd_bad_date_row5.csv",
        &["row 5", "订单成交时间", "not a date"],
    ),
    (
        "pdd_date_out_of_range_row3.csv",
        &["row 3", "订单成交时间", "out of range"],
    ),
    (
        "pdd_negative_qty_row3.csv",
        &["row 3", "商品数量(件)", "negative"],
    ),
    ("pdd_duplicate_header.csv", &["row 1", "订单号", "twice"]),
];

/// The database with one good import, fully checkpointed into its one file.
fn prepared_db(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    let out = run(&db, &fixture("pdd/orders_202601a.csv"));
    assert_eq!(out.0, Some(0), "the good import fails: {}", out.1);
    db
}

/// `fupan import FILE` under the time and memory bounds: (exit code, stderr).
fn run(db: &Path, file: &Path) -> (Option<i32>, String) {
    let err_path = db.with_extension("stderr");
    let err = std::fs::File::create(&err_path).expect("stderr file");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_fupan"))
        .arg("--db")
        .arg(db)
        .args(["import", "--store", PDD, "--json"])
        .arg(file)
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .stdout(Stdio::null())
        .stderr(err)
        .spawn()
        .expect("spawn fupan");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("{}: no answer within {TIME_LIMIT:?}", file.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    (status.code(), stderr)
}

fn check(db: &Path, file: &Path, name: &str, also: &[&str]) -> Vec<String> {
    let before = std::fs::read(db).expect("read db");
    let (code, stderr) = run(db, file);
    let mut problems = Vec::new();
    if code != Some(2) {
        problems.push(format!("{name}: exit {code:?}, want 2; stderr: {stderr}"));
    }
    if stderr.contains("panicked") {
        problems.push(format!("{name}: panicked: {stderr}"));
    }
    for want in std::iter::once(&name).chain(also) {
        if !stderr.contains(want) {
            problems.push(format!("{name}: stderr lacks {want:?}: {stderr}"));
        }
    }
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    if std::fs::read(db).expect("read db") != before || wal_len > 0 {
        problems.push(format!("{name}: the database changed"));
    }
    problems
}

#[test]
fn every_bad_file_is_refused_cleanly_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared_db(dir.path());
    let mut problems = Vec::new();
    for (name, also) in CASES {
        problems.extend(check(&db, &fixture(&format!("bad/{name}")), name, also));
    }
    // Every file of bad/ is in the table (a new one must say what it expects).
    let listed: Vec<&str> = CASES.iter().map(|(n, _)| *n).collect();
    for entry in std::fs::read_dir(fixtures().join("bad")).expect("list bad/") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !listed.contains(&name.as_str()) {
            problems.push(format!("{name}: in tests/fixtures/bad but not in CASES"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn a_folder_or_a_symlink_loop_given_as_a_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared_db(dir.path());
    let folder = dir.path().join("exports_2026");
    std::fs::create_dir(&folder).expect("mkdir");
    let a = dir.path().join("loop_a.xlsx");
    let b = dir.path().join("loop_b.xlsx");
    std::os::unix::fs::symlink(&b, &a).expect("symlink");
    std::os::unix::fs::symlink(&a, &b).expect("symlink");
    let mut problems = check(&db, &folder, "exports_2026", &["folder"]);
    problems.extend(check(&db, &a, "loop_a.xlsx", &[]));
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Issue 17, case 10: a FIFO named .csv used to hang the import (it was opened and read,
/// and waited for a writer forever). Non-regular files are refused at once.
#[test]
fn a_fifo_named_csv_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared_db(dir.path());
    let fifo = dir.path().join("orders_pipe.csv");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let problems = check(&db, &fifo, "orders_pipe.csv", &["not a regular file"]);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Issue 17, case 10: "too large to store" named no row or column.
#[test]
fn an_amount_too_large_to_store_names_its_row_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = prepared_db(dir.path());
    let file = dir.path().join("orders_huge_amount.csv");
    std::fs::write(
        &file,
        "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),商品数量(件),订单成交时间,\
         商家编码-规格维度,售后状态\n\
         T恤,260110-000000000000001,已收货,10.00,0.00,1,2026-01-10 10:00:00,A,无售后或售后取消\n\
         T恤,260110-000000000000002,已收货,99999999999999.00,0.00,1,2026-01-11 10:00:00,A,\
         无售后或售后取消\n",
    )
    .expect("write");
    let also = ["row 3", "商品总价(元)", "too large to store"];
    let problems = check(&db, &file, "orders_huge_amount.csv", &also);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
