//! The monthly-trend and channel sections of the report (see `build`).

use super::build::{change, Builder};
use super::doc::{Block, Cell};
use super::format;
use super::i18n::{fill, t, Lang};
use rust_decimal::Decimal;

use crate::charts::RoasBar;
use crate::metrics::saturation::MIN_FIT_POINTS;
use crate::metrics::{ChannelRow, CurrencyChannels, NoCeiling, Saturation, Verdict};
use crate::model::{Currency, Rate};

pub(crate) fn monthly(b: &mut Builder) {
    b.section("sec.monthly", true);
    let r = b.r;
    for cm in &r.monthly.currencies {
        let cur = cm.currency;
        let sfx = b.currency_heading(cur);
        if !cm.months.is_empty() {
            let svg = super::charts::monthly(cm, b.lang);
            b.chart(b.t("chart.monthly"), svg);
        }
        // Last year's same month, where last year has data (matched by month number).
        let before = r
            .last_monthly
            .as_ref()
            .and_then(|m| m.currencies.iter().find(|c| c.currency == cur))
            .filter(|c| c.months.iter().any(|x| !x.net_sales.value().is_zero()));
        let same_month = |month: &str| {
            let mm = month.get(5..)?;
            before?.months.iter().find(|x| x.month.get(5..) == Some(mm))
        };
        let mut header = b.headers(&["col.month", "metric.gross_sales", "metric.net_sales"]);
        if before.is_some() {
            header.extend(b.headers(&["col.net_sales_last_year", "col.change"]));
        }
        header.extend(b.headers(&["metric.net_profit", "metric.ad_spend", "metric.store_roas"]));
        let rows = cm
            .months
            .iter()
            .map(|m| {
                let mut row = vec![
                    Cell::Text(m.month.clone()),
                    Cell::Money(m.gross_sales.value(), cur),
                    Cell::Money(m.net_sales.value(), cur),
                ];
                if before.is_some() {
                    let last = same_month(&m.month).map_or(Decimal::ZERO, |x| x.net_sales.value());
                    row.push(Cell::Money(last, cur));
                    row.push(Cell::ChangePct(change(m.net_sales.value(), last)));
                }
                row.extend([
                    Cell::Money(m.net_profit.value(), cur),
                    Cell::Money(m.ad_spend.value(), cur),
                    Cell::Ratio(m.store_roas.map(Rate::value)),
                ]);
                row
            })
            .collect();
        b.table(b.sheet("sec.monthly", &sfx), header, rows);
    }
}

pub(crate) fn channels(b: &mut Builder) {
    b.section("sec.channels", true);
    let r = b.r;
    let lang = b.lang;
    let mut any = false;
    for cc in &r.channels.currencies {
        if cc.channels.is_empty() {
            continue;
        }
        any = true;
        let cur = cc.currency;
        let sfx = b.currency_heading(cur);
        let name = |ch: &ChannelRow| channel_name(lang, cc, ch);

        let bars: Vec<RoasBar> = cc
            .channels
            .iter()
            .map(|ch| RoasBar {
                label: name(ch),
                roas: ch.roas.map(Rate::value),
                scale: ch.verdict == Some(Verdict::Scale),
            })
            .collect();
        let svg = super::charts::roas(&bars, cc.break_even_roas, lang);
        b.chart(b.t("chart.channels"), svg);
        b.blocks.push(Block::Note(b.t("note.channels")));
        b.blocks.push(Block::Note(break_even_basis(b, cc)));

        let header = b.headers(&[
            "col.channel",
            "col.window",
            "col.spend",
            "col.platform_sales",
            "col.roas",
            "metric.profit_roi",
            "col.verdict",
            "col.distance",
        ]);
        let rows = cc
            .channels
            .iter()
            .map(|ch| {
                let verdict = match ch.verdict {
                    Some(Verdict::Scale) => b.t("verdict.scale"),
                    Some(Verdict::Cut) => b.t("verdict.cut"),
                    None => format::DASH.to_string(),
                };
                vec![
                    Cell::Text(name(ch)),
                    Cell::Text(fill(
                        lang,
                        if ch.window_days == 1 {
                            "days.one"
                        } else {
                            "days"
                        },
                        &[("n", ch.window_days.to_string())],
                    )),
                    Cell::Money(ch.spend.value(), cur),
                    Cell::Money(ch.platform_sales.value(), cur),
                    Cell::Ratio(ch.roas.map(Rate::value)),
                    Cell::Ratio(ch.profit_roi.map(Rate::value)),
                    Cell::Text(verdict),
                    Cell::ChangeRatio(ch.verdict_distance.map(Rate::value)),
                ]
            })
            .collect();
        b.table(b.sheet("sec.channels", &sfx), header, rows);
        marginal(b, cc, &name, &sfx);
    }
    if !any {
        b.blocks.push(Block::Note(b.t("note.no_channels")));
    }
}

/// Marginal ROAS and the suggested daily spend ceiling of each channel (metrics.md §4), then
/// the spend-response chart of every channel with a fit.
fn marginal(
    b: &mut Builder,
    cc: &CurrencyChannels,
    name: &dyn Fn(&ChannelRow) -> String,
    sfx: &str,
) {
    let r = b.r;
    let lang = b.lang;
    let cur = cc.currency;
    b.blocks.push(Block::Sub(b.t("sub.marginal")));
    b.blocks.push(Block::Note(b.t("note.marginal")));
    let header = b.headers(&[
        "col.channel",
        "col.days",
        "col.current_spend",
        "col.marginal_roas",
        "col.ceiling",
        "col.fit_note",
    ]);
    let mut rows = Vec::new();
    let mut fitted = Vec::new();
    for ch in &cc.channels {
        let Some(resp) = r.response(&ch.store, &ch.channel) else {
            continue;
        };
        let money = |v: Option<Decimal>| v.map_or(Cell::Missing, |v| Cell::Money(v, cur));
        let (days, note) = match resp.fit {
            Saturation::NotEnoughData { points } => (
                points,
                fill(
                    lang,
                    "note.not_enough_days",
                    &[
                        ("n", points.to_string()),
                        ("min", MIN_FIT_POINTS.to_string()),
                    ],
                ),
            ),
            Saturation::Fit(fit) => {
                fitted.push((ch, resp));
                let note = match (resp.optimal_spend, resp.why) {
                    (Some(_), _) | (None, None) => b.t("note.fit_ok"),
                    (None, Some(why)) => no_ceiling_note(lang, why, resp.max_spend, cur),
                };
                (fit.points, note)
            }
        };
        rows.push(vec![
            Cell::Text(name(ch)),
            Cell::Int(days as i64),
            money(resp.current_spend),
            Cell::Ratio(resp.current_marginal_roas.map(Rate::value)),
            money(resp.optimal_spend),
            Cell::Text(note),
        ]);
    }
    b.table(b.sheet("sheet.marginal", sfx), header, rows);
    for (ch, resp) in fitted {
        let svg = super::charts::response(resp, lang);
        let key = if resp.optimal_spend.is_some() {
            "chart.response"
        } else {
            "chart.response_no_ceiling"
        };
        let caption = fill(lang, key, &[("channel", name(ch))]);
        b.chart(caption, svg);
    }
}

/// Why a fitted channel has no ceiling, in words (`why` of cli.md's `response`).
pub(crate) fn no_ceiling_note(
    lang: Lang,
    why: NoCeiling,
    max: Option<Decimal>,
    cur: Currency,
) -> String {
    let key = format!("note.no_ceiling.{}", why.code());
    let max = max.map_or_else(String::new, |v| format::money(v, cur, lang));
    fill(lang, &key, &[("max", max)])
}

/// The one break-even the verdicts, targets and spend ceilings of a currency all use, and
/// its basis: with several stores summed it is theirs together (metrics.md §3, §8), so the
/// merchant is told where each store's own figure is.
fn break_even_basis(b: &Builder, cc: &CurrencyChannels) -> String {
    let be = format::ratio(cc.break_even_roas.map(Rate::value), b.lang);
    let stores =
        b.r.this_year(cc.currency)
            .map_or(&[][..], |c| &c.stores[..]);
    match stores {
        [one] => fill(
            b.lang,
            "note.be_basis_store",
            &[("be", be), ("store", one.clone())],
        ),
        _ => fill(
            b.lang,
            "note.be_basis_all",
            &[("be", be), ("n", stores.len().to_string())],
        ),
    }
}

/// A channel as the report names it: translated, with its store when the currency has
/// channels in several stores.
fn channel_name(lang: Lang, cc: &CurrencyChannels, ch: &ChannelRow) -> String {
    let n = t(lang, &format!("channel.{}", ch.channel));
    if cc.channels.iter().any(|c| c.store != ch.store) {
        format!("{n} · {}", ch.store)
    } else {
        n
    }
}

/// Next year's target per channel (lessons section): the ROAS to hold (the break-even the
/// verdicts use), this year's ROAS, the daily spend ceiling where a fit exists, the action.
pub(crate) fn targets(b: &mut Builder, cur: Currency, sfx: &str) {
    let r = b.r;
    let lang = b.lang;
    let Some(cc) = r
        .channels
        .currencies
        .iter()
        .find(|c| c.currency == cur && !c.channels.is_empty())
    else {
        return;
    };
    let header = b.headers(&[
        "col.channel",
        "col.target_roas",
        "col.roas",
        "col.ceiling",
        "col.action",
    ]);
    let rows = cc
        .channels
        .iter()
        .map(|ch| {
            let resp = r.response(&ch.store, &ch.channel);
            let ceiling = resp.and_then(|x| x.optimal_spend);
            let over = resp
                .and_then(|x| x.current_spend)
                .zip(ceiling)
                .is_some_and(|(now, max)| now > max);
            let action = match ch.verdict {
                Some(Verdict::Scale) if over => "action.hold",
                Some(Verdict::Scale) => "verdict.scale",
                Some(Verdict::Cut) => "verdict.cut",
                None => "action.none",
            };
            vec![
                Cell::Text(channel_name(lang, cc, ch)),
                Cell::Ratio(cc.break_even_roas.map(Rate::value)),
                Cell::Ratio(ch.roas.map(Rate::value)),
                ceiling.map_or(Cell::Missing, |v| Cell::Money(v, cur)),
                Cell::Text(t(lang, action)),
            ]
        })
        .collect();
    b.blocks.push(Block::Sub(b.t("sub.targets")));
    b.table(b.sheet("sub.targets", sfx), header, rows);
}
