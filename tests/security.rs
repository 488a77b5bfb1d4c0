//! Security properties checked on every run: the window's capabilities and CSP, paths from
//! the UI opened read-only, formula-safe exports, and no personal data in the database.
//! (No HTTP client in the dependency tree is a step of scripts/test.sh: it needs `cargo tree`.)

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, TempDb, PDD, SHOPEE};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file under `dir` with extension `ext`, recursively.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            out.extend(files(&p, ext));
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out
}

/// Each permission the window may hold, with the file and the call that needs it.
const NEEDED: &[(&str, &str, &str)] = &[
    ("core:event:allow-listen", "ui/js/api.js", "T.event.listen("),
    // `listen` resolves to an unlisten function; Tauri calls it when a listener is dropped.
    (
        "core:event:allow-unlisten",
        "ui/js/api.js",
        "T.event.listen(",
    ),
    // WebDriver cannot perform an OS file drop: the e2e harness emits the drop event.
    (
        "core:event:allow-emit",
        "tests/e2e/lib/app.mjs",
        "event.emit(\"tauri://drag-drop\"",
    ),
    // The task bar / window list shows the screen's name.
    ("core:window:allow-set-title", "ui/js/api.js", ".setTitle("),
];

#[test]
fn capabilities_grant_only_what_is_called() {
    let js: String = files(&repo().join("ui/js"), "js")
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read js"))
        .collect();
    for cap in files(&repo().join("src-tauri/capabilities"), "json") {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&cap).expect("read"))
            .expect("capability JSON");
        assert!(
            v.get("remote").is_none(),
            "{}: no remote URLs",
            cap.display()
        );
        for p in v["permissions"].as_array().expect("permissions[]") {
            let name = p
                .as_str()
                .or_else(|| p["identifier"].as_str())
                .expect("permission name");
            let Some((_, file, call)) = NEEDED.iter().find(|(n, _, _)| *n == name) else {
                panic!(
                    "{}: {name} is granted but not on the list of what is used (tests/security.rs)",
                    cap.display()
                );
            };
            assert!(
                read(file).contains(call),
                "{name} is granted but {file} never calls {call}"
            );
        }
    }
    // And the UI calls nothing that would need a plugin permission it lacks.
    for plugin in [
        "T.fs.",
        "T.shell.",
        "T.http.",
        "T.dialog.",
        "T.opener.",
        "fetch(\"http",
        "fetch(`http",
        "fetch('http",
    ] {
        assert!(
            !js.contains(plugin),
            "ui/js uses {plugin}: grant it explicitly or remove it"
        );
    }
}

#[test]
fn csp_allows_no_eval_and_no_remote_origin() {
    let conf: Value = serde_json::from_str(&read("tauri.conf.json")).expect("tauri.conf.json");
    let security = &conf["app"]["security"];
    assert!(
        security
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "CSP hashing must stay on"
    );
    let csp = security["csp"]
        .as_object()
        .expect("app.security.csp is an object");
    assert!(csp.contains_key("default-src") && csp.contains_key("script-src"));
    // Tauri's own IPC endpoint is local (custom protocol / localhost), never the network.
    let local = ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"];
    for (directive, sources) in csp {
        let sources = sources.as_str().expect("CSP sources as one string");
        for s in sources.split_whitespace() {
            assert!(
                !s.contains("unsafe-eval") && !s.contains("unsafe-inline"),
                "{directive}: {s}"
            );
            assert!(
                local.contains(&s),
                "{directive}: {s} is not local (only {local:?} are allowed)"
            );
        }
    }
    assert_eq!(csp["object-src"], "'none'");
}

/// Calls that could write, move or delete a file.
const WRITES: &[&str] = &[
    "OpenOptions",
    "File::create",
    "fs::write",
    "fs::remove",
    "fs::rename",
    "fs::copy",
    "set_permissions",
    "set_len",
];

#[test]
fn paths_from_the_ui_are_only_read() {
    // The code that receives paths from the window (desktop import) and everything that opens
    // them (engine import) never writes a file; the report export (desktop/review.rs) writes
    // only into the documents folder under a name it builds itself.
    let mut sources = files(&repo().join("src-tauri/engine/src/import"), "rs");
    sources.push(repo().join("src-tauri/src/desktop/import.rs"));
    for src in sources {
        let name = src.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.contains("test") || name.ends_with("_props.rs") {
            continue; // test modules build their own temporary files
        }
        let text = std::fs::read_to_string(&src).expect("read source");
        // Test modules may build their own temporary files.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for w in WRITES {
            assert!(!code.contains(w), "{} calls {w}", src.display());
        }
    }
    // And at run time: an imported file is left exactly as it was.
    let db = TempDb::new();
    let copy = db.dir.path().join("orders_202601a.csv");
    std::fs::copy(fixture("pdd/orders_202601a.csv"), &copy).expect("copy fixture");
    let before = (
        std::fs::read(&copy).expect("read"),
        std::fs::metadata(&copy).and_then(|m| m.modified()).ok(),
    );
    db.import(&copy, PDD, None);
    let after = (
        std::fs::read(&copy).expect("read"),
        std::fs::metadata(&copy).and_then(|m| m.modified()).ok(),
    );
    assert!(before == after, "the imported file changed");
}

#[test]
fn xlsx_export_neutralises_formula_like_text() {
    // SKUs that a spreadsheet would run as formulas; they reach the report's
    // "SKUs missing a unit cost" sheet.
    let db = TempDb::new();
    let orders = db.dir.path().join("orders_formula_skus.csv");
    let text = read("tests/fixtures/pdd/orders_202601a.csv")
        .replace(",TS-RED-M,", ",=1+2,")
        .replace(",CAP-BLK,", ",@SUM(A9),");
    std::fs::write(&orders, text).expect("write orders");
    db.import(&orders, PDD, None);
    let out = db.dir.path().join("review.xlsx");
    let out_s = out.to_str().expect("utf-8 path");
    let run = db.run(&["report", "--year", "2026", "--lang", "en", "--out", out_s]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(&out).expect("open the report");
    let mut escaped = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        for cell in range.used_cells() {
            if let Data::String(s) = cell.2 {
                assert!(
                    !s.starts_with(['=', '+', '-', '@']),
                    "sheet {name} cell {:?} starts a formula: {s:?}",
                    (cell.0, cell.1)
                );
                if s.starts_with('\'') {
                    escaped.push(s.clone());
                }
            }
        }
        let formulas = wb.worksheet_formula(&name).expect("formulas");
        assert!(
            formulas.used_cells().next().is_none(),
            "sheet {name} holds formulas"
        );
    }
    // The products section marks SKUs without a cost with " *" and names the product after
    // " · "; the escape comes first anyway.
    let mut skus: Vec<&str> = escaped
        .iter()
        .map(|s| s.trim_end_matches(" *").split(" · ").next().unwrap_or(s))
        .collect();
    skus.sort();
    skus.dedup();
    assert_eq!(skus, ["'=1+2", "'@SUM(A9)"]);
}

/// The database file and its WAL as bytes.
fn db_bytes(db: &TempDb) -> Vec<u8> {
    let mut bytes = std::fs::read(&db.path).expect("read db");
    for ext in ["-wal", "-journal"] {
        bytes.extend(std::fs::read(format!("{}{ext}", db.path.display())).unwrap_or_default());
    }
    bytes
}

#[test]
fn no_buyer_name_phone_or_address_reaches_the_database() {
    let db = TempDb::new();
    db.import(&fixture("privacy/pdd_orders_unmasked.csv"), PDD, None);
    db.import(
        &fixture("shopee_vn/Order.all.20260101_20260131.xlsx"),
        SHOPEE,
        None,
    );
    let bytes = db_bytes(&db);
    // The file and its orders are there (so the search looks at real content)…
    for present in ["pdd_orders_unmasked.csv", "260105-512345678901234"] {
        assert!(contains(&bytes, present), "{present} should be stored");
    }
    // …but not who bought, their phone or their address.
    for personal in [
        "张伟明",
        "13812345678",
        "文三路",
        "西湖区",
        "buyer_00",
        "N****n V** A",
    ] {
        assert!(
            !contains(&bytes, personal),
            "{personal:?} is stored in the database"
        );
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}
