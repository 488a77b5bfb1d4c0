//! The demo shop of "Load sample data" (`samples/`, written by `scripts/demo_samples.py`):
//! imported through the normal importer it must look like a real small business's year
//! (issue 16), and nothing from `tests/` may ever ship in the bundle.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

/// Import the demo shop as the window's loader does: each folder's exports into the store
/// the folder names, then the cost sheets at the top (no store: costs find their currency).
fn import_samples(db: &TempDb) {
    let mut top = Vec::new();
    for p in sorted(&repo().join("samples")) {
        if p.is_dir() {
            let store = p.file_name().and_then(|n| n.to_str()).expect("name");
            let files: Vec<String> = sorted(&p)
                .iter()
                .map(|f| f.to_str().expect("utf-8").to_string())
                .collect();
            let mut args = vec!["import"];
            args.extend(files.iter().map(String::as_str));
            args.extend(["--store", store, "--json"]);
            let v = db.json(&args);
            for f in v["files"].as_array().expect("files") {
                assert_eq!(f["skipped"].as_array().map(Vec::len), Some(0), "{f}");
                assert_eq!(f["store"], store, "{f}");
            }
        } else {
            top.push(p);
        }
    }
    for p in top {
        db.json(&["import", p.to_str().expect("utf-8"), "--json"]);
    }
}

fn dec(v: &Value) -> f64 {
    v.as_str()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("not a decimal string: {v}"))
}

#[test]
fn the_demo_shop_is_a_believable_year() {
    let db = TempDb::new();
    import_samples(&db);

    let stores = db.json(&["stores", "--json"]);
    let rows: Vec<&Value> = stores["currencies"]
        .as_array()
        .expect("currencies")
        .iter()
        .flat_map(|c| c["stores"].as_array().expect("stores"))
        .collect();
    let mut platforms: Vec<&str> = rows
        .iter()
        .map(|r| r["platform"].as_str().expect("platform"))
        .collect();
    platforms.sort();
    platforms.dedup();
    assert!(platforms.len() >= 3, "{platforms:?}");
    // Shop names a merchant would use, never a platform id.
    for r in &rows {
        let name = r["store"].as_str().expect("store");
        assert!(
            !["douyin", "taobao", "shopee_vn", "tiktok_shop", "pdd"].contains(&name),
            "{name}"
        );
    }

    let summary = db.json(&[
        "summary",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--json",
    ]);
    let currencies = summary["currencies"].as_array().expect("currencies");
    let codes: Vec<&str> = currencies
        .iter()
        .map(|c| c["currency"].as_str().expect("code"))
        .collect();
    assert_eq!(codes, ["CNY", "VND"]);
    for c in currencies {
        let margin = dec(&c["net_margin"]);
        assert!(
            (0.05..=0.25).contains(&margin),
            "{} net margin {margin}",
            c["currency"]
        );
        assert!(dec(&c["refunds"]) > 0.0, "some refunds: {c}");
        assert!(
            dec(&c["ad_spend"]) > 0.0 && dec(&c["fixed_costs"]) > 0.0,
            "{c}"
        );
        assert!(
            !c["uv_value"].is_null() || c["currency"] == "VND",
            "traffic: {c}"
        );
    }

    // Twelve months with sales in each currency.
    for m in 1..=12 {
        let last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
        let (from, to) = (format!("2026-{m:02}-01"), format!("2026-{m:02}-{last}"));
        let month = db.json(&["summary", "--from", &from, "--to", &to, "--json"]);
        let with_sales = month["currencies"]
            .as_array()
            .expect("currencies")
            .iter()
            .filter(|c| dec(&c["net_sales"]) > 0.0)
            .count();
        assert_eq!(with_sales, 2, "month {m}: {month}");
    }

    // Ads with diminishing returns: each channel's fit has b < 1, and some channels get a
    // spend ceiling inside the spend tried.
    let ch = db.json(&[
        "channels",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--json",
    ]);
    let mut with_ceiling = 0;
    for c in ch["currencies"].as_array().expect("currencies") {
        for row in c["channels"].as_array().expect("channels") {
            let r = &row["response"];
            assert!(r["points"].as_u64().unwrap_or(0) >= 300, "{row}");
            let b = dec(&r["b"]);
            assert!((0.5..0.9).contains(&b), "b = {b}: {row}");
            if !r["spend_ceiling"].is_null() {
                with_ceiling += 1;
                assert!(r["why"].is_null());
                assert!(dec(&r["spend_ceiling"]) <= dec(&r["max_spend"]), "{row}");
            }
        }
    }
    assert!(with_ceiling >= 2, "{ch}");

    // Costs for most SKUs, a few left out on purpose (listed as missing).
    let skus: Vec<&str> = currencies
        .iter()
        .flat_map(|c| c["missing_cost_skus"].as_array().expect("missing"))
        .map(|m| m["sku"].as_str().expect("sku"))
        .collect();
    for sku in ["MY-SLP-1", "MY-GFT-1", "NM-THAM-06"] {
        assert!(skus.contains(&sku), "{sku} listed as missing: {skus:?}");
    }
    assert!(skus.len() <= 4, "{skus:?}");
}

/// The bundle's resources (tauri.conf.json) ship the demo shop and nothing from `tests/`:
/// no fixtures, broken files, fuzz corpus, schema databases or generators.
#[test]
fn the_bundle_ships_no_test_files() {
    let conf: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tauri.conf.json")).expect("tauri.conf.json"),
    )
    .expect("json");
    let resources = &conf["bundle"]["resources"];
    let sources: Vec<String> = match resources {
        Value::Object(m) => m.keys().cloned().collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|v| v.as_str())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    assert_eq!(sources, ["samples/"], "{resources}");
    // Every file those resources pull in.
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = sources.iter().map(|s| repo().join(s)).collect();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(sorted(&p));
        } else {
            files.push(p);
        }
    }
    assert!(files.len() >= 10, "{files:?}");
    for f in &files {
        let rel = f.strip_prefix(repo()).expect("inside the repo");
        let text = rel.to_string_lossy().to_lowercase();
        assert!(!text.starts_with("tests"), "{text}");
        for bad in [
            "fuzz", "bad", "schema", "generate", "bomb", ".py", ".db", ".sql",
        ] {
            assert!(!text.contains(bad), "{text} must not ship");
        }
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        assert!(["xlsx", "csv"].contains(&ext), "{text}: only exports ship");
    }
}

/// The committed samples are exactly what the generator writes (it is deterministic).
#[test]
fn the_samples_are_the_generator_s_output() {
    let out = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new("python3")
        .arg(repo().join("scripts").join("demo_samples.py"))
        .arg(out.path())
        .status();
    let Ok(status) = status else {
        eprintln!("python3 not available: skipped");
        return;
    };
    assert!(status.success());
    let list = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(sorted(&p));
            } else {
                let rel = p.strip_prefix(root).expect("inside").to_path_buf();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
        out.sort();
        out
    };
    let fresh = list(out.path());
    let committed = list(&repo().join("samples"));
    assert_eq!(
        fresh.iter().map(|f| &f.0).collect::<Vec<_>>(),
        committed.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in fresh.iter().zip(&committed) {
        assert!(
            a == b,
            "{} differs: rerun scripts/demo_samples.py",
            name.display()
        );
    }
}
