//! JD 京东 POP 订单导出 (CSV/xlsx from the seller backend). formats.md is silent on JD; the
//! header names are those of the real export as read by an open-source importer: 订单号,
//! 商品ID, 商品名称, 订购数量, 支付方式, 下单时间, 京东价, 订单金额, 结算金额, 余额支付, 应付金额,
//! 订单状态, 订单类型, …, 运费金额, 付款确认时间, 增值税发票, 货号, 订单完成时间, 订单来源, 订单渠道
//! (newer exports add 商家SKUID).
//!
//! Checked against: that importer's header list only — no real file, no platform page;
//! everything beyond the names is ASSUMED (below).

use super::spec::*;
use crate::model::Platform;
use Role::*;

/// One row per SKU of an order (订单号 repeats; 订单金额 / 应付金额 are the order's, repeated).
/// ASSUMED where formats.md is silent: line = 商品ID + its occurrence in the order; SKU =
/// 商家SKUID, else 货号 (the seller's article number), else 商品ID; list = 京东价 × 订购数量;
/// 已取消 and deleted orders ("(删除)…") are cancelled. The export does not split its
/// discount (订单金额 − 应付金额 mixes shop coupons, JD coupons and 余额支付) nor show
/// refunds: neither is read; a settlement refines the order.
pub const ORDERS: FormatSpec = FormatSpec {
    id: "jd.orders",
    platforms: &[Platform::Jd],
    file_hints: &["jd", "京东", "exportorder"],
    line_id: LineIdRule::Occurrence,
    list: ListRule::UnitTimesQty,
    columns: &[
        col(OrderId, &["订单号"]).req(),
        col(LineKey, &["商品ID"]).req(),
        col(Date, &["下单时间"]).req(),
        col(Status, &["订单状态"]).req(),
        col(Qty, &["订购数量"]).req(),
        col(UnitPrice, &["京东价"]).req(),
        col(Sku, &["商家SKUID"]),
        col(Sku, &["货号"]),
        col(Sku, &["商品ID"]),
        col(Product, &["商品名称"]),
        col(Marker, &["应付金额"]),
        col(Marker, &["结算金额"]),
        col(Marker, &["付款确认时间"]),
    ],
    statuses: &[
        status(Status, "已取消", Effect::Cancelled),
        status(Status, "(删除)等待出库", Effect::Cancelled),
        status(Status, "(删除)已取消", Effect::Cancelled),
        status(Status, "(删除)等待确认收货", Effect::Cancelled),
    ],
    ..LINES
};
