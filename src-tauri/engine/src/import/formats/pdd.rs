//! Pinduoduo 拼多多 订单导出 (CSV, one row per order; ids carry literal tabs).
//!
//! Checked against: formats.md "Pinduoduo orders" and "拼多多 — 订单导出" (tabs, serial
//! dates), and open-source pandas scripts found by search that read the same names: 订单号,
//! 订单状态, 商品, 商品总价(元), 店铺优惠折扣(元), 平台优惠折扣(元), 用户实付金额(元),
//! 商家实收金额(元), 商品数量(件), 商品id. No real file seen.

use super::spec::*;
use crate::model::Platform;
use Role::*;

/// formats.md "Pinduoduo orders": the line id is the order id; SKU = 商家编码-规格维度, else
/// 商家编码-商品维度, else 样式ID; list = 商品总价(元); seller discount = 店铺优惠折扣(元);
/// platform-funded = 平台优惠折扣(元) + 多多支付立减金额(元); 已取消 → cancelled;
/// 售后状态 退款成功 → f = 1.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "pdd.orders",
    platforms: &[Platform::Pdd],
    file_hints: &["orders_export", "订单"],
    line_id: LineIdRule::Order,
    list: ListRule::Column,
    columns: &[
        col(OrderId, &["订单号"]).req(),
        col(Date, &["订单成交时间"]).req(),
        col(Status, &["订单状态"]).req(),
        col(RefundStatus, &["售后状态"]),
        col(Sku, &["商家编码-规格维度"]),
        col(Sku, &["商家编码-商品维度"]),
        col(Sku, &["样式ID"]),
        col(Product, &["商品"]),
        col(Qty, &["商品数量(件)"]).req(),
        col(ListAmount, &["商品总价(元)"]).req(),
        col(SellerDiscount, &["店铺优惠折扣(元)"]),
        col(PlatformDiscount, &["平台优惠折扣(元)"]),
        col(PlatformDiscount, &["多多支付立减金额(元)"]),
        col(PaidAmount, &["用户实付金额(元)"]),
    ],
    statuses: &[
        status(Status, "已取消", Effect::Cancelled),
        status(RefundStatus, "退款成功", Effect::Refunded),
    ],
    ..LINES
};
