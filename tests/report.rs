//! Acceptance test of `fupan report` (issue 7): the fixture data imported through the CLI,
//! then the year-end review in zh, vi and en as PDF, HTML and xlsx. The PDF text (pdftotext)
//! must carry the `summary --json` figures formatted for the language and the language's
//! headings; pages are rendered to PNG (pdftoppm) into artifacts/report/ for a look.

// A test crate: helpers fail by panicking, like the tests themselves.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

/// (store, fixture) pairs of the full dataset (tests/fixtures/README.md). A file the importer
/// refuses is skipped: the report must match the summary of whatever the ledger holds.
const FILES: &[(&str, &str)] = &[
    ("抖店旗舰店", "douyin/1769904000_orders.csv"),
    ("抖店旗舰店", "douyin/fund_flow_orders.csv"),
    ("抖店旗舰店", "ads/qianchuan_daily.xlsx"),
    ("淘宝小店", "taobao/ExportOrderList202601.csv"),
    ("淘宝小店", "taobao/ExportOrderDetailList202601.csv"),
    ("淘宝小店", "ads/ztc_wanxiangtai.csv"),
    ("拼多多店", "pdd/orders_202601a.csv"),
    ("拼多多店", "pdd/orders_202601b_serial_dates.csv"),
    ("拼多多店", "ads/pdd_ads.csv"),
    (
        "Shopee VN Shop",
        "shopee_vn/Order.all.20260101_20260131.xlsx",
    ),
];

const HEADINGS: &[(&str, &[&str])] = &[
    (
        "zh",
        &[
            "年终复盘报告 2026",
            "全年一页纸",
            "从成交额到净利润",
            "推广渠道",
            "经验与明年目标",
        ],
    ),
    (
        "vi",
        &[
            "Báo cáo tổng kết năm 2026",
            "Toàn cảnh năm",
            "Kênh quảng cáo",
            "Bài học và mục tiêu năm tới",
        ],
    ),
    (
        "en",
        &[
            "Year-end review 2026",
            "The year at a glance",
            "From GMV to net profit",
            "Lessons and next-year targets",
        ],
    ),
];

fn seeded() -> TempDb {
    let db = TempDb::new();
    for (store, rel) in FILES {
        let f = fixture(rel);
        let _ = db.run(&["import", f.to_str().unwrap(), "--store", store, "--json"]);
    }
    let _ = db.run(&[
        "costs",
        "import",
        fixture("costs/sku_costs.xlsx").to_str().unwrap(),
        "--store",
        "抖店旗舰店",
    ]);
    // Fixed costs this year and last (so the report compares with a previous year).
    for (month, amount) in [("2026-01", "300"), ("2025-12", "250")] {
        let out = db.run(&[
            "costs",
            "fixed",
            "--store",
            "淘宝小店",
            "--month",
            month,
            "--kind",
            "rent",
            "--amount",
            amount,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    db
}

/// Money as the report prints it, formatted here independently of the engine.
fn money(s: &str, currency: &str, lang: &str) -> String {
    let v: Decimal = s.parse().unwrap();
    let dp = if currency == "VND" { 0 } else { 2 };
    let n = group(v.abs(), dp, lang);
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    match currency {
        "CNY" => format!("{sign}¥{n}"),
        _ => format!("{sign}{n} ₫"),
    }
}

fn group(v: Decimal, dp: u32, lang: &str) -> String {
    let (sep, point) = if lang == "vi" { ('.', ',') } else { (',', '.') };
    let mut r = v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    let text = r.to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// The key figures of each currency, as the language prints them.
fn key_figures(summary: &Value, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    for c in summary["currencies"].as_array().unwrap() {
        let cur = c["currency"].as_str().unwrap();
        for k in [
            "gross_sales",
            "net_sales",
            "net_profit",
            "ad_spend",
            "hidden_costs",
        ] {
            out.push(money(c[k].as_str().unwrap(), cur, lang));
        }
        if let Some(be) = c["break_even_roas"].as_str() {
            out.push(group(be.parse().unwrap(), 2, lang));
        }
    }
    out
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join("report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e} (install poppler-utils)"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn year_end_review_in_three_languages_and_three_formats() {
    let db = seeded();
    let summary = db.summary(None, Some("2026-01-01"), Some("2026-12-31"));
    assert!(
        !summary["currencies"].as_array().unwrap().is_empty(),
        "no data imported: {summary}"
    );
    let dir = artifacts();

    for (lang, headings) in HEADINGS {
        let figures = key_figures(&summary, lang);

        let pdf = dir.join(format!("review-{lang}.pdf"));
        let out = db.run(&[
            "report",
            "--year",
            "2026",
            "--lang",
            lang,
            "--out",
            pdf.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "report {lang} pdf: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        for want in headings
            .iter()
            .map(|h| h.to_string())
            .chain(figures.clone())
        {
            assert!(text.contains(&want), "{lang} PDF lacks {want:?}");
        }
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        let pages: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!((5..=30).contains(&pages), "{lang}: {pages} pages");
        let prefix = dir.join(format!("review-{lang}"));
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "60",
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );

        let html = dir.join(format!("review-{lang}.html"));
        let out = db.run(&[
            "report",
            "--year",
            "2026",
            "--lang",
            lang,
            "--out",
            html.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "report {lang} html: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("@page") && page.contains("size: A4"));
        for want in headings.iter().map(|h| h.to_string()).chain(figures) {
            assert!(page.contains(&want), "{lang} HTML lacks {want:?}");
        }

        let xlsx = dir.join(format!("review-{lang}.xlsx"));
        let out = db.run(&[
            "report",
            "--year",
            "2026",
            "--lang",
            lang,
            "--out",
            xlsx.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "report {lang} xlsx: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        check_xlsx(&xlsx, &summary);
    }
}

/// The first sheet (the year at a glance of the first currency) holds GMV and net profit as
/// numbers equal to the summary's.
fn check_xlsx(path: &Path, summary: &Value) {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let names = wb.sheet_names().to_vec();
    assert!(names.len() >= 6, "{names:?}");
    let sheet = wb.worksheet_range(&names[0]).unwrap();
    let c = &summary["currencies"][0];
    let num = |row: usize| match sheet.get((row, 1)) {
        Some(Data::Float(f)) => *f,
        other => panic!("{}: row {row} is not a number: {other:?}", path.display()),
    };
    let want = |k: &str| c[k].as_str().unwrap().parse::<f64>().unwrap();
    assert!((num(1) - want("gross_sales")).abs() < 0.005, "gross_sales");
    assert!((num(5) - want("net_profit")).abs() < 0.005, "net_profit");
}

#[test]
fn unknown_extension_is_bad_input_and_writes_nothing() {
    let db = seeded();
    let out_path = db.dir.path().join("review.docx");
    let out = db.run(&[
        "report",
        "--year",
        "2026",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_path.exists());
    let none = db.run(&[
        "report",
        "--year",
        "1999",
        "--out",
        db.dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert_eq!(none.status.code(), Some(2), "a year without data");
}
