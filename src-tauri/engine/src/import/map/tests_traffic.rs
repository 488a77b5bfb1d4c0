//! detect + map for the store traffic reports.

use super::test_util::{at, day, header_row, headers, row, run, t};
use crate::import::read::{Cell, MemoryBook};
use crate::import::ImportOptions;
use crate::model::{Platform, ReportKind, TrafficDay};

fn visit(d: chrono::NaiveDate, visitors: i64, page_views: i64) -> TrafficDay {
    TrafficDay {
        day: d,
        visitors,
        page_views,
    }
}

#[test]
fn sycm_store_days_under_title_rows() {
    let h = headers("统计日期 | 访客数 | 浏览量 | 支付买家数 | 支付转化率 | 支付金额 | 客单价");
    let rows = vec![
        vec![t("生意参谋 — 店铺经营概况")],
        vec![t("统计时间：2026-01-01 ~ 2026-01-02")],
        vec![],
        header_row(&h),
        row(
            &h,
            &[
                ("统计日期", t("2026-01-01")),
                ("访客数", t("1,250")),
                ("浏览量", t("3,400")),
                ("支付转化率", t("2.40%")),
            ],
        ),
        row(
            &h,
            &[
                ("统计日期", at(2026, 1, 2, 0, 0)),
                ("访客数", Cell::Int(980)),
            ],
        ),
    ];
    let mut book = MemoryBook::new("【生意参谋平台】店铺.csv").with_sheet("Sheet1", rows);
    let (d, stats, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(
        (d.format_id, d.platform, d.report, d.header_row),
        (
            "taobao.sycm_traffic",
            Platform::Taobao,
            ReportKind::Traffic,
            4
        )
    );
    assert_eq!(stats.rows, 2);
    assert_eq!(
        sink.traffic,
        vec![
            visit(day(2026, 1, 1), 1250, 3400),
            visit(day(2026, 1, 2), 980, 0)
        ]
    );
    assert!(sink.lines.is_empty() && sink.ads.is_empty());
}

#[test]
fn shopee_vietnamese_and_the_other_platforms_are_recognised() {
    let cases = [
        (
            "Ngày | Doanh số | Đơn hàng | Lượt truy cập | Lượt xem trang | Tỷ lệ chuyển đổi",
            "shopee_vn.traffic",
            "Phân tích bán hàng.xlsx",
        ),
        (
            "Date | GMV | Visitors | Page views | Conversion rate",
            "tiktok_shop.traffic",
            "tiktok_analytics.xlsx",
        ),
        (
            "Date | Visitors | Pageviews | Revenue | Conversion Rate",
            "lazada.traffic",
            "lazada business advisor.xlsx",
        ),
        (
            "日期 | 商品访客数 | 直播间访客数 | 成交金额",
            "douyin.compass_traffic",
            "电商罗盘.xlsx",
        ),
    ];
    for (list, id, file) in cases {
        let h = headers(list);
        let visitors = h[1..]
            .iter()
            .find(|x| ["Lượt truy cập", "Visitors", "商品访客数"].contains(&x.as_str()))
            .unwrap()
            .clone();
        let mut cells = vec![
            (h[0].as_str(), t("05/01/2026")),
            (visitors.as_str(), t("2,345")),
        ];
        if id == "shopee_vn.traffic" {
            cells.push(("Lượt xem trang", Cell::Int(6789)));
        }
        let mut book = MemoryBook::new(file).with_sheet("S", vec![header_row(&h), row(&h, &cells)]);
        let (d, _, sink) = run(&mut book, &ImportOptions::default()).unwrap();
        assert_eq!(d.format_id, id, "{list}");
        assert_eq!(sink.traffic.len(), 1, "{list}");
        assert_eq!(sink.traffic[0].day, day(2026, 1, 5), "{list}");
        assert_eq!(sink.traffic[0].visitors, 2345, "{list}");
    }
}

#[test]
fn negative_visitors_are_refused() {
    let h = headers("Ngày | Lượt truy cập | Lượt xem trang");
    let rows = vec![
        header_row(&h),
        row(
            &h,
            &[("Ngày", t("2026-01-05")), ("Lượt truy cập", Cell::Int(-3))],
        ),
    ];
    let mut book = MemoryBook::new("shopee traffic.xlsx").with_sheet("S", rows);
    let e = run(&mut book, &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().contains("cannot be negative"), "{e}");
}

#[test]
fn compass_prefers_the_store_level_visitors() {
    let h = headers("日期 | 商品访客数 | 直播间访客数 | 店铺访客数 | 商品浏览量 | 成交金额");
    let rows = vec![
        header_row(&h),
        row(
            &h,
            &[
                ("日期", t("2026-01-05")),
                ("商品访客数", Cell::Int(900)),
                ("直播间访客数", Cell::Int(5000)),
                ("店铺访客数", Cell::Int(1200)),
                ("商品浏览量", Cell::Int(2600)),
            ],
        ),
    ];
    let mut book = MemoryBook::new("电商罗盘_店铺.xlsx").with_sheet("S", rows);
    let (d, _, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(d.format_id, "douyin.compass_traffic");
    assert_eq!(sink.traffic, vec![visit(day(2026, 1, 5), 1200, 2600)]);
}
