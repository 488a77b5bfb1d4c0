//! The "year at a glance" section: this year's key figures beside last year's (see `build`).

use rust_decimal::Decimal;

use super::build::{change, Builder};
use super::doc::{Block, Cell};
use crate::metrics::CurrencySummary;
use crate::model::Rate;

pub(crate) fn glance(b: &mut Builder) {
    b.section("sec.glance", true);
    let r = b.r;
    for c in &r.summary.currencies {
        let sfx = b.currency_heading(c.currency);
        let last = r.previous(c.currency);
        let mut header = vec![b.t("col.metric"), b.t("col.this_year")];
        if last.is_some() {
            header.push(b.t("col.last_year"));
            header.push(b.t("col.change"));
        }
        let rows = glance_rows(c, last)
            .into_iter()
            .map(|(key, now, before, change)| {
                let mut row = vec![Cell::Text(b.t(key)), now];
                if let Some(b) = before {
                    row.push(b);
                    row.push(change);
                }
                row
            })
            .collect();
        let sheet = b.sheet("sec.glance", &sfx);
        b.table_strong(sheet, header, rows, vec![4]);
        if last.is_none() {
            b.blocks.push(Block::Note(b.t("note.no_last_year")));
        }
    }
}

/// The glance rows: (key, this year, last year, change).
fn glance_rows(
    c: &CurrencySummary,
    last: Option<&CurrencySummary>,
) -> Vec<(&'static str, Cell, Option<Cell>, Cell)> {
    let cur = c.currency;
    let m = |f: &CurrencySummary, k: &str| match k {
        "metric.gross_sales" => f.figures.gross_sales,
        "metric.net_sales" => f.figures.net_sales,
        "metric.hidden_costs" => f.figures.hidden_costs,
        "metric.ad_spend" => f.figures.ad_spend,
        _ => f.figures.net_profit,
    };
    let mut rows = Vec::new();
    for key in [
        "metric.gross_sales",
        "metric.net_sales",
        "metric.hidden_costs",
        "metric.ad_spend",
        "metric.net_profit",
    ] {
        let now = m(c, key);
        let before = last.map(|l| m(l, key));
        rows.push((
            key,
            Cell::Money(now, cur),
            before.map(|b| Cell::Money(b, cur)),
            Cell::ChangePct(before.and_then(|b| change(now, b))),
        ));
    }
    type Pick = fn(&CurrencySummary) -> Option<Rate>;
    let ratios: [(&str, Pick, bool); 4] = [
        ("metric.net_margin", |f| f.figures.net_margin, true),
        ("metric.store_roas", |f| f.figures.store_roas, false),
        // True ROI on the same scale as break-even (both ratios: 1.85 against 2.22).
        ("metric.profit_roi", |f| f.figures.profit_roi, false),
        (
            "metric.break_even_roas",
            |f| f.figures.break_even_roas,
            false,
        ),
    ];
    for (key, pick, pct) in ratios {
        let now = pick(c).map(Rate::value);
        let before = last.map(|l| pick(l).map(Rate::value));
        let diff = match (now, before.flatten()) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        };
        let cell = |v: Option<Decimal>| {
            if pct {
                Cell::Percent(v)
            } else {
                Cell::Ratio(v)
            }
        };
        let delta = if pct {
            Cell::ChangePct(diff)
        } else {
            Cell::ChangeRatio(diff)
        };
        rows.push((key, cell(now), before.map(cell), delta));
    }
    let orders = |f: &CurrencySummary| Cell::Int(f.orders);
    let before_orders = last.map(|l| l.orders);
    rows.push((
        "metric.orders",
        orders(c),
        last.map(orders),
        Cell::ChangePct(
            before_orders.and_then(|b| change(Decimal::from(c.orders), Decimal::from(b))),
        ),
    ));
    rows
}
