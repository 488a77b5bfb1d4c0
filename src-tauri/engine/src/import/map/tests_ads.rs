//! detect + map for the ad reports and SKU cost sheets.

use rust_decimal_macros::dec;

use super::test_util::{at, day, header_row, headers, row, run, t};
use crate::import::read::{Cell, MemoryBook};
use crate::import::ImportOptions;
use crate::model::{AdDay, Channel, Currency, Platform, SkuCost};

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn ad(channel: Channel, campaign: &str, d: chrono::NaiveDate, window: i64) -> AdDay {
    AdDay {
        channel,
        campaign: campaign.into(),
        day: d,
        spend: dec!(0),
        impressions: 0,
        clicks: 0,
        platform_sales: dec!(0),
        platform_orders: 0,
        collects: 0,
        add_to_carts: 0,
        assisted_conversions: None,
        last_click_conversions: None,
        window_days: window,
    }
}

#[test]
fn qianchuan_days() {
    let h = headers("日期 | 整体消耗 | 整体支付ROI | 整体成交金额 | 整体成交订单数 | 整体成交订单成本 | 整体展现次数 | 整体点击率 | 整体点击次数 | 整体转化率");
    let r = |d: Cell, spend: &str, sales: &str| {
        row(
            &h,
            &[
                ("日期", d),
                ("整体消耗", t(spend)),
                ("整体支付ROI", t("3.20")),
                ("整体成交金额", t(sales)),
                ("整体成交订单数", Cell::Int(40)),
                ("整体展现次数", t("120,000")),
                ("整体点击率", t("1.20%")),
                ("整体点击次数", t("1,440")),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r(t("2026-09-01"), "1,000.00", "3,200.00"),
        r(at(2026, 9, 2, 0, 0), "500", "800"),
        row(&h, &[("日期", t("合计")), ("整体消耗", t("1500"))]),
    ];
    let mut book = MemoryBook::new("千川_整体数据.xlsx").with_sheet("Sheet1", rows);
    let (d, stats, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(
        (d.format_id, d.platform),
        ("douyin.qianchuan", Platform::Douyin)
    );
    assert_eq!(stats.rows, 2);
    let full = |dd, spend, sales| AdDay {
        spend,
        platform_sales: sales,
        impressions: 120000,
        clicks: 1440,
        platform_orders: 40,
        ..ad(Channel::Qianchuan, "", dd, 7)
    };
    assert_eq!(
        sink.ads,
        vec![
            full(day(2026, 9, 1), dec!(1000), dec!(3200)),
            full(day(2026, 9, 2), dec!(500), dec!(800)),
        ]
    );
}

#[test]
fn wanxiangtai_scenes_and_ranges() {
    let h = headers("日期 | 场景名字 | 计划ID | 计划名字 | 展现量 | 点击量 | 花费 | 点击率 | 平均点击花费 | 总成交金额 | 总成交笔数 | 收藏宝贝数 | 总购物车数 | 投入产出比");
    let r = |d: &str, scene: &str, plan: &str| {
        row(
            &h,
            &[
                ("日期", t(d)),
                ("场景名字", t(scene)),
                ("计划名字", t(plan)),
                ("展现量", Cell::Int(10000)),
                ("点击量", Cell::Int(300)),
                ("花费", t("450.50")),
                ("总成交金额", t("1,351.50")),
                ("总成交笔数", Cell::Int(9)),
                ("收藏宝贝数", Cell::Int(12)),
                ("总购物车数", Cell::Int(20)),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r("20260803", "关键词推广", "防晒-词"),
        r("20260803至20260803", "人群推广", "拉新"),
        r("20260803至20260809", "货品全站推广", "全站"),
    ];
    let mut book = MemoryBook::new("万相台报表.csv").with_sheet("万相台报表.csv", rows);
    let (d, stats, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(
        (d.format_id, d.platform),
        ("taobao.wanxiangtai", Platform::Taobao)
    );
    assert_eq!(
        (stats.date_from, stats.date_to),
        (Some(day(2026, 8, 3)), Some(day(2026, 8, 9)))
    );
    let full = |ch, plan, dd| AdDay {
        spend: dec!(450.50),
        platform_sales: dec!(1351.50),
        impressions: 10000,
        clicks: 300,
        platform_orders: 9,
        collects: 12,
        add_to_carts: 20,
        ..ad(ch, plan, dd, 15)
    };
    assert_eq!(
        sink.ads,
        vec![
            full(Channel::Ztc, "防晒-词", day(2026, 8, 3)),
            full(Channel::Wanxiangtai, "拉新", day(2026, 8, 3)),
            full(Channel::Wanxiangtai, "全站", day(2026, 8, 9)),
        ]
    );
}

#[test]
fn pdd_ads_days() {
    let h = headers("日期 | 成交花费(元) | 交易额(元) | 实际投产比 | 总花费(元) | 净交易额(元) | 净实际投产比 | 净成交笔数 | 成交笔数");
    let r = row(
        &h,
        &[
            ("日期", t("2026-05-01")),
            ("总花费(元)", t("300.00")),
            ("交易额(元)", t("900.00")),
            ("实际投产比", t("3.00")),
            ("成交笔数", Cell::Int(15)),
        ],
    );
    let mut book = MemoryBook::new("推广数据.xlsx").with_sheet("Sheet1", vec![header_row(&h), r]);
    let (d, _, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(d.format_id, "pdd.ads");
    let want = AdDay {
        spend: dec!(300),
        platform_sales: dec!(900),
        platform_orders: 15,
        ..ad(Channel::PddAds, "", day(2026, 5, 1), 1)
    };
    assert_eq!(sink.ads, vec![want]);
}

#[test]
fn sku_cost_sheets_in_three_languages() {
    let rows = vec![
        vec![t("商家编码"), t("单位成本"), t("生效日期")],
        vec![t("FSY-L"), t("32.50"), t("2026-01-01")],
        vec![t("FSY-M"), Cell::Float(30.1), Cell::Empty],
    ];
    let mut book = MemoryBook::new("成本.xlsx").with_sheet("成本", rows);
    let (d, _, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(
        (d.format_id, d.platform),
        ("generic.sku_costs", Platform::Generic)
    );
    assert_eq!(
        sink.costs,
        vec![
            SkuCost {
                sku: "FSY-L".into(),
                unit_cost: dec!(32.50),
                valid_from: day(2026, 1, 1)
            },
            SkuCost {
                sku: "FSY-M".into(),
                unit_cost: dec!(30.1),
                valid_from: day(1970, 1, 1)
            },
        ]
    );
    let rows = vec![
        vec![t("Mã SKU"), t("Giá vốn"), t("Từ ngày")],
        vec![t("AO-1"), t("85.000"), t("01/03/2026")],
    ];
    let o = ImportOptions {
        platform: Some(Platform::ShopeeVn),
        ..Default::default()
    };
    let mut book = MemoryBook::new("gia_von.xlsx").with_sheet("Sheet1", rows);
    let (d, _, sink) = run(&mut book, &o).unwrap();
    assert_eq!(d.currency, Currency::VND);
    assert_eq!(sink.costs[0].unit_cost, dec!(85000));
    assert_eq!(sink.costs[0].valid_from, day(2026, 3, 1));
}
