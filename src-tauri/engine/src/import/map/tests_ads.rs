//! detect + map for the ad reports and SKU cost sheets.

use rust_decimal_macros::dec;

use super::test_util::{at, day, header_row, headers, row, run, t};
use crate::import::read::{Cell, MemoryBook};
use crate::import::ImportOptions;
use crate::model::{AdDay, Channel, Currency, FixedCost, Platform, SkuCost};

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn ad(channel: Channel, campaign: &str, d: chrono::NaiveDate, window: i64) -> AdDay {
    AdDay::empty(channel, campaign.into(), d, window)
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
                valid_from: day(2026, 1, 1),
                currency: None
            },
            SkuCost {
                sku: "FSY-M".into(),
                unit_cost: dec!(30.1),
                valid_from: day(1970, 1, 1),
                currency: None
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

/// A fixed-cost sheet: the amount's sign is ignored, a row's currency reads its amount, a row
/// without an amount is padding, a row without an item is refused (or skipped and listed).
#[test]
fn fixed_cost_sheets_read_month_item_amount_and_currency() {
    let rows = vec![
        vec![
            t("Month"),
            t("Item"),
            t("Amount"),
            t("Store"),
            t("Currency"),
        ],
        vec![t("2026-03"), t("rent"), t("(1,200.00)"), t(""), Cell::Empty],
        vec![
            Cell::Int(202604),
            t("tools"),
            t("1.500"),
            t("Shop A"),
            t("vnd"),
        ],
        vec![
            t("2026-03"),
            t("wages"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
        vec![t("2026-05"), Cell::Empty, t("5")],
    ];
    let mut book = MemoryBook::new("fixed.csv").with_sheet("fixed.csv", rows.clone());
    let e = run(&mut book, &opts()).unwrap_err();
    assert!(e.to_string().contains("row 5"), "{e}");
    let o = ImportOptions {
        allow_skip: true,
        ..Default::default()
    };
    let mut book = MemoryBook::new("fixed.csv").with_sheet("fixed.csv", rows);
    let (d, stats, sink) = run(&mut book, &o).unwrap();
    assert_eq!(d.format_id, "generic.fixed_costs");
    let cost = |currency, month, kind: &str, amount| FixedCost {
        store: None,
        currency,
        month,
        kind: kind.into(),
        amount,
    };
    assert_eq!(
        sink.fixed,
        vec![
            cost(Currency::CNY, day(2026, 3, 1), "rent", dec!(1200.00)),
            // "1.500" in VND is 1500 (in CNY it would be 1.5).
            cost(Currency::VND, day(2026, 4, 1), "tools", dec!(1500)),
        ]
    );
    assert_eq!(stats.rows, 3);
    let skipped: Vec<(u64, Option<&str>)> = stats
        .skipped
        .iter()
        .map(|s| (s.row, s.column.as_deref()))
        .collect();
    assert_eq!(skipped, [(5, Some("Item"))]);
    assert_eq!(
        (stats.date_from, stats.date_to),
        (Some(day(2026, 3, 1)), Some(day(2026, 4, 30)))
    );
}

/// An hourly 巨量千川 export (日期 + 时间-小时): the hours of a day add up to one ad day per
/// key, and a plan name that appears under two plans on one hour adds up too.
/// 09-01: spend 10.50 + 20.25 + 4.00 = 34.75, sales 30 + 0 + 12.90 = 42.90,
/// impressions 1,000 + 2,000 + 500 = 3,500, clicks 10 + 25 + 5 = 40, orders 1 + 0 + 1 = 2.
/// 09-02: one hour, taken as it is.
#[test]
fn qianchuan_hours_add_up_per_day_and_plan() {
    let h = headers("日期 | 时间-小时 | 计划名称 | 整体消耗 | 整体支付ROI | 整体成交金额 | 整体成交订单数 | 整体展现次数 | 整体点击次数");
    let r = |d: &str, hour: &str, plan: &str, spend: &str, sales: &str, n: [i64; 3]| {
        row(
            &h,
            &[
                ("日期", t(d)),
                ("时间-小时", t(hour)),
                ("计划名称", t(plan)),
                ("整体消耗", t(spend)),
                ("整体支付ROI", t("1.00")),
                ("整体成交金额", t(sales)),
                ("整体成交订单数", Cell::Int(n[0])),
                ("整体展现次数", t(&format!("{}", n[1]))),
                ("整体点击次数", Cell::Int(n[2])),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r("2026-09-01", "09", "新品", "10.50", "30.00", [1, 1000, 10]),
        r("2026-09-01", "10", "新品", "20.25", "0", [0, 2000, 25]),
        r("2026-09-02", "09", "新品", "7.00", "0", [0, 800, 6]),
        r("2026-09-01", "10", "新品", "4.00", "12.90", [1, 500, 5]),
    ];
    let mut book = MemoryBook::new("千川_分时数据.xlsx").with_sheet("Sheet1", rows);
    let (d, stats, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(d.format_id, "douyin.qianchuan");
    assert_eq!(stats.rows, 4);
    let sum = |dd, spend, sales, orders, impressions, clicks| AdDay {
        spend,
        platform_sales: sales,
        platform_orders: orders,
        impressions,
        clicks,
        ..ad(Channel::Qianchuan, "新品", dd, 7)
    };
    assert_eq!(
        sink.ads,
        vec![
            sum(day(2026, 9, 1), dec!(34.75), dec!(42.90), 2, 3500, 40),
            sum(day(2026, 9, 2), dec!(7.00), dec!(0), 0, 800, 6),
        ]
    );
}

/// A 时间 column with the hour in it ("2026-09-01 09:00:00") dates the row by its day.
#[test]
fn qianchuan_hour_timestamps_add_up_per_day() {
    let h = headers("时间 | 整体消耗 | 整体成交金额 | 整体点击次数");
    let r = |c: Cell, spend: &str| {
        row(
            &h,
            &[
                ("时间", c),
                ("整体消耗", t(spend)),
                ("整体成交金额", t("1.00")),
                ("整体点击次数", Cell::Int(3)),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r(t("2026-09-01 09:00:00"), "1.10"),
        r(at(2026, 9, 1, 10, 0), "2.20"),
        r(t("2026-09-01 23:00"), "3.30"),
    ];
    let mut book = MemoryBook::new("千川_小时.xlsx").with_sheet("Sheet1", rows);
    let (_, _, sink) = run(&mut book, &opts()).unwrap();
    // 1.10 + 2.20 + 3.30 = 6.60; sales 3 × 1.00; clicks 3 × 3.
    let want = AdDay {
        spend: dec!(6.60),
        platform_sales: dec!(3.00),
        clicks: 9,
        ..ad(Channel::Qianchuan, "", day(2026, 9, 1), 7)
    };
    assert_eq!(sink.ads, vec![want]);
}

/// A daily Shopee Ads report (dated by its one-day period) listing one campaign name on two
/// rows (two ads of the same name): one ad day of their sums.
/// Spend 60,000 + 25,000 = 85,000; sales 300,000 + 90,000 = 390,000; views 4,000 + 2,500 =
/// 6,500; clicks 80 + 50 = 130; conversions 2 + 1 = 3.
#[test]
fn shopee_ads_rows_of_one_campaign_add_up() {
    let h = headers("# | Tên Dịch vụ Hiển thị | Số lượt xem | Số lượt click | Tỷ Lệ Click | Lượt chuyển đổi | Doanh số | Chi phí | ROAS");
    let r = |n: &str, views: i64, clicks: i64, conv: i64, sales: &str, spend: &str| {
        row(
            &h,
            &[
                ("#", t(n)),
                ("Tên Dịch vụ Hiển thị", t("Áo thun - Tìm kiếm")),
                ("Số lượt xem", Cell::Int(views)),
                ("Số lượt click", Cell::Int(clicks)),
                ("Tỷ Lệ Click", t("2.00%")),
                ("Lượt chuyển đổi", Cell::Int(conv)),
                ("Doanh số", t(sales)),
                ("Chi phí", t(spend)),
                ("ROAS", t("4.00")),
            ],
        )
    };
    let rows = vec![
        vec![t("Tên Shop"), t("Shopee VN Shop")],
        vec![t("Khoảng thời gian"), t("05/01/2026 - 05/01/2026")],
        vec![],
        header_row(&h),
        r("1", 4000, 80, 2, "300000", "60000"),
        r("2", 2500, 50, 1, "90000", "25000"),
    ];
    let mut book = MemoryBook::new("Du-lieu-quang-cao-Shopee.csv").with_sheet("Sheet1", rows);
    let (d, stats, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(d.format_id, "shopee_vn.ads");
    assert_eq!(stats.rows, 2);
    let want = AdDay {
        spend: dec!(85000),
        platform_sales: dec!(390000),
        impressions: 6500,
        clicks: 130,
        platform_orders: 3,
        ..ad(Channel::ShopeeAds, "Áo thun - Tìm kiếm", day(2026, 1, 5), 7)
    };
    assert_eq!(sink.ads, vec![want]);
}
