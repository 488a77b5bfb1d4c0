//! detect + map on in-memory books with the real header names (formats.md): Shopee, TikTok,
//! and the error paths.

use rust_decimal_macros::dec;

use super::test_util::{at, bare, day, fee, header_row, headers, line, row, run, t, Sink};
use crate::error::Error;
use crate::import::detect::detect;
use crate::import::read::{Cell, MemoryBook};
use crate::import::ImportOptions;
use crate::model::FeeKind;

const SHOPEE: &str = "Mã đơn hàng | Mã Kiện Hàng | Ngày đặt hàng | Trạng Thái Đơn Hàng | Sản Phẩm Bán Chạy | Lý do hủy | Nhận xét từ Người mua | Mã vận đơn | Đơn Vị Vận Chuyển | Phương thức giao hàng | Loại đơn hàng | Ngày giao hàng dự kiến | Ngày gửi hàng | Thời gian giao hàng | Trạng thái Trả hàng/Hoàn tiền | SKU sản phẩm | Tên sản phẩm | Cân nặng sản phẩm | Tổng cân nặng | Tên kho hàng | SKU phân loại hàng | Tên phân loại hàng | Giá gốc | Người bán trợ giá | Được Shopee trợ giá | Tổng số tiền được người bán trợ giá | Giá ưu đãi | Số lượng | Số lượng sản phẩm được hoàn trả | Tổng số tiền Người mua thanh toán | Tổng giá trị đơn hàng (VND) | Mã giảm giá của Shop | Hoàn Xu | Mã giảm giá của Shopee | Chỉ tiêu Combo Khuyến Mãi | Giảm giá từ combo Shopee | Giảm giá từ Combo của Shop | Shopee Xu được hoàn | Số tiền được giảm khi thanh toán bằng thẻ Ghi nợ | Trade-in Discount | Trade-in Bonus | Phí vận chuyển (dự kiến) | Trade-in Bonus by Seller | Phí vận chuyển mà người mua trả | Phí vận chuyển tài trợ bởi Shopee (dự kiến) | Phí vận chuyển trả hàng (đơn Trả hàng/hoàn tiền) | Tổng số tiền người mua thanh toán | Thời gian hoàn thành đơn hàng | Thời gian đơn hàng được thanh toán | Phương thức thanh toán | Phí cố định | Phí Dịch Vụ | Phí thanh toán | Tiền ký quỹ | Người Mua | Tên Người nhận | Số điện thoại | Tỉnh/Thành phố | TP / Quận / Huyện | Quận | Địa chỉ nhận hàng | Quốc gia | Ghi chú";

/// Order A: three lines, SKU SP-RED twice, per-order columns repeated on every line.
fn shopee_order_a(h: &[String], sku: &str, price: i64, qty: i64, cut: i64) -> Vec<(String, Cell)> {
    let mut v: Vec<(String, Cell)> = vec![
        ("Mã đơn hàng".into(), t("2603050A1B2C")),
        ("Ngày đặt hàng".into(), at(2026, 3, 5, 9, 30)),
        ("Trạng Thái Đơn Hàng".into(), t("Hoàn thành")),
        ("SKU phân loại hàng".into(), t(sku)),
        ("SKU sản phẩm".into(), t("SP")),
        ("Tên sản phẩm".into(), t("Áo thun")),
        ("Giá gốc".into(), Cell::Int(price)),
        ("Số lượng".into(), Cell::Int(qty)),
        ("Tổng số tiền được người bán trợ giá".into(), Cell::Int(cut)),
        ("Mã giảm giá của Shop".into(), Cell::Int(20000)),
        ("Giảm giá từ Combo của Shop".into(), Cell::Int(10000)),
        ("Mã giảm giá của Shopee".into(), Cell::Int(15000)),
        ("Phí cố định".into(), Cell::Int(18000)),
        ("Phí Dịch Vụ".into(), Cell::Int(9000)),
        ("Phí thanh toán".into(), t("7000.00")),
    ];
    v.retain(|(k, _)| h.contains(k));
    v
}

fn shopee_book(date_c: Cell) -> MemoryBook {
    let h = headers(SHOPEE);
    let r = |cells: Vec<(String, Cell)>| {
        let named: Vec<(&str, Cell)> = cells.iter().map(|(k, c)| (k.as_str(), c.clone())).collect();
        row(&h, &named)
    };
    let mut a1 = shopee_order_a(&h, "SP-RED", 250000, 2, 100000);
    a1.push(("Số lượng sản phẩm được hoàn trả".into(), Cell::Int(1)));
    a1.push(("Được Shopee trợ giá".into(), Cell::Int(5000)));
    let a2 = shopee_order_a(&h, "SP-RED", 200000, 1, 0);
    let mut a3 = shopee_order_a(&h, "", 200000, 1, 0);
    a3.retain(|(k, _)| k != "SKU phân loại hàng");
    a3.push((
        "Trạng thái Trả hàng/Hoàn tiền".into(),
        t("Đã Chấp Thuận Yêu Cầu"),
    ));
    let b = row(
        &h,
        &[
            ("Mã đơn hàng", t("2603050B")),
            ("Ngày đặt hàng", at(2026, 3, 5, 10, 0)),
            ("Trạng Thái Đơn Hàng", t("Đã hủy")),
            ("SKU phân loại hàng", t("SP-RED")),
            ("Giá gốc", Cell::Int(250000)),
            ("Số lượng", Cell::Int(1)),
            ("Phí cố định", Cell::Int(0)),
        ],
    );
    let c = row(
        &h,
        &[
            ("Mã đơn hàng", t("2603060C")),
            ("Ngày đặt hàng", date_c),
            ("Trạng Thái Đơn Hàng", t("Đã giao")),
            ("SKU phân loại hàng", t("SP-BLUE")),
            ("Giá gốc", t("101000.00")),
            ("Số lượng", Cell::Int(1)),
            ("Trạng thái Trả hàng/Hoàn tiền", t("Đã Huỷ Yêu Cầu")),
            ("Phí cố định", Cell::Int(5000)),
        ],
    );
    MemoryBook::new("Order.all.20260301_20260331.xlsx").with_sheet(
        "orders",
        vec![
            header_row(&h),
            r(a1),
            r(a2),
            r(a3),
            b,
            c,
            vec![Cell::Empty; 3],
        ],
    )
}

#[test]
fn shopee_orders_lines_fees_and_order_discount() {
    let mut book = shopee_book(t("2026-03-06 14:20"));
    let (d, stats, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(d.format_id, "shopee_vn.orders");
    assert_eq!((d.sheet.as_str(), d.header_row), ("orders", 1));
    assert_eq!(d.currency, crate::model::Currency::VND);
    assert_eq!(stats.rows, 5);
    assert_eq!(
        (stats.date_from, stats.date_to),
        (Some(day(2026, 3, 5)), Some(day(2026, 3, 6)))
    );
    let (a, b, c) = ("2603050A1B2C", "2603050B", "2603060C");
    let (d5, d6) = (day(2026, 3, 5), day(2026, 3, 6));
    assert_eq!(
        bare(&sink.lines),
        vec![
            line(
                a,
                "SP-RED#1",
                Some("SP-RED"),
                dec!(2),
                d5,
                false,
                dec!(400000),
                dec!(0),
                dec!(20000),
                dec!(0.5)
            ),
            line(
                a,
                "SP-RED#2",
                Some("SP-RED"),
                dec!(1),
                d5,
                false,
                dec!(200000),
                dec!(0),
                dec!(0),
                dec!(0)
            ),
            line(
                a,
                "SP#1",
                Some("SP"),
                dec!(1),
                d5,
                false,
                dec!(200000),
                dec!(0),
                dec!(0),
                dec!(1)
            ),
            line(
                b,
                "SP-RED#1",
                Some("SP-RED"),
                dec!(1),
                d5,
                true,
                dec!(250000),
                dec!(0),
                dec!(0),
                dec!(0)
            ),
            line(
                c,
                "SP-BLUE#1",
                Some("SP-BLUE"),
                dec!(1),
                d6,
                false,
                dec!(101000),
                dec!(0),
                dec!(0),
                dec!(0)
            ),
        ]
    );
    assert_eq!(sink.lines[0].product.as_deref(), Some("Áo thun"));
    assert_eq!(
        sink.fees,
        vec![
            fee(
                a,
                d5,
                FeeKind::PlatformCommission,
                dec!(18000),
                "Phí cố định"
            ),
            fee(a, d5, FeeKind::ServiceFee, dec!(9000), "Phí Dịch Vụ"),
            fee(a, d5, FeeKind::PaymentFee, dec!(7000), "Phí thanh toán"),
            // When order A ends: (1 − (0.5 × 400000 + 1 × 200000) / 800000) × (20000 + 10000)
            fee(
                a,
                d5,
                FeeKind::Subsidy,
                dec!(15000),
                "Mã giảm giá của Shop + Giảm giá từ Combo của Shop"
            ),
            fee(
                c,
                d6,
                FeeKind::PlatformCommission,
                dec!(5000),
                "Phí cố định"
            ),
        ]
    );
    assert_eq!(sink.restarts, 0, "the orders' lines are together: one pass");
}

/// An export that lists an order's lines apart (order B between A's lines) is read again
/// keeping every order, and gives the same ledger as the one with the lines together.
#[test]
fn order_lines_apart_give_the_same_ledger() {
    let sorted = |mut s: Sink| {
        s.lines
            .sort_by(|x, y| (&x.order_id, &x.line_id).cmp(&(&y.order_id, &y.line_id)));
        s.fees
            .sort_by(|x, y| (&x.reference, x.kind.as_str()).cmp(&(&y.reference, y.kind.as_str())));
        (bare(&s.lines), s.fees)
    };
    let date_c = t("2026-03-06 14:20");
    let (_, together_stats, together) =
        run(&mut shopee_book(date_c.clone()), &ImportOptions::default()).unwrap();

    let mut book = shopee_book(date_c);
    let rows = &mut book.sheets[0].1;
    let b = rows.remove(4); // [header, a1, a2, a3, b, c, blank] → [header, a1, b, a2, a3, c, blank]
    rows.insert(2, b);
    let (_, apart_stats, apart) = run(&mut book, &ImportOptions::default()).unwrap();

    assert_eq!(apart.restarts, 1);
    assert_eq!(apart_stats.rows, together_stats.rows);
    assert_eq!(sorted(apart), sorted(together));
}

#[test]
fn shopee_new_payment_fee_name_is_accepted() {
    let h = headers(&SHOPEE.replace("Phí thanh toán", "Phí xử lý giao dịch"));
    let r = row(
        &h,
        &[
            ("Mã đơn hàng", t("X1")),
            ("Ngày đặt hàng", t("2026-07-01 08:00")),
            ("Trạng Thái Đơn Hàng", t("Hoàn thành")),
            ("Giá gốc", Cell::Int(50000)),
            ("Số lượng", Cell::Int(1)),
            ("Phí xử lý giao dịch", Cell::Int(2000)),
        ],
    );
    let mut book = MemoryBook::new("Order.all.xlsx").with_sheet("orders", vec![header_row(&h), r]);
    let (_, _, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(
        sink.fees,
        vec![fee(
            "X1",
            day(2026, 7, 1),
            FeeKind::PaymentFee,
            dec!(2000),
            "Phí thanh toán"
        )]
    );
    assert_eq!(sink.lines[0].line_id, "#1");
}

#[test]
fn bad_date_names_row_and_column_or_is_skipped() {
    let mut book = shopee_book(t("32/13/2026"));
    match run(&mut book, &ImportOptions::default()) {
        Err(Error::BadCell { at, value, .. }) => {
            assert_eq!(at.row, Some(6));
            assert_eq!(at.column.as_deref(), Some("Ngày đặt hàng"));
            assert_eq!(at.sheet.as_deref(), Some("orders"));
            assert_eq!(value, "32/13/2026");
        }
        other => panic!("{other:?}"),
    }
    let mut book = shopee_book(t("32/13/2026"));
    let opts = ImportOptions {
        allow_skip: true,
        ..Default::default()
    };
    let (_, stats, sink) = run(&mut book, &opts).unwrap();
    assert_eq!(sink.lines.len(), 4);
    assert_eq!(stats.skipped.len(), 1);
    assert_eq!(stats.skipped[0].row, 6);
    assert_eq!(stats.skipped[0].column.as_deref(), Some("Ngày đặt hàng"));
    assert_eq!(sink.fees.len(), 4, "no fee from the skipped row");

    // Every row unreadable: refused even with skipping allowed, naming the first bad row.
    let mut book = shopee_book(t("32/13/2026"));
    for r in &mut book.sheets[0].1[1..5] {
        r[2] = t("not a date");
    }
    match run(&mut book, &opts) {
        Err(Error::BadCell { at, reason, .. }) => {
            assert_eq!(
                (at.row, at.column.as_deref()),
                (Some(2), Some("Ngày đặt hàng"))
            );
            assert!(
                reason.contains("no row of the file could be read"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_required_column_is_named() {
    let h: Vec<String> = headers(SHOPEE)
        .into_iter()
        .filter(|x| x != "Số lượng")
        .collect();
    let mut book = MemoryBook::new("Order.all.xlsx").with_sheet("orders", vec![header_row(&h)]);
    match detect(&mut book, &ImportOptions::default()) {
        Err(Error::MissingColumn { column, at }) => {
            assert_eq!(column, "Số lượng");
            assert_eq!(at.row, Some(1));
        }
        other => panic!("{other:?}"),
    }
    // The mapper checks too (a Detected from an earlier look at another file).
    let mut full = shopee_book(t("2026-03-06 14:20"));
    let d = detect(&mut full, &ImportOptions::default()).unwrap();
    let mut sink = Sink::default();
    let e = super::map(
        &mut book,
        &d,
        &ImportOptions::default(),
        &mut sink,
        &mut |_| {},
    );
    assert!(matches!(e, Err(Error::MissingColumn { column, .. }) if column == "Số lượng"));
}

const TIKTOK: &str = "Order ID | Order Status | Order Substatus | Cancelation/Return Type | Normal or Pre-order | SKU ID | Seller SKU | Product Name | Variation | Quantity | Sku Quantity of return | SKU Unit Original Price | SKU Subtotal Before Discount | SKU Platform Discount | SKU Seller Discount | SKU Subtotal After Discount | Shipping Fee After Discount | Original Shipping Fee | Shipping Fee Seller Discount | Shipping Fee Platform Discount | Payment platform discount | Taxes | Order Amount | Order Refund Amount | Created Time | Paid Time | RTS Time | Shipped Time | Delivered Time | Cancelled Time | Cancel By | Cancel Reason | Fulfillment Type | Warehouse Name | Tracking ID | Delivery Option | Shipping Provider Name | Buyer Message | Buyer Username | Recipient | Phone # | Country | Province | District | Payment Method | Weight(kg) | Product Category | Package ID | Seller Note";

/// formats.md "TikTok Shop orders": list = before − SKU Seller Discount (the seller's own
/// discount is price: 199000 − 10000, 300000 − 10000), line seller discount 0.
#[test]
fn tiktok_orders_skip_description_row() {
    let h = headers(TIKTOK);
    let desc = row(
        &h,
        &[
            ("Order ID", t("Platform unique order ID.")),
            ("Created Time", t("Order creation time.")),
            ("Quantity", t("SKU sold quantity in the order.")),
        ],
    );
    let o1 = |sku: &str, seller_sku: &str, qty: i64, ret: i64, list: i64| {
        row(
            &h,
            &[
                ("Order ID", t("578123456789012345")),
                ("Order Status", t("Đã giao")),
                ("SKU ID", t(sku)),
                ("Seller SKU", t(seller_sku)),
                ("Quantity", Cell::Int(qty)),
                ("Sku Quantity of return", Cell::Int(ret)),
                ("SKU Subtotal Before Discount", Cell::Int(list)),
                ("SKU Seller Discount", Cell::Int(10000)),
                ("SKU Platform Discount", Cell::Int(5000)),
                ("Shipping Fee Seller Discount", Cell::Int(15000)),
                ("Shipping Fee Platform Discount", Cell::Int(8000)),
                ("Created Time", t("05/03/2026 10:15:00")),
            ],
        )
    };
    let o2 = row(
        &h,
        &[
            ("Order ID", t("578999")),
            ("Order Status", t("Đã hủy")),
            ("SKU ID", t("1729001")),
            ("Quantity", Cell::Int(1)),
            ("SKU Subtotal Before Discount", Cell::Int(99000)),
            ("Created Time", t("06/03/2026 08:00:00")),
        ],
    );
    let mut book = MemoryBook::new("All order-2026-03-31.xlsx").with_sheet(
        "OrderSKUList",
        vec![
            header_row(&h),
            desc,
            o1("1729000", "TS-01", 1, 0, 199000),
            o1("1729001", "", 2, 1, 300000),
            o2,
        ],
    );
    let (d, stats, sink) = run(&mut book, &ImportOptions::default()).unwrap();
    assert_eq!(d.format_id, "tiktok_shop.orders");
    assert_eq!(stats.rows, 3);
    let (o, d5) = ("578123456789012345", day(2026, 3, 5));
    assert_eq!(
        bare(&sink.lines),
        vec![
            line(
                o,
                "1729000",
                Some("TS-01"),
                dec!(1),
                d5,
                false,
                dec!(189000),
                dec!(0),
                dec!(13000),
                dec!(0)
            ),
            line(
                o,
                "1729001",
                Some("1729001"),
                dec!(2),
                d5,
                false,
                dec!(290000),
                dec!(0),
                dec!(5000),
                dec!(0.5)
            ),
            line(
                "578999",
                "1729001",
                Some("1729001"),
                dec!(1),
                day(2026, 3, 6),
                true,
                dec!(99000),
                dec!(0),
                dec!(0),
                dec!(0)
            ),
        ]
    );
    assert_eq!(
        sink.fees,
        vec![fee(
            o,
            d5,
            FeeKind::Shipping,
            dec!(15000),
            "Shipping Fee Seller Discount"
        )]
    );
}
