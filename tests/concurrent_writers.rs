//! Issue 17, case 5: a second writer used to fail at once with exit 1 "database is locked"
//! (its transaction began as a reader and could not upgrade). Now it takes the write lock as
//! it begins, says it is waiting, and either goes ahead when the first writer is done or,
//! past `FUPAN_LOCK_TIMEOUT`, ends with exit 2 and a clear message, having written nothing.
#![cfg(unix)]

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, TempDb};
use fupan_engine::Ledger;

fn imports(db: &TempDb) -> usize {
    let v = db.json(&["imports", "--json"]);
    v["imports"].as_array().map_or(0, Vec::len)
}

fn import_cmd(db: &TempDb, timeout_secs: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fupan"));
    cmd.arg("--db")
        .arg(&db.path)
        .arg("import")
        .arg(fixture("pdd/orders_202601b_serial_dates.csv"))
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .env("FUPAN_LOCK_TIMEOUT", timeout_secs)
        .stdout(Stdio::null());
    cmd
}

#[test]
fn a_second_writer_times_out_cleanly_with_exit_2() {
    let db = TempDb::new();
    db.json(&[
        "import",
        "--json",
        fixture("pdd/orders_202601a.csv").to_str().unwrap(),
    ]);
    // Another writer holds the lock for the whole attempt.
    let holder = Ledger::open(&db.path).expect("open");
    holder
        .conn()
        .execute_batch("BEGIN IMMEDIATE")
        .expect("lock");
    let started = Instant::now();
    let out = import_cmd(&db, "0.5").output().expect("run fupan");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("waiting"), "says it waits: {err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20));
    holder.conn().execute_batch("ROLLBACK").expect("unlock");
    drop(holder);
    assert_eq!(imports(&db), 1, "no half import");
}

#[test]
fn a_second_writer_waits_its_turn_and_succeeds() {
    let db = TempDb::new();
    db.json(&[
        "import",
        "--json",
        fixture("pdd/orders_202601a.csv").to_str().unwrap(),
    ]);
    let holder = Ledger::open(&db.path).expect("open");
    holder
        .conn()
        .execute_batch("BEGIN IMMEDIATE")
        .expect("lock");
    let err_path = db.dir.path().join("stderr.txt");
    let mut child = import_cmd(&db, "60")
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("spawn fupan");
    // It waits (and says so) while the lock is held…
    let started = Instant::now();
    while !std::fs::read_to_string(&err_path)
        .unwrap_or_default()
        .contains("another import is running, waiting")
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no waiting message"
        );
        assert!(child.try_wait().expect("wait").is_none(), "it did not wait");
        std::thread::sleep(Duration::from_millis(50));
    }
    // …and goes ahead once it is released.
    holder.conn().execute_batch("COMMIT").expect("unlock");
    let status = child.wait().expect("wait");
    assert!(
        status.success(),
        "{}",
        std::fs::read_to_string(&err_path).unwrap_or_default()
    );
    drop(holder);
    assert_eq!(imports(&db), 2);
}
