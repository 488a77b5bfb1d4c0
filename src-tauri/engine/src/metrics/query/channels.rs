//! `channels --json` (cli.md): per store × channel figures against the currency's break-even.
//!
//! Attribution (metrics.md §5): the sales pool shared out is the platforms' own last-click
//! total (Σ platform_sales) of the channels that report last-click/assisted conversions; each
//! such channel gets (last + k·assisted)/(Σlast + k·Σassisted) of it. A channel without those
//! counts keeps its platform_sales (so with no such data attributed_sales = platform_sales).

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use serde::Serialize;

use super::response::{daily_points, respond, ResponseSummary};
use super::totals::{totals, COUNTED_AD_DAY, NOT_PAID_TWICE};
use super::{day_params, day_range, resolve, CurrencyScope, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::attribution::{attributed_sales, check_assist_coef};
use crate::metrics::channel::{channel_figures, ChannelFigures, ChannelInputs, Verdict};
use crate::metrics::store::{BreakEven, StoreFigures};
use crate::metrics::Amount;
use crate::model::{Currency, Rate, Scaled, StoreId};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelsReport {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub assist_coef: Decimal,
    pub currencies: Vec<CurrencyChannels>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyChannels {
    pub currency: Currency,
    pub break_even_roas: Option<Rate>,
    pub channels: Vec<ChannelRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelRow {
    pub store: String,
    pub channel: String,
    pub spend: Amount,
    pub platform_sales: Amount,
    pub attributed_sales: Amount,
    pub attributed_roas: Option<Rate>,
    pub roas: Option<Rate>,
    pub roi_pct: Option<Rate>,
    pub profit_roi: Option<Rate>,
    pub verdict: Option<Verdict>,
    pub verdict_distance: Option<Rate>,
    pub clicks: i64,
    pub impressions: i64,
    pub platform_orders: i64,
    pub cpc: Option<Amount>,
    pub cvr: Option<Rate>,
    pub aov: Option<Amount>,
    pub collect_cart_rate: Option<Rate>,
    /// The longest attribution window reported (the one spend and sales are taken from).
    pub window_days: i64,
    /// Roas per reported window, side by side (metrics.md §7).
    pub windows: Vec<WindowFigures>,
    pub campaigns: Vec<CampaignRow>,
    /// The §4 spend-response fit of this store's channel (cli.md Additions).
    pub response: ResponseSummary,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowFigures {
    pub window_days: i64,
    pub spend: Amount,
    pub platform_sales: Amount,
    pub roas: Option<Rate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignRow {
    pub campaign: String,
    pub spend: Amount,
    pub platform_sales: Amount,
    pub roas: Option<Rate>,
    pub roi_pct: Option<Rate>,
    pub profit_roi: Option<Rate>,
    pub verdict: Option<Verdict>,
    pub clicks: i64,
    pub cpc: Option<Amount>,
    pub cvr: Option<Rate>,
    pub aov: Option<Amount>,
}

/// One (store, channel, campaign) of the ad rows: its sums over the period.
struct CampaignSums {
    store: i64,
    channel: String,
    campaign: String,
    window_days: i64,
    inputs: ChannelInputs,
    impressions: i64,
    assisted: i64,
    last: i64,
    /// Rows that report last-click conversions (0: the channel reports no counts).
    counted_rows: i64,
}

/// One (store, channel) while summing its campaigns.
struct Acc {
    store: StoreId,
    channel: String,
    window_days: i64,
    inputs: ChannelInputs,
    impressions: i64,
    assisted: Decimal,
    last: Decimal,
    has_counts: bool,
    campaigns: Vec<CampaignRow>,
}

impl Acc {
    fn new(store: i64, channel: String) -> Acc {
        Acc {
            store: StoreId(store),
            channel,
            window_days: 0,
            inputs: ChannelInputs::default(),
            impressions: 0,
            assisted: Decimal::ZERO,
            last: Decimal::ZERO,
            has_counts: false,
            campaigns: Vec::new(),
        }
    }

    fn add(&mut self, c: &CampaignSums, row: CampaignRow) {
        let i = &c.inputs;
        self.window_days = self.window_days.max(c.window_days);
        self.inputs.spend += i.spend;
        self.inputs.platform_sales += i.platform_sales;
        self.inputs.clicks += i.clicks;
        self.inputs.platform_orders += i.platform_orders;
        self.inputs.collects += i.collects;
        self.inputs.add_to_carts += i.add_to_carts;
        self.impressions += c.impressions;
        self.assisted += Decimal::from(c.assisted);
        self.last += Decimal::from(c.last);
        self.has_counts |= c.counted_rows > 0;
        self.campaigns.push(row);
    }
}

/// metrics.md §5: the last-click sales pool of the channels that report conversion counts,
/// and their summed counts.
struct Pool {
    sales: Decimal,
    last: Decimal,
    assisted: Decimal,
}

impl Pool {
    fn of(accs: &[Acc]) -> Pool {
        let counted = accs.iter().filter(|a| a.has_counts);
        Pool {
            sales: counted.clone().map(|a| a.inputs.platform_sales).sum(),
            last: counted.clone().map(|a| a.last).sum(),
            assisted: counted.map(|a| a.assisted).sum(),
        }
    }

    /// A channel's attributed sales; one without counts keeps its platform sales.
    fn attributed(&self, a: &Acc, k: Decimal) -> Decimal {
        if !a.has_counts {
            return a.inputs.platform_sales;
        }
        attributed_sales(a.last, a.assisted, self.last, self.assisted, k, self.sales)
            .unwrap_or(a.inputs.platform_sales)
    }
}

/// What every row of one currency's channels is judged with.
struct Judge<'a> {
    ledger: &'a Ledger,
    cs: &'a CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    be: BreakEven,
}

pub fn channels(ledger: &Ledger, f: &Filter, assist_coef: Decimal) -> Result<ChannelsReport> {
    let k = check_assist_coef(assist_coef)?;
    let scope = resolve(ledger, f)?;
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        let t = totals(ledger, cs, scope.from, scope.to)?;
        let be = StoreFigures::compute(&t.inputs).break_even();
        currencies.push(CurrencyChannels {
            currency: cs.currency,
            break_even_roas: be.roas(),
            channels: rows(ledger, cs, scope.from, scope.to, be, k)?,
        });
    }
    Ok(ChannelsReport {
        from: scope.from,
        to: scope.to,
        assist_coef: k,
        currencies,
    })
}

fn rows(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    be: BreakEven,
    k: Decimal,
) -> Result<Vec<ChannelRow>> {
    let ids = cs.ids_sql();
    let p = day_params(from, to);
    let accs = by_channel(campaign_sums(ledger, &ids, p.clone())?, be, cs.currency);
    let pool = Pool::of(&accs);
    let windows = windows(ledger, &ids, p)?;
    let judge = Judge {
        ledger,
        cs,
        from,
        to,
        be,
    };
    accs.into_iter()
        .map(|a| {
            let attributed = pool.attributed(&a, k);
            channel_row(&judge, a, attributed, &windows)
        })
        .collect()
}

/// Spend, sales and counts per (store, channel, campaign) at the longest window.
fn campaign_sums(ledger: &Ledger, ids: &str, p: [Option<String>; 2]) -> Result<Vec<CampaignSums>> {
    let range = day_range("a.day");
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT a.store_id, a.channel, a.campaign, MAX(a.window_days), SUM(a.spend),
                SUM(a.impressions), SUM(a.clicks), SUM(a.platform_sales), SUM(a.platform_orders),
                SUM(a.collects), SUM(a.add_to_carts), SUM(a.assisted_conversions),
                SUM(a.last_click_conversions), COUNT(a.last_click_conversions)
         FROM ad_days a WHERE a.store_id IN ({ids}) AND {range} AND {COUNTED_AD_DAY}
         GROUP BY a.store_id, a.channel, a.campaign
         ORDER BY a.store_id, a.channel, a.campaign"
    ))?;
    let count = |r: &rusqlite::Row, i| r.get::<_, Option<i64>>(i).map(|v| v.unwrap_or(0));
    let rows = stmt.query_map(params![p[0], p[1]], |r| {
        Ok(CampaignSums {
            store: r.get(0)?,
            channel: r.get(1)?,
            campaign: r.get(2)?,
            window_days: r.get(3)?,
            inputs: ChannelInputs {
                spend: Scaled::from_sql_sum(r.get(4)?),
                platform_sales: Scaled::from_sql_sum(r.get(7)?),
                clicks: count(r, 6)?,
                platform_orders: count(r, 8)?,
                collects: count(r, 9)?,
                add_to_carts: count(r, 10)?,
            },
            impressions: count(r, 5)?,
            assisted: count(r, 11)?,
            last: count(r, 12)?,
            counted_rows: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The campaigns (ordered by store and channel) summed per (store, channel), each campaign
/// judged on its own as well.
fn by_channel(sums: Vec<CampaignSums>, be: BreakEven, cur: Currency) -> Vec<Acc> {
    let mut accs: Vec<Acc> = Vec::new();
    for c in sums {
        let fig = channel_figures(&c.inputs, be);
        let row = campaign_row(c.campaign.clone(), &c.inputs, &fig, cur);
        let same = accs
            .last()
            .is_some_and(|a| a.store.0 == c.store && a.channel == c.channel);
        if !same {
            accs.push(Acc::new(c.store, c.channel.clone()));
        }
        if let Some(a) = accs.last_mut() {
            a.add(&c, row);
        }
    }
    accs
}

/// One (store, channel) row: its figures against break-even, its windows and its §4 fit.
fn channel_row(
    j: &Judge,
    a: Acc,
    attributed: Decimal,
    windows: &[WindowSums],
) -> Result<ChannelRow> {
    let cur = j.cs.currency;
    let fig = channel_figures(&a.inputs, j.be);
    let am = |v: Decimal| Amount::new(v, cur);
    let store = j.cs.store_name(a.store);
    let days = daily_points(j.ledger, &a.store.0.to_string(), j.from, j.to, &a.channel)?;
    let response = respond(cur, &store, &a.channel, days, j.be).summary();
    let windows = windows
        .iter()
        .filter(|w| w.store == a.store.0 && w.channel == a.channel)
        .map(|w| WindowFigures {
            window_days: w.window_days,
            spend: am(w.spend),
            platform_sales: am(w.sales),
            roas: Rate::ratio(w.sales, w.spend),
        })
        .collect();
    Ok(ChannelRow {
        store,
        spend: am(a.inputs.spend),
        platform_sales: am(a.inputs.platform_sales),
        attributed_sales: am(attributed),
        attributed_roas: Rate::ratio(attributed, a.inputs.spend),
        roas: fig.roas,
        roi_pct: fig.roi_pct,
        profit_roi: fig.profit_roi,
        verdict: fig.verdict,
        verdict_distance: fig.verdict_distance,
        clicks: a.inputs.clicks,
        impressions: a.impressions,
        platform_orders: a.inputs.platform_orders,
        cpc: fig.cpc.map(am),
        cvr: fig.cvr,
        aov: fig.aov.map(am),
        collect_cart_rate: fig.collect_cart_rate,
        window_days: a.window_days,
        windows,
        channel: a.channel,
        campaigns: a.campaigns,
        response,
    })
}

fn campaign_row(
    campaign: String,
    i: &ChannelInputs,
    f: &ChannelFigures,
    cur: Currency,
) -> CampaignRow {
    let am = |v: Decimal| Amount::new(v, cur);
    CampaignRow {
        campaign,
        spend: am(i.spend),
        platform_sales: am(i.platform_sales),
        roas: f.roas,
        roi_pct: f.roi_pct,
        profit_roi: f.profit_roi,
        verdict: f.verdict,
        clicks: i.clicks,
        cpc: f.cpc.map(am),
        cvr: f.cvr,
        aov: f.aov.map(am),
    }
}

/// Spend and sales of one (store, channel, window).
struct WindowSums {
    store: i64,
    channel: String,
    window_days: i64,
    spend: Decimal,
    sales: Decimal,
}

/// Spend and sales per (store, channel, window) over every current row.
fn windows(ledger: &Ledger, ids: &str, p: [Option<String>; 2]) -> Result<Vec<WindowSums>> {
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT a.store_id, a.channel, a.window_days, SUM(a.spend), SUM(a.platform_sales)
         FROM ad_days a
         WHERE a.is_current = 1 AND a.store_id IN ({ids}) AND {} AND {NOT_PAID_TWICE}
         GROUP BY a.store_id, a.channel, a.window_days
         ORDER BY a.store_id, a.channel, a.window_days",
        day_range("a.day")
    ))?;
    let rows = stmt.query_map(params![p[0], p[1]], |r| {
        Ok(WindowSums {
            store: r.get(0)?,
            channel: r.get(1)?,
            window_days: r.get(2)?,
            spend: Scaled::from_sql_sum(r.get(3)?),
            sales: Scaled::from_sql_sum(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
