//! The normalised ledger of metrics.md §1: what every importer produces and the store keeps.
//! Amounts are plain `Decimal` in the store's currency (the store fixes the currency).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Channel, FeeKind, OrderStatus};

/// One order line (one SKU of one order). Natural key: platform + `order_id` + `line_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderLine {
    pub order_id: String,
    pub line_id: String,
    pub sku: Option<String>,
    pub product: Option<String>,
    pub qty: Decimal,
    pub day: NaiveDate,
    pub status: OrderStatus,
    /// Selling price × qty before vouchers and coupons.
    pub list_amount: Decimal,
    /// Shop-funded vouchers, coupons, 满减, co-funded subsidies on this line.
    pub seller_discount: Decimal,
    /// Platform-funded discounts: shown, never a seller cost.
    pub platform_discount: Decimal,
    /// Refunded share f ∈ [0, 1].
    pub refund_fraction: Decimal,
    /// A one-way hash of the buyer id, for repurchase rates (never the id itself).
    pub buyer_hash: Option<String>,
}

/// One item of an order whose export has one row per order (Taobao 订单报表): it names the
/// SKU, quantity and price the order's line lacks. Natural key: store + `order_id` +
/// `item_id`. The order line keeps the money; items only split it by SKU (COGS, products).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    pub order_id: String,
    /// The item's key within its order (SKU or title + "#" + occurrence).
    pub item_id: String,
    pub sku: Option<String>,
    pub product: Option<String>,
    pub qty: Decimal,
    /// Price × qty: the weight of the item when the order's amounts are split by SKU.
    pub amount: Decimal,
}

/// A cost row of one kind, optionally tied to an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeeRow {
    pub order_id: Option<String>,
    pub day: NaiveDate,
    pub kind: FeeKind,
    /// Positive = cost; negative = credit (a refunded commission).
    pub amount: Decimal,
    /// Identity of the fact in its source (transaction id, or "order" for per-order columns).
    pub reference: String,
    /// 1 = an order export's figure, 2 = a settlement's: the settlement refines the order.
    pub rank: u8,
    /// The export column (first alias), fee name or scene the amount came from: part of the
    /// fact's key (two columns of one kind are two fees) and what a merchant's fee kind
    /// override applies to.
    pub source: String,
}

/// One day of one ad channel/campaign. Natural key: store + channel + campaign + day + window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdDay {
    pub channel: Channel,
    pub campaign: String,
    pub day: NaiveDate,
    pub spend: Decimal,
    pub impressions: i64,
    pub clicks: i64,
    pub platform_sales: Decimal,
    pub platform_orders: i64,
    pub collects: i64,
    pub add_to_carts: i64,
    pub assisted_conversions: Option<i64>,
    pub last_click_conversions: Option<i64>,
    /// Attribution window in days (直通车 15, 千川 7 …).
    pub window_days: i64,
}

impl AdDay {
    /// The campaign of the ad payments a settlement file lists (one row per channel and day):
    /// never an ads report's campaign, so a report's day without campaigns (key campaign '')
    /// and a settlement's payment of the same day stay two facts (`COUNTED_AD_DAY` decides
    /// which counts as spend).
    pub const SETTLEMENT_CAMPAIGN: &'static str = "(settlement)";

    /// The key with no figures yet (figures are filled in or summed after).
    pub fn empty(channel: Channel, campaign: String, day: NaiveDate, window_days: i64) -> AdDay {
        AdDay {
            channel,
            campaign,
            day,
            spend: Decimal::ZERO,
            impressions: 0,
            clicks: 0,
            platform_sales: Decimal::ZERO,
            platform_orders: 0,
            collects: 0,
            add_to_carts: 0,
            assisted_conversions: None,
            last_click_conversions: None,
            window_days,
        }
    }
}

/// One day of a store's traffic (shop-level visitors). Natural key: store + day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrafficDay {
    pub day: NaiveDate,
    /// Unique visitors of the whole store that day (访客数 / Lượt truy cập).
    pub visitors: i64,
    /// Page views (浏览量 / Lượt xem trang); 0 when the export has none.
    pub page_views: i64,
}

/// A SKU's unit cost from a date on (COGS).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkuCost {
    pub sku: String,
    pub unit_cost: Decimal,
    pub valid_from: NaiveDate,
    /// The sheet's currency column, when it has one (else the import's currency).
    #[serde(default)]
    pub currency: Option<super::Currency>,
}

/// A fixed cost of one month (rent, salaries, tools).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixedCost {
    /// The store it is for; None: all stores of `currency`.
    pub store: Option<super::StoreId>,
    pub currency: super::Currency,
    /// First day of the month.
    pub month: NaiveDate,
    pub kind: String,
    pub amount: Decimal,
}
