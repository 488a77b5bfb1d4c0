//! Taobao/Tmall 订单报表 (one row per order; item detail lives in a companion file).

use super::spec::*;
use crate::model::Platform;
use Role::*;

/// formats.md "Taobao/Tmall 订单报表": the line id is the order id; list = 总金额;
/// f = 退款金额 / 买家实际支付金额; 交易关闭 with no refund → cancelled (with a refund it is
/// a refunded sale). No SKU in this file: such orders count without COGS (missing costs).
/// qty = 宝贝总数量 when present.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "taobao.orders",
    platforms: &[Platform::Taobao, Platform::Tmall],
    file_hints: &["exportorderlist", "订单报表", "ordersreport"],
    line_id: LineIdRule::Order,
    list: ListRule::Column,
    refund: RefundRule::AmountShare,
    columns: &[
        col(OrderId, &["订单编号"]).req(),
        col(Date, &["订单创建时间"]).req(),
        col(Status, &["订单状态"]).req(),
        col(ListAmount, &["总金额"]).req(),
        col(PaidAmount, &["买家实际支付金额"]),
        col(RefundAmount, &["退款金额"]),
        col(Product, &["宝贝标题"]),
        col(Qty, &["宝贝总数量"]),
        col(ShopName, &["店铺名称"]),
    ],
    statuses: &[status(Status, "交易关闭", Effect::CancelledUnlessRefunded)],
    ..LINES
};
