//! Shared helpers for the fixture acceptance tests: run the real `fupan` binary against a
//! temporary database and parse its JSON contract (shared/docs/cli.md).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The fixtures folder (tests/fixtures).
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// A fixture file by its path relative to tests/fixtures; panics when it is missing
/// (run `tests/fixtures/generate.py`).
pub fn fixture(rel: &str) -> PathBuf {
    let p = fixtures().join(rel);
    assert!(
        p.exists(),
        "missing fixture {} — run tests/fixtures/generate.py",
        p.display()
    );
    p
}

/// A fresh database in its own temporary directory (removed on drop).
pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> TempDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.db");
        TempDb { dir, path }
    }

    /// Run `fupan --db DB ARGS…`.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fupan"));
        cmd.arg("--db").arg(&self.path).args(args);
        // Messages in a fixed language; no colours.
        cmd.env("LANG", "C").env("LC_ALL", "C").env("NO_COLOR", "1");
        cmd.output().expect("run fupan")
    }

    /// Run a command that must succeed (exit 0) and print JSON on stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "fupan {:?} failed ({:?})\nstdout: {}\nstderr: {}",
            args,
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        parse_json(&out.stdout, args)
    }

    /// `fupan import FILE --store STORE [--platform P] --json`; returns the one entry of
    /// `files`.
    pub fn import(&self, file: &Path, store: &str, platform: Option<&str>) -> Value {
        let f = file.to_str().expect("utf-8 path");
        let mut args = vec!["import", f, "--store", store];
        if let Some(p) = platform {
            args.push("--platform");
            args.push(p);
        }
        args.push("--json");
        let v = self.json(&args);
        let files = v["files"]
            .as_array()
            .unwrap_or_else(|| panic!("no files[] in {v}"));
        assert_eq!(files.len(), 1, "one file imported: {v}");
        files[0].clone()
    }

    /// `fupan import FIXTURE… --store STORE --json` (paths relative to the fixtures), as it
    /// ran: for files that may be refused.
    pub fn run_import(&self, rels: &[&str], store: &str) -> Output {
        let paths: Vec<String> = rels
            .iter()
            .map(|r| fixture(r).to_string_lossy().into_owned())
            .collect();
        let mut args = vec!["import"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--store", store, "--json"]);
        self.run(&args)
    }

    /// Import a fixture (relative path) into a store.
    pub fn import_fixture(&self, rel: &str, store: &str) -> Value {
        self.import(&fixture(rel), store, None)
    }

    /// `fupan costs import FILE [--store S]`, must succeed.
    pub fn costs_import(&self, rel: &str, store: Option<&str>) {
        let p = fixture(rel);
        let f = p.to_str().expect("utf-8 path");
        let mut args = vec!["costs", "import", f];
        if let Some(s) = store {
            args.push("--store");
            args.push(s);
        }
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "costs import {rel} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `fupan summary [--store S] [--from D] [--to D] --json`.
    pub fn summary(&self, store: Option<&str>, from: Option<&str>, to: Option<&str>) -> Value {
        let mut args = vec!["summary"];
        if let Some(s) = store {
            args.extend(["--store", s]);
        }
        if let Some(d) = from {
            args.extend(["--from", d]);
        }
        if let Some(d) = to {
            args.extend(["--to", d]);
        }
        args.push("--json");
        self.json(&args)
    }

    /// The `currencies[]` entry for `currency` in a summary/channels document.
    pub fn currency_of<'a>(doc: &'a Value, currency: &str) -> &'a Value {
        doc["currencies"]
            .as_array()
            .unwrap_or_else(|| panic!("no currencies[] in {doc}"))
            .iter()
            .find(|c| c["currency"] == currency)
            .unwrap_or_else(|| panic!("no {currency} in {doc}"))
    }

    /// `fupan imports --json` → the `imports` array.
    pub fn imports(&self) -> Vec<Value> {
        let v = self.json(&["imports", "--json"]);
        v["imports"]
            .as_array()
            .unwrap_or_else(|| panic!("no imports[] in {v}"))
            .clone()
    }

    /// What a user can observe about the database: the import history and the summary.
    /// Used to prove a refused import wrote nothing.
    /// No ledger at all (a first import refused creates none) is `null`.
    pub fn snapshot(&self) -> Value {
        if !self.path.exists() {
            return Value::Null;
        }
        let mut imports = self.imports();
        for i in imports.iter_mut() {
            // imported_at is a wall-clock time; everything else must match exactly.
            if let Some(o) = i.as_object_mut() {
                o.remove("imported_at");
            }
        }
        serde_json::json!({
            "imports": imports,
            "summary": canonical(&self.json(&["summary", "--json"])),
        })
    }
}

pub fn parse_json(stdout: &[u8], args: &[&str]) -> Value {
    serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!(
            "fupan {:?}: stdout is not JSON ({e}): {}",
            args,
            String::from_utf8_lossy(stdout)
        )
    })
}

/// Assert one string-valued key of a JSON object, with a useful message.
#[track_caller]
pub fn assert_str(obj: &Value, key: &str, want: &str, ctx: &str) {
    assert_eq!(
        obj[key].as_str(),
        Some(want),
        "{ctx}: {key} should be {want:?}, got {} in {obj}",
        obj[key]
    );
}

/// Assert an integer-valued key.
#[track_caller]
pub fn assert_int(obj: &Value, key: &str, want: i64, ctx: &str) {
    assert_eq!(
        obj[key].as_i64(),
        Some(want),
        "{ctx}: {key} should be {want}, got {} in {obj}",
        obj[key]
    );
}

// ------------------------------------------------------------------ the fixture dataset

pub const SHOPEE: &str = "Shopee VN Shop";
pub const TIKTOK: &str = "TikTok VN Shop";
pub const LAZADA: &str = "Lazada VN Shop";
pub const DOUYIN: &str = "抖店旗舰店";
pub const TAOBAO: &str = "淘宝小店";
pub const PDD: &str = "拼多多店";

/// Every good data file of the full dataset with the store it is imported into
/// (tests/fixtures/README.md, "Stores used by the tests"). Costs are imported separately.
pub const DATASET: &[(&str, &str)] = &[
    ("shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE),
    ("tiktok_shop/All_order-20260131.xlsx", TIKTOK),
    ("lazada/orders_titlecase.csv", LAZADA),
    ("lazada/orders_camelcase.xlsx", LAZADA),
    ("douyin/1769904000_orders.csv", DOUYIN),
    ("douyin/fund_flow_orders.csv", DOUYIN),
    ("taobao/ExportOrderList202601.csv", TAOBAO),
    // The item companion file: SKU and qty per order, joined on 订单编号 (Taobao COGS).
    ("taobao/ExportOrderDetailList202601.csv", TAOBAO),
    ("pdd/orders_202601a.csv", PDD),
    ("pdd/orders_202601b_serial_dates.csv", PDD),
    ("ads/qianchuan_daily.xlsx", DOUYIN),
    ("ads/ztc_wanxiangtai.csv", TAOBAO),
    ("ads/pdd_ads.csv", PDD),
];

/// Import the SKU cost sheets: CNY through a CNY store, VND through a VND store.
pub fn import_costs(db: &TempDb) {
    import_costs_via(db, DOUYIN, SHOPEE);
}

/// Import the SKU cost sheets naming an existing store of each currency (`--store` tells
/// `costs import` the currency).
pub fn import_costs_via(db: &TempDb, cny_store: &str, vnd_store: &str) {
    db.costs_import("costs/sku_costs.xlsx", Some(cny_store));
    db.costs_import("costs/sku_costs_vi.csv", Some(vnd_store));
}

/// Import the given dataset entries one file per command, then the costs.
pub fn import_files(db: &TempDb, files: &[(&str, &str)]) {
    for (rel, store) in files {
        let f = db.import_fixture(rel, store);
        assert!(f["added"].as_i64().is_some(), "{rel}: {f}");
    }
}

/// The whole dataset plus costs, in the README's order.
pub fn full_db() -> TempDb {
    let db = TempDb::new();
    import_files(&db, DATASET);
    import_costs(&db);
    db
}

// ------------------------------------------------------------------ expected summaries

/// Hand-computed expectations for one `currencies[]` entry (strings exactly as the CLI
/// prints them; `None` = JSON null).
pub struct Expect {
    pub orders: i64,
    pub units: i64,
    pub gross_sales: &'static str,
    pub refunds: &'static str,
    pub net_sales: &'static str,
    pub cogs: &'static str,
    /// platform_commission, service_fee, payment_fee, affiliate_commission, shipping,
    /// shipping_insurance, subsidy, other
    pub fees: [&'static str; 8],
    pub hidden_costs: &'static str,
    pub contribution: &'static str,
    pub contribution_margin: Option<&'static str>,
    pub ad_spend: &'static str,
    pub fixed_costs: &'static str,
    pub net_profit: &'static str,
    pub net_margin: Option<&'static str>,
    pub marketing_spend: &'static str,
    pub store_roas: Option<&'static str>,
    pub profit_roi: Option<&'static str>,
    pub break_even_roas: Option<&'static str>,
}

/// The Shopee VN income report (settlement of orders A, B, D + its Adjustment sheet).
pub const SHOPEE_INCOME: &str = "shopee_vn/Income.đã phát hành.vn.20260101_20260131.xlsx";

pub const FEE_KINDS: [&str; 8] = [
    "platform_commission",
    "service_fee",
    "payment_fee",
    "affiliate_commission",
    "shipping",
    "shipping_insurance",
    "subsidy",
    "other",
];

#[track_caller]
fn assert_opt(obj: &Value, key: &str, want: Option<&str>, ctx: &str) {
    match want {
        Some(w) => assert_str(obj, key, w, ctx),
        None => assert!(
            obj[key].is_null(),
            "{ctx}: {key} should be null, got {} in {obj}",
            obj[key]
        ),
    }
}

/// Compare one currency entry of `summary --json` with the hand-computed figures; every
/// mismatch is reported at once.
#[track_caller]
pub fn assert_summary(cur: &Value, e: &Expect, ctx: &str) {
    let mut errors = Vec::new();
    let mut check = |key: &str, got: &Value, want: Value| {
        if *got != want {
            errors.push(format!("{key}: want {want}, got {got}"));
        }
    };
    let s = |v: &str| Value::String(v.to_string());
    let o = |v: Option<&str>| v.map_or(Value::Null, |v| Value::String(v.to_string()));
    check("orders", &cur["orders"], Value::from(e.orders));
    check("units", &cur["units"], Value::from(e.units));
    check("gross_sales", &cur["gross_sales"], s(e.gross_sales));
    check("refunds", &cur["refunds"], s(e.refunds));
    check("net_sales", &cur["net_sales"], s(e.net_sales));
    check("cogs", &cur["cogs"], s(e.cogs));
    for (k, want) in FEE_KINDS.iter().zip(e.fees.iter()) {
        check(&format!("fees.{k}"), &cur["fees"][*k], s(want));
    }
    check("hidden_costs", &cur["hidden_costs"], s(e.hidden_costs));
    check("contribution", &cur["contribution"], s(e.contribution));
    check(
        "contribution_margin",
        &cur["contribution_margin"],
        o(e.contribution_margin),
    );
    check("ad_spend", &cur["ad_spend"], s(e.ad_spend));
    check("fixed_costs", &cur["fixed_costs"], s(e.fixed_costs));
    check("net_profit", &cur["net_profit"], s(e.net_profit));
    check("net_margin", &cur["net_margin"], o(e.net_margin));
    check(
        "marketing_spend",
        &cur["marketing_spend"],
        s(e.marketing_spend),
    );
    check("store_roas", &cur["store_roas"], o(e.store_roas));
    check("profit_roi", &cur["profit_roi"], o(e.profit_roi));
    check(
        "break_even_roas",
        &cur["break_even_roas"],
        o(e.break_even_roas),
    );
    assert!(
        errors.is_empty(),
        "{ctx}:\n  {}\nin {cur:#}",
        errors.join("\n  ")
    );
}

/// `assert_opt` is used by the test files for single optional keys.
#[track_caller]
pub fn assert_str_or_null(obj: &Value, key: &str, want: Option<&str>, ctx: &str) {
    assert_opt(obj, key, want, ctx)
}

/// A summary/channels document in a canonical form for comparisons: currencies sorted by
/// code and each `stores` list sorted (their order is not part of the contract).
pub fn canonical(doc: &Value) -> Value {
    let mut doc = doc.clone();
    if let Some(curs) = doc["currencies"].as_array_mut() {
        for c in curs.iter_mut() {
            if let Some(stores) = c["stores"].as_array_mut() {
                stores.sort_by_key(|a| a.to_string());
            }
        }
        curs.sort_by_key(|a| a["currency"].to_string());
    }
    doc
}

/// Only the figures of a summary: canonical, without the `stores` lists (an undo may leave
/// an empty store behind; the figures must still be exactly the earlier ones).
pub fn figures(doc: &Value) -> Value {
    let mut doc = canonical(doc);
    if let Some(curs) = doc["currencies"].as_array_mut() {
        for c in curs.iter_mut() {
            if let Some(o) = c.as_object_mut() {
                o.remove("stores");
            }
        }
    }
    doc
}

/// True when `text` contains `n` as a whole number (not part of a longer digit run).
pub fn mentions_number(text: &str, n: u64) -> bool {
    let want = n.to_string();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if text[start..i] == want {
                return true;
            }
        } else {
            i += 1;
        }
    }
    false
}
