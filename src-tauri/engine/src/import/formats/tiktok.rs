//! TikTok Shop order export ("All order" xlsx/csv). One row per SKU line; the row under the
//! header describes the columns.

use super::spec::*;
use crate::model::{FeeKind, Platform};
use Role::*;

/// formats.md "TikTok Shop orders": line = SKU ID; list = SKU Subtotal Before Discount;
/// seller discount = SKU Seller Discount; Shipping Fee Seller Discount (once per order) is a
/// shipping cost; f = Sku Quantity of return / Quantity.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "tiktok_shop.orders",
    platforms: &[Platform::TiktokShop],
    sheet_hints: &["OrderSKUList", "Order", "orders"],
    file_hints: &["all order", "all_order", "to ship order"],
    description_row: true,
    line_id: LineIdRule::Column,
    list: ListRule::Column,
    refund: RefundRule::ReturnedQty,
    columns: &[
        col(OrderId, &["Order ID"]).req(),
        col(LineId, &["SKU ID"]).req(),
        col(Date, &["Created Time"]).req(),
        col(Status, &["Order Status"]).req(),
        col(Sku, &["Seller SKU"]),
        col(Sku, &["SKU ID"]),
        col(Product, &["Product Name"]),
        col(Qty, &["Quantity"]).req(),
        col(ReturnedQty, &["Sku Quantity of return"]),
        col(ListAmount, &["SKU Subtotal Before Discount"]).req(),
        col(SellerDiscount, &["SKU Seller Discount"]),
        col(PlatformDiscount, &["SKU Platform Discount"]),
        col(PlatformDiscount, &["Shipping Fee Platform Discount"]).once(),
        col(Fee(FeeKind::Shipping), &["Shipping Fee Seller Discount"]).once(),
        col(RefundAmount, &["Order Refund Amount"]),
    ],
    statuses: &[
        status(Status, "Cancelled", Effect::Cancelled),
        status(Status, "Canceled", Effect::Cancelled),
        status(Status, "Đã hủy", Effect::Cancelled),
        status(Status, "Đã huỷ", Effect::Cancelled),
    ],
    ..LINES
};
