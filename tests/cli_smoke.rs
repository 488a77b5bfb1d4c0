//! The CLI skeleton on a temporary database: help, version, history, exit codes, backup.

use std::process::{Command, Output};

fn fupan(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fupan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run fupan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_lists_every_subcommand_without_a_display() {
    let dir = tempfile::tempdir().unwrap();
    let out = fupan(&dir.path().join("t.db"), &["--help"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for sub in [
        "import", "costs", "summary", "channels", "stores", "report", "imports", "undo", "backup",
        "restore",
    ] {
        assert!(stdout(&out).contains(sub), "--help lacks {sub}");
    }
}

#[test]
fn version_prints_the_package_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = fupan(&dir.path().join("t.db"), &["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("fupan {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn imports_on_a_missing_database_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/t.db");
    let out = fupan(&db, &["imports", "--json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no ledger at"), "{}", stderr(&out));
    assert!(!dir.path().join("sub").exists());
    // The first import creates it; then the history lists it.
    let csv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdd/orders_202601a.csv"
    );
    assert!(fupan(&db, &["import", csv]).status.success());
    let out = fupan(&db, &["imports", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["imports"].as_array().map(Vec::len), Some(1));
}

#[test]
fn bad_arguments_and_unknown_imports_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = fupan(&db, &["undo", "42"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("42"), "{}", stderr(&out));
    let out = fupan(&db, &["summary", "--frm", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(2));
    let out = fupan(&db, &["import", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "a folder is not a file");
}

#[test]
fn backup_and_restore_round_trip_and_refuse_junk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let backup = dir.path().join("b.fupan");
    let csv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdd/orders_202601a.csv"
    );
    assert!(fupan(&db, &["import", csv]).status.success());
    assert!(fupan(&db, &["backup", backup.to_str().unwrap()])
        .status
        .success());
    assert!(fupan(&db, &["restore", backup.to_str().unwrap()])
        .status
        .success());
    let junk = dir.path().join("junk.fupan");
    std::fs::write(&junk, "not a database").unwrap();
    let out = fupan(&db, &["restore", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("junk.fupan"), "{}", stderr(&out));
}
