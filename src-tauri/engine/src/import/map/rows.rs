//! Row readers of the grains other than order lines and fee statements: ad days, SKU
//! costs, store traffic days and fixed monthly costs (one row → one record).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::ad_days::AdDays;
use super::values::{same_text, Bad, Bound};
use super::{always, note_day};
use crate::error::Result;
use crate::import::formats::Role;
use crate::import::read::Cell;
use crate::import::{clean, ImportOptions, LedgerSink, MapStats};
use crate::model::{AdDay, FixedCost, SkuCost, TrafficDay};

/// The period of a key/value row whose first text is one of `labels` ("Khoảng thời gian",
/// "01/01/2026 - 31/01/2026").
pub(super) fn period_of(labels: &[&str], cells: &[Cell]) -> Option<(NaiveDate, NaiveDate)> {
    let mut filled = cells.iter().filter(|c| clean::text(c).is_some());
    let label = clean::text(filled.next()?)?;
    if !labels.iter().any(|l| same_text(l, &label)) {
        return None;
    }
    clean::date_range(filled.next()?).ok().flatten()
}

/// One ad row, added to its key's sum. A date range (in the row, else the report's
/// `period`) is booked on its last day (see formats::ads::WANXIANGTAI).
pub(super) fn ad_row(
    b: &Bound,
    cells: &[Cell],
    period: Option<(NaiveDate, NaiveDate)>,
    stats: &mut MapStats,
    ads: &mut AdDays,
) -> Option<Bad> {
    let range = |cells: &[Cell]| -> Result<Option<(NaiveDate, NaiveDate)>, Bad> {
        Ok(b.date_range(cells, Role::Date)?.or(period))
    };
    let read = || -> Result<AdDay, Bad> {
        let rule = b
            .spec
            .ads
            .ok_or_else(|| b.empty(Role::Spend, "the ad settings"))?;
        let (_, day) = range(cells)?.ok_or_else(|| b.empty(Role::Date, "the date"))?;
        let channel = match (rule.scene_channel, b.text(cells, Role::Scene)) {
            (Some((text, ch)), Some(scene)) if same_text(text, &scene) => ch,
            _ => rule.channel,
        };
        let count = |role| b.integer(cells, role).map(|v| v.unwrap_or(0));
        let money = |role| b.money(cells, role, true).map(|v| v.unwrap_or_default());
        Ok(AdDay {
            channel,
            campaign: b.text(cells, Role::Campaign).unwrap_or_default(),
            day,
            spend: money(Role::Spend)?,
            impressions: count(Role::Impressions)?,
            clicks: count(Role::Clicks)?,
            platform_sales: money(Role::Sales)?,
            platform_orders: count(Role::Orders)?,
            collects: count(Role::Collects)?,
            add_to_carts: count(Role::AddToCarts)?,
            assisted_conversions: None,
            last_click_conversions: None,
            window_days: rule.window_days,
        })
    };
    match read() {
        Ok(ad) => {
            if let Ok(Some((from, _))) = range(cells) {
                note_day(stats, from);
            }
            note_day(stats, ad.day);
            ads.add(ad);
            None
        }
        Err(bad) => Some(bad),
    }
}

/// One SKU cost row.
pub(super) fn cost_row(
    b: &Bound,
    cells: &[Cell],
    sku: String,
    stats: &mut MapStats,
    sink: &mut dyn LedgerSink,
) -> Result<Option<Bad>> {
    let read = || -> Result<SkuCost, Bad> {
        let unit_cost: Decimal = b
            .money(cells, Role::UnitCost, true)?
            .ok_or_else(|| b.empty(Role::UnitCost, "the unit cost"))?;
        let valid_from = b.date(cells, Role::ValidFrom)?.unwrap_or_else(always);
        let currency = b.currency_of(cells, Role::Currency)?;
        Ok(SkuCost {
            sku,
            unit_cost,
            valid_from,
            currency,
        })
    };
    emit_read(read(), |cost| {
        if cost.valid_from != always() {
            note_day(stats, cost.valid_from);
        }
        sink.sku_cost(cost)
    })
}

/// A row's record as read (`Ok`) goes to `emit`; an unreadable row is its `Bad`.
pub(super) fn emit_read<T>(
    read: Result<T, Bad>,
    emit: impl FnOnce(T) -> Result<()>,
) -> Result<Option<Bad>> {
    match read {
        Ok(record) => emit(record).map(|()| None),
        Err(bad) => Ok(Some(bad)),
    }
}

/// One store day of traffic. A day repeated in the file is one fact: the later row wins
/// (db::write), as a re-export of that day would.
pub(super) fn traffic_row(
    b: &Bound,
    cells: &[Cell],
    stats: &mut MapStats,
    sink: &mut dyn LedgerSink,
) -> Result<Option<Bad>> {
    let read = || -> Result<TrafficDay, Bad> {
        let day = b
            .date(cells, Role::Date)?
            .ok_or_else(|| b.empty(Role::Date, "the date"))?;
        Ok(TrafficDay {
            day,
            visitors: b
                .count(cells, Role::Visitors)?
                .ok_or_else(|| b.empty(Role::Visitors, "the visitors"))?,
            page_views: b.count(cells, Role::PageViews)?.unwrap_or(0),
        })
    };
    emit_read(read(), |t| {
        note_day(stats, t.day);
        sink.traffic_day(t)
    })
}

/// One fixed-cost row. Its store is the row's, else `--store`, else none (all stores of the
/// currency); the sink says which currency that means, and the amount is read in it.
pub(super) fn fixed_cost_row(
    b: &Bound,
    cells: &[Cell],
    opts: &ImportOptions,
    stats: &mut MapStats,
    sink: &mut dyn LedgerSink,
) -> Result<Option<Bad>> {
    let head = || -> Result<_, Bad> {
        let month = b
            .month(cells, Role::Month)?
            .ok_or_else(|| b.empty(Role::Month, "the month"))?;
        let kind = b
            .text(cells, Role::CostItem)
            .ok_or_else(|| b.empty(Role::CostItem, "the cost item"))?;
        Ok((month, kind, b.currency_of(cells, Role::Currency)?))
    };
    let (month, kind, currency) = match head() {
        Ok(h) => h,
        Err(bad) => return Ok(Some(bad)),
    };
    let named = b.text(cells, Role::Store);
    let store = named.as_deref().or(opts.store.as_deref());
    let (store, currency) = match sink.cost_target(store, currency, b.currency)? {
        Ok(t) => t,
        Err(reason) => {
            // Blame the cell that chose the target: the store's, else the currency's.
            let (role, value) = match (named, currency) {
                (Some(n), _) => (Role::Store, n),
                (None, Some(c)) => (Role::Currency, c.code().to_string()),
                (None, None) => (Role::Store, opts.store.clone().unwrap_or_default()),
            };
            let column = b.header_of(role);
            return Ok(Some(Bad {
                column,
                value,
                reason,
            }));
        }
    };
    let amount = match b.money_in(cells, Role::Amount, currency) {
        Ok(Some(a)) => a,
        Ok(None) => return Ok(Some(b.empty(Role::Amount, "the amount"))),
        Err(bad) => return Ok(Some(bad)),
    };
    note_day(stats, month);
    if let Some(next) = month.checked_add_months(chrono::Months::new(1)) {
        note_day(stats, next.pred_opt().unwrap_or(month));
    }
    sink.fixed_cost(FixedCost {
        store,
        currency,
        month,
        kind,
        amount,
    })?;
    Ok(None)
}
