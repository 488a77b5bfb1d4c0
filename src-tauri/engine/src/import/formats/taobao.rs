//! Taobao/Tmall 订单报表 (one row per order; item detail lives in a companion file).

use super::spec::*;
use crate::model::{Platform, ReportKind};
use Role::*;

/// formats.md "Taobao/Tmall 订单报表": the line id is the order id; list = 总金额;
/// f = 退款金额 / 总金额 (`买家实际支付金额` is already net of refunds: 总金额 = 实付 + 退款
/// on every paid order of the real exports, formats.md "Checked against real exports");
/// 交易关闭 with no refund → cancelled (with a refund it is a refunded sale). No SKU in this
/// file: such orders count without COGS (missing costs). qty = 宝贝总数量 when present.
/// 买家会员名 is the buyer's account (kept only as a salted hash: repurchase rate).
/// Checked against: formats.md (column roles) and the open-source parsers it cites; the
/// header row of the fixture is the real export's 48 columns.
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
        col(PaidAmount, &["总金额"]),
        col(Marker, &["买家实际支付金额"]),
        col(BuyerId, &["买家会员名"]),
        col(RefundAmount, &["退款金额"]),
        col(Product, &["宝贝标题"]),
        col(Qty, &["宝贝总数量"]),
        col(ShopName, &["店铺名称"]),
    ],
    statuses: &[status(Status, "交易关闭", Effect::CancelledUnlessRefunded)],
    ..LINES
};

/// The 宝贝报表 companion of 订单报表 (ExportOrderDetailList*.csv, GBK): one row per item,
/// joined to the order on 订单编号. SKU 商家编码; qty 购买数量; amount = 价格 × 购买数量 (the
/// weight when the order's figures are split by SKU); item id = 商家编码 (else 标题) + its
/// occurrence in the order. Its 订单状态 is ignored: the order file decides.
pub const ORDER_ITEMS: FormatSpec = FormatSpec {
    id: "taobao.order_items",
    platforms: &[Platform::Taobao, Platform::Tmall],
    report: ReportKind::OrderItems,
    grain: Grain::Items,
    file_hints: &["exportorderdetaillist", "宝贝报表"],
    line_id: LineIdRule::Occurrence,
    list: ListRule::UnitTimesQty,
    columns: &[
        col(OrderId, &["订单编号"]).req(),
        col(Qty, &["购买数量"]).req(),
        col(UnitPrice, &["价格"]).req(),
        col(LineKey, &["商家编码"]),
        col(LineKey, &["标题"]),
        col(Sku, &["商家编码"]),
        col(Product, &["标题"]),
        col(Marker, &["商品属性"]),
        col(Marker, &["套餐信息"]),
        col(Marker, &["外部系统编号"]),
    ],
    ..LINES
};
