//! `channels --json` (cli.md): per store × channel figures against the currency's break-even.
//!
//! Attribution (metrics.md §5): the sales pool shared out is the platforms' own last-click
//! total (Σ platform_sales) of the channels that report last-click/assisted conversions; each
//! such channel gets (last + k·assisted)/(Σlast + k·Σassisted) of it. A channel without those
//! counts keeps its platform_sales (so with no such data attributed_sales = platform_sales).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::ad_sums::{ad_sums, CampaignSums, WindowSums};
use super::response::{respond, DayPoint, ResponseSummary};
use super::totals::totals;
use super::{day_params, resolve, CurrencyScope, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::attribution::{attributed_sales, check_assist_coef};
use crate::metrics::channel::{channel_figures, ChannelFigures, ChannelInputs, Verdict};
use crate::metrics::store::{BreakEven, StoreFigures};
use crate::metrics::Amount;
use crate::model::{Currency, Rate, StoreId};

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
        self.window_days = self.window_days.max(c.window_days);
        self.inputs += c.inputs;
        self.impressions = self.impressions.saturating_add(c.impressions);
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
    cs: &'a CurrencyScope,
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
    let mut ads = ad_sums(ledger, &ids, p)?;
    let accs = by_channel(std::mem::take(&mut ads.campaigns), be, cs.currency);
    let pool = Pool::of(&accs);
    let judge = Judge { cs, be };
    accs.into_iter()
        .map(|a| {
            let attributed = pool.attributed(&a, k);
            let days = ads.days.remove(&(a.store.0, a.channel.clone()));
            channel_row(
                &judge,
                a,
                attributed,
                &ads.windows,
                days.unwrap_or_default(),
            )
        })
        .collect()
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
    days: Vec<DayPoint>,
) -> Result<ChannelRow> {
    let cur = j.cs.currency;
    let fig = channel_figures(&a.inputs, j.be);
    let am = |v: Decimal| Amount::new(v, cur);
    let store = j.cs.store_name(a.store);
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
