//! Shopee Vietnam order export (Order.all.*.xlsx), current and 2023 header names.
//! One row per item line; vouchers, fees and totals repeat on every line of an order.
//!
//! Checked against: the three real VN header rows of formats.md "Real header rows" (2023 –
//! May 2024, Oct 2025 – Feb 2026, March 2026), every column of which is either read below
//! or listed in `ignore`. The other markets' order lists are `shopee_id`, `shopee_tw`,
//! `shopee_br` (same structure, their own language).

use super::spec::*;
use crate::model::{FeeKind, Platform};
use Role::*;

/// formats.md "Shopee VN orders": list = Giá gốc × qty − Tổng số tiền được người bán trợ giá;
/// the shop voucher + shop combo discount is an order-level seller discount; Phí cố định /
/// Phí Dịch Vụ / Phí thanh toán (Phí xử lý giao dịch) are per-order fees.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "shopee_vn.orders",
    platforms: &[Platform::ShopeeVn],
    sheet_hints: &["orders", "Orders"],
    file_hints: &[
        "order.all",
        "order.completed",
        "order.toship",
        "order.shipping",
    ],
    line_id: LineIdRule::Occurrence,
    list: ListRule::UnitTimesQtyLess,
    refund: RefundRule::ReturnedQty,
    columns: &[
        col(OrderId, &["Mã đơn hàng"]).req(),
        col(Date, &["Ngày đặt hàng"]).req(),
        col(Status, &["Trạng Thái Đơn Hàng", "Trạng thái đơn hàng"]).req(),
        col(RefundStatus, &["Trạng thái Trả hàng/Hoàn tiền"]),
        col(LineKey, &["SKU phân loại hàng"]),
        col(LineKey, &["SKU sản phẩm"]),
        col(Sku, &["SKU phân loại hàng"]),
        col(Sku, &["SKU sản phẩm"]),
        col(Product, &["Tên sản phẩm"]),
        col(Qty, &["Số lượng"]).req(),
        col(
            ReturnedQty,
            &["Số lượng sản phẩm được hoàn trả", "Returned quantity"],
        ),
        col(UnitPrice, &["Giá gốc"]).req(),
        col(ListDeduction, &["Tổng số tiền được người bán trợ giá"]),
        col(PlatformDiscount, &["Được Shopee trợ giá"]),
        col(PlatformDiscount, &["Mã giảm giá của Shopee"]).once(),
        col(PlatformDiscount, &["Giảm giá từ combo Shopee"]).once(),
        col(PlatformDiscount, &["Hoàn Xu"]).once(),
        col(OrderDiscount, &["Mã giảm giá của Shop"]).once(),
        col(OrderDiscount, &["Giảm giá từ Combo của Shop"]).once(),
        col(Fee(FeeKind::PlatformCommission), &["Phí cố định"]).once(),
        col(Fee(FeeKind::ServiceFee), &["Phí Dịch Vụ"]).once(),
        col(
            Fee(FeeKind::PaymentFee),
            &["Phí thanh toán", "Phí xử lý giao dịch"],
        )
        .once(),
        col(BuyerId, &["Người Mua"]),
    ],
    // Known columns that are not costs of the shop (ids, logistics, prices restated,
    // buyer-paid and Shopee-paid shipping, deposits, addresses). Not listed, so reported
    // when they hold money: the return-shipping columns and `Trade-in Bonus by Seller`,
    // which formats.md's column roles do not classify.
    ignore: &[
        "Mã Kiện Hàng",
        "Sản Phẩm Bán Chạy",
        "Lý do hủy",
        "Nhận xét từ Người mua",
        "Mã vận đơn",
        "Đơn Vị Vận Chuyển",
        "Phương thức giao hàng",
        "Loại đơn hàng",
        "Ngày giao hàng dự kiến",
        "Ngày gửi hàng",
        "Thời gian giao hàng",
        "Cân nặng sản phẩm",
        "Tổng cân nặng",
        "Warehouse name",
        "Tên kho hàng",
        "Tên phân loại hàng",
        "Người bán trợ giá",
        "Giá ưu đãi",
        "Tổng giá bán (sản phẩm)",
        "Tổng giá trị đơn hàng (VND)",
        "Chỉ tiêu Combo Khuyến Mãi",
        "Shopee Xu được hoàn",
        "Số tiền được giảm khi thanh toán bằng thẻ Ghi nợ",
        "Trade-in Discount",
        "Trade-in Bonus",
        "Phí vận chuyển (dự kiến)",
        "Phí vận chuyển mà người mua trả",
        "Phí vận chuyển tài trợ bởi Shopee (dự kiến)",
        "Tổng số tiền người mua thanh toán",
        "Tổng số tiền Người mua thanh toán",
        "Thời gian hoàn thành đơn hàng",
        "Thời gian đơn hàng được thanh toán",
        "Ngày xác minh ký quỹ",
        "Phương thức thanh toán",
        "Tiền ký quỹ",
        "Tên Người nhận",
        "Số điện thoại",
        "Tỉnh/Thành phố",
        "TP / Quận / Huyện",
        "Quận",
        "Địa chỉ nhận hàng",
        "Quốc gia",
        "Ghi chú",
    ],
    statuses: &[
        status(Status, "Đã hủy", Effect::Cancelled),
        status(Status, "Đã huỷ", Effect::Cancelled),
        status(RefundStatus, "Đã Chấp Thuận Yêu Cầu", Effect::Refunded),
        status(RefundStatus, "Đã Huỷ Yêu Cầu", Effect::NoRefund),
        status(RefundStatus, "Đã Hủy Yêu Cầu", Effect::NoRefund),
    ],
    ..LINES
};
