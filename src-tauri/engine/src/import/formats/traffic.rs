//! Store traffic reports: one row per day of the whole store's visitors (UV价值, metrics.md
//! §7). formats.md is silent on these exports; the headers are the platforms' own report
//! names. The other columns of these reports (sales, orders, conversion rate) are recognised,
//! never read: sales and orders come from the order exports, and the store conversion rate
//! is computed from them.
//!
//! Checked against: nothing beyond the platforms' own metric names as their back offices
//! show them (生意参谋 访客数/浏览量, 电商罗盘 店铺访客数, Shopee Lượt truy cập, TikTok
//! Visitors, Lazada Visitors/Pageviews) — no real export and no open-source parser was found
//! (searched): the layouts are ASSUMED.

use super::spec::*;
use crate::model::{Platform, ReportKind};
use Role::*;

const TRAFFIC: FormatSpec = FormatSpec {
    report: ReportKind::Traffic,
    grain: Grain::Traffic,
    ..LINES
};

/// 生意参谋 店铺 (经营概况 / 取数) daily export, CSV in GBK with title rows above the
/// header: 统计日期, 访客数, 浏览量, 支付买家数, 支付转化率, 支付金额, 客单价 …
pub const SYCM: FormatSpec = FormatSpec {
    id: "taobao.sycm_traffic",
    platforms: &[Platform::Taobao, Platform::Tmall],
    file_hints: &["生意参谋", "sycm", "流量", "经营概况"],
    columns: &[
        col(Date, &["统计日期", "日期"]).req(),
        col(Visitors, &["访客数"]).req(),
        col(PageViews, &["浏览量"]),
        col(Marker, &["支付买家数"]),
        col(Marker, &["支付转化率"]),
        col(Marker, &["支付金额"]),
        col(Marker, &["客单价"]),
        col(Marker, &["跳失率"]),
        col(Marker, &["人均浏览量"]),
    ],
    ..TRAFFIC
};

/// 抖店 电商罗盘 店铺 daily export. The store-level visitor count is 店铺访客数 where the
/// export has it; ASSUMED: an export without it counts 商品访客数 (visitors of the store's
/// product pages) as the store's. 直播间访客 (live-room visitors) overlap them and are never
/// read.
pub const COMPASS: FormatSpec = FormatSpec {
    id: "douyin.compass_traffic",
    platforms: &[Platform::Douyin],
    file_hints: &["罗盘", "compass", "流量"],
    columns: &[
        col(Date, &["日期", "统计日期"]).req(),
        // The store-level column first: a row's first non-empty `Visitors` value is read.
        col(Visitors, &["店铺访客数"]),
        col(Visitors, &["店铺访客数", "商品访客数"]).req(),
        col(PageViews, &["店铺浏览量"]),
        col(PageViews, &["商品浏览量", "浏览量"]),
        col(Marker, &["直播间访客数", "直播间访客"]),
        col(Marker, &["成交金额"]),
        col(Marker, &["成交人数"]),
        col(Marker, &["成交转化率"]),
    ],
    ..TRAFFIC
};

/// Shopee Phân tích bán hàng / Business Insights (Tổng quan) by day, Vietnamese or English.
pub const SHOPEE: FormatSpec = FormatSpec {
    id: "shopee_vn.traffic",
    platforms: &[Platform::ShopeeVn],
    file_hints: &["shopee", "phân tích", "business insights", "traffic"],
    columns: &[
        col(Date, &["Ngày", "Date"]).req(),
        col(Visitors, &["Lượt truy cập", "Visitors"]).req(),
        col(PageViews, &["Lượt xem trang", "Page Views"]),
        col(Marker, &["Tỷ lệ chuyển đổi", "Conversion Rate"]),
        col(Marker, &["Doanh số", "Sales"]),
        col(Marker, &["Đơn hàng", "Orders"]),
    ],
    ..TRAFFIC
};

/// TikTok Shop Seller Center analytics by day: Date, Visitors, Page views.
pub const TIKTOK: FormatSpec = FormatSpec {
    id: "tiktok_shop.traffic",
    platforms: &[Platform::TiktokShop],
    file_hints: &["tiktok", "analytics", "traffic"],
    columns: &[
        col(Date, &["Date", "Ngày"]).req(),
        col(Visitors, &["Visitors", "Khách truy cập"]).req(),
        col(PageViews, &["Page views", "Lượt xem trang"]),
        col(Marker, &["GMV"]),
        col(Marker, &["Conversion rate"]),
    ],
    ..TRAFFIC
};

/// Lazada Business Advisor by day: Date, Visitors, Pageviews.
pub const LAZADA: FormatSpec = FormatSpec {
    id: "lazada.traffic",
    platforms: &[Platform::Lazada],
    file_hints: &["lazada", "business advisor", "traffic"],
    columns: &[
        col(Date, &["Date"]).req(),
        col(Visitors, &["Visitors"]).req(),
        col(PageViews, &["Pageviews"]),
        col(Marker, &["Revenue"]),
        col(Marker, &["Conversion Rate"]),
    ],
    ..TRAFFIC
};
