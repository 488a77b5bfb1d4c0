//! Acceptance test of `fupan report` (issue 7): the fixture data imported through the CLI (plus
//! ten February days of Pinduoduo ads so one channel has a spend-response fit), then the
//! year-end review in zh, vi and en as PDF, HTML and xlsx. The PDF text (pdftotext) must carry
//! the `summary --json` figures formatted for the language, the language's headings, the text
//! inside the plotters charts (vector SVG, not pictures) and page numbers; pages are rendered
//! to PNG (pdftoppm) into artifacts/report/ for a look; the xlsx is read back with calamine.

// A test crate: helpers fail by panicking, like the tests themselves.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

/// The Pinduoduo store's name looks like a formula: the xlsx must keep it as text.
const PDD: &str = "=拼多多店";

/// (store, fixture) pairs of the full dataset (tests/fixtures/README.md). A file the importer
/// refuses is skipped: the report must match the summary of whatever the ledger holds.
const FILES: &[(&str, &str)] = &[
    ("抖店旗舰店", "douyin/1769904000_orders.csv"),
    ("抖店旗舰店", "douyin/fund_flow_orders.csv"),
    ("抖店旗舰店", "ads/qianchuan_daily.xlsx"),
    ("淘宝小店", "taobao/ExportOrderList202601.csv"),
    ("淘宝小店", "taobao/ExportOrderDetailList202601.csv"),
    ("淘宝小店", "ads/ztc_wanxiangtai.csv"),
    (PDD, "pdd/orders_202601a.csv"),
    (PDD, "pdd/orders_202601b_serial_dates.csv"),
    (PDD, "ads/pdd_ads.csv"),
    (
        "Shopee VN Shop",
        "shopee_vn/Order.all.20260101_20260131.xlsx",
    ),
];

/// Ten February days of Pinduoduo ads (the fixture's column layout) with diminishing returns,
/// sales ≈ 15 × spend^0.7 ± 5 %: with the fixture's three January days the channel has 13
/// usable days, enough for the power-law fit (metrics.md §4 needs 7).
const FEB_ADS: &str = "\u{feff}日期,总花费(元),成交花费(元),交易额(元),实际投产比,净交易额(元),净实际投产比,净成交笔数,每笔净成交花费(元),成交笔数,每笔成交金额(元)
2026-02-01,10.00,10.00,78.94,7.89,78.94,7.89,1,10.00,1,78.94
2026-02-02,20.00,20.00,118.46,5.92,118.46,5.92,1,20.00,1,118.46
2026-02-03,30.00,30.00,165.45,5.51,165.45,5.51,1,30.00,1,165.45
2026-02-04,45.00,45.00,211.14,4.69,211.14,4.69,1,45.00,1,211.14
2026-02-05,60.00,60.00,271.42,4.52,271.42,4.52,1,60.00,1,271.42
2026-02-06,80.00,80.00,319.07,3.99,319.07,3.99,1,80.00,1,319.07
2026-02-07,100.00,100.00,380.55,3.81,380.55,3.81,1,100.00,1,380.55
2026-02-08,120.00,120.00,410.95,3.42,410.95,3.42,1,120.00,1,410.95
2026-02-09,140.00,140.00,495.92,3.54,495.92,3.54,1,140.00,1,495.92
2026-02-10,160.00,160.00,523.57,3.27,523.57,3.27,1,160.00,1,523.57
";

/// Per language: headings, then words that only the charts carry (axis titles drawn by
/// plotters), then the channel-fit words (a fitted ceiling, and "not enough data").
struct Words {
    lang: &'static str,
    headings: &'static [&'static str],
    in_charts: &'static [&'static str],
    fit: &'static [&'static str],
}

const WORDS: &[Words] = &[
    Words {
        lang: "zh",
        headings: &[
            "年终复盘报告 2026",
            "目录",
            "全年一页纸",
            "从成交额到净利润",
            "月度趋势",
            "推广渠道",
            "边际投产比与花费上限",
            "商品",
            "生命周期阶段",
            "隐性成本明细",
            "店铺对比",
            "经验与明年目标",
        ],
        in_charts: &["销售占比", "日花费", "建议日花费上限 "],
        fit: &["已超过建议上限", "数据不足（2 天 < 7 天）"],
    },
    Words {
        lang: "vi",
        headings: &[
            "Báo cáo tổng kết năm 2026",
            "Mục lục",
            "Toàn cảnh năm",
            "Từ GMV đến lợi nhuận ròng",
            "Kênh quảng cáo",
            "ROAS biên và mức trần chi tiêu",
            "Sản phẩm",
            "Giai đoạn vòng đời",
            "So sánh các cửa hàng",
            "Bài học và mục tiêu năm tới",
        ],
        in_charts: &[
            "Tỷ trọng doanh số",
            "Chi tiêu mỗi ngày",
            "Mức trần chi tiêu/ngày ",
        ],
        fit: &["đã vượt mức trần đề xuất", "chưa đủ dữ liệu (2 < 7 ngày)"],
    },
    Words {
        lang: "en",
        headings: &[
            "Year-end review 2026",
            "Contents",
            "The year at a glance",
            "From GMV to net profit",
            "Monthly trends",
            "Ad channels",
            "Marginal ROAS and spend ceiling",
            "Products",
            "Lifecycle stages",
            "Hidden-cost breakdown",
            "Stores side by side",
            "Lessons and next-year targets",
        ],
        in_charts: &["Share of sales", "Daily spend", "Suggested daily ceiling "],
        fit: &[
            "is above the suggested ceiling",
            "not enough data (2 < 7 days)",
        ],
    },
];

fn seeded() -> TempDb {
    let db = TempDb::new();
    for (store, rel) in FILES {
        let f = fixture(rel);
        let _ = db.run(&["import", f.to_str().unwrap(), "--store", store, "--json"]);
    }
    let feb = db.dir.path().join("pdd_ads_2026_02.csv");
    std::fs::write(&feb, FEB_ADS).unwrap();
    let out = db.run(&["import", feb.to_str().unwrap(), "--store", PDD, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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

/// Digits grouped by threes from the right (an oracle written apart from the engine's).
fn group(v: Decimal, dp: u32, lang: &str) -> String {
    let (sep, point) = if lang == "vi" { (".", ",") } else { (",", ".") };
    let r = v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{r:.*}", dp as usize);
    let (int, frac) = text.split_at(text.find('.').unwrap_or(text.len()));
    let threes: Vec<&str> = int
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!("{}{}", threes.join(sep), frac.replacen('.', point, 1))
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

/// `s` without any whitespace.
fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

fn report(db: &TempDb, lang: &str, out: &Path) {
    let o = db.run(&[
        "report",
        "--year",
        "2026",
        "--lang",
        lang,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "report {lang} {}: {}",
        out.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn year_end_review_in_three_languages_and_three_formats() {
    let db = seeded();
    let summary = db.summary(None, Some("2026-01-01"), Some("2026-12-31"));
    assert!(
        !summary["currencies"].as_array().unwrap().is_empty(),
        "no data imported: {summary}"
    );
    let channels = db.json(&[
        "channels",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--json",
    ]);
    let dir = artifacts();

    for w in WORDS {
        let lang = w.lang;
        let figures = key_figures(&summary, lang);

        let pdf = dir.join(format!("review-{lang}.pdf"));
        report(&db, lang, &pdf);
        // Content-stream order, whitespace dropped: a phrase wrapped in a table cell still
        // reads as one.
        let text = squash(&tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]));
        for want in w
            .headings
            .iter()
            .chain(w.in_charts)
            .chain(w.fit)
            .map(|h| h.to_string())
            .chain(figures.clone())
        {
            assert!(text.contains(&squash(&want)), "{lang} PDF lacks {want:?}");
        }
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        let pages: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!((6..=30).contains(&pages), "{lang}: {pages} pages");
        // Page numbers "n / N" on every page after the cover.
        for n in 2..=pages {
            assert!(
                text.contains(&format!("{n}/{pages}")),
                "{lang}: no page number {n}"
            );
        }
        // Fonts are embedded, none of them a bitmap (Type 3) stand-in.
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        assert!(
            fonts.contains("NotoSansCJK") && !fonts.contains("Type 3"),
            "{fonts}"
        );
        let prefix = dir.join(format!("review-{lang}"));
        for old in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = old.file_name().to_string_lossy().into_owned();
            if name.starts_with(&format!("review-{lang}-")) && name.ends_with(".png") {
                std::fs::remove_file(old.path()).unwrap();
            }
        }
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "70",
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );

        let html = dir.join(format!("review-{lang}.html"));
        report(&db, lang, &html);
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(page.contains("@page") && page.contains("size: A4"));
        assert!(
            page.matches("<svg").count() >= 5,
            "{lang}: the HTML embeds the charts as SVG"
        );
        for want in w
            .headings
            .iter()
            .chain(w.in_charts)
            .map(|h| h.to_string())
            .chain(figures)
        {
            assert!(page.contains(&want), "{lang} HTML lacks {want:?}");
        }

        let xlsx = dir.join(format!("review-{lang}.xlsx"));
        report(&db, lang, &xlsx);
        check_xlsx(&xlsx, &summary, &channels, &db);
    }
}

/// Every cell of every sheet.
fn sheets(path: &Path) -> Vec<(String, calamine::Range<calamine::Data>)> {
    use calamine::{open_workbook, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).unwrap();
            (n, r)
        })
        .collect()
}

fn float(c: Option<&calamine::Data>) -> Option<f64> {
    match c {
        Some(calamine::Data::Float(f)) => Some(*f),
        _ => None,
    }
}

/// The first sheet (the year at a glance of the first currency) holds GMV and net profit as
/// numbers equal to the summary's; each channel's spend is a number on the row naming its
/// store; the formula-like store name is stored as escaped text with its own GMV beside it.
fn check_xlsx(path: &Path, summary: &Value, channels: &Value, db: &TempDb) {
    use calamine::Data;
    let all = sheets(path);
    assert!(
        all.len() >= 10,
        "{:?}",
        all.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    let glance = &all[0].1;
    let c = &summary["currencies"][0];
    let want = |v: &Value| v.as_str().unwrap().parse::<f64>().unwrap();
    let num = |row: usize| {
        float(glance.get((row, 1)))
            .unwrap_or_else(|| panic!("{}: row {row} is not a number", path.display()))
    };
    assert!(
        (num(1) - want(&c["gross_sales"])).abs() < 0.005,
        "gross_sales"
    );
    assert!(
        (num(5) - want(&c["net_profit"])).abs() < 0.005,
        "net_profit"
    );

    let rows = || all.iter().flat_map(|(_, r)| r.rows());
    for cur in channels["currencies"].as_array().unwrap() {
        for ch in cur["channels"].as_array().unwrap() {
            let store = ch["store"].as_str().unwrap();
            let spend = want(&ch["spend"]);
            let found = rows().any(|r| {
                r.iter()
                    .any(|c| matches!(c, Data::String(s) if s.contains(store)))
                    && r.iter()
                        .any(|c| matches!(c, Data::Float(f) if (f - spend).abs() < 0.005))
            });
            assert!(
                found,
                "{}: no row with {store} and spend {spend}",
                path.display()
            );
        }
    }

    let pdd = db.summary(Some(PDD), Some("2026-01-01"), Some("2026-12-31"));
    let gmv = want(&pdd["currencies"][0]["gross_sales"]);
    let escaped = format!("'{PDD}");
    let row = rows()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if *s == escaped))
        .unwrap_or_else(|| panic!("{}: {escaped} not found", path.display()));
    assert!(
        (float(row.get(1)).unwrap() - gmv).abs() < 0.005,
        "{PDD} GMV"
    );
    assert!(
        !rows().any(|r| r.iter().any(|c| matches!(c, Data::String(s) if s == PDD))),
        "the formula-like name is never stored bare"
    );
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

/// Issue 16: with several stores in one currency, the review's products section draws one
/// matrix per store, each store's SKUs against that store's own medians (as the window does):
/// every CNY store that sold SKUs heads its own matrix, stages and ranking.
#[test]
fn the_review_judges_each_stores_products_against_its_own_medians() {
    let db = seeded();
    let html = db.dir.path().join("review.html");
    report(&db, "en", &html);
    let text = std::fs::read_to_string(&html).expect("read the html review");
    let heads: Vec<&str> = text
        .split("<h3")
        .skip(1)
        .filter_map(|h| h.split_once('>').and_then(|(_, r)| r.split_once("</h3>")))
        .map(|(head, _)| head)
        .collect();
    for store in ["抖店旗舰店", "淘宝小店", PDD] {
        let at = heads.iter().position(|h| *h == store);
        let Some(at) = at else {
            panic!("{store} heads no products block: {heads:?}");
        };
        assert_eq!(heads.get(at + 1), Some(&"Lifecycle stages"), "{heads:?}");
    }
}
