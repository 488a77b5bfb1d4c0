//! Shopee Taiwan order list (`Order.all.*.xls`, zh-TW headers; often an xlsx named .xls,
//! opened by its bytes), TWD. Order columns end in `(單)` and repeat on each item row; item
//! columns end in `(品)`.
//!
//! Checked against: the real 46-column header row in formats.md "Real header rows" (Shopee
//! TW order list). ASSUMED from the names: the item's price is `商品活動價格 (品)` (the
//! shop's own sale price is price), else `商品原價 (品)`; `成交手續費 (單)` is the platform
//! commission and `信用卡手續費 (單)` the payment fee, once per order; `賣家折扣券折抵金額
//! (單)` is the shop's voucher; status `不成立` / `已取消` is a cancellation.

use super::spec::*;
use crate::model::{Currency, FeeKind, Platform};
use Role::*;

pub const ORDERS: FormatSpec = FormatSpec {
    id: "shopee_tw.orders",
    platforms: &[Platform::ShopeeVn],
    currency: Some(Currency::TWD),
    file_hints: &["order.all", "order.completed"],
    line_id: LineIdRule::Occurrence,
    list: ListRule::UnitTimesQty,
    refund: RefundRule::StatusOnly,
    columns: &[
        col(OrderId, &["訂單編號 (單)"]).req(),
        col(Date, &["訂單成立時間 (單)"]).req(),
        col(Status, &["訂單狀態 (單)"]).req(),
        col(RefundStatus, &["退貨 / 退款狀態 (單)"]),
        col(LineKey, &["商品選項貨號"]),
        col(LineKey, &["主商品貨號"]),
        col(Sku, &["商品選項貨號"]),
        col(Sku, &["主商品貨號"]),
        col(Product, &["商品名稱 (品)"]),
        col(Qty, &["數量"]).req(),
        col(UnitPrice, &["商品活動價格 (品)"]).req(),
        col(UnitPrice, &["商品原價 (品)"]),
        col(PlatformDiscount, &["蝦皮補貼 (單)"]).once(),
        col(PlatformDiscount, &["蝦幣折抵 (單)"]).once(),
        col(PlatformDiscount, &["蝦皮信用卡活動折抵 (單)"]).once(),
        col(PlatformDiscount, &["蝦皮折扣券折抵金額 (單)"]).once(),
        col(OrderDiscount, &["賣家折扣券折抵金額 (單)"]).once(),
        col(Fee(FeeKind::PlatformCommission), &["成交手續費 (單)"]).once(),
        col(Fee(FeeKind::PaymentFee), &["信用卡手續費 (單)"]).once(),
        col(BuyerId, &["買家帳號 (單)"]),
    ],
    ignore: &[
        "訂單小計 (單)",
        "買家支付的運費 (單)",
        "訂單總金額 (單)",
        "折扣券代碼 (單)",
        "分期付款期數 (單)",
        "信用卡手續費利率 (單)",
        "商品規格名稱 (品)",
        "促銷組合指標 (品)",
        "蝦皮促銷組合折扣:促銷組合標籤(品)",
        "收件地址 (單)",
        "收件者電話 (單)",
        "取件門市店號 (單)",
        "城市 (單)",
        "行政區 (單)",
        "郵遞區號 (單)",
        "收件者姓名 (單)",
        "寄送方式 (單)",
        "出貨方式 (單)",
        "信用卡後四碼 (單)",
        "備貨時間 (單)",
        "付款方式 (單)",
        "最晚出貨日期 (單)",
        "包裹查詢號碼 (單)",
        "買家付款時間 (單)",
        "實際出貨時間 (單)",
        "訂單完成時間 (單)",
        "買家備註 (單)",
        "備註 (單)",
    ],
    statuses: &[
        status(Status, "不成立", Effect::Cancelled),
        status(Status, "已取消", Effect::Cancelled),
    ],
    ..LINES
};
