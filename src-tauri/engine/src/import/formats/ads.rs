//! Ad platform reports: 巨量千川, 直通车/万相台, 拼多多推广, Shopee Ads, TikTok Ads. One row
//! per day (× campaign).
//!
//! Checked against (no real file of any of them seen): 千川 and 万相台 — formats.md's
//! "Verified column names" (open-source parsers); the plain 消耗/成交金额 labels of standard
//! 千川 reports are UNVERIFIED. 拼多多推广 — formats.md "PDD ads" header list. Shopee Ads —
//! open-source parsers of the VN export (below); the Indonesian (`Nama Iklan`, `Dilihat`,
//! `Jumlah Klik`, `Konversi`, `Omzet Penjualan`, `Biaya`) and Brazilian (`Nome do Anúncio`,
//! `Impressões`, `Cliques`, `Conversões`, `GMV`, `Despesas`: repository vlima-creator/MelieADs,
//! shopee_analysis_notes.md) names are accepted too; ASSUMED: their period label (`Periode`,
//! `Período`) works as VN's. TikTok Ads — open-source parsers of GMV Max exports (below).

use super::spec::*;
use crate::model::{Channel, Platform, ReportKind};
use Role::*;

const ADS: FormatSpec = FormatSpec {
    report: ReportKind::Ads,
    grain: Grain::Ads,
    ..LINES
};

/// formats.md "巨量千川": date 日期 (or 时间); spend 整体消耗; sales 整体成交金额; orders
/// 整体成交订单数; clicks 整体点击次数; impressions 整体展现次数; window 7 days. An hourly
/// export adds an hour column (`时间-小时`, verified; `小时` ASSUMED), recognised, not read:
/// the hours of a day are summed into that day (`map::ad_days`).
pub const QIANCHUAN: FormatSpec = FormatSpec {
    id: "douyin.qianchuan",
    platforms: &[Platform::Douyin],
    file_hints: &["千川", "qianchuan"],
    columns: &[
        col(Date, &["日期", "时间"]).req(),
        col(Spend, &["整体消耗", "消耗"]).req(),
        col(Sales, &["整体成交金额", "成交金额"]).req(),
        col(Orders, &["整体成交订单数", "成交订单数"]),
        col(Clicks, &["整体点击次数", "点击次数"]),
        col(Impressions, &["整体展现次数", "展示次数"]),
        col(Campaign, &["计划名称", "广告计划名称", "计划名字"]),
        col(Marker, &["整体支付ROI"]),
        col(Marker, &["时间-小时", "小时"]),
    ],
    ads: Some(AdRule {
        channel: Channel::Qianchuan,
        scene_channel: None,
        window_days: 7,
    }),
    ..ADS
};

/// formats.md "直通车 / 万相台": channel ztc for 场景名字 关键词推广, else wanxiangtai; window
/// 15 days. 日期 may be a range "20260803至20260809" (a summary export): a one-day range is
/// that day; a longer range is booked on its LAST day (totals stay right; the import's
/// date span starts at the range's first day).
pub const WANXIANGTAI: FormatSpec = FormatSpec {
    id: "taobao.wanxiangtai",
    platforms: &[Platform::Taobao, Platform::Tmall],
    file_hints: &["万相台", "直通车", "推广"],
    columns: &[
        col(Date, &["日期"]).req(),
        col(Spend, &["花费"]).req(),
        col(Impressions, &["展现量"]).req(),
        col(Clicks, &["点击量"]).req(),
        col(Sales, &["总成交金额"]).req(),
        col(Orders, &["总成交笔数"]),
        col(Collects, &["收藏宝贝数"]),
        col(AddToCarts, &["总购物车数"]),
        col(Scene, &["场景名字"]),
        col(Campaign, &["计划名字"]),
        col(Campaign, &["主体名称"]),
        col(Marker, &["投入产出比"]),
    ],
    ads: Some(AdRule {
        channel: Channel::Wanxiangtai,
        scene_channel: Some(("关键词推广", Channel::Ztc)),
        window_days: 15,
    }),
    ..ADS
};

/// 拼多多推广 report: 日期, 总花费(元), 交易额(元), 成交笔数. Window: PDD does not state one in
/// the export; 1 day (same-day attribution) is assumed — UNVERIFIED.
pub const PDD_ADS: FormatSpec = FormatSpec {
    id: "pdd.ads",
    platforms: &[Platform::Pdd],
    file_hints: &["推广"],
    columns: &[
        col(Date, &["日期"]).req(),
        col(Spend, &["总花费(元)"]).req(),
        col(Sales, &["交易额(元)"]).req(),
        col(Orders, &["成交笔数"]),
        col(Impressions, &["曝光量"]),
        col(Clicks, &["点击量"]),
        col(Campaign, &["推广计划", "计划名称"]),
        col(Marker, &["实际投产比"]),
    ],
    ads: Some(AdRule {
        channel: Channel::PddAds,
        scene_channel: None,
        window_days: 1,
    }),
    ..ADS
};

/// Shopee Ads (Dịch vụ Hiển thị / Quảng cáo Shopee) report, CSV: a metadata block (Tên Shop,
/// `Khoảng thời gian` "01/01/2026 - 31/01/2026", …) above the header; one row per campaign
/// for that period — a daily report is an export of a one-day period. formats.md is silent:
/// the header names are the real export's as read by open-source parsers (`Doanh số` in
/// current files, `GMV` in older ones). ASSUMED: the period's last day is the row's date;
/// orders = `Lượt chuyển đổi`; campaign = `Tên Dịch vụ Hiển thị` (empty for Shop GMV Max
/// rows, named by `Loại Dịch vụ Hiển thị`); window 7 days (Shopee's attribution window).
pub const SHOPEE_ADS: FormatSpec = FormatSpec {
    id: "shopee_vn.ads",
    platforms: &[Platform::ShopeeVn],
    file_hints: &["quảng cáo", "dịch vụ hiển thị", "shopee_ads", "ads"],
    columns: &[
        col(Spend, &["Chi phí", "Biaya", "Despesas"]).req(),
        col(Impressions, &["Số lượt xem", "Dilihat", "Impressões"]).req(),
        col(Clicks, &["Số lượt click", "Jumlah Klik", "Cliques"]).req(),
        col(Sales, &["Doanh số", "GMV", "Omzet Penjualan"]).req(),
        col(Orders, &["Lượt chuyển đổi", "Konversi", "Conversões"]),
        col(
            Campaign,
            &[
                "Tên Dịch vụ Hiển thị",
                "Tên quảng cáo",
                "Nama Iklan",
                "Nome do Anúncio",
            ],
        ),
        col(Campaign, &["Loại Dịch vụ Hiển thị"]),
        col(Date, &["Ngày"]),
        col(Marker, &["Tỷ Lệ Click"]),
        col(Marker, &["Sản phẩm đã bán"]),
        col(Marker, &["ROAS"]),
    ],
    period_labels: &["Khoảng thời gian", "Khoảng Thời Gian", "Periode", "Período"],
    ads: Some(AdRule {
        channel: Channel::ShopeeAds,
        scene_channel: None,
        window_days: 7,
    }),
    ..ADS
};

/// TikTok Ads: GMV Max / Ads Manager report by day (xlsx/csv), English or Vietnamese
/// headers. formats.md is silent: the metric names are the real GMV Max exports' (`Cost`,
/// `Gross revenue`, `SKU orders`, `Product ad impressions`, `Product ad clicks` and their
/// Vietnamese forms) as read by open-source parsers. ASSUMED: the day column of a report
/// broken down by day is `Date` (or `By Day`, `Ngày`); `Total complete payment` and
/// `Clicks (destination)` are the older Ads Manager names; window 7 days.
pub const TIKTOK_ADS: FormatSpec = FormatSpec {
    id: "tiktok_shop.ads",
    platforms: &[Platform::TiktokShop],
    file_hints: &["gmv max", "gmv_max", "campaign", "tiktok_ads", "ads"],
    columns: &[
        col(Date, &["Date", "By Day", "Day", "Ngày"]).req(),
        col(Spend, &["Cost", "Chi phí"]).req(),
        col(
            Sales,
            &["Gross revenue", "Doanh thu gộp", "Total complete payment"],
        )
        .req(),
        col(
            Orders,
            &["SKU orders", "Orders (SKU)", "Số lượng đơn hàng SKU"],
        ),
        col(
            Impressions,
            &[
                "Product ad impressions",
                "Số lượt hiển thị quảng cáo sản phẩm",
                "Impressions",
            ],
        ),
        col(
            Clicks,
            &[
                "Product ad clicks",
                "Số lượt nhấp vào quảng cáo sản phẩm",
                "Clicks (destination)",
            ],
        ),
        col(Campaign, &["Campaign name", "Tên chiến dịch"]),
        col(
            Marker,
            &["ROI", "Cost per order", "Currency", "Campaign ID"],
        ),
    ],
    ads: Some(AdRule {
        channel: Channel::TiktokAds,
        scene_channel: None,
        window_days: 7,
    }),
    ..ADS
};
