//! detect + map for fee statements: Douyin 动账明细, TikTok settlement, Lazada finance;
//! and the Shopee 2023 names, progress reporting and noise rows.

use rust_decimal_macros::dec;

use super::test_util::{at, day, header_row, headers, row, run, t};
use crate::import::read::{Cell, MemoryBook};
use crate::import::ImportOptions;
use crate::model::{AdDay, Channel, FeeKind, FeeRow, ReportKind};

fn settle(
    order: Option<&str>,
    d: chrono::NaiveDate,
    kind: FeeKind,
    amount: rust_decimal::Decimal,
    reference: &str,
    source: &str,
) -> FeeRow {
    FeeRow {
        order_id: order.map(Into::into),
        day: d,
        kind,
        amount,
        reference: reference.into(),
        rank: 2,
        source: source.into(),
    }
}

#[test]
fn douyin_funds_signs_and_shipping_insurance() {
    let h = headers("动账流水号 | 动账时间 | 动账方向 | 动账金额 | 动账场景 | 订单号 | 平台服务费 | 佣金 | 服务商佣金 | 招商服务费 | 渠道分成 | 其他分成 | 站外推广费 | 备注");
    let rows = vec![
        header_row(&h),
        row(
            &h,
            &[
                ("动账流水号", t("DZ001")),
                ("动账时间", t("2026-09-22 10:00:00")),
                ("动账方向", t("入账")),
                ("动账金额", t("150.00")),
                ("动账场景", t("货款结算入账")),
                ("订单号", t("6938000000000000001")),
                ("平台服务费", t("-3.00")),
                ("佣金", t("-15.00")),
                ("站外推广费", t("0")),
            ],
        ),
        row(
            &h,
            &[
                ("动账流水号", t("DZ002")),
                ("动账时间", t("2026-09-23 11:00:00")),
                ("动账方向", t("入账")),
                ("动账金额", t("1.50")),
                ("动账场景", t("退款-结算后退款-退用户")),
                ("订单号", t("6938000000000000001")),
                ("平台服务费", t("1.50")),
            ],
        ),
        row(
            &h,
            &[
                ("动账流水号", t("DZ003")),
                ("动账时间", t("2026-09-23 12:00:00")),
                ("动账方向", t("出账")),
                ("动账金额", t("0.80")),
                ("动账场景", t("退换货运费险")),
                ("订单号", t("6938000000000000002")),
            ],
        ),
    ];
    let mut book = MemoryBook::new("动账明细.csv").with_sheet("动账明细.csv", rows);
    let (d, _, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(
        (d.format_id, d.report),
        ("douyin.funds", ReportKind::Settlement)
    );
    let (o1, o2) = (Some("6938000000000000001"), Some("6938000000000000002"));
    assert_eq!(
        sink.fees,
        vec![
            settle(
                o1,
                day(2026, 9, 22),
                FeeKind::PlatformCommission,
                dec!(3),
                "DZ001",
                "平台服务费"
            ),
            settle(
                o1,
                day(2026, 9, 22),
                FeeKind::AffiliateCommission,
                dec!(15),
                "DZ001",
                "佣金"
            ),
            settle(
                o1,
                day(2026, 9, 23),
                FeeKind::PlatformCommission,
                dec!(-1.5),
                "DZ002",
                "平台服务费"
            ),
            settle(
                o2,
                day(2026, 9, 23),
                FeeKind::ShippingInsurance,
                dec!(0.8),
                "DZ003",
                "运费险"
            ),
        ]
    );
}

/// formats.md "Real header rows": dated `Order settled time`; rows of another `Type` are
/// adjustments (a settlement of kind adjustment, nothing else for an unknown zero one).
#[test]
fn tiktok_settlement_order_and_adjustment_rows() {
    let h = headers("Order/adjustment ID | Type | Order created time | Order settled time | Currency | Total settlement amount | Total revenue | Total fees | TikTok Shop commission fee | Transaction fee | Affiliate commission | SFP service fee | Shipping | Actual return shipping fee | Smart Promotion fee | Ajustment amount");
    let r = |id: &str, ty: &str, ship: &str| {
        row(
            &h,
            &[
                ("Order/adjustment ID", t(id)),
                ("Type", t(ty)),
                ("TikTok Shop commission fee", t("-4000")),
                ("Transaction fee", t("-2000")),
                ("Affiliate commission", t("-10000")),
                ("SFP service fee", t("-1500")),
                ("Shipping", t(ship)),
                ("Order settled time", t("2026/03/12")),
                ("Total settlement amount", t("50000")),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r("578123456789012345", "Order", "-12000"),
        header_row(&h), // the header repeated inside the data
        r("ADJ-1", "Adjustment", "0"),
        r("578999", "Order", "3000"),
    ];
    let mut book = MemoryBook::new("income_20260312.xlsx")
        .with_sheet("Reports", vec![vec![t("Summary")]])
        .with_sheet("Order details", rows);
    let (d, stats, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(
        (d.format_id, d.sheet.as_str()),
        ("tiktok_shop.settlement", "Order details")
    );
    assert_eq!(stats.rows, 3, "two Order rows and an adjustment");
    let d12 = day(2026, 3, 12);
    let fees = |id: &str, ship: Option<rust_decimal::Decimal>| {
        let r = format!("settlement:{id}");
        let mut v = vec![
            settle(
                Some(id),
                d12,
                FeeKind::PlatformCommission,
                dec!(4000),
                &r,
                "TikTok Shop commission fee",
            ),
            settle(
                Some(id),
                d12,
                FeeKind::ServiceFee,
                dec!(1500),
                &r,
                "SFP service fee",
            ),
            settle(
                Some(id),
                d12,
                FeeKind::PaymentFee,
                dec!(2000),
                &r,
                "Transaction fee",
            ),
            settle(
                Some(id),
                d12,
                FeeKind::AffiliateCommission,
                dec!(10000),
                &r,
                "Affiliate Commission",
            ),
        ];
        if let Some(s) = ship {
            v.push(settle(Some(id), d12, FeeKind::Shipping, s, &r, "Shipping"));
        }
        v
    };
    let mut want = fees("578123456789012345", Some(dec!(12000)));
    want.extend(fees("578999", None));
    assert_eq!(sink.fees, want);
    let settled: Vec<(&str, &str, rust_decimal::Decimal, &str)> = sink
        .settlements
        .iter()
        .map(|s| {
            (
                s.reference.as_str(),
                s.kind.as_str(),
                s.amount,
                s.label.as_str(),
            )
        })
        .collect();
    assert_eq!(
        settled,
        vec![
            (
                "578123456789012345@2026-03-12",
                "order",
                dec!(50000),
                "Order"
            ),
            ("ADJ-1@2026-03-12", "adjustment", dec!(50000), "Adjustment"),
            ("578999@2026-03-12", "order", dec!(50000), "Order"),
        ]
    );
}

#[test]
fn lazada_finance_pivots_fee_names() {
    let h = headers("Transaction Date | Transaction Type | Fee Name | Transaction Number | Details | Seller SKU | Lazada SKU | Amount | VAT in Amount | WHT Amount | Statement | Paid Status | Order No. | Order Item No. | Order Item Status");
    let r = |name: &str, amount: &str, tx: &str, order: &str| {
        row(
            &h,
            &[
                ("Transaction Date", t("12 Mar 2026")),
                ("Fee Name", t(name)),
                ("Amount", t(amount)),
                ("Transaction Number", t(tx)),
                ("Order No.", t(order)),
            ],
        )
    };
    let rows = vec![
        header_row(&h),
        r("Item Price Credit", "199000", "T1", "300000000000001"),
        r("Commission", "-8000", "T2", "300000000000001"),
        r("Payment Fee", "-3980", "T3", "300000000000001"),
        r("Reversal Commission", "8000", "T4", "300000000000001"),
        r(
            "Promotional Charges Vouchers",
            "-10000",
            "T5",
            "300000000000001",
        ),
        r("Sponsored Product Fee", "-50000", "T6", ""),
        r("Sponsored Product Fee", "-25000", "T7", ""),
        r(
            "Shipping Fee (Paid By Customer)",
            "15000",
            "T8",
            "300000000000001",
        ),
    ];
    let mut book = MemoryBook::new("transaction_overview.xlsx").with_sheet("Sheet1", rows);
    let (d, _, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(d.format_id, "lazada.finance");
    let (o, d12) = (Some("300000000000001"), day(2026, 3, 12));
    assert_eq!(
        sink.fees,
        vec![
            settle(
                o,
                d12,
                FeeKind::PlatformCommission,
                dec!(8000),
                "T2",
                "Commission"
            ),
            settle(o, d12, FeeKind::PaymentFee, dec!(3980), "T3", "Payment Fee"),
            settle(
                o,
                d12,
                FeeKind::PlatformCommission,
                dec!(-8000),
                "T4",
                "Commission"
            ),
            settle(
                o,
                d12,
                FeeKind::Subsidy,
                dec!(10000),
                "T5",
                "Promotional Charges Vouchers"
            ),
        ]
    );
    let want = AdDay {
        spend: dec!(75000),
        ..AdDay::empty(
            Channel::LazadaAds,
            AdDay::SETTLEMENT_CAMPAIGN.into(),
            d12,
            1,
        )
    };
    assert_eq!(sink.ads, vec![want]);
}

#[test]
fn shopee_2023_names_progress_and_total_rows() {
    let h = headers("Mã đơn hàng | Ngày đặt hàng | Trạng Thái Đơn Hàng | Trạng thái Trả hàng/Hoàn tiền | SKU sản phẩm | Tên sản phẩm | Warehouse name | SKU phân loại hàng | Giá gốc | Người bán trợ giá | Tổng số tiền được người bán trợ giá | Tổng giá bán (sản phẩm) | Số lượng | Returned quantity | Mã giảm giá của Shop | Phí cố định | Phí Dịch Vụ | Phí thanh toán | Phí trả hàng");
    let mut rows = vec![header_row(&h)];
    for i in 0..2500 {
        rows.push(row(
            &h,
            &[
                ("Mã đơn hàng", t(&format!("23{i:06}"))),
                ("Ngày đặt hàng", at(2023, 6, 1, 8, 0)),
                ("Trạng Thái Đơn Hàng", t("Hoàn thành")),
                ("SKU phân loại hàng", t("A")),
                ("Giá gốc", t("101000.00")),
                ("Số lượng", Cell::Int(2)),
                ("Returned quantity", Cell::Int(i64::from(i % 2 == 0))),
            ],
        ));
    }
    rows.push(row(
        &h,
        &[("Mã đơn hàng", t("Tổng cộng")), ("Giá gốc", t("1"))],
    ));
    let mut book = MemoryBook::new("Order.all.20230601_20230630.xlsx").with_sheet("orders", rows);
    let d = crate::import::detect::detect(&mut book, &ImportOptions::default()).unwrap();
    let mut sink = super::test_util::Sink::default();
    let mut seen = Vec::new();
    let stats = super::map(
        &mut book,
        &d,
        &ImportOptions::default(),
        &mut sink,
        &mut |n| seen.push(n),
    )
    .unwrap();
    assert_eq!(seen, vec![1000, 2000, 2500]);
    assert_eq!(stats.rows, 2500);
    assert_eq!(sink.lines.len(), 2500);
    assert_eq!(sink.lines[0].refund_fraction, dec!(0.5));
    assert_eq!(sink.lines[0].list_amount, dec!(202000));
    assert_eq!(sink.lines[1].refund_fraction, dec!(0));
}

/// Shopee income (`FeeRule::replace`): rows are written as read, and a correction later in
/// the file sends it back to be read with every row held, its later row winning.
#[test]
fn shopee_income_streams_its_rows_and_rereads_a_corrected_file() {
    let h = headers(
        "Mã đơn hàng | Đơn hàng / Sản phẩm | Ngày hoàn thành thanh toán | Phí cố định \
         | Phí Dịch Vụ | Tổng tiền đã thanh toán",
    );
    let order = |id: &str, fixed: &str, service: Option<&str>, paid: &str| {
        let mut cells = vec![
            ("Mã đơn hàng", t(id)),
            ("Đơn hàng / Sản phẩm", t("Order")),
            ("Ngày hoàn thành thanh toán", t("2026-01-20")),
            ("Phí cố định", t(fixed)),
            ("Tổng tiền đã thanh toán", t(paid)),
        ];
        cells.extend(service.map(|s| ("Phí Dịch Vụ", t(s))));
        row(&h, &cells)
    };
    let sku = row(
        &h,
        &[("Mã đơn hàng", t("A")), ("Đơn hàng / Sản phẩm", t("Sku"))],
    );
    let read = |rows: Vec<Vec<Cell>>| {
        let mut sheet = vec![vec![t("Doanh thu")], header_row(&h)];
        sheet.extend(rows);
        let mut book = MemoryBook::new("Income.đã phát hành.vn.20260101_20260131.xlsx")
            .with_sheet("Doanh thu", sheet);
        let (d, stats, sink) = run(&mut book, &ImportOptions::default()).unwrap();
        assert_eq!(d.format_id, "shopee_vn.income");
        (stats.rows, sink)
    };
    // What each settlement paid out, by reference.
    let paid = |sink: &super::test_util::Sink| -> Vec<String> {
        (sink.settlements.iter())
            .map(|s| format!("{} {}", s.reference, s.amount))
            .collect()
    };
    let d20 = day(2026, 1, 20);
    let fee = |id: &str, kind, amount, source: &str| {
        settle(Some(id), d20, kind, amount, &format!("income:{id}"), source)
    };

    let (rows, sink) = read(vec![
        order("A", "-1000", Some("-500"), "18500"),
        sku.clone(),
        order("B", "-2000", None, "28000"),
    ]);
    assert_eq!((rows, sink.restarts), (2, 0), "each order once: one pass");
    assert_eq!(
        sink.fees,
        vec![
            fee("A", FeeKind::PlatformCommission, dec!(1000), "Phí cố định"),
            fee("A", FeeKind::ServiceFee, dec!(500), "Phí Dịch Vụ"),
            fee("B", FeeKind::PlatformCommission, dec!(2000), "Phí cố định"),
        ]
    );
    assert_eq!(paid(&sink), ["A@2026-01-20 18500", "B@2026-01-20 28000"]);

    // A corrected after B: its later row wins and its service fee, absent now, goes.
    let (rows, sink) = read(vec![
        order("A", "-1000", Some("-500"), "18500"),
        order("B", "-2000", None, "28000"),
        order("A", "-1200", None, "18800"),
    ]);
    assert_eq!(
        (rows, sink.restarts),
        (3, 1),
        "a correction: read again holding the rows"
    );
    assert_eq!(
        sink.fees,
        vec![
            fee("A", FeeKind::PlatformCommission, dec!(1200), "Phí cố định"),
            fee("B", FeeKind::PlatformCommission, dec!(2000), "Phí cố định"),
        ]
    );
    assert_eq!(paid(&sink), ["A@2026-01-20 18800", "B@2026-01-20 28000"]);
}
