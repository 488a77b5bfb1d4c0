//! TikTok Shop order export ("All order" / `OrderSKUList` xlsx/csv), any market. One row per
//! SKU line; the row under the header describes the columns.
//!
//! Checked against: the real Brazilian header row and the US layout documented by a payment
//! provider's upload guide (formats.md "Real header rows", "Checked against real exports") —
//! columns are bound by name, so each market's column order (`Package ID` second, `Product
//! Category` after `Variation`) reads alike. Money may carry the currency (`BRL 99,90`, `RP
//! 94.387`): the file's currency is taken from it (`import::currency`), else the platform's.
//! Slashed dates are day first (VN) unless the file shows month first (`03/17/2026 10:25:21
//! AM`). Localised statuses: the VN texts below; ASSUMED for other markets' cancellations
//! (`Cancelado`, `Dibatalkan`, `ยกเลิกแล้ว`, `Đã hủy`) from the platform's own UI wording.

use super::spec::*;
use crate::model::{FeeKind, Platform};
use Role::*;

/// formats.md "TikTok Shop orders": line = SKU ID; list = SKU Subtotal Before Discount − SKU
/// Seller Discount (the seller's own discount is price, as on Shopee; line seller discount
/// 0); Shipping Fee Seller Discount (once per order, not on cancelled orders) is shipping;
/// f = Sku Quantity of return / Quantity.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "tiktok_shop.orders",
    platforms: &[Platform::TiktokShop],
    sheet_hints: &["OrderSKUList", "Order", "orders"],
    file_hints: &["all order", "all_order", "to ship order", "ordersku"],
    description_row: true,
    line_id: LineIdRule::Column,
    list: ListRule::ColumnLess,
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
        col(ListDeduction, &["SKU Seller Discount"]),
        col(PlatformDiscount, &["SKU Platform Discount"]),
        col(PlatformDiscount, &["Shipping Fee Platform Discount"]).once(),
        col(Fee(FeeKind::Shipping), &["Shipping Fee Seller Discount"]).once(),
        col(RefundAmount, &["Order Refund Amount"]),
        col(BuyerId, &["Buyer Username"]),
    ],
    statuses: &[
        status(Status, "Cancelled", Effect::Cancelled),
        status(Status, "Canceled", Effect::Cancelled),
        status(Status, "Đã hủy", Effect::Cancelled),
        status(Status, "Đã huỷ", Effect::Cancelled),
        status(Status, "Cancelado", Effect::Cancelled),
        status(Status, "Dibatalkan", Effect::Cancelled),
        status(Status, "ยกเลิกแล้ว", Effect::Cancelled),
    ],
    // Every other column of the real BR and US rows: prices restated, buyer-paid shipping,
    // taxes collected for the state, ids, addresses, times.
    ignore: &[
        "Package ID",
        "Order Substatus",
        "Cancelation/Return Type",
        "Normal or Pre-order",
        "Variation",
        "Product Category",
        "SKU Unit Original Price",
        "SKU Subtotal After Discount",
        "Shipping Fee After Discount",
        "Original Shipping Fee",
        "Payment platform discount",
        "Retail Delivery Fee",
        "Taxes",
        "Order Amount",
        "Payment Method",
        "Cancel By",
        "Cancel Reason",
        "Paid Time",
        "RTS Time",
        "Shipped Time",
        "Delivered Time",
        "Cancelled Time",
        "Fulfillment Type",
        "Warehouse Name",
        "Tracking ID",
        "Delivery Option Type",
        "Delivery Option",
        "Weight(kg)",
        "Shipping Provider Name",
        "CPF Number",
        "CPF Name",
        "Recipient",
        "Phone #",
        "Street Name",
        "Street Number",
        "Neighborhood",
        "House Name or Number",
        "City",
        "State",
        "Country",
        "Province",
        "District",
        "Zipcode",
        "Detail Address",
        "Additional address information",
        "Delivery Instruction",
        "Shipping Information",
        "Invoice Status",
        "Buyer Message",
        "Seller Note",
    ],
    ..LINES
};
