//! Acceptance tests of `fupan import` on the fixtures of tests/fixtures (see its README for
//! what each file holds and the hand-computed counts asserted here). They drive the real
//! binary through the CLI JSON contract of shared/docs/cli.md.

mod common;

use common::*;

/// Import one fixture into a fresh database and check recognition and counts; then import
/// it again and check that nothing is added twice.
fn check_fixture(rel: &str, store: &str, platforms: &[&str], report: Option<&str>, rows: i64) {
    let db = TempDb::new();
    let f = db.import_fixture(rel, store);
    let ctx = format!("first import of {rel}");
    let name = rel.rsplit('/').next().unwrap_or(rel);
    assert!(
        f["file"].as_str().is_some_and(|s| s.ends_with(name)),
        "{ctx}: file should name {name}: {f}"
    );
    let platform = f["platform"].as_str().unwrap_or_default();
    assert!(
        platforms.contains(&platform),
        "{ctx}: platform {platform:?} not in {platforms:?}: {f}"
    );
    if let Some(r) = report {
        assert_str(&f, "report", r, &ctx);
    }
    assert_str(&f, "store", store, &ctx);
    assert_int(&f, "rows", rows, &ctx);
    assert_int(&f, "added", rows, &ctx);
    assert_int(&f, "duplicates", 0, &ctx);
    assert_eq!(
        f["skipped"],
        serde_json::json!([]),
        "{ctx}: nothing skipped: {f}"
    );

    let again = db.import_fixture(rel, store);
    let ctx = format!("re-import of {rel}");
    assert_int(&again, "rows", rows, &ctx);
    assert_int(&again, "added", 0, &ctx);
    assert_int(&again, "duplicates", rows, &ctx);
}

/// The Taobao 宝贝报表 companion: 6 item rows (README "Taobao"), report `order_items`.
#[test]
fn taobao_order_items_gbk_csv() {
    check_fixture(
        "taobao/ExportOrderDetailList202601.csv",
        TAOBAO,
        &["taobao", "tmall"],
        Some("order_items"),
        6,
    );
}

macro_rules! fixture_tests {
    ($($name:ident: $rel:expr, $store:expr, $platforms:expr, $report:expr, $rows:expr;)+) => {
        $(
            #[test]
            fn $name() {
                check_fixture($rel, $store, $platforms, $report, $rows);
            }
        )+
    };
}

fixture_tests! {
    shopee_orders_xlsx: "shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE, &["shopee_vn"], Some("orders"), 9;
    tiktok_orders_xlsx_with_description_row: "tiktok_shop/All_order-20260131.xlsx", TIKTOK, &["tiktok_shop"], Some("orders"), 5;
    lazada_titlecase_semicolon_csv: "lazada/orders_titlecase.csv", LAZADA, &["lazada"], Some("orders"), 4;
    lazada_camelcase_xlsx: "lazada/orders_camelcase.xlsx", LAZADA, &["lazada"], Some("orders"), 3;
    douyin_orders_gb18030_csv: "douyin/1769904000_orders.csv", DOUYIN, &["douyin"], Some("orders"), 6;
    douyin_fund_flow_csv: "douyin/fund_flow_orders.csv", DOUYIN, &["douyin"], Some("settlement"), 7;
    taobao_orders_gbk_csv: "taobao/ExportOrderList202601.csv", TAOBAO, &["taobao", "tmall"], Some("orders"), 5;
    pdd_orders_with_tabs: "pdd/orders_202601a.csv", PDD, &["pdd"], Some("orders"), 3;
    pdd_orders_with_serial_dates: "pdd/orders_202601b_serial_dates.csv", PDD, &["pdd"], Some("orders"), 2;
    qianchuan_ads_xlsx: "ads/qianchuan_daily.xlsx", DOUYIN, &["douyin"], Some("ads"), 5;
    ztc_wanxiangtai_gbk_csv_skips_total_row: "ads/ztc_wanxiangtai.csv", TAOBAO, &["taobao", "tmall"], Some("ads"), 4;
    pdd_ads_csv: "ads/pdd_ads.csv", PDD, &["pdd"], Some("ads"), 3;
    jd_orders_gbk_csv: "jd/ExportOrder_202601.csv", "京东小店", &["jd"], Some("orders"), 5;
    shopee_ads_daily_csv_dated_by_its_period: "ads/Du-lieu-quang-cao-Shopee-05_01_2026-05_01_2026.csv", SHOPEE, &["shopee_vn"], Some("ads"), 3;
    tiktok_gmv_max_by_day_xlsx: "ads/tiktok_gmv_max_by_day_202601.xlsx", TIKTOK, &["tiktok_shop"], Some("ads"), 4;
    qianchuan_hourly_xlsx: QC_HOURLY, DOUYIN, &["douyin"], Some("ads"), 8;
}

/// The hourly 巨量千川 exports (README "Hourly 千川").
const QC_HOURLY: &str = "ads/qianchuan_hourly_20260202_20260204.xlsx";
const QC_HOURLY_LATER: &str = "ads/qianchuan_hourly_20260203_20260205.xlsx";

/// The store's qianchuan figures over [from, to] from `channels --json`, as
/// [spend, platform_sales, clicks, impressions, platform_orders].
fn qianchuan(db: &TempDb, from: &str, to: &str) -> [String; 5] {
    let doc = db.json(&["channels", "--from", from, "--to", to, "--json"]);
    let cny = TempDb::currency_of(&doc, "CNY");
    let c = cny["channels"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["channel"] == "qianchuan"))
        .unwrap_or_else(|| panic!("no qianchuan channel {from}..{to}: {doc:#}"));
    [
        "spend",
        "platform_sales",
        "clicks",
        "impressions",
        "platform_orders",
    ]
    .map(|k| {
        c[k].as_str()
            .map_or_else(|| c[k].to_string(), str::to_string)
    })
}

#[track_caller]
fn assert_qianchuan(db: &TempDb, from: &str, to: &str, want: [&str; 5], ctx: &str) {
    assert_eq!(
        qianchuan(db, from, to),
        want.map(str::to_string),
        "{ctx}: {from}..{to}"
    );
}

/// The hours of each day add up to the day: [spend, sales, clicks, impressions, orders].
/// 02-02: 12.30 + 8.70 + 9.00 = 30.00; 79.00 + 0 + 158.00 = 237.00; 15 + 9 + 20 = 44;
///        1,200 + 900 + 1,500 = 3,600; 1 + 0 + 2 = 3.
/// 02-03 (two plans named 新品-T恤 at 14:00): 5.50 + 14.50 + 6.00 = 26.00; 39.90;
///        6 + 18 + 5 = 29; 600 + 1,400 + 500 = 2,500; 1.
/// 02-04: 3.25 + 6.75 = 10.00; 59.00; 5 + 8 = 13; 400 + 700 = 1,100; 1.
/// Σ: 66.00; 335.90; 86; 7,200; 5. A second import of the file adds nothing.
#[test]
fn qianchuan_hourly_export_sums_hours_into_days() {
    let db = TempDb::new();
    let f = db.import_fixture(QC_HOURLY, DOUYIN);
    assert_str(&f, "format", "douyin.qianchuan", QC_HOURLY);
    let days = [
        ("2026-02-02", ["30.00", "237.00", "44", "3600", "3"]),
        ("2026-02-03", ["26.00", "39.90", "29", "2500", "1"]),
        ("2026-02-04", ["10.00", "59.00", "13", "1100", "1"]),
    ];
    let total = ["66.00", "335.90", "86", "7200", "5"];
    for (d, want) in days {
        assert_qianchuan(&db, d, d, want, "hourly file");
    }
    assert_qianchuan(&db, "2026-02-01", "2026-02-28", total, "hourly file");

    let again = db.import_fixture(QC_HOURLY, DOUYIN);
    assert_int(&again, "duplicates", 8, "same file twice");
    assert_int(&again, "added", 0, "same file twice");
    for (d, want) in days {
        assert_qianchuan(&db, d, d, want, "same file twice");
    }
    assert_qianchuan(&db, "2026-02-01", "2026-02-28", total, "same file twice");
}

/// A later export (02-03..02-05) over the first: 02-03 unchanged (3 duplicate rows); 02-04
/// changed (hour 12 now has an order of 89.00: 2 updated rows), replacing the day, not
/// adding to it: 10.00; 59.00 + 89.00 = 148.00; 13; 1,100; 2. 02-05 new (2 rows): 4.00 +
/// 6.00 = 10.00; 0.00; 4 + 6 = 10; 300 + 500 = 800; 0.
/// Σ: 30.00 + 26.00 + 10.00 + 10.00 = 76.00; 237.00 + 39.90 + 148.00 = 424.90;
/// 44 + 29 + 13 + 10 = 96; 3,600 + 2,500 + 1,100 + 800 = 8,000; 3 + 1 + 2 = 6.
#[test]
fn later_overlapping_qianchuan_export_replaces_the_changed_day() {
    let db = TempDb::new();
    db.import_fixture(QC_HOURLY, DOUYIN);
    let f = db.import_fixture(QC_HOURLY_LATER, DOUYIN);
    let ctx = "later export";
    assert_int(&f, "rows", 7, ctx);
    assert_int(&f, "duplicates", 3, ctx);
    assert_int(&f, "updated", 2, ctx);
    assert_int(&f, "added", 2, ctx);
    assert_qianchuan(
        &db,
        "2026-02-02",
        "2026-02-02",
        ["30.00", "237.00", "44", "3600", "3"],
        ctx,
    );
    assert_qianchuan(
        &db,
        "2026-02-03",
        "2026-02-03",
        ["26.00", "39.90", "29", "2500", "1"],
        ctx,
    );
    assert_qianchuan(
        &db,
        "2026-02-04",
        "2026-02-04",
        ["10.00", "148.00", "13", "1100", "2"],
        ctx,
    );
    assert_qianchuan(
        &db,
        "2026-02-05",
        "2026-02-05",
        ["10.00", "0.00", "10", "800", "0"],
        ctx,
    );
    let total = ["76.00", "424.90", "96", "8000", "6"];
    assert_qianchuan(&db, "2026-02-01", "2026-02-28", total, ctx);
    // The later export again: all duplicates, nothing changes. (The latest import of a day
    // wins: the older file imported again would bring back its 02-04.)
    let again = db.import_fixture(QC_HOURLY_LATER, DOUYIN);
    assert_int(&again, "duplicates", 7, "later export again");
    assert_qianchuan(&db, "2026-02-01", "2026-02-28", total, "later export again");
}

/// A file whose mapping formats.md does not fix yet: either it is read (recognised as
/// `platform`, `rows` data rows; the returned DB then holds it) or it is refused cleanly
/// (exit 2, file named, nothing written) — never an internal error. Returns whether it was
/// read.
fn read_or_refused_cleanly(db: &TempDb, rel: &str, store: &str, platform: &str, rows: i64) -> bool {
    let before = db.snapshot();
    let out = db.run_import(&[rel], store);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match out.status.code() {
        Some(0) => {
            let v = parse_json(&out.stdout, &["import", rel]);
            let f = &v["files"][0];
            assert_str(f, "platform", platform, rel);
            assert_int(f, "rows", rows, rel);
            true
        }
        Some(2) => {
            assert!(
                stderr.contains(name),
                "{rel}: stderr should name the file: {stderr}"
            );
            assert_eq!(
                db.snapshot(),
                before,
                "{rel}: a refused file writes nothing"
            );
            false
        }
        other => panic!("{rel}: exit {other:?}, stderr: {stderr}"),
    }
}

/// The Douyin account ledger: a zip of GB18030 CSVs with GBK entry names. Its 账户流水
/// (5 rows) is read as `douyin.account`: only 提现 rows are facts (withdrawals), and it has
/// none — its settlements are the 动账明细's; the 保费支出 entry is not read.
#[test]
fn douyin_account_ledger_zip_is_read_for_withdrawals() {
    let db = TempDb::new();
    db.import_fixture("douyin/1769904000_orders.csv", DOUYIN);
    let f = db.import_fixture("douyin/account_ledger_202601.zip", DOUYIN);
    let ctx = "Douyin account ledger zip";
    assert_str(&f, "format", "douyin.account", ctx);
    assert_int(&f, "rows", 5, ctx);
    assert_int(&f, "added", 0, ctx);
}

/// Shopee Ads CPC report with an UNVERIFIED header list (README): 3 campaigns, spend
/// 120000 + 80000 + 50000 = 250000 VND.
#[test]
fn shopee_ads_csv_is_read_or_refused_cleanly() {
    let db = TempDb::new();
    db.import_fixture("shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE);
    if read_or_refused_cleanly(&db, "ads/shopee_ads_unverified.csv", SHOPEE, "shopee_vn", 3) {
        let doc = db.summary(Some(SHOPEE), None, None);
        assert_str(
            TempDb::currency_of(&doc, "VND"),
            "ad_spend",
            "250000",
            "Shopee ads spend",
        );
    }
}

#[test]
fn import_history_lists_every_import_with_its_counts() {
    let db = TempDb::new();
    db.import_fixture("shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE);
    db.import_fixture("pdd/orders_202601a.csv", PDD);
    db.import_fixture("shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE);
    let imports = db.imports();
    assert_eq!(imports.len(), 3, "{imports:#?}");
    // Newest first.
    let expect = [
        (
            "Order.all.20260101_20260131.xlsx",
            "shopee_vn",
            SHOPEE,
            9,
            0,
            9,
        ),
        ("orders_202601a.csv", "pdd", PDD, 3, 3, 0),
        (
            "Order.all.20260101_20260131.xlsx",
            "shopee_vn",
            SHOPEE,
            9,
            9,
            0,
        ),
    ];
    let mut ids = Vec::new();
    for (i, (file, platform, store, rows, added, dups)) in expect.iter().enumerate() {
        let rec = &imports[i];
        let ctx = format!("imports[{i}]");
        assert!(rec["id"].as_i64().is_some(), "{ctx}: id: {rec}");
        ids.push(rec["id"].as_i64().unwrap_or_default());
        assert!(
            rec["file"].as_str().is_some_and(|s| s.ends_with(file)),
            "{ctx}: file {file}: {rec}"
        );
        assert_str(rec, "platform", platform, &ctx);
        assert_str(rec, "report", "orders", &ctx);
        assert_str(rec, "store", store, &ctx);
        assert_int(rec, "rows", *rows, &ctx);
        assert_int(rec, "added", *added, &ctx);
        assert_int(rec, "duplicates", *dups, &ctx);
    }
    assert!(
        ids[0] > ids[1] && ids[1] > ids[2],
        "ids grow with time, listed newest first: {ids:?}"
    );
}

#[test]
fn several_files_in_one_command_are_reported_one_by_one() {
    let db = TempDb::new();
    let rels = [
        "lazada/orders_titlecase.csv",
        "lazada/orders_camelcase.xlsx",
    ];
    let out = db.run_import(&rels, LAZADA);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    let v = parse_json(&out.stdout, &rels);
    let files = v["files"]
        .as_array()
        .unwrap_or_else(|| panic!("files[]: {v}"));
    assert_eq!(files.len(), 2, "{v}");
    for (f, (name, rows)) in files
        .iter()
        .zip([("orders_titlecase.csv", 4), ("orders_camelcase.xlsx", 3)])
    {
        assert!(f["file"].as_str().is_some_and(|s| s.ends_with(name)), "{f}");
        assert_str(f, "platform", "lazada", name);
        assert_int(f, "rows", rows, name);
        assert_int(f, "added", rows, name);
    }
}

// ------------------------------------------------------------------ bad input

/// Import a bad file into a database that already holds one good import: exit 2, a message
/// on stderr naming the file (and `also` — column names, row numbers), nothing written.
fn check_bad(rel: &str, also_text: &[&str], also_row: Option<u64>) {
    let db = TempDb::new();
    db.import_fixture("pdd/orders_202601a.csv", PDD);
    let before = db.snapshot();

    let out = db.run_import(&[rel], "Bad Input Shop");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{rel}: exit code 2 for bad input\nstdout: {}\nstderr: {stderr}",
        String::from_utf8_lossy(&out.stdout)
    );
    let name = rel.rsplit('/').next().unwrap_or(rel);
    assert!(
        stderr.contains(name),
        "{rel}: stderr should name the file {name:?}: {stderr}"
    );
    for t in also_text {
        assert!(
            stderr.contains(t),
            "{rel}: stderr should mention {t:?}: {stderr}"
        );
    }
    if let Some(row) = also_row {
        assert!(
            mentions_number(&stderr, row),
            "{rel}: stderr should give row {row}: {stderr}"
        );
    }
    assert_eq!(
        db.snapshot(),
        before,
        "{rel}: the database must be unchanged"
    );
}

#[test]
fn bad_truncated_xlsx() {
    check_bad("bad/truncated.xlsx", &[], None);
}

#[test]
fn bad_binary_garbage_named_csv() {
    check_bad("bad/garbage.csv", &[], None);
}

#[test]
fn bad_empty_file() {
    check_bad("bad/empty.csv", &[], None);
}

#[test]
fn bad_orders_without_order_id_column() {
    check_bad(
        "bad/Order.all.missing_order_id.xlsx",
        &["Mã đơn hàng"],
        None,
    );
}

#[test]
fn bad_bytes_neither_utf8_nor_gb18030() {
    check_bad("bad/invalid_bytes.csv", &[], None);
}

#[test]
fn bad_date_in_row_5() {
    check_bad("bad/pdd_bad_date_row5.csv", &["订单成交时间"], Some(5));
}

#[test]
fn bad_order_id_float_that_lost_digits() {
    check_bad("bad/Order.all.float_id.xlsx", &["Mã đơn hàng"], Some(3));
}

#[test]
fn a_bad_file_among_good_ones_writes_nothing_at_all() {
    let db = TempDb::new();
    db.import_fixture("pdd/orders_202601a.csv", PDD);
    let before = db.snapshot();
    let out = db.run_import(
        &[
            "pdd/orders_202601b_serial_dates.csv",
            "bad/pdd_bad_date_row5.csv",
        ],
        PDD,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("pdd_bad_date_row5.csv"), "{stderr}");
    assert_eq!(
        db.snapshot(),
        before,
        "the good file must not be half-imported either"
    );
}

#[test]
fn unknown_platform_argument_is_bad_input() {
    let db = TempDb::new();
    let f = fixture("pdd/orders_202601a.csv");
    let out = db.run(&[
        "import",
        f.to_str().unwrap_or_default(),
        "--platform",
        "amazon",
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stderr.is_empty());
}

/// A file no format table knows (README "Generic"): refused with a hint, then read with a
/// column mapping, whose name makes it a template reused for the same headers — by itself,
/// and by name.
#[test]
fn unknown_file_is_read_with_a_column_mapping_saved_as_a_template() {
    const ERP: &str = "ERP小店";
    let db = TempDb::new();
    let file = fixture("generic/erp_orders_202601.csv");
    let f = file.to_str().unwrap_or_default();
    let map = fixture("generic/erp_mapping.json");

    let before = db.snapshot();
    let out = db.run(&["import", f, "--store", ERP, "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Bill No") && stderr.contains("--mapping"),
        "{stderr}"
    );
    assert_eq!(db.snapshot(), before, "a refused file writes nothing");

    let m = map.to_str().unwrap_or_default();
    let v = db.json(&["import", f, "--store", ERP, "--mapping", m, "--json"]);
    let first = &v["files"][0];
    assert_str(first, "platform", "generic", "mapped");
    assert_str(first, "report", "orders", "mapped");
    assert_int(first, "rows", 4, "mapped");
    assert_int(first, "added", 4, "mapped");
    assert_str(first, "date_from", "2026-01-04", "mapped");
    assert_str(first, "date_to", "2026-01-20", "mapped");

    // The same headers again: the saved template "ERP orders" reads it without --mapping.
    let again = db.import_fixture("generic/erp_orders_202601.csv", ERP);
    assert_int(&again, "rows", 4, "template");
    assert_int(&again, "duplicates", 4, "template");
    assert_eq!(again["format"], first["format"]);
    let named = db.json(&[
        "import",
        f,
        "--store",
        ERP,
        "--mapping",
        "ERP orders",
        "--json",
    ]);
    assert_int(&named["files"][0], "duplicates", 4, "by name");
    // Without --store: the mapping's own store.
    let plain = db.json(&["import", f, "--json"]);
    assert_str(&plain["files"][0], "store", ERP, "the template's store");
    assert_int(&plain["files"][0], "duplicates", 4, "the template's store");

    let out = db.run(&["import", f, "--mapping", "no such template"]);
    assert_eq!(out.status.code(), Some(2));

    // SO-0002 is "void" (cancelled): orders SO-0001 (2 × 79.00 + 39.90) and SO-0003 (79.00).
    db.costs_import("costs/sku_costs.xlsx", Some(ERP));
    let doc = db.summary(Some(ERP), None, None);
    let cny = TempDb::currency_of(&doc, "CNY");
    assert_int(cny, "orders", 2, "ERP");
    assert_int(cny, "units", 4, "2 + 1 + 1");
    assert_str(cny, "gross_sales", "276.90", "158.00 + 39.90 + 79.00");
    // 01-04: 2 × 30 + 12.50; 01-20: 1 × 32 (TS-RED-M from 01-15) = 104.50
    assert_str(cny, "cogs", "104.50", "ERP");
    assert_str(cny, "contribution", "172.40", "276.90 − 104.50");
}
