//! "Lessons and next-year targets", derived mechanically from the review's figures: each is a
//! translation key plus typed parameters, so every renderer formats them for its language.

use rust_decimal::Decimal;
use serde::Serialize;

use super::data::YearReview;
use crate::metrics::{CurrencySummary, Verdict};
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
        if let Some(last) = r.previous(cur) {
            out.extend(cost_growth(c, last));
        }
        let missing: Vec<&str> = r
            .missing_costs
            .iter()
            .filter(|m| m.currency == cur)
            .map(|m| m.sku.as_str())
            .collect();
        if !missing.is_empty() {
            let examples = missing[..missing.len().min(EXAMPLE_SKUS)]
                .iter()
                .map(|s| s.to_string())
                .collect();
            out.push(l(
                "lesson.missing_costs",
                vec![
                    ("count", Param::Count(missing.len() as i64)),
                    ("skus", Param::Skus(examples)),
                ],
            ));
        }
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
    rows.into_iter()
        .map(|ch| Lesson {
            currency: cur,
            key: match ch.verdict {
                Some(Verdict::Scale) => "lesson.scale",
                _ => "lesson.cut",
            },
            params: vec![
                ("channel", Param::Key(format!("channel.{}", ch.channel))),
                ("store", Param::Text(ch.store.clone())),
                ("roas", Param::Ratio(ch.roas)),
                ("be", Param::Ratio(cc.break_even_roas)),
                ("spend", Param::Money(ch.spend.value(), cur)),
            ],
        })
        .collect()
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
