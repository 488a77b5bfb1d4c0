//! One vocabulary for engine, CLI and page: `fupan vocabulary` serves the engine's id
//! families, the page's `ui/js/vocab.js` is exactly `fupan vocabulary --js` (regenerate it
//! with `FUPAN_WRITE_VOCAB=1 cargo test --test vocabulary`), and `ui/i18n/{zh,vi,en}.json`
//! have the same keys, the same placeholders, no empty text, and a label for every id.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const LANGS: [&str; 3] = ["zh", "vi", "en"];

fn ui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

/// `fupan vocabulary ARGS` without a data file (the vocabulary needs none).
fn fupan_vocabulary(args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_fupan"))
        .arg("vocabulary")
        .args(args)
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run fupan");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_dir(dir.path())
            .expect("home")
            .next()
            .is_none(),
        "the vocabulary wrote a data file"
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn vocabulary() -> Value {
    serde_json::from_str(&fupan_vocabulary(&["--json"])).expect("vocabulary JSON")
}

fn ids(v: &Value, family: &str) -> Vec<String> {
    v[family]
        .as_array()
        .unwrap_or_else(|| panic!("no family {family}"))
        .iter()
        .map(|x| x.as_str().expect("id").to_string())
        .collect()
}

fn dicts() -> BTreeMap<&'static str, BTreeMap<String, String>> {
    LANGS
        .iter()
        .map(|l| {
            let path = ui().join("i18n").join(format!("{l}.json"));
            let text = std::fs::read_to_string(&path).expect("i18n file");
            let dict: BTreeMap<String, String> =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{l}.json: {e}"));
            (*l, dict)
        })
        .collect()
}

#[test]
fn the_json_lists_the_engines_ids() {
    let v = vocabulary();
    // Spot checks against cli.md's ids; the engine's unit test checks completeness.
    assert_eq!(ids(&v, "platforms").len(), 9);
    assert!(!ids(&v, "recognised_platforms").contains(&"generic".to_string()));
    assert_eq!(ids(&v, "channels").len(), 10);
    assert_eq!(ids(&v, "fee_kinds").len(), 8);
    let currencies: Vec<&str> = v["currencies"]
        .as_array()
        .expect("currencies")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        currencies,
        ["CNY", "VND", "USD", "THB", "MYR", "PHP", "SGD", "IDR", "TWD", "BRL"]
    );
    assert_eq!(v["currencies"][1]["minor_units"], 0);
    assert_eq!(v["mapping"][1]["report"], "ads");
    assert_eq!(
        v["mapping"][1]["required"],
        serde_json::json!(["date", "spend"])
    );
    // The plain listing names each family once.
    let text = fupan_vocabulary(&[]);
    assert!(
        text.contains("fee_kinds: platform_commission, service_fee,"),
        "{text}"
    );
    assert!(text.contains("currencies: CNY, VND, USD"), "{text}");
}

#[test]
fn the_pages_vocab_js_is_the_engines() {
    let fresh = fupan_vocabulary(&["--js"]);
    let path = ui().join("js").join("vocab.js");
    if std::env::var_os("FUPAN_WRITE_VOCAB").is_some() {
        std::fs::write(&path, &fresh).expect("write ui/js/vocab.js");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/js/vocab.js is stale: run FUPAN_WRITE_VOCAB=1 cargo test --test vocabulary"
    );
}

#[test]
fn every_key_is_in_all_three_languages_with_the_same_placeholders() {
    let dicts = dicts();
    let all: BTreeSet<&String> = dicts.values().flat_map(|d| d.keys()).collect();
    let placeholders = |s: &str| -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .filter(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
            .map(str::to_string)
            .collect();
        out.sort();
        out
    };
    for (lang, dict) in &dicts {
        let missing: Vec<&&String> = all.iter().filter(|k| !dict.contains_key(**k)).collect();
        assert!(missing.is_empty(), "{lang}.json lacks {missing:?}");
        for (k, text) in dict {
            assert!(!text.trim().is_empty(), "{lang}.json: {k} is empty");
            assert_eq!(
                placeholders(text),
                placeholders(&dicts["en"][k]),
                "{lang}.json: {k} placeholders"
            );
        }
    }
}

#[test]
fn every_id_of_the_vocabulary_has_a_label() {
    let v = vocabulary();
    let en = &dicts()["en"];
    // (i18n key prefix, vocabulary family whose ids follow it)
    let families = [
        ("platform", "platforms"),
        ("channels.empty_for", "platforms"),
        ("channel", "channels"),
        ("chart", "fee_kinds"),
        ("report", "report_kinds"),
        ("tax.kind", "tax_kinds"),
        ("tax.regime", "tax_regimes"),
        ("tax.base", "flat_bases"),
        ("verdict", "verdicts"),
        ("subsidy.verdict", "subsidy_verdicts"),
        ("subsidy.no_verdict", "no_verdicts"),
        ("channels.no_ceiling", "no_ceilings"),
        ("quadrant", "quadrants"),
        ("stage", "stages"),
        ("error", "error_codes"),
        ("error.hint", "error_codes"),
        ("error.reason", "error_reasons"),
    ];
    let mut missing = Vec::new();
    for (prefix, family) in families {
        for id in ids(&v, family) {
            missing.push(format!("{prefix}.{id}"));
        }
    }
    for m in v["mapping"].as_array().expect("mapping") {
        for f in m["fields"].as_array().expect("fields") {
            missing.push(format!("field.{}", f.as_str().expect("field")));
        }
    }
    for l in v["chart_labels"].as_array().expect("chart labels") {
        missing.push(l["i18n"].as_str().expect("i18n key").to_string());
    }
    // The page's own ids (screens, import states, a window-only error).
    for nav in [
        "dashboard",
        "import",
        "channels",
        "products",
        "stores",
        "cash",
        "costs",
        "review",
    ] {
        missing.push(format!("nav.{nav}"));
    }
    for s in ["previewing", "ready", "importing", "done", "error"] {
        missing.push(format!("import.status.{s}"));
    }
    missing.extend(["error.unavailable".into(), "error.hint.unavailable".into()]);
    missing.retain(|k| !en.contains_key(k));
    missing.dedup();
    assert!(missing.is_empty(), "en.json lacks {missing:?}");
}

/// The printed review names a channel, verdict, lifecycle stage or product quadrant with the
/// page's words: a merchant who reads "可加投" on the Channels screen reads it in the PDF too
/// (the report's own table, `report/i18n.rs`, holds its longer sentences).
#[test]
fn the_review_names_ids_as_the_page_does() {
    use fupan_engine::report::i18n::{t, Lang};
    let v = vocabulary();
    let dicts = dicts();
    let mut differ = Vec::new();
    for (prefix, family) in [
        ("channel", "channels"),
        ("verdict", "verdicts"),
        ("stage", "stages"),
        ("quadrant", "quadrants"),
    ] {
        for id in ids(&v, family) {
            let key = format!("{prefix}.{id}");
            for (lang, code) in [(Lang::Zh, "zh"), (Lang::Vi, "vi"), (Lang::En, "en")] {
                let page = &dicts[code][&key];
                let review = t(lang, &key);
                // A key the review never prints shows as itself: nothing to compare.
                if review != key && &review != page {
                    differ.push(format!("{key} {code}: review {review:?}, page {page:?}"));
                }
            }
        }
    }
    assert!(differ.is_empty(), "{differ:#?}");
}
