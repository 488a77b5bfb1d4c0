//! The products section (metrics.md §7): the product matrix, SKUs per lifecycle stage with
//! each stage's acceptable ROAS, and the best and worst SKUs by contribution (see `build`).

use super::build::{sku, Builder};
use super::doc::{Block, Cell};
use super::i18n::fill;
use crate::metrics::products::{stage_roas_target, Quadrant, Stage};
use crate::metrics::{CurrencyProducts, ProductRow};
use crate::model::{Currency, Rate};

/// How much of a store's name a sheet name of the xlsx review keeps.
const STORE_IN_SHEET: usize = 10;

/// How many SKUs the best and the worst lists name each.
const TOP: usize = 5;

pub(crate) fn products(b: &mut Builder) {
    b.section("sec.products", true);
    let r = b.r;
    let mut any = false;
    for cp in &r.products {
        if cp.products.is_empty() {
            continue;
        }
        any = true;
        let sfx = b.currency_heading(cp.currency);
        if cp.by_store.is_empty() {
            matrix_stages_ranked(b, cp, &sfx);
            continue;
        }
        // Several stores of one currency: each store's SKUs against its own medians, as in
        // the window (one store's SKUs are not judged against another's).
        for sp in cp.by_store.iter().filter(|sp| !sp.products.is_empty()) {
            let store = sp.store.clone().unwrap_or_default();
            b.blocks.push(Block::Sub(store.clone()));
            // Sheet names are 31 characters: a long store name must leave the title room.
            let short: String = store.chars().take(STORE_IN_SHEET).collect();
            matrix_stages_ranked(b, sp, &format!("{sfx} {short}"));
        }
    }
    if !any {
        b.blocks.push(Block::Note(b.t("note.no_products")));
    }
}

/// One set of products (a currency's, or one store's): the matrix, stages, best and worst.
fn matrix_stages_ranked(b: &mut Builder, cp: &CurrencyProducts, sfx: &str) {
    let svg = super::charts::matrix(cp, b.lang);
    b.chart(b.t("chart.matrix"), svg);
    b.blocks.push(Block::Note(b.t("note.matrix")));
    stages(b, cp, sfx);
    ranked(b, &cp.products, cp.currency, sfx);
}

pub(crate) fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Launch => "stage.launch",
        Stage::Growth => "stage.growth",
        Stage::Mature => "stage.mature",
        Stage::Decline => "stage.decline",
    }
}

fn quadrant_key(q: Quadrant) -> &'static str {
    match q {
        Quadrant::Star => "quadrant.star",
        Quadrant::TrafficDriver => "quadrant.traffic_driver",
        Quadrant::ProfitNiche => "quadrant.profit_niche",
        Quadrant::DropCandidate => "quadrant.drop_candidate",
    }
}

/// SKUs and net sales per lifecycle stage, with the stage's acceptable ROAS, and the day the
/// stages are measured at (the last day with sales of the year, not 31 December).
fn stages(b: &mut Builder, cp: &CurrencyProducts, sfx: &str) {
    let (rows, cur) = (&cp.products, cp.currency);
    let be = b.r.this_year(cur).and_then(|c| c.figures.break_even_roas);
    let header = b.headers(&[
        "col.stage",
        "col.skus",
        "metric.net_sales",
        "col.contribution",
        "col.stage_roas",
    ]);
    let mut table = Vec::new();
    for stage in [Stage::Launch, Stage::Growth, Stage::Mature, Stage::Decline] {
        let of: Vec<&ProductRow> = rows.iter().filter(|p| p.stage == Some(stage)).collect();
        if of.is_empty() {
            continue;
        }
        let target = match stage_roas_target(stage, be) {
            Some(t) => Cell::Ratio(Some(t.value())),
            None if stage == Stage::Decline => Cell::Text(b.t("note.no_ads")),
            None => Cell::Ratio(None),
        };
        table.push(vec![
            Cell::Text(b.t(stage_key(stage))),
            Cell::Int(of.len() as i64),
            Cell::Money(of.iter().map(|p| p.net_sales.value()).sum(), cur),
            Cell::Money(of.iter().map(|p| p.contribution.value()).sum(), cur),
            target,
        ]);
    }
    b.blocks.push(Block::Sub(b.t("sub.stages")));
    if let Some(day) = cp.stage_as_of {
        let date = super::format::date(day, b.lang);
        let note = fill(b.lang, "note.stages_as_of", &[("date", date)]);
        b.blocks.push(Block::Note(note));
    }
    b.table(b.sheet("sub.stages", sfx), header, table);
}

/// The best and the worst SKUs by contribution (all of them when there are few).
fn ranked(b: &mut Builder, rows: &[ProductRow], cur: Currency, sfx: &str) {
    let mut sorted: Vec<&ProductRow> = rows.iter().collect();
    sorted.sort_by(|x, y| {
        y.contribution
            .value()
            .cmp(&x.contribution.value())
            .then_with(|| x.sku.cmp(&y.sku))
    });
    let (best, worst): (Vec<&ProductRow>, Vec<&ProductRow>) = if sorted.len() <= 2 * TOP {
        (sorted, Vec::new())
    } else {
        let worst = sorted[sorted.len() - TOP..].iter().rev().copied().collect();
        (sorted[..TOP].to_vec(), worst)
    };
    let key = if worst.is_empty() {
        "sub.all_products"
    } else {
        "sub.best_products"
    };
    product_table(b, key, &best, cur, sfx);
    if !worst.is_empty() {
        product_table(b, "sub.worst_products", &worst, cur, sfx);
    }
    if rows.iter().any(|p| p.cost_missing) {
        b.blocks.push(Block::Note(b.t("note.cost_missing_mark")));
    }
}

/// How much of a product's name the review's tables show beside its SKU.
const PRODUCT_CHARS: usize = 18;

fn product_table(b: &mut Builder, key: &str, rows: &[&ProductRow], cur: Currency, sfx: &str) {
    let header = b.headers(&[
        "col.sku",
        "col.units",
        "metric.net_sales",
        "col.contribution",
        "metric.contribution_margin",
        "col.quadrant",
        "col.stage",
    ]);
    let text = |k: Option<&str>| Cell::Text(k.map_or(super::format::DASH.into(), |k| b.t(k)));
    let cells = rows
        .iter()
        .map(|p| {
            let mut name = sku(&p.sku, b.lang);
            // The product's name beside its code, shortened: titles run to 60 characters.
            if let Some(product) = &p.product {
                let short: String = product.chars().take(PRODUCT_CHARS).collect();
                let more = if product.chars().count() > PRODUCT_CHARS {
                    "…"
                } else {
                    ""
                };
                name = format!("{name} · {short}{more}");
            }
            if p.cost_missing {
                name.push_str(" *");
            }
            vec![
                Cell::Text(name),
                Cell::Units(p.units),
                Cell::Money(p.net_sales.value(), cur),
                Cell::Money(p.contribution.value(), cur),
                Cell::Percent(p.contribution_margin.map(Rate::value)),
                text(p.quadrant.map(quadrant_key)),
                text(p.stage.map(stage_key)),
            ]
        })
        .collect();
    b.blocks.push(Block::Sub(b.t(key)));
    b.table(b.sheet(key, sfx), header, cells);
}
