//! The ad rows of a period, read once for the channels view: summed per campaign (at the
//! longest window), per attribution window and per day of each (store, channel). Summed
//! here, not by SQL `GROUP BY`: SQLite sorts every row of a grouping it cannot read in index
//! order (five years of daily rows: ~40 ms a query, and the view needed one per grouping and
//! one per channel), while the rows come off the day index in table order and the groups
//! are few.

use std::collections::BTreeMap;

use rusqlite::types::Type;
use rusqlite::{params, Row};
use rust_decimal::Decimal;

use super::response::DayPoint;
use super::totals::NOT_PAID_TWICE;
use super::{day_range, parse_day};
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::channel::ChannelInputs;
use crate::model::{MoneyError, Scaled};

/// One (store, channel, campaign) of the ad rows: its sums over the period.
pub(super) struct CampaignSums {
    pub store: i64,
    pub channel: String,
    pub campaign: String,
    pub window_days: i64,
    pub inputs: ChannelInputs,
    pub impressions: i64,
    pub assisted: i64,
    pub last: i64,
    /// Rows that report last-click conversions (0: the channel reports no counts).
    pub counted_rows: i64,
}

/// Spend and sales of one (store, channel, window).
pub(super) struct WindowSums {
    pub store: i64,
    pub channel: String,
    pub window_days: i64,
    pub spend: Decimal,
    pub sales: Decimal,
}

/// Integer sums exact as SQL's `SUM`: an overflow is an error, never a wrap.
struct Sums<const N: usize>([i64; N]);

impl<const N: usize> Default for Sums<N> {
    fn default() -> Self {
        Sums([0; N])
    }
}

impl<const N: usize> Sums<N> {
    fn add(&mut self, values: [i64; N]) -> Result<()> {
        for (sum, v) in self.0.iter_mut().zip(values) {
            *sum = sum
                .checked_add(v)
                .ok_or(MoneyError::Overflow(Decimal::from(*sum)))?;
        }
        Ok(())
    }
}

/// Column `i` of `row` as text, borrowed from the row.
fn text<'r>(row: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(i)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

/// Columns of `row` from `first` on, NULL as 0.
fn ints<const N: usize>(row: &Row, first: usize) -> rusqlite::Result<[i64; N]> {
    let mut out = [0; N];
    for (i, v) in out.iter_mut().enumerate() {
        *v = row.get::<_, Option<i64>>(first + i)?.unwrap_or(0);
    }
    Ok(out)
}

/// What the channels view needs of the ad rows of its stores and period.
pub(super) struct AdSums {
    /// Ordered by store, channel and campaign.
    pub campaigns: Vec<CampaignSums>,
    /// Ordered by store, channel and window.
    pub windows: Vec<WindowSums>,
    /// Per (store, channel): the counted spend and sales of each day, in day order.
    pub days: BTreeMap<(i64, String), Vec<DayPoint>>,
}

/// One (store, channel) while reading.
#[derive(Default)]
struct ChannelGroups {
    /// Per campaign: the longest window, and the ten count and money columns from `spend`
    /// on (`SCAN`'s order).
    campaigns: BTreeMap<String, (i64, Sums<10>)>,
    /// Per window: spend, sales.
    windows: BTreeMap<i64, Sums<2>>,
    /// Per day: counted spend, sales.
    days: BTreeMap<String, Sums<2>>,
}

/// The current rows that are not an ad payment listed twice (`NOT_PAID_TWICE`), with
/// `counted` telling the longest window's (migration 010).
const SCAN: &str = "SELECT a.store_id, a.channel, a.campaign, a.day, a.window_days, a.counted,
        a.spend, a.platform_sales, a.clicks, a.platform_orders, a.collects, a.add_to_carts,
        a.impressions, a.assisted_conversions, a.last_click_conversions,
        a.last_click_conversions IS NOT NULL
 FROM ad_days a WHERE a.is_current = 1 AND a.store_id IN";

/// Reads the ad rows of the stores `ids` (a SQL id list) in the period `p` once.
pub(super) fn ad_sums(ledger: &Ledger, ids: &str, p: [Option<String>; 2]) -> Result<AdSums> {
    let mut stmt = ledger.conn().prepare(&format!(
        "{SCAN} ({ids}) AND {} AND {NOT_PAID_TWICE}",
        day_range("a.day")
    ))?;
    let mut stores: BTreeMap<i64, BTreeMap<String, ChannelGroups>> = BTreeMap::new();
    let mut rows = stmt.query(params![p[0], p[1]])?;
    while let Some(r) = rows.next()? {
        // Keys are borrowed from the row; a group's key is copied once, when it is new.
        let channel = text(r, 1)?;
        let g = group(stores.entry(r.get(0)?).or_default(), channel)?;
        let window: i64 = r.get(4)?;
        let sums: [i64; 10] = ints(r, 6)?;
        let money = [sums[0], sums[1]];
        g.windows.entry(window).or_default().add(money)?;
        if r.get::<_, bool>(5)? {
            let campaign = group(&mut g.campaigns, text(r, 2)?)?;
            campaign.0 = campaign.0.max(window);
            campaign.1.add(sums)?;
            group(&mut g.days, text(r, 3)?)?.add(money)?;
        }
    }
    collect(stores)
}

/// The group of `key` in `map`, made empty if new (the key is copied only then).
fn group<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> Result<&'m mut V> {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), V::default());
    }
    map.get_mut(key)
        .ok_or_else(|| Error::Internal(format!("ad group {key:?} vanished")))
}

/// The groups in their keys' order, as the view takes them.
fn collect(stores: BTreeMap<i64, BTreeMap<String, ChannelGroups>>) -> Result<AdSums> {
    let mut out = AdSums {
        campaigns: Vec::new(),
        windows: Vec::new(),
        days: BTreeMap::new(),
    };
    for (store, channels) in stores {
        for (channel, g) in channels {
            for (campaign, (window_days, Sums(s))) in g.campaigns {
                out.campaigns.push(campaign_sums(
                    store,
                    channel.clone(),
                    campaign,
                    window_days,
                    s,
                ));
            }
            for (window_days, Sums([spend, sales])) in g.windows {
                out.windows.push(WindowSums {
                    store,
                    channel: channel.clone(),
                    window_days,
                    spend: Scaled::from_sql_sum(Some(spend)),
                    sales: Scaled::from_sql_sum(Some(sales)),
                });
            }
            let days = g
                .days
                .into_iter()
                .map(|(day, Sums([spend, sales]))| {
                    Ok(DayPoint {
                        day: parse_day(&day)?,
                        spend: Scaled::from_sql_sum(Some(spend)),
                        sales: Scaled::from_sql_sum(Some(sales)),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            out.days.insert((store, channel), days);
        }
    }
    Ok(out)
}

/// One campaign's sums, `s` in `SCAN`'s column order from `spend` on.
fn campaign_sums(
    store: i64,
    channel: String,
    campaign: String,
    window_days: i64,
    s: [i64; 10],
) -> CampaignSums {
    CampaignSums {
        store,
        channel,
        campaign,
        window_days,
        inputs: ChannelInputs {
            spend: Scaled::from_sql_sum(Some(s[0])),
            platform_sales: Scaled::from_sql_sum(Some(s[1])),
            clicks: s[2],
            platform_orders: s[3],
            collects: s[4],
            add_to_carts: s[5],
        },
        impressions: s[6],
        assisted: s[7],
        last: s[8],
        counted_rows: s[9],
    }
}
