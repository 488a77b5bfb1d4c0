//! Crash safety: `fupan import` of a large file is SIGKILLed at seeded-random moments. After
//! every kill the database must be exactly as before the import or exactly as after a
//! complete one, pass `PRAGMA integrity_check`, and the next start must open it and import.
//!
//! `FUPAN_CRASH_SEED=<n>` replays one run; `FUPAN_CRASH_TRIALS=<n>` changes the count.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, PDD};
use fupan_engine::import::{import_file, ImportOptions};
use fupan_engine::Ledger;

/// Enough rows that a debug build needs a good part of a second to import them.
const ROWS: usize = 4_000;
const DEFAULT_TRIALS: usize = 50;

/// A small deterministic generator (xorshift64*): no extra dependency for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A Pinduoduo order export of `ROWS` orders over January 2026 (the columns the format needs).
fn write_big_csv(path: &Path) {
    let mut rng = Rng(0x00C0_FFEE);
    let mut text = String::from(
        "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),商品数量(件),订单成交时间,商家编码-规格维度,售后状态\n",
    );
    for i in 0..ROWS {
        let day = 1 + i % 28;
        let status = if i % 17 == 0 {
            "已取消"
        } else {
            "已收货"
        };
        let after = if i % 23 == 0 {
            "退款成功"
        } else {
            "无售后或售后取消"
        };
        text.push_str(&format!(
            "T恤,2601{day:02}-{i:015},{status},{}.{:02},1.00,{},2026-01-{day:02} 10:{:02}:00,SKU-{},{after}\n",
            10 + rng.below(490),
            rng.below(100),
            1 + i % 3,
            i % 60,
            i % 50,
        ));
    }
    std::fs::write(path, text).expect("write the large CSV");
}

fn fupan(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fupan"));
    cmd.arg("--db")
        .arg(db)
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn import_ok(db: &Path, file: &Path) {
    let status = fupan(db)
        .args(["import", "--store", PDD])
        .arg(file)
        .status()
        .expect("run fupan");
    assert!(status.success(), "import of {} failed", file.display());
}

/// Every row of every table, as text, sorted; `imported_at` (wall clock) is left out. Opening
/// through `Ledger::open` is what the next start of the app does (WAL recovery, migration).
fn dump(db: &Path) -> Vec<String> {
    let ledger = Ledger::open(db).unwrap_or_else(|e| panic!("next start fails: {e}"));
    let conn = ledger.conn();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok", "integrity_check of {}", db.display());
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("list tables");
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\""))
            .expect("select");
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let mut rows = stmt.query([]).expect("query");
        let mut lines = Vec::new();
        while let Some(r) = rows.next().expect("row") {
            let mut line = format!("{t}:");
            for (i, n) in names.iter().enumerate() {
                if n != "imported_at" {
                    line.push_str(&format!(" {n}={:?}", r.get_ref(i).expect("cell")));
                }
            }
            lines.push(line);
        }
        lines.sort();
        out.extend(lines);
    }
    out
}

fn copy_db(from: &Path, to: &Path) {
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(PathBuf::from(format!("{}{ext}", to.display())));
    }
    std::fs::copy(from, to).expect("copy the database");
}

#[test]
fn sigkill_during_import_leaves_the_database_before_or_after() {
    let seed: u64 = std::env::var("FUPAN_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_260_131);
    let trials: usize = std::env::var("FUPAN_CRASH_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_TRIALS);
    eprintln!("crash safety: seed {seed}, {trials} trials");
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("orders_202601_big.csv");
    write_big_csv(&big);

    // The state before: a database that already holds an import (checkpointed into one file).
    let base = dir.path().join("base.db");
    import_ok(&base, &fixture("pdd/orders_202601a.csv"));
    let before = dump(&base);

    // The state after a complete import, and how long one takes on this machine.
    let full = dir.path().join("full.db");
    copy_db(&base, &full);
    let started = Instant::now();
    import_ok(&full, &big);
    let span = started.elapsed();
    let after = dump(&full);
    assert_ne!(before, after);
    let orders = after
        .iter()
        .filter(|l| l.starts_with("order_lines:"))
        .count();
    assert_eq!(orders, 3 + ROWS, "every generated row is a line");

    let small = fixture("pdd/orders_202601b_serial_dates.csv");
    let mut rng = Rng(seed | 1);
    let (mut saw_before, mut saw_after) = (0, 0);
    let db = dir.path().join("trial.db");
    for trial in 0..trials {
        copy_db(&base, &db);
        // Kill anywhere from process start to a little past a normal import's end.
        let wait = Duration::from_micros(rng.below(span.as_micros() as u64 * 11 / 10));
        let mut child = fupan(&db)
            .args(["import", "--store", PDD])
            .arg(&big)
            .spawn()
            .expect("spawn fupan");
        std::thread::sleep(wait);
        child.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix.
        let _ = child.wait();
        let now = dump(&db);
        if now == before {
            saw_before += 1;
        } else if now == after {
            saw_after += 1;
        } else {
            panic!("trial {trial} (seed {seed}, kill after {wait:?}): the database is neither before nor after");
        }
        // The next start works and can import (in process: a process start costs more than
        // the check).
        let mut ledger = Ledger::open(&db).expect("reopen after the kill");
        let opts = ImportOptions {
            store: Some(PDD.into()),
            ..Default::default()
        };
        let done = import_file(&mut ledger, &small, &opts, &mut |_| {})
            .unwrap_or_else(|e| panic!("trial {trial}: the import after the kill fails: {e}"));
        assert_eq!(
            done.added, 2,
            "trial {trial}: the following import adds its 2 rows"
        );
    }
    eprintln!("crash safety: {saw_before} before, {saw_after} after (one import takes {span:?})");
    // The kills must really have interrupted imports; with the kill window spread over the
    // whole import at least one lands before its commit.
    assert!(saw_before > 0, "no kill interrupted an import");
}

/// Issue 17, case 4: `backup FILE` used to delete FILE first, so a kill during the copy left
/// no backup at all. Killed at any moment now, FILE is the previous backup, byte for byte,
/// or a complete, sound copy of the ledger.
#[test]
fn sigkill_during_backup_keeps_the_previous_backup() {
    let seed: u64 = std::env::var("FUPAN_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_260_201);
    let trials: usize = std::env::var("FUPAN_CRASH_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(20, |n: usize| n.clamp(1, 20));
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("orders_202601_big.csv");
    write_big_csv(&big);
    let db = dir.path().join("ledger.db");
    import_ok(&db, &big);
    let after = dump(&db);
    // The previous backup: of an older state of the ledger (the small fixture only).
    let old_db = dir.path().join("old.db");
    import_ok(&old_db, &fixture("pdd/orders_202601a.csv"));
    let old_backup = dir.path().join("old_backup.db");
    let status = fupan(&old_db)
        .arg("backup")
        .arg(&old_backup)
        .status()
        .expect("run fupan");
    assert!(status.success());
    let previous = std::fs::read(&old_backup).expect("read backup");

    let backup = dir.path().join("fupan-backup.db");
    let started = Instant::now();
    std::fs::write(&backup, &previous).expect("copy backup");
    let status = fupan(&db)
        .arg("backup")
        .arg(&backup)
        .status()
        .expect("run fupan");
    assert!(status.success());
    let span = started.elapsed();
    let mut rng = Rng(seed | 1);
    let (mut kept, mut replaced) = (0, 0);
    for trial in 0..trials {
        std::fs::write(&backup, &previous).expect("copy backup");
        let wait = Duration::from_micros(rng.below(span.as_micros() as u64 * 11 / 10));
        let mut child = fupan(&db)
            .arg("backup")
            .arg(&backup)
            .spawn()
            .expect("spawn fupan");
        std::thread::sleep(wait);
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let now = std::fs::read(&backup).expect("the backup file is still there");
        if now == previous {
            kept += 1;
            continue;
        }
        // Otherwise it is the whole new copy: sound, and the ledger's content.
        let check = dir.path().join("check.db");
        std::fs::write(&check, &now).expect("copy");
        assert_eq!(
            dump(&check),
            after,
            "trial {trial} (seed {seed}, kill after {wait:?}): a partial backup"
        );
        replaced += 1;
    }
    eprintln!("backup kills: {kept} kept the previous backup, {replaced} had the new one");
}
