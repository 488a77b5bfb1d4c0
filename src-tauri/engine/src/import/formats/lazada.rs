//! Lazada order export: camelCase (current) and Title Case (older ';' CSV) headers.
//! One row per order item; the old export has no quantity (each row is one unit).
//!
//! Checked against: formats.md "Lazada — order export" (both header styles, verified in
//! open-source tools; `orderFlag`, `invoiceRequired`, `platformDiscountTotal` seen in one
//! tool each: optional). No real file seen. `customerName` is a person's name, not an
//! account id: never read (no repurchase rate from Lazada lists).

use super::spec::*;
use crate::model::Platform;
use Role::*;

/// formats.md "Lazada orders": line = orderItemId; list = unitPrice × qty (qty 1 when the
/// column is absent); seller discount = sellerDiscountTotal (magnitude: Lazada writes it
/// negative); `canceled` → cancelled, `returned` / `refunded` → f = 1.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "lazada.orders",
    platforms: &[Platform::Lazada],
    file_hints: &["order", "lazada"],
    line_id: LineIdRule::Column,
    list: ListRule::UnitTimesQty,
    columns: &[
        col(OrderId, &["orderNumber", "Order Number"]).req(),
        col(LineId, &["orderItemId", "Order Item Id"]).req(),
        col(Date, &["createTime", "Created at"]).req(),
        col(Status, &["status", "Status"]).req(),
        col(Sku, &["sellerSku", "Seller SKU"]),
        col(Sku, &["lazadaSku", "Lazada SKU"]),
        col(Product, &["itemName", "Item Name"]),
        col(Qty, &["quantity", "Quantity"]),
        col(UnitPrice, &["unitPrice", "Unit Price"]).req(),
        col(
            SellerDiscount,
            &["sellerDiscountTotal", "Seller Discount Total"],
        ),
        col(
            PlatformDiscount,
            &["platformDiscountTotal", "Platform Discount Total"],
        ),
        col(PaidAmount, &["paidPrice", "Paid Price"]),
        col(RefundAmount, &["refundAmount", "Refund Amount"]),
    ],
    statuses: &[
        status(Status, "canceled", Effect::Cancelled),
        status(Status, "cancelled", Effect::Cancelled),
        status(Status, "returned", Effect::Refunded),
        status(Status, "refunded", Effect::Refunded),
    ],
    ..LINES
};
