//! "Lessons and next-year targets", derived mechanically from the review's figures: each is a
//! translation key plus typed parameters, so every renderer formats them for its language.

use rust_decimal::Decimal;
use serde::Serialize;

use super::data::YearReview;
use crate::metrics::products::Stage;
use crate::metrics::{CurrencySummary, NoCeiling, Saturation, Verdict};
use crate::model::{Currency, FeeKind, Rate};

/// How many growing cost kinds and example SKUs a lesson names.
const TOP_COSTS: usize = 3;
const EXAMPLE_SKUS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lesson {
    pub currency: Currency,
    /// Translation key (`lesson.*` in i18n).
    pub key: &'static str,
    pub params: Vec<(&'static str, Param)>,
}

/// A lesson's parameter, formatted by the renderer for its language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Param {
    Money(Decimal, Currency),
    /// A ROAS-like ratio ("2.22").
    Ratio(Option<Rate>),
    Percent(Option<Rate>),
    Count(i64),
    Text(String),
    /// SKUs named as examples (an empty SKU shows as "no SKU" in the language).
    Skus(Vec<String>),
    /// A key the renderer translates (a cost kind, a channel id).
    Key(String),
}

pub fn lessons(r: &YearReview) -> Vec<Lesson> {
    let mut out = Vec::new();
    for c in &r.summary.currencies {
        let cur = c.currency;
        let l = |key, params| Lesson {
            currency: cur,
            key,
            params,
        };
        let f = &c.figures;
        out.push(l(
            "lesson.kept",
            vec![
                ("gmv", Param::Money(f.gross_sales, cur)),
                ("profit", Param::Money(f.net_profit, cur)),
                ("margin", Param::Percent(f.net_margin)),
            ],
        ));
        match f.break_even_roas {
            Some(be) => out.push(l("lesson.break_even", vec![("be", Param::Ratio(Some(be)))])),
            None => out.push(l("lesson.no_break_even", vec![])),
        }
        out.extend(channel_lessons(r, cur));
        out.extend(product_lessons(r, cur));
        if let Some(last) = r.previous(cur) {
            out.extend(cost_growth(c, last));
        }
        let missing: Vec<&String> = r
            .missing_costs
            .iter()
            .filter(|m| m.currency == cur)
            .map(|m| &m.sku)
            .collect();
        out.extend(sku_lesson(cur, "lesson.missing_costs", missing, vec![]));
    }
    out
}

/// One lesson per channel with spend: scale it (keeping ROAS ≥ break-even) or fix/cut it.
fn channel_lessons(r: &YearReview, cur: Currency) -> Vec<Lesson> {
    let Some(cc) = r.channels.currencies.iter().find(|c| c.currency == cur) else {
        return Vec::new();
    };
    let mut rows: Vec<_> = cc
        .channels
        .iter()
        .filter(|ch| ch.verdict.is_some())
        .collect();
    // Largest spend first: the decisions that move the most money lead.
    rows.sort_by_key(|ch| std::cmp::Reverse(ch.spend.value()));
    let mut out = Vec::new();
    for ch in rows {
        let channel = || Param::Key(format!("channel.{}", ch.channel));
        let store = || Param::Text(ch.store.clone());
        let resp = r.response(&ch.store, &ch.channel);
        // "Scale" only as far as the data goes: without a supported ceiling (a nearly straight
        // response, or s* far beyond the spend tried) the advice is to step up and watch.
        let untested = resp
            .filter(|x| matches!(x.fit, Saturation::Fit(_)))
            .and_then(|x| {
                x.why
                    .filter(|w| matches!(w, NoCeiling::NoSaturation | NoCeiling::BeyondData))
                    .and(x.max_spend)
            });
        let mut params = vec![
            ("channel", channel()),
            ("store", store()),
            ("roas", Param::Ratio(ch.roas)),
            ("be", Param::Ratio(cc.break_even_roas)),
            ("spend", Param::Money(ch.spend.value(), cur)),
        ];
        let key = match (ch.verdict, untested) {
            (Some(Verdict::Scale), Some(max)) => {
                params.push(("max", Param::Money(max, cur)));
                "lesson.scale_untested"
            }
            (Some(Verdict::Scale), None) => "lesson.scale",
            _ => "lesson.cut",
        };
        out.push(Lesson {
            currency: cur,
            key,
            params,
        });
        // The spend ceiling, where the response curve supports one (metrics.md §4).
        let Some(resp) = resp else {
            continue;
        };
        if let (Some(now), Some(ceiling)) = (resp.current_spend, resp.optimal_spend) {
            out.push(Lesson {
                currency: cur,
                key: if now > ceiling {
                    "lesson.ceiling_over"
                } else {
                    "lesson.ceiling_room"
                },
                params: vec![
                    ("channel", channel()),
                    ("store", store()),
                    ("spend", Param::Money(now, cur)),
                    ("mroas", Param::Ratio(resp.current_marginal_roas)),
                    ("ceiling", Param::Money(ceiling, cur)),
                ],
            });
        }
    }
    out
}

/// SKUs that lost money before ads (reprice or drop) and SKUs in decline (stop advertising).
fn product_lessons(r: &YearReview, cur: Currency) -> Vec<Lesson> {
    let Some(cp) = r.products.iter().find(|c| c.currency == cur) else {
        return Vec::new();
    };
    let mut losing: Vec<_> = cp
        .products
        .iter()
        .filter(|p| p.contribution.value() < Decimal::ZERO)
        .collect();
    losing.sort_by_key(|p| p.contribution.value());
    let loss = losing.iter().map(|p| p.contribution.value()).sum();
    let declining = cp
        .products
        .iter()
        .filter(|p| p.stage == Some(Stage::Decline))
        .map(|p| &p.sku);
    [
        sku_lesson(
            cur,
            "lesson.losing_skus",
            losing.iter().map(|p| &p.sku).collect(),
            vec![("loss", Param::Money(loss, cur))],
        ),
        sku_lesson(cur, "lesson.declining_skus", declining.collect(), vec![]),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A lesson naming how many SKUs and the first few of them, plus `extra` parameters; none
/// for an empty list.
fn sku_lesson(
    currency: Currency,
    key: &'static str,
    skus: Vec<&String>,
    extra: Vec<(&'static str, Param)>,
) -> Option<Lesson> {
    if skus.is_empty() {
        return None;
    }
    let mut params = vec![
        ("count", Param::Count(skus.len() as i64)),
        ("skus", Param::Skus(examples(skus.into_iter()))),
    ];
    params.extend(extra);
    Some(Lesson {
        currency,
        key,
        params,
    })
}

/// The first few SKUs of a list, named as examples.
fn examples<'a>(skus: impl Iterator<Item = &'a String>) -> Vec<String> {
    skus.take(EXAMPLE_SKUS).cloned().collect()
}

/// The cost kinds (COGS, each fee kind, ads, fixed costs) that grew fastest over last year.
fn cost_growth(this: &CurrencySummary, last: &CurrencySummary) -> Vec<Lesson> {
    let cur = this.currency;
    let mut grew: Vec<(String, Decimal, Decimal, Rate)> = cost_kinds(this)
        .into_iter()
        .zip(cost_kinds(last))
        .filter_map(|((key, now), (_, before))| {
            let g = Rate::ratio(now - before, before)?;
            (before > Decimal::ZERO && g.value() > Decimal::ZERO).then_some((key, before, now, g))
        })
        .collect();
    grew.sort_by_key(|g| std::cmp::Reverse(g.3));
    grew.into_iter()
        .take(TOP_COSTS)
        .map(|(key, before, now, g)| Lesson {
            currency: cur,
            key: "lesson.cost_grew",
            params: vec![
                ("cost", Param::Key(key)),
                ("growth", Param::Percent(Some(g))),
                ("last", Param::Money(before, cur)),
                ("this", Param::Money(now, cur)),
            ],
        })
        .collect()
}

/// (translation key, amount) of every cost kind, in a fixed order.
pub(crate) fn cost_kinds(c: &CurrencySummary) -> Vec<(String, Decimal)> {
    let f = &c.figures;
    let mut v = vec![("metric.cogs".to_string(), f.cogs)];
    for k in FeeKind::ALL {
        let amount = f.fees.get(k).copied().unwrap_or_default();
        v.push((format!("fee.{}", k.as_str()), amount));
    }
    v.push(("metric.ad_spend".into(), f.ad_spend));
    v.push(("metric.fixed_costs".into(), f.fixed_costs));
    v
}
