//! The one generic importer: a format table + rows of cells → ledger records into a sink.
//! Streams the detected sheet; keeps the current order's state only (see `lines`; a file
//! that lists an order's lines apart is read again keeping every order), and per ad key
//! (see `ad_days`).

mod ad_days;
mod fees;
mod finished;
mod items;
mod lines;
mod occurrence;
mod values;
mod wallet;

#[cfg(test)]
mod test_util;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ads;
#[cfg(test)]
mod tests_fees;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_traffic;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use self::ad_days::AdDays;
use self::fees::Fees;
use self::items::Items;
use self::lines::Lines;
pub use self::values::show;
use self::values::{same_text, Bad, Bound};
use self::wallet::Wallet;
use crate::error::{Error, Location, Result};
use crate::import::formats::{self, Grain, Role};
use crate::import::read::{Book, Cell};
use crate::import::{Detected, ImportOptions, LedgerSink, MapStats, Skipped};
use crate::model::{AdDay, FixedCost, SkuCost, TrafficDay};

use crate::import::{clean, header};

/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 1000;

/// A SKU cost without a start date holds from this day on.
fn always() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Why mapping stopped early.
enum Stop {
    Failed(Error),
    /// An order came back after other orders: read the file again with `whole_file`.
    Revisit,
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Failed(e)
    }
}

/// Read the detected sheet, then its companion sheets (`FormatSpec::companions`), into
/// `sink`; the counts add up. See `map_sheet`.
pub fn map(
    book: &mut dyn Book,
    detected: &Detected,
    opts: &ImportOptions,
    sink: &mut dyn LedgerSink,
    progress: &mut dyn FnMut(u64),
) -> Result<MapStats> {
    let stats = match map_sheets(book, detected, opts, sink, progress, false) {
        Ok(stats) => stats,
        Err(Stop::Failed(e)) => return Err(e),
        Err(Stop::Revisit) => {
            sink.restart()?;
            match map_sheets(book, detected, opts, sink, progress, true) {
                Ok(stats) => stats,
                Err(Stop::Failed(e)) => return Err(e),
                Err(Stop::Revisit) => {
                    return Err(Error::Internal(
                        "an order revisited a whole-file read".into(),
                    ))
                }
            }
        }
    };
    nothing_left(book.file_name(), &stats)?;
    Ok(stats)
}

/// Skipping bad rows is for a few rows: a file whose every row was skipped is refused, with
/// its first bad row, rather than "imported" with nothing in it.
fn nothing_left(file: &str, stats: &MapStats) -> Result<()> {
    match stats.skipped.first() {
        Some(first) if stats.skipped.len() as u64 >= stats.rows => Err(Error::BadCell {
            at: Location {
                file: file.to_string(),
                sheet: Some(first.sheet.clone()),
                row: Some(first.row),
                column: first.column.clone(),
            },
            value: first.value.clone().unwrap_or_default(),
            reason: format!("{} (and no row of the file could be read)", first.reason),
        }),
        _ => Ok(()),
    }
}

fn map_sheets(
    book: &mut dyn Book,
    detected: &Detected,
    opts: &ImportOptions,
    sink: &mut dyn LedgerSink,
    progress: &mut dyn FnMut(u64),
    whole_file: bool,
) -> Result<MapStats, Stop> {
    let mut stats = map_sheet(book, detected, opts, sink, progress, whole_file)?;
    for companion in crate::import::detect::detect_companions(book, detected)? {
        let done = stats.rows;
        let more = map_sheet(
            book,
            &companion,
            opts,
            sink,
            &mut |n| progress(done + n),
            whole_file,
        )?;
        stats.rows += more.rows;
        stats.skipped.extend(more.skipped);
        for day in [more.date_from, more.date_to].into_iter().flatten() {
            note_day(&mut stats, day);
        }
    }
    Ok(stats)
}

/// Read the detected sheet into `sink`. A required value that cannot be read is
/// `Error::BadCell` (or a `Skipped` entry with `opts.allow_skip`); a missing required column
/// is `Error::MissingColumn`. `progress` gets the rows done every ~1000 rows and at the end.
fn map_sheet(
    book: &mut dyn Book,
    detected: &Detected,
    opts: &ImportOptions,
    sink: &mut dyn LedgerSink,
    progress: &mut dyn FnMut(u64),
    whole_file: bool,
) -> Result<MapStats, Stop> {
    let spec = formats::by_id(detected.format_id)
        .ok_or_else(|| Error::Internal(format!("no format {:?}", detected.format_id)))?;
    let file = book.file_name().to_string();
    let at = |row: Option<u64>, column: Option<String>| Location {
        file: file.clone(),
        sheet: Some(detected.sheet.clone()),
        row,
        column,
    };
    let mut stats = MapStats::default();
    let mut bound: Option<Bound> = None;
    let mut lines = Lines::new(whole_file);
    let mut fees = Fees::default();
    let mut items = Items::default();
    let mut ads = AdDays::default();
    let mut wallet = Wallet::default();
    let mut first_data = true;
    let mut period: Option<(NaiveDate, NaiveDate)> = None;

    for row in book.rows(&detected.sheet)? {
        let row = row?;
        if row.number < detected.header_row {
            if let Some(p) = period_of(spec.period_labels, &row.cells) {
                period = Some(p);
            }
            continue;
        }
        let Some(b) = &bound else {
            if row.number == detected.header_row {
                let here = at(Some(row.number), None);
                bound = Some(Bound::new(spec, &row.cells, detected.currency, &here)?);
            }
            continue;
        };
        if header::is_noise_row(&row.cells, &b.columns) {
            continue;
        }
        if std::mem::take(&mut first_data)
            && spec.description_row
            && !matches!(b.date(&row.cells, Role::Date), Ok(Some(_)))
        {
            continue; // the column descriptions under the header
        }
        if !b.wanted_row(&row.cells) {
            continue; // another row type (Shopee SKU rows, TikTok adjustments)
        }
        let key_role = match spec.grain {
            Grain::Lines | Grain::Items => Role::OrderId,
            // A report dated by its period (no day column): a row with a spend is data.
            Grain::Ads if !b.has(Role::Date) => Role::Spend,
            Grain::Ads | Grain::Fees | Grain::Traffic | Grain::Withdrawals => Role::Date,
            Grain::SkuCosts => Role::Sku,
            // A row without an amount is padding (a template's empty months).
            Grain::FixedCosts => Role::Amount,
        };
        let key = match spec.grain {
            Grain::Ads | Grain::Fees | Grain::Traffic | Grain::FixedCosts | Grain::Withdrawals => {
                Ok(b.text(&row.cells, key_role))
            }
            _ => b.id(&row.cells, key_role),
        };
        let key = match key {
            Ok(Some(k)) => k,
            Ok(None) => continue, // trailing padding, blank key
            Err(bad) => {
                stats.rows += 1;
                refuse_or_skip(bad, row.number, opts, &mut stats, &at, &detected.sheet)?;
                continue;
            }
        };
        stats.rows += 1;
        if stats.rows % PROGRESS_EVERY == 0 {
            progress(stats.rows);
        }
        let mut held = false;
        let done = match spec.grain {
            Grain::Lines if lines.revisits(&key) => return Err(Stop::Revisit),
            Grain::Lines => match lines.read(b, &row.cells, key) {
                Ok(r) => {
                    note_day(&mut stats, r.day());
                    lines.emit(r, sink).map(|_| None)?
                }
                Err(bad) => Some(bad),
            },
            Grain::Items => match items.read(b, &row.cells, key) {
                Ok(r) => items.emit(r, sink).map(|_| None)?,
                Err(bad) => Some(bad),
            },
            Grain::Ads => {
                held = true; // done with its key's sum, in `ads.finish`
                ad_row(b, &row.cells, period, &mut stats, &mut ads)
            }
            Grain::SkuCosts => cost_row(b, &row.cells, key, &mut stats, sink)?,
            Grain::Traffic => traffic_row(b, &row.cells, &mut stats, sink)?,
            Grain::FixedCosts => fixed_cost_row(b, &row.cells, opts, &mut stats, sink)?,
            Grain::Fees => match spec.fees.as_ref().map(|r| (r, fees.read(b, &row.cells, r))) {
                Some((rule, Ok(r))) => {
                    note_day(&mut stats, r.day());
                    held = !fees.emit(r, rule, sink)?;
                    None
                }
                Some((_, Err(bad))) => Some(bad),
                None => None,
            },
            Grain::Withdrawals => match spec.withdrawals.map(|r| wallet.read(b, &row.cells, &r)) {
                Some(read) => emit_read(read, |w| match w {
                    Some(w) => {
                        note_day(&mut stats, w.day);
                        sink.withdrawal(w)
                    }
                    None => Ok(()),
                })?,
                None => None,
            },
        };
        if let Some(bad) = done {
            refuse_or_skip(bad, row.number, opts, &mut stats, &at, &detected.sheet)?;
        }
        if !held {
            sink.end_row();
        }
    }
    if bound.is_none() {
        return Err(Error::BadFile {
            at: at(Some(detected.header_row), None),
            reason: "the header row was not found".into(),
        }
        .into());
    }
    lines.finish(sink)?;
    fees.finish(spec.fees.as_ref(), sink)?;
    ads.finish(sink)?;
    progress(stats.rows);
    Ok(stats)
}

fn refuse_or_skip(
    bad: Bad,
    row: u64,
    opts: &ImportOptions,
    stats: &mut MapStats,
    at: &dyn Fn(Option<u64>, Option<String>) -> Location,
    sheet: &str,
) -> Result<()> {
    // A reason about no column in particular (which store a row belongs to) names none.
    let column = Some(bad.column).filter(|c| !c.is_empty());
    if !opts.allow_skip {
        return Err(Error::BadCell {
            at: at(Some(row), column),
            value: bad.value,
            reason: bad.reason,
        });
    }
    stats.skipped.push(Skipped {
        sheet: sheet.to_string(),
        row,
        column,
        value: Some(bad.value),
        reason: bad.reason,
    });
    Ok(())
}

fn note_day(stats: &mut MapStats, day: NaiveDate) {
    stats.date_from = Some(stats.date_from.map_or(day, |d| d.min(day)));
    stats.date_to = Some(stats.date_to.map_or(day, |d| d.max(day)));
}

/// The period of a key/value row whose first text is one of `labels` ("Khoảng thời gian",
/// "01/01/2026 - 31/01/2026").
fn period_of(labels: &[&str], cells: &[Cell]) -> Option<(NaiveDate, NaiveDate)> {
    let mut filled = cells.iter().filter(|c| clean::text(c).is_some());
    let label = clean::text(filled.next()?)?;
    if !labels.iter().any(|l| same_text(l, &label)) {
        return None;
    }
    clean::date_range(filled.next()?).ok().flatten()
}

/// One ad row, added to its key's sum. A date range (in the row, else the report's
/// `period`) is booked on its last day (see formats::ads::WANXIANGTAI).
fn ad_row(
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
fn cost_row(
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
        Ok(SkuCost {
            sku,
            unit_cost,
            valid_from,
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
fn emit_read<T>(read: Result<T, Bad>, emit: impl FnOnce(T) -> Result<()>) -> Result<Option<Bad>> {
    match read {
        Ok(record) => emit(record).map(|()| None),
        Err(bad) => Ok(Some(bad)),
    }
}

/// One store day of traffic. A day repeated in the file is one fact: the later row wins
/// (db::write), as a re-export of that day would.
fn traffic_row(
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
fn fixed_cost_row(
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
