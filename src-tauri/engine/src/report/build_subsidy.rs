//! Under the hidden costs: the month with the most subsidy against the month before
//! (metrics.md §6) — whether the subsidy brought more margin than it cost.

use super::build::Builder;
use super::doc::{Block, Cell};
use super::i18n::fill;
use crate::metrics::SubsidyVerdict;
use crate::model::{Currency, Rate};

pub(crate) fn subsidy(b: &mut Builder, cur: Currency, sfx: &str) {
    let Some(sm) = b.r.subsidy_month(cur) else {
        return;
    };
    let c = &sm.check;
    let base = sm.baseline_month.clone().unwrap_or_default();
    b.blocks.push(Block::Note(fill(
        b.lang,
        "note.subsidy",
        &[("month", sm.month.clone()), ("base", base)],
    )));
    let money = |a: Option<crate::metrics::Amount>| {
        a.map_or(Cell::Missing, |a| Cell::Money(a.value(), cur))
    };
    let verdict = match (c.verdict, c.no_verdict) {
        (Some(SubsidyVerdict::Pays), _) => b.t("subsidy.pays"),
        (Some(SubsidyVerdict::DoesNotPay), _) => b.t("subsidy.does_not_pay"),
        (None, Some(why)) => b.t(&format!("subsidy.no_verdict.{}", why.code())),
        (None, None) => b.t("subsidy.no_baseline"),
    };
    let rows = vec![
        vec![Cell::Text(b.t("subsidy.cost")), money(Some(c.subsidy_cost))],
        vec![
            Cell::Text(b.t("subsidy.sales")),
            money(Some(c.sales_with_subsidy)),
        ],
        vec![Cell::Text(b.t("subsidy.baseline")), money(c.baseline_sales)],
        vec![
            Cell::Text(b.t("subsidy.incremental")),
            money(c.incremental_sales),
        ],
        vec![
            Cell::Text(b.t("subsidy.margin")),
            Cell::Percent(c.margin_before_subsidy.map(Rate::value)),
        ],
        vec![
            Cell::Text(b.t("subsidy.naive_roas")),
            Cell::Ratio(c.naive_roas.map(Rate::value)),
        ],
        vec![
            Cell::Text(b.t("subsidy.incremental_roi")),
            Cell::Percent(c.incremental_roi.map(Rate::value)),
        ],
        vec![Cell::Text(b.t("col.verdict")), Cell::Text(verdict)],
    ];
    let header = b.headers(&["col.metric", "col.amount"]);
    b.table_strong(b.sheet("sheet.subsidy", sfx), header, rows, vec![6]);
}
