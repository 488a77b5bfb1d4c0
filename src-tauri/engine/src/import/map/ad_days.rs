//! Ad grain: rows of one natural key (channel, campaign, day, window) are summed within the
//! file and each key is written once, at the end. Real exports repeat a key: 巨量千川 by
//! hour, plans sharing a name, Shopee Ads campaigns of the same name on a day. Written once
//! per file, a key stays a single versioned fact: a re-import finds it a duplicate and a
//! later overlapping export replaces it (db::write), never adds to it.
//!
//! Memory: one `AdDay` per distinct key (days × campaigns: thousands at most in an ad
//! report, which has no order-level rows).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::Result;
use crate::import::LedgerSink;
use crate::model::{AdDay, Channel};

type Key = (Channel, String, NaiveDate, i64);

#[derive(Default)]
pub struct AdDays {
    /// Each key's sum and the number of rows in it, in first-seen order.
    sums: Vec<(AdDay, u64)>,
    at: HashMap<Key, usize>,
}

impl AdDays {
    /// Add one row's figures to its key's sum.
    pub fn add(&mut self, ad: AdDay) {
        let key = (ad.channel, ad.campaign.clone(), ad.day, ad.window_days);
        let Some(&i) = self.at.get(&key) else {
            self.at.insert(key, self.sums.len());
            self.sums.push((ad, 1));
            return;
        };
        let (sum, rows) = &mut self.sums[i];
        *rows += 1;
        sum.spend += ad.spend;
        sum.impressions += ad.impressions;
        sum.clicks += ad.clicks;
        sum.platform_sales += ad.platform_sales;
        sum.platform_orders += ad.platform_orders;
        sum.collects += ad.collects;
        sum.add_to_carts += ad.add_to_carts;
        sum.assisted_conversions = add_opt(sum.assisted_conversions, ad.assisted_conversions);
        sum.last_click_conversions = add_opt(sum.last_click_conversions, ad.last_click_conversions);
    }

    /// Write each key's sum; its rows are done together (added, updated or duplicate as
    /// the sum is).
    pub fn finish(self, sink: &mut dyn LedgerSink) -> Result<()> {
        for (ad, rows) in self.sums {
            sink.ad_day(ad)?;
            sink.end_rows(rows);
        }
        Ok(())
    }
}

/// None only when neither row has the figure.
fn add_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (None, None) => None,
        _ => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    }
}
