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
    let range = day_range("a.day");
    let cur = cs.currency;
    let mut stmt = ledger.conn().prepare(&format!(
        "SELECT a.store_id, a.channel, a.campaign, MAX(a.window_days), SUM(a.spend),
                SUM(a.impressions), SUM(a.clicks), SUM(a.platform_sales), SUM(a.platform_orders),
                SUM(a.collects), SUM(a.add_to_carts), SUM(a.assisted_conversions),
                SUM(a.last_click_conversions), COUNT(a.last_click_conversions)
         FROM ad_days a WHERE a.store_id IN ({ids}) AND {range} AND {COUNTED_AD_DAY}
         GROUP BY a.store_id, a.channel, a.campaign
         ORDER BY a.store_id, a.channel, a.campaign"
    ))?;
    let raw = stmt.query_map(params![p[0], p[1]], |r| {
        let i = ChannelInputs {
            spend: Scaled::from_sql_sum(r.get(4)?),
            platform_sales: Scaled::from_sql_sum(r.get(7)?),
            clicks: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
            platform_orders: r.get::<_, Option<i64>>(8)?.unwrap_or(0),
            collects: r.get::<_, Option<i64>>(9)?.unwrap_or(0),
            add_to_carts: r.get::<_, Option<i64>>(10)?.unwrap_or(0),
        };
        Ok((
            (
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ),
            r.get::<_, i64>(3)?,
            i,
            r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            (
                r.get::<_, Option<i64>>(11)?,
                r.get::<_, Option<i64>>(12)?,
                r.get::<_, i64>(13)?,
            ),
        ))
    })?;
    let mut accs: Vec<Acc> = Vec::new();
    for row in raw {
        let ((store, channel, campaign), window, i, impressions, (assisted, last, n_last)) = row?;
        let fig = channel_figures(&i, be);
        let campaign = campaign_row(campaign, &i, &fig, cur);
        let acc = match accs.last_mut() {
            Some(a) if a.store.0 == store && a.channel == channel => a,
            _ => {
                accs.push(Acc {
                    store: StoreId(store),
                    channel,
                    window_days: 0,
                    inputs: ChannelInputs::default(),
                    impressions: 0,
                    assisted: Decimal::ZERO,
                    last: Decimal::ZERO,
                    has_counts: false,
                    campaigns: Vec::new(),
                });
                match accs.last_mut() {
                    Some(a) => a,
                    None => continue,
                }
            }
        };
        acc.window_days = acc.window_days.max(window);
        acc.inputs.spend += i.spend;
        acc.inputs.platform_sales += i.platform_sales;
        acc.inputs.clicks += i.clicks;
        acc.inputs.platform_orders += i.platform_orders;
        acc.inputs.collects += i.collects;
        acc.inputs.add_to_carts += i.add_to_carts;
        acc.impressions += impressions;
        acc.assisted += Decimal::from(assisted.unwrap_or(0));
        acc.last += Decimal::from(last.unwrap_or(0));
        acc.has_counts |= n_last > 0;
        acc.campaigns.push(campaign);
    }

    // §5 over the channels that report conversion counts.
    let counted = accs.iter().filter(|a| a.has_counts);
    let pool: Decimal = counted.clone().map(|a| a.inputs.platform_sales).sum();
    let sum_last: Decimal = counted.clone().map(|a| a.last).sum();
    let sum_assisted: Decimal = counted.map(|a| a.assisted).sum();

    let windows = windows(ledger, &ids, p)?;
    let mut out = Vec::new();
    for a in accs {
        let fig = channel_figures(&a.inputs, be);
        let attributed = if a.has_counts {
            attributed_sales(a.last, a.assisted, sum_last, sum_assisted, k, pool)
                .unwrap_or(a.inputs.platform_sales)
        } else {
            a.inputs.platform_sales
        };
        let am = |v: Decimal| Amount::new(v, cur);
        let store = cs.store_name(a.store);
        let days = daily_points(ledger, &a.store.0.to_string(), from, to, &a.channel)?;
        let response = respond(cur, &store, &a.channel, days, be).summary();
        out.push(ChannelRow {
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
            windows: windows
                .iter()
                .filter(|w| w.0 == a.store.0 && w.1 == a.channel)
                .map(|w| WindowFigures {
                    window_days: w.2,
                    spend: am(w.3),
                    platform_sales: am(w.4),
                    roas: Rate::ratio(w.4, w.3),
                })
                .collect(),
            channel: a.channel,
            campaigns: a.campaigns,
            response,
        });
    }
    Ok(out)
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

type WindowSums = (i64, String, i64, Decimal, Decimal);

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
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            Scaled::from_sql_sum(r.get(3)?),
            Scaled::from_sql_sum(r.get(4)?),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
