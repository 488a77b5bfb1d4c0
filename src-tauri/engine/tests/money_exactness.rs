//! Money is exact: no binary floating point in the code that carries money, and rounding
//! (half away from zero) happens only when a figure is output.

use std::path::{Path, PathBuf};

use fupan_engine::import::{import_file, ImportOptions};
use fupan_engine::metrics::{summary, Filter};
use fupan_engine::model::{Currency, Money, Rate};
use fupan_engine::Ledger;
use rust_decimal_macros::dec;

/// Files that may use f64/f32, and why. Everything else in the engine and the app (the ledger,
/// import mapping, metrics, the CLI and desktop commands) must not mention them at all.
const FLOAT_ALLOWED: &[(&str, &str)] = &[
    ("engine/src/charts/", "SVG plot coordinates; labels print exact Decimals"),
    ("src/desktop/bench.rs", "benchmark timings in milliseconds"),
    (
        "engine/src/metrics/saturation.rs",
        "the spend-response power-law fit: a statistical estimate shown as a curve, never summed into the ledger",
    ),
    (
        "engine/src/metrics/mod.rs",
        "non-whole unit counts serialised as JSON numbers (units, not money)",
    ),
    (
        "engine/src/import/read/",
        "a spreadsheet's own binary number, carried raw to `clean`",
    ),
    (
        "engine/src/import/clean/number.rs",
        "a float cell becomes a Decimal through its shortest round-trip text (no arithmetic)",
    ),
    (
        "engine/src/import/clean/text.rs",
        "ids that arrived as floats are checked for lost digits",
    ),
    ("engine/src/import/clean/date.rs", "Excel serial dates"),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A float type or conversion as a whole word.
fn mentions_float(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or_default();
    code.split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|w| {
            matches!(
                w,
                "f64" | "f32" | "to_f64" | "to_f32" | "as_f64" | "from_f64" | "from_f32"
            )
        })
}

#[test]
fn no_float_on_a_money_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    sources(&root.join("engine/src"), &mut files);
    sources(&root.join("src"), &mut files);
    let mut offenders = Vec::new();
    let mut used = vec![false; FLOAT_ALLOWED.len()];
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .expect("under src-tauri")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(f).expect("read source");
        let hits: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| mentions_float(l))
            .map(|(i, _)| i + 1)
            .collect();
        if hits.is_empty() {
            continue;
        }
        match FLOAT_ALLOWED.iter().position(|(p, _)| rel.starts_with(p)) {
            Some(i) => used[i] = true,
            // Tests may build float cells and compare against them.
            None if rel.contains("test") => {}
            None => offenders.push(format!("{rel}: lines {hits:?}")),
        }
    }
    assert!(
        offenders.is_empty(),
        "f64/f32 on a money path (use Decimal/Money, or allow-list the file with a reason):\n{}",
        offenders.join("\n")
    );
    let stale: Vec<&str> = FLOAT_ALLOWED
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|((p, _), _)| *p)
        .collect();
    assert!(
        stale.is_empty(),
        "allow-list entries no longer needed: {stale:?}"
    );
}

#[test]
fn the_scanner_sees_floats() {
    assert!(mentions_float("let x: f64 = 1.0;"));
    assert!(mentions_float("v.to_f64().unwrap_or(0.0)"));
    assert!(mentions_float("Decimal::from_f64(s)"));
    assert!(!mentions_float("// f64 in a comment"));
    assert!(!mentions_float("let buf64 = 1;"));
}

#[test]
fn output_rounds_half_away_from_zero() {
    let out = |v, c| Money::new(v, c).to_output();
    assert_eq!(out(dec!(0.005), Currency::CNY), "0.01");
    assert_eq!(out(dec!(-0.005), Currency::CNY), "-0.01");
    assert_eq!(out(dec!(0.0049), Currency::CNY), "0.00");
    assert_eq!(out(dec!(2.5), Currency::VND), "3");
    assert_eq!(out(dec!(-2.5), Currency::VND), "-3");
    assert_eq!(out(dec!(1.5), Currency::VND), "2"); // not banker's rounding (which gives 2 and 2)
    assert_eq!(out(dec!(0.5), Currency::VND), "1");
    assert_eq!(out(dec!(-0.004), Currency::CNY), "0.00"); // no "-0.00"
    let rate = |n, d| Rate::ratio(n, d).map(Rate::to_output);
    assert_eq!(rate(dec!(1), dec!(8)).as_deref(), Some("0.1250"));
    assert_eq!(rate(dec!(-1), dec!(16)).as_deref(), Some("-0.0625"));
    assert_eq!(rate(dec!(1), dec!(32)).as_deref(), Some("0.0313")); // 0.03125 → up
    assert_eq!(rate(dec!(-1), dec!(32)).as_deref(), Some("-0.0313"));
}

#[test]
fn sums_are_exact_and_rounded_only_at_output() {
    // Three orders of ¥0.005 each: stored exactly, summed to 0.015, printed as 0.02. Rounding
    // each line first would give 0.03; float arithmetic could give 0.01.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("orders_tiny.csv");
    let mut text = String::from("订单号,订单状态,商品总价(元),商品数量(件),订单成交时间\n");
    for i in 1..=3 {
        text.push_str(&format!(
            "260105-00{i},已收货,0.005,1,2026-01-05 10:00:00\n"
        ));
    }
    std::fs::write(&path, text).expect("write");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let opts = ImportOptions {
        store: Some("拼多多店".into()),
        ..Default::default()
    };
    import_file(&mut ledger, &path, &opts, &mut |_| {}).expect("import");
    let s = summary(&ledger, &Filter::default()).expect("summary");
    let v = serde_json::to_value(&s).expect("json");
    let cny = &v["currencies"][0];
    assert_eq!(cny["currency"], "CNY");
    assert_eq!(cny["orders"], 3);
    assert_eq!(cny["gross_sales"], "0.02");
    // The exact value is kept for callers that compute further.
    assert_eq!(s.currencies[0].gross_sales.value(), dec!(0.015));
}
