//! Shopee Vietnam order export (Order.all.*.xlsx), current and 2023 header names.
//! One row per item line; vouchers, fees and totals repeat on every line of an order.

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
