//! detect + map for Lazada, Douyin, Pinduoduo and Taobao orders.

use rust_decimal_macros::dec;

use super::test_util::{bare, day, header_row, headers, line, row, run, t};
use crate::import::read::{Cell, MemoryBook};
use crate::import::ImportOptions;
use crate::model::{Currency, Platform};

fn opts() -> ImportOptions {
    ImportOptions::default()
}

const LAZADA_CAMEL: &str = "orderItemId | orderType | lazadaId | sellerSku | lazadaSku | createTime | updateTime | orderNumber | customerName | payMethod | paidPrice | unitPrice | sellerDiscountTotal | shippingFee | walletCredit | itemName | variation | trackingCode | status | bundleId | bundleDiscount | refundAmount";
const LAZADA_TITLE: &str = "Order Item Id | Order Type | Order Flag | Lazada Id | Seller SKU | Lazada SKU | Created at | Updated at | Order Number | Invoice Required | Customer Name | Payment Method | Paid Price | Unit Price | Shipping Fee | Wallet Credits | Item Name | Variation | Tracking Code | Promised shipping time | Premium | Status | Cancel / Return Initiator | Reason | Reason Detail | Editor | Bundle ID | Bundle Discount | Refund Amount";

#[test]
fn lazada_orders_both_header_styles() {
    let h = headers(LAZADA_CAMEL);
    let r = |item: &str, order: &str, status: &str, disc: i64| {
        row(
            &h,
            &[
                ("orderItemId", t(item)),
                ("orderNumber", t(order)),
                ("sellerSku", t("LZ-1")),
                ("createTime", t("15 Mar 2024 10:20")),
                ("unitPrice", Cell::Int(120000)),
                ("sellerDiscountTotal", Cell::Int(-disc)),
                ("status", t(status)),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r("510000000000001", "300000000000001", "delivered", 10000),
        r("510000000000002", "300000000000001", "returned", 0),
        r("510000000000003", "300000000000002", "canceled", 0),
    ];
    let mut book = MemoryBook::new("lazada-orders.xlsx").with_sheet("sheet1", rows);
    let (d, _, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(
        (d.format_id, d.platform),
        ("lazada.orders", Platform::Lazada)
    );
    let d15 = day(2024, 3, 15);
    let l = |item, order, cancelled, seller, f| {
        line(
            order,
            item,
            Some("LZ-1"),
            dec!(1),
            d15,
            cancelled,
            dec!(120000),
            seller,
            dec!(0),
            f,
        )
    };
    assert_eq!(
        bare(&sink.lines),
        vec![
            l(
                "510000000000001",
                "300000000000001",
                false,
                dec!(10000),
                dec!(0)
            ),
            l(
                "510000000000002",
                "300000000000001",
                false,
                dec!(0),
                dec!(1)
            ),
            l("510000000000003", "300000000000002", true, dec!(0), dec!(0)),
        ]
    );
    assert!(sink.fees.is_empty());

    let h = headers(LAZADA_TITLE);
    let r = row(
        &h,
        &[
            ("Order Item Id", t("1")),
            ("Order Number", t("9")),
            ("Seller SKU", t("LZ-2")),
            ("Created at", t("16/03/2024 09:00")),
            ("Unit Price", t("99000")),
            ("Status", t("Canceled")),
        ],
    );
    let mut book = MemoryBook::new("old.csv").with_sheet("old.csv", vec![header_row(&h), r]);
    let (_, _, sink) = run(&mut book, &opts()).unwrap();
    let want = line(
        "9",
        "1",
        Some("LZ-2"),
        dec!(1),
        day(2024, 3, 16),
        true,
        dec!(99000),
        dec!(0),
        dec!(0),
        dec!(0),
    );
    assert_eq!(bare(&sink.lines), vec![want]);
}

const DOUYIN: &str = "主订单编号 | 子订单编号 | 选购商品 | 商品规格 | 商品数量 | 商品ID | 商家编码 | 商品单价 | 订单应付金额 | 运费 | 优惠总金额 | 平台优惠 | 商家优惠 | 达人优惠 | 商家改价 | 支付优惠 | 红包抵扣 | 支付方式 | 手续费 | 收件人 | 订单提交时间 | 订单完成时间 | 支付完成时间 | 订单状态 | 售后状态 | 取消原因 | 平台实际承担优惠金额 | 商家实际承担优惠金额 | 达人实际承担优惠金额";

#[test]
fn douyin_orders_below_a_title_row() {
    let h = headers(DOUYIN);
    let r = |sub: &str, code: &str, status: &str, after: &str| {
        row(
            &h,
            &[
                ("主订单编号", t("'6938000000000000001")),
                ("子订单编号", t(sub)),
                ("选购商品", t("防晒衣")),
                ("商品数量", Cell::Int(2)),
                ("商品ID", t("3600000000000000001")),
                ("商家编码", t(code)),
                ("商品单价", t("89.90")),
                ("订单提交时间", t("2026/9/22 10:00")),
                ("订单状态", t(status)),
                ("售后状态", t(after)),
                ("平台实际承担优惠金额", t("5.00")),
                ("商家实际承担优惠金额", t("10.00")),
                ("达人实际承担优惠金额", t("3.00")),
            ],
        )
    };
    let rows = vec![
        vec![t("订单导出 2026-09-01 至 2026-09-30")],
        header_row(&h),
        r("6938000000000000011", "FSY-L", "已完成", "-"),
        r("6938000000000000012", "-", "已完成", "退款成功"),
        r("6938000000000000013", "FSY-M", "已取消", "-"),
    ];
    let mut book =
        MemoryBook::new("1758500000_orders.csv").with_sheet("1758500000_orders.csv", rows);
    let (d, stats, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(
        (d.format_id, d.header_row, d.currency),
        ("douyin.orders", 2, Currency::CNY)
    );
    assert_eq!(stats.rows, 3);
    let (o, d22) = ("6938000000000000001", day(2026, 9, 22));
    let l = |sub, sku, cancelled, f| {
        line(
            o,
            sub,
            Some(sku),
            dec!(2),
            d22,
            cancelled,
            dec!(179.80),
            dec!(10),
            dec!(5),
            f,
        )
    };
    assert_eq!(
        bare(&sink.lines),
        vec![
            l("6938000000000000011", "FSY-L", false, dec!(0)),
            l("6938000000000000012", "3600000000000000001", false, dec!(1)),
            l("6938000000000000013", "FSY-M", true, dec!(0)),
        ]
    );
}

#[test]
fn pdd_orders_one_row_per_order() {
    let h = headers("订单号 | 订单状态 | 商品 | 商品总价(元) | 店铺优惠折扣(元) | 平台优惠折扣(元) | 多多支付立减金额(元) | 用户实付金额(元) | 商品数量(件) | 订单成交时间 | 商家编码-规格维度 | 商家编码-商品维度 | 售后状态 | 样式ID\\t");
    let r = |id: &str, status: &str, after: &str, sku: Cell| {
        row(
            &h,
            &[
                ("订单号", t(id)),
                ("订单状态", t(status)),
                ("商品总价(元)", t("59.80")),
                ("店铺优惠折扣(元)", t("3")),
                ("平台优惠折扣(元)", t("2")),
                ("多多支付立减金额(元)", t("0.5")),
                ("商品数量(件)", Cell::Int(2)),
                ("订单成交时间", Cell::Int(46000)),
                ("商家编码-规格维度", sku),
                ("商家编码-商品维度", t("PDD-G")),
                ("售后状态", t(after)),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r(
            "\t260101-123456789012345",
            "已发货，待签收",
            "无售后或售后取消",
            t("PDD-G-R"),
        ),
        r("260101-2", "已取消", "", Cell::Empty),
        r("260101-3", "已签收", "退款成功", t("PDD-G-B")),
    ];
    let mut book = MemoryBook::new("orders_export.csv").with_sheet("orders_export.csv", rows);
    let (d, _, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(d.format_id, "pdd.orders");
    let day0 = day(2025, 12, 9); // Excel serial 46000
    let l = |id, sku, cancelled, f| {
        line(
            id,
            id,
            Some(sku),
            dec!(2),
            day0,
            cancelled,
            dec!(59.80),
            dec!(3),
            dec!(2.5),
            f,
        )
    };
    assert_eq!(
        bare(&sink.lines),
        vec![
            l("260101-123456789012345", "PDD-G-R", false, dec!(0)),
            l("260101-2", "PDD-G", true, dec!(0)),
            l("260101-3", "PDD-G-B", false, dec!(1)),
        ]
    );
}

#[test]
fn taobao_orders_closed_with_and_without_refund() {
    let h = headers("订单编号 | 买家会员名 | 买家应付货款 | 总金额 | 买家实际支付金额 | 订单状态 | 订单创建时间 | 订单付款时间 | 宝贝标题 | 宝贝总数量 | 店铺Id | 店铺名称 | 订单关闭原因 | 退款金额");
    let r = |id: &str, status: &str, paid: &str, refund: &str| {
        row(
            &h,
            &[
                ("订单编号", t(id)),
                ("总金额", t("200.00")),
                ("买家实际支付金额", t(paid)),
                ("订单状态", t(status)),
                ("订单创建时间", t("2026-08-03 12:00:00")),
                ("宝贝总数量", Cell::Int(1)),
                ("店铺名称", t("复盘旗舰店")),
                ("退款金额", t(refund)),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        // 买家实际支付金额 is net of refunds: 总金额 200 = 实付 + 退款; f = 退款 / 总金额.
        r("4000000000000001", "交易成功", "100.00", "100.00"),
        r("4000000000000002", "交易关闭", "0.00", "0.00"),
        r("4000000000000003", "交易关闭", "0.00", "200.00"),
    ];
    let mut book =
        MemoryBook::new("ExportOrderList202608.csv").with_sheet("ExportOrderList202608.csv", rows);
    let o = ImportOptions {
        platform: Some(Platform::Tmall),
        ..Default::default()
    };
    let (d, _, sink) = run(&mut book, &o).unwrap();
    assert_eq!(
        (d.format_id, d.platform),
        ("taobao.orders", Platform::Tmall)
    );
    assert_eq!(d.store_name.as_deref(), Some("复盘旗舰店"));
    let l = |id, cancelled, f| {
        line(
            id,
            id,
            None,
            dec!(1),
            day(2026, 8, 3),
            cancelled,
            dec!(200),
            dec!(0),
            dec!(0),
            f,
        )
    };
    assert_eq!(
        bare(&sink.lines),
        vec![
            l("4000000000000001", false, dec!(0.5)),
            l("4000000000000002", true, dec!(0)),
            l("4000000000000003", false, dec!(1)),
        ]
    );
}

/// The Taobao 宝贝报表: one item per row, id = 商家编码 (else 标题) + occurrence in the order;
/// amount = 价格 × 购买数量; ="…" ids unwrapped.
#[test]
fn taobao_order_items() {
    use crate::model::{OrderItem, ReportKind};
    let h = headers("订单编号 | 标题 | 价格 | 购买数量 | 外部系统编号 | 商品属性 | 套餐信息 | 备注 | 订单状态 | 商家编码");
    let r = |order: &str, title: &str, price: &str, qty: i64, sku: &str| {
        row(
            &h,
            &[
                ("订单编号", t(&format!("=\"{order}\""))),
                ("标题", t(title)),
                ("价格", t(price)),
                ("购买数量", Cell::Int(qty)),
                ("订单状态", t("交易成功")),
                ("商家编码", t(sku)),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r("3456789012345678901", "T恤", "79.00", 1, "TS-RED-M"),
        r("3456789012345678901", "T恤", "69.00", 2, "TS-RED-M"),
        r("3456789012345678901", "杯子", "49.00", 1, ""),
    ];
    let mut book = MemoryBook::new("ExportOrderDetailList202601.csv").with_sheet("s", rows);
    let (d, stats, sink) = run(&mut book, &opts()).unwrap();
    assert_eq!(
        (d.format_id, d.report, d.platform),
        (
            "taobao.order_items",
            ReportKind::OrderItems,
            Platform::Taobao
        )
    );
    assert_eq!(stats.rows, 3);
    assert!(sink.lines.is_empty() && sink.fees.is_empty());
    let item = |id: &str, sku: Option<&str>, product: &str, qty, amount| OrderItem {
        order_id: "3456789012345678901".into(),
        item_id: id.into(),
        sku: sku.map(Into::into),
        product: Some(product.into()),
        qty,
        amount,
    };
    assert_eq!(
        sink.items,
        vec![
            item("TS-RED-M#1", Some("TS-RED-M"), "T恤", dec!(1), dec!(79.00)),
            item("TS-RED-M#2", Some("TS-RED-M"), "T恤", dec!(2), dec!(138.00)),
            item("杯子#1", None, "杯子", dec!(1), dec!(49.00)),
        ]
    );
}

/// A 宝贝报表 that lists an order's items apart (order B between A's two TS-RED-M rows) is
/// read again keeping every order's counts: A's second TS-RED-M is still "#2", not a second
/// "#1" that would overwrite the first. Listed together, one pass forgets finished orders.
#[test]
fn taobao_order_items_apart_keep_their_occurrence_numbers() {
    let h = headers("订单编号 | 标题 | 价格 | 购买数量 | 订单状态 | 商家编码");
    let r = |order: &str, price: &str| {
        row(
            &h,
            &[
                ("订单编号", t(order)),
                ("标题", t("T恤")),
                ("价格", t(price)),
                ("购买数量", Cell::Int(1)),
                ("订单状态", t("交易成功")),
                ("商家编码", t("TS-RED-M")),
            ],
        )
    };
    let ids = |rows: Vec<Vec<Cell>>| {
        let mut book = MemoryBook::new("ExportOrderDetailList202601.csv").with_sheet("s", rows);
        let (_, stats, sink) = run(&mut book, &opts()).unwrap();
        assert_eq!(stats.rows, 3);
        let mut ids: Vec<(String, String, rust_decimal::Decimal)> = (sink.items.iter())
            .map(|i| (i.order_id.clone(), i.item_id.clone(), i.amount))
            .collect();
        ids.sort();
        (ids, sink.restarts)
    };
    let together = ids(vec![
        header_row(&h),
        r("A", "79.00"),
        r("A", "69.00"),
        r("B", "10.00"),
    ]);
    let apart = ids(vec![
        header_row(&h),
        r("A", "79.00"),
        r("B", "10.00"),
        r("A", "69.00"),
    ]);
    let expected = vec![
        ("A".to_string(), "TS-RED-M#1".to_string(), dec!(79.00)),
        ("A".to_string(), "TS-RED-M#2".to_string(), dec!(69.00)),
        ("B".to_string(), "TS-RED-M#1".to_string(), dec!(10.00)),
    ];
    assert_eq!(together, (expected.clone(), 0));
    assert_eq!(apart, (expected, 1));
}
