//! Issue 17, cases 6, 7 and 10: how a ledger file is opened. A damaged ledger is refused for
//! writing (named, with how to restore); read-only commands never create a ledger; another
//! application's SQLite file, a non-SQLite file, a folder and a read-only file are refused
//! untouched with exit 2. Each case failed before the fix.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Output;

use common::{fixture, TempDb};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn good_import(db: &TempDb) {
    let out = db.run(&[
        "import",
        fixture("pdd/orders_202601a.csv")
            .to_str()
            .expect("utf-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Exit 2 and a message that names `path` (and says each of `also`).
fn assert_refused(out: &Output, path: &Path, also: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(&path.display().to_string()),
        "names the file: {err}"
    );
    for want in also {
        assert!(err.contains(want), "says {want:?}: {err}");
    }
}

#[test]
fn a_read_command_on_a_mistyped_path_creates_nothing() {
    let db = TempDb::new();
    let typo = db.dir.path().join("shpo/fupan.db");
    let cmds: [&[&str]; 5] = [
        &["summary", "--json"],
        &["channels"],
        &["imports"],
        &["stores"],
        &["fees"],
    ];
    for cmd in cmds {
        let out = common::TempDb {
            dir: tempfile::tempdir().unwrap(),
            path: typo.clone(),
        }
        .run(cmd);
        assert_refused(&out, &typo, &["no ledger at"]);
    }
    assert!(
        !db.dir.path().join("shpo").exists(),
        "no folder was created"
    );
}

#[test]
fn another_applications_sqlite_file_is_refused_untouched() {
    let db = TempDb::new();
    // A small SQLite database of some other program (no Fupan schema).
    let scratch = fupan_engine::Ledger::open_in_memory().unwrap();
    scratch
        .conn()
        .execute_batch(&format!(
            "ATTACH '{}' AS other; CREATE TABLE other.notes (id INTEGER PRIMARY KEY, text TEXT);
             INSERT INTO other.notes (text) VALUES ('buy milk'); DETACH other;",
            db.path.display()
        ))
        .unwrap();
    let before = std::fs::read(&db.path).unwrap();
    let csv = fixture("pdd/orders_202601a.csv");
    let out = db.run(&["import", csv.to_str().unwrap()]);
    assert_refused(&out, &db.path, &["not a Fupan ledger", "untouched"]);
    let out = db.run(&["summary"]);
    assert_refused(&out, &db.path, &["not a Fupan ledger"]);
    assert_eq!(std::fs::read(&db.path).unwrap(), before, "bytes unchanged");
}

#[test]
fn a_non_sqlite_or_cut_off_ledger_is_refused_with_its_path_and_a_hint() {
    let db = TempDb::new();
    std::fs::write(&db.path, b"PK\x03\x04 this is a zip, not a ledger").unwrap();
    let cmds: [&[&str]; 2] = [&["summary"], &["import", "x.csv"]];
    for cmd in cmds {
        let out = db.run(cmd);
        assert_refused(&out, &db.path, &["not a Fupan ledger", "restore"]);
    }
    // A real ledger cut to its first 3 pages (a copy interrupted half-way).
    let db = TempDb::new();
    good_import(&db);
    let bytes = std::fs::read(&db.path).unwrap();
    std::fs::write(&db.path, &bytes[..3 * 4096]).unwrap();
    let out = db.run(&[
        "import",
        fixture("pdd/orders_202601b_serial_dates.csv")
            .to_str()
            .unwrap(),
    ]);
    assert_refused(&out, &db.path, &["damaged", "restore"]);
}

/// Overwrite every page but the first (the schema) with garbage: the tables are unreadable.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read ledger");
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i % 251) as u8;
    }
    std::fs::write(path, bytes).expect("write ledger");
}

#[test]
fn a_damaged_ledger_is_refused_for_writing_and_for_backup() {
    let db = TempDb::new();
    good_import(&db);
    damage(&db.path);
    let before = std::fs::read(&db.path).unwrap();
    let csv = fixture("pdd/orders_202601b_serial_dates.csv");
    let cmds: [&[&str]; 2] = [&["import", csv.to_str().unwrap()], &["undo", "1"]];
    for cmd in cmds {
        let out = db.run(cmd);
        assert_refused(&out, &db.path, &["damaged", "restore"]);
    }
    let backup = db.dir.path().join("backup.db");
    let out = db.run(&["backup", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert!(!backup.exists(), "no backup of a damaged ledger");
    // Reading says so too.
    let out = db.run(&["imports"]);
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        before,
        "nothing was written"
    );
}

#[test]
fn a_damaged_ledger_can_be_restored_from_a_backup() {
    let db = TempDb::new();
    good_import(&db);
    let backup = db.dir.path().join("backup.db");
    let out = db.run(&["backup", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    damage(&db.path);
    let out = db.run(&["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = db.json(&["imports", "--json"]);
    assert_eq!(v["imports"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_folder_or_a_read_only_file_as_the_ledger_exits_2() {
    let db = TempDb::new();
    let folder = db.dir.path().join("ledger_dir");
    std::fs::create_dir(&folder).unwrap();
    let as_folder = TempDb {
        dir: tempfile::tempdir().unwrap(),
        path: folder.clone(),
    };
    let csv = fixture("pdd/orders_202601a.csv");
    let out = as_folder.run(&["import", csv.to_str().unwrap()]);
    assert_refused(&out, &folder, &["folder"]);
    let out = as_folder.run(&["summary"]);
    assert_refused(&out, &folder, &["folder"]);

    good_import(&db);
    let mut perms = std::fs::metadata(&db.path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db.path, perms).unwrap();
    let out = db.run(&[
        "import",
        fixture("pdd/orders_202601b_serial_dates.csv")
            .to_str()
            .unwrap(),
    ]);
    assert_refused(&out, &db.path, &["read-only"]);
    // Reading a read-only ledger still works.
    let out = db.run(&["summary", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_backup_into_a_missing_folder_exits_2_and_names_it() {
    let db = TempDb::new();
    good_import(&db);
    let dest = db.dir.path().join("no/such/folder/backup.db");
    let out = db.run(&["backup", dest.to_str().unwrap()]);
    assert_refused(&out, &dest, &["does not exist"]);
}
