//! The year-end review's tax page and money-received page (metrics.md §9, §10): their figures
//! in the PDF text (pdftotext) equal `summary --json` and `cash --json`, in zh, vi and en,
//! with the rules' sources and the "not tax advice" line; the xlsx carries them too.
//! Data: the Shopee VN order export with costs, and a flat 1.5 % estimate (README: net
//! sales 1,260,000 → 18,900; net profit 422,800 → profit after tax 403,900).

// A test crate: helpers fail by panicking, like the tests themselves.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::*;

/// `n` ₫ grouped as the language prints it (an oracle apart from the engine's formatting).
fn dong(n: u64, lang: &str) -> String {
    let digits = n.to_string();
    let sep = if lang == "vi" { "." } else { "," };
    let groups: Vec<&str> = digits
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!("{}₫", groups.join(sep))
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect()
}

#[test]
fn tax_and_money_pages_equal_the_cli_figures() {
    let db = TempDb::new();
    db.import_fixture("shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE);
    db.costs_import("costs/sku_costs_vi.csv", Some(SHOPEE));
    let set = db.run(&[
        "tax",
        "set",
        "--store",
        SHOPEE,
        "--regime",
        "flat",
        "--flat-pct",
        "1.5",
    ]);
    assert!(set.status.success());
    let s = db.summary(None, Some("2026-01-01"), Some("2026-12-31"));
    let c = &s["currencies"][0];
    assert_eq!(c["taxes"]["total"], "18900");
    assert_eq!(c["profit_after_tax"], "403900");
    let cash = db.json(&[
        "cash",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--json",
    ]);
    assert_eq!(cash["currencies"][0]["settled"], "0");

    let words = [
        (
            "zh",
            "税费",
            "回款",
            "不构成税务建议",
            "估算：净销售额的1.5",
        ),
        (
            "vi",
            "Thuế",
            "Tiềnđãnhận",
            "khôngphảitưvấnthuế",
            "Ướctính:1,5",
        ),
        (
            "en",
            "Taxes",
            "Moneyreceived",
            "nottaxadvice",
            "Estimate:1.5",
        ),
    ];
    for (lang, taxes, money_received, advice, rule) in words {
        let pdf = db.dir.path().join(format!("review-{lang}.pdf"));
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
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = pdf_text(&pdf);
        for want in [
            taxes.to_string(),
            money_received.to_string(),
            advice.to_string(),
            rule.to_string(),
            "117/2025/NĐ-CP".to_string(),
            dong(18900, lang),
            dong(403900, lang),
            dong(422800, lang),
        ] {
            assert!(text.contains(&want), "{lang} PDF lacks {want:?}");
        }
        // The estimate is labelled, and the store without settlement files is named.
        assert!(text.contains(SHOPEE.replace(' ', "").as_str()), "{lang}");
    }
    let xlsx = db.dir.path().join("review.xlsx");
    let out = db.run(&[
        "report",
        "--year",
        "2026",
        "--lang",
        "en",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::{DataType, Reader};
    let names = book.sheet_names().to_vec();
    assert!(names.iter().any(|n| n == "Taxes"), "{names:?}");
    assert!(names.iter().any(|n| n == "Money received"), "{names:?}");
    let taxes = book.worksheet_range("Taxes").unwrap();
    let has = |label: &str, v: f64| {
        taxes.rows().any(|r| {
            r.first().is_some_and(|c| *c == label) && r.get(1).and_then(|c| c.as_f64()) == Some(v)
        })
    };
    assert!(has("Taxes in total", 18900.0));
    assert!(has("Profit after tax", 403900.0));
}
