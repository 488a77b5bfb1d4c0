//! Acceptance tests of `fupan channels` on the fixture dataset: every figure is the hand
//! computation of tests/fixtures/README.md "Channels" and "Ads".

mod common;

use common::*;
use serde_json::Value;

fn channel<'a>(cur: &'a Value, store: &str, channel: &str) -> &'a Value {
    cur["channels"]
        .as_array()
        .unwrap_or_else(|| panic!("channels[] in {cur}"))
        .iter()
        .find(|c| c["store"] == store && c["channel"] == channel)
        .unwrap_or_else(|| panic!("no {store}/{channel} in {cur:#}"))
}

/// Hand-computed channel figures (README "Channels").
struct ChannelExpect {
    store: &'static str,
    channel: &'static str,
    spend: &'static str,
    platform_sales: &'static str,
    roas: &'static str,
    roi_pct: &'static str,
    profit_roi: &'static str,
    clicks: i64,
    cvr: &'static str,
    collect_cart_rate: Option<&'static str>,
}

#[test]
fn channels_match_hand_computation() {
    let db = full_db();
    let doc = db.json(&["channels", "--json"]);
    let cny = TempDb::currency_of(&doc, "CNY");
    // 1389.60 / 562.90 = 2.468645; profit_roi = sales × 562.90 / 1389.60 / spend − 1.
    assert_str(cny, "break_even_roas", "2.4686", "CNY channels");

    let rows = [
        ChannelExpect {
            store: DOUYIN,
            channel: "qianchuan",
            spend: "111.50",
            platform_sales: "582.90",
            roas: "5.2278",
            roi_pct: "4.2278",
            profit_roi: "1.1177", // 582.90 × 0.405080 / 111.50 − 1
            clicks: 608,
            cvr: "0.0082",
            collect_cart_rate: None,
        },
        ChannelExpect {
            store: TAOBAO,
            channel: "ztc",
            spend: "36.90",
            platform_sales: "248.00",
            roas: "6.7209",
            roi_pct: "5.7209",
            profit_roi: "1.7225", // 248.00 × 0.405080 / 36.90 − 1
            clicks: 123,
            cvr: "0.0163",
            collect_cart_rate: Some("0.1789"),
        },
        ChannelExpect {
            store: TAOBAO,
            channel: "wanxiangtai",
            spend: "34.00",
            platform_sales: "247.00",
            roas: "7.2647",
            roi_pct: "6.2647",
            profit_roi: "1.9428", // 247.00 × 0.405080 / 34.00 − 1
            clicks: 135,
            cvr: "0.0148",
            collect_cart_rate: Some("0.0667"),
        },
    ];
    for e in rows {
        let c = channel(cny, e.store, e.channel);
        let ctx = format!("{}/{}", e.store, e.channel);
        assert_str(c, "spend", e.spend, &ctx);
        assert_str(c, "platform_sales", e.platform_sales, &ctx);
        assert_str(c, "roas", e.roas, &ctx);
        assert_str(c, "roi_pct", e.roi_pct, &ctx);
        assert_str(c, "profit_roi", e.profit_roi, &ctx);
        assert_int(c, "clicks", e.clicks, &ctx);
        assert_str(c, "cvr", e.cvr, &ctx);
        if let Some(r) = e.collect_cart_rate {
            assert_str(c, "collect_cart_rate", r, &ctx);
        }
        assert_str(c, "verdict", "scale", &ctx);
    }
    let pdd = channel(cny, PDD, "pdd_ads");
    assert_str(pdd, "spend", "30.50", "pdd_ads");
    assert_str(pdd, "roas", "8.7443", "pdd_ads");

    // No ad data in VND: no VND channel rows.
    if let Some(vnd) = doc["currencies"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["currency"] == "VND"))
    {
        assert!(
            vnd["channels"].as_array().is_none_or(|a| a.is_empty()),
            "no VND ad channels: {vnd:#}"
        );
    }
}

/// Shopee Ads (one-day report, dated by its `Khoảng thời gian`) and TikTok GMV Max by day
/// (README "Ads"): spend, sales and clicks per channel, and the stores' ad spend.
#[test]
fn shopee_and_tiktok_ads_per_channel() {
    let db = TempDb::new();
    db.import_fixture(
        "ads/Du-lieu-quang-cao-Shopee-05_01_2026-05_01_2026.csv",
        SHOPEE,
    );
    db.import_fixture("ads/tiktok_gmv_max_by_day_202601.xlsx", TIKTOK);
    for (store, spend) in [(SHOPEE, "235000"), (TIKTOK, "245000")] {
        let doc = db.summary(Some(store), None, None);
        assert_str(TempDb::currency_of(&doc, "VND"), "ad_spend", spend, store);
    }
    let doc = db.json(&["channels", "--json"]);
    let vnd = TempDb::currency_of(&doc, "VND");
    for (store, ch, spend, sales, roas, clicks, orders) in [
        // 150000 + 60000 + 25000; 900000 + 300000 + 90000; 1290000 / 235000 = 5.489362
        (SHOPEE, "shopee_ads", "235000", "1290000", "5.4894", 430, 9),
        // 80000 + 30000 + 95000 + 40000; 390000 + 90000 + 300000 + 270000; 1050000 / 245000
        (TIKTOK, "tiktok_ads", "245000", "1050000", "4.2857", 665, 5),
    ] {
        let c = channel(vnd, store, ch);
        assert_str(c, "spend", spend, ch);
        assert_str(c, "platform_sales", sales, ch);
        assert_str(c, "roas", roas, ch);
        assert_int(c, "clicks", clicks, ch);
        assert_int(c, "platform_orders", orders, ch);
    }
    let shopee = channel(vnd, SHOPEE, "shopee_ads");
    assert_int(shopee, "window_days", 7, "Shopee's attribution window");
    assert_int(
        channel(vnd, TIKTOK, "tiktok_ads"),
        "impressions",
        28000,
        "tiktok_ads",
    );
}
