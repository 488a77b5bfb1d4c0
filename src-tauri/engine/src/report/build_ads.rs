//! The monthly-trend and channel sections of the report (see `build`).

use super::build::Builder;
use super::doc::{coord, Block, Cell, Chart, Series, Span, Tone};
use super::format;
use super::i18n::{fill, t};
use crate::metrics::Verdict;
use crate::model::Rate;

pub(crate) fn monthly(b: &mut Builder) {
    b.section("sec.monthly", true);
    let r = b.r;
    for cm in &r.monthly.currencies {
        let cur = cm.currency;
        let sfx = b.currency_heading(cur);
        let labels: Vec<String> = cm
            .months
            .iter()
            .map(|m| m.month.get(5..).unwrap_or(&m.month).to_string())
            .collect();
        let sales: Vec<f64> = cm
            .months
            .iter()
            .map(|m| coord(m.net_sales.value()))
            .collect();
        let profit: Vec<f64> = cm
            .months
            .iter()
            .map(|m| coord(m.net_profit.value()))
            .collect();
        let ads: Vec<f64> = cm
            .months
            .iter()
            .map(|m| coord(m.ad_spend.value()))
            .collect();
        let all = sales.iter().chain(&profit).chain(&ads);
        let lo = all.clone().copied().fold(0.0, f64::min);
        let hi = all.copied().fold(0.0, f64::max);
        b.blocks.push(Block::Chart {
            caption: b.t("chart.monthly"),
            chart: Chart::Columns {
                labels,
                series: vec![
                    Series {
                        name: b.t("metric.net_sales"),
                        tone: Tone::Total,
                        values: sales,
                    },
                    Series {
                        name: b.t("metric.net_profit"),
                        tone: Tone::Good,
                        values: profit,
                    },
                    Series {
                        name: b.t("metric.ad_spend"),
                        tone: Tone::Cost,
                        values: ads,
                    },
                ],
                lo,
                hi,
            },
        });
        let header = [
            "col.month",
            "metric.gross_sales",
            "metric.net_sales",
            "metric.net_profit",
            "metric.ad_spend",
            "metric.store_roas",
        ]
        .iter()
        .map(|k| b.t(k))
        .collect();
        let rows = cm
            .months
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.month.clone()),
                    Cell::Money(m.gross_sales.value(), cur),
                    Cell::Money(m.net_sales.value(), cur),
                    Cell::Money(m.net_profit.value(), cur),
                    Cell::Money(m.ad_spend.value(), cur),
                    Cell::Ratio(m.store_roas.map(Rate::value)),
                ]
            })
            .collect();
        b.table(format!("{}{sfx}", b.t("sec.monthly")), header, rows);
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
        let be = cc.break_even_roas.map(Rate::value);
        let several_stores = cc.channels.iter().any(|c| c.store != cc.channels[0].store);
        let name = |ch: &crate::metrics::ChannelRow| {
            let n = t(lang, &format!("channel.{}", ch.channel));
            if several_stores {
                format!("{n} · {}", ch.store)
            } else {
                n
            }
        };

        let spans: Vec<Span> = cc
            .channels
            .iter()
            .map(|ch| Span {
                label: name(ch),
                from: 0.0,
                to: ch.roas.map_or(0.0, |v| coord(v.value())),
                text: format::ratio(ch.roas.map(Rate::value), lang),
                tone: match ch.verdict {
                    Some(Verdict::Scale) => Tone::Good,
                    Some(Verdict::Cut) => Tone::Bad,
                    None => Tone::Neutral,
                },
            })
            .collect();
        let marker = be.map(|v| {
            (
                coord(v),
                format!(
                    "{} {}",
                    b.t("note.break_even_line"),
                    format::ratio(Some(v), lang)
                ),
            )
        });
        let hi = spans
            .iter()
            .map(|s| s.to)
            .chain(marker.as_ref().map(|m| m.0))
            .fold(0.0, f64::max)
            * 1.1;
        b.blocks.push(Block::Chart {
            caption: b.t("chart.channels"),
            chart: Chart::Spans {
                rows: spans,
                lo: 0.0,
                hi,
                marker,
            },
        });
        b.blocks.push(Block::Note(b.t("note.channels")));

        let header = [
            "col.channel",
            "col.window",
            "col.spend",
            "col.platform_sales",
            "col.roas",
            "metric.profit_roi",
            "col.verdict",
            "col.distance",
        ]
        .iter()
        .map(|k| b.t(k))
        .collect();
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
                    Cell::Text(fill(lang, "days", &[("n", ch.window_days.to_string())])),
                    Cell::Money(ch.spend.value(), cur),
                    Cell::Money(ch.platform_sales.value(), cur),
                    Cell::Ratio(ch.roas.map(Rate::value)),
                    Cell::Percent(ch.profit_roi.map(Rate::value)),
                    Cell::Text(verdict),
                    Cell::ChangeRatio(ch.verdict_distance.map(Rate::value)),
                ]
            })
            .collect();
        b.table(format!("{}{sfx}", b.t("sec.channels")), header, rows);
    }
    if !any {
        b.blocks.push(Block::Note(b.t("note.no_channels")));
    }
}
