//! Douyin 抖店 订单导出 (74-column CSV). One row per 子订单; empty values are "-".
//!
//! Checked against: formats.md "Douyin 抖店 — 订单导出" (the full 74-column list, verified in
//! open-source parsers) and its "Checked against real exports" note (a 自定义报表 may lack
//! any column the merchant did not tick: only the roles below are required). Open-source
//! pandas scripts found by search read 主订单编号, 选购商品, 商品ID, 商品数量, 订单提交时间,
//! 订单状态, 售后状态 and call the unit price `商品金额` (accepted as an alias). No buyer
//! account column in this export (收件人 is a person's name: never read).

use super::spec::*;
use crate::model::Platform;
use Role::*;

/// formats.md "Douyin 抖店 订单导出": line = 子订单编号; list = 商品单价 × 商品数量;
/// seller discount = 商家实际承担优惠金额; platform-funded = 平台实际承担优惠金额
/// (达人实际承担优惠金额 is neither the seller's nor the platform's: not recorded);
/// 已取消 → cancelled; 售后状态 退款成功 → f = 1.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "douyin.orders",
    platforms: &[Platform::Douyin],
    file_hints: &["订单", "order"],
    line_id: LineIdRule::Column,
    list: ListRule::UnitTimesQty,
    columns: &[
        col(OrderId, &["主订单编号"]).req(),
        col(LineId, &["子订单编号"]).req(),
        col(Date, &["订单提交时间"]).req(),
        col(Status, &["订单状态"]).req(),
        col(RefundStatus, &["售后状态"]),
        col(Sku, &["商家编码"]),
        col(Sku, &["商品ID"]),
        col(Product, &["选购商品"]),
        col(Qty, &["商品数量"]).req(),
        col(UnitPrice, &["商品单价", "商品金额"]).req(),
        col(SellerDiscount, &["商家实际承担优惠金额"]),
        col(PlatformDiscount, &["平台实际承担优惠金额"]),
        col(PaidAmount, &["订单应付金额"]),
    ],
    statuses: &[
        status(Status, "已取消", Effect::Cancelled),
        status(RefundStatus, "退款成功", Effect::Refunded),
    ],
    ..LINES
};
