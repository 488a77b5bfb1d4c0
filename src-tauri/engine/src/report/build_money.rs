//! The tax page (metrics.md §9) and the money-received page (§10) of the review, per
//! currency. Tax totals are the summary's (`summary --json` `taxes`), so the page and the CLI
//! agree to the minor unit; estimates are always labelled with their rule.

use rust_decimal::Decimal;

use super::build::Builder;
use super::doc::{Block, Cell};
use super::format;
use super::i18n::{fill, Lang};
use crate::metrics::Amount;
use crate::model::{Currency, FlatBase, TaxRegime};

/// A regime's rule in words, in `lang` (what every estimate is labelled with).
pub(crate) fn rule(r: &TaxRegime, cur: Currency, lang: Lang) -> String {
    let pct = |v: Decimal| format::percent(Some(v), lang);
    let money = |v: Decimal| format::money(v, cur, lang);
    match *r {
        TaxRegime::None => fill(lang, "rule.none", &[]),
        TaxRegime::VnHousehold { threshold } => fill(
            lang,
            "rule.vn_household",
            &[("threshold", money(threshold))],
        ),
        TaxRegime::CnSmallScale { rate, exemption } => fill(
            lang,
            "rule.cn_small_scale",
            &[("rate", pct(rate)), ("exemption", money(exemption))],
        ),
        TaxRegime::Flat { rate, base } => fill(
            lang,
            match base {
                FlatBase::NetSales => "rule.flat_net_sales",
                FlatBase::NetProfit => "rule.flat_net_profit",
            },
            &[("rate", pct(rate))],
        ),
    }
}

fn m(a: &Amount, cur: Currency) -> Cell {
    Cell::Money(a.value(), cur)
}

pub(crate) fn taxes(b: &mut Builder) {
    b.section("sec.taxes", true);
    b.blocks.push(Block::Note(b.t("note.not_tax_advice")));
    b.blocks.push(Block::Note(b.t("note.tax_sources")));
    for c in &b.r.summary.currencies {
        let cur = c.currency;
        let sfx = b.currency_heading(cur);
        let x = &c.taxes;
        let rows = vec![
            vec![Cell::Text(b.t("tax.withheld")), m(&x.withheld, cur)],
            vec![Cell::Text(b.t("tax.estimated")), m(&x.estimated, cur)],
            vec![Cell::Text(b.t("tax.vat")), m(&x.vat, cur)],
            vec![Cell::Text(b.t("tax.income_tax")), m(&x.income_tax, cur)],
            vec![Cell::Text(b.t("tax.total")), m(&x.total, cur)],
            vec![Cell::Text(b.t("metric.net_profit")), m(&c.net_profit, cur)],
            vec![
                Cell::Text(b.t("tax.profit_after_tax")),
                m(&c.profit_after_tax, cur),
            ],
        ];
        let header = b.headers(&["col.metric", "col.amount"]);
        b.table_strong(b.sheet("sec.taxes", &sfx), header, rows, vec![4, 6]);

        let Some(view) = b.r.taxes.currencies.iter().find(|v| v.currency == cur) else {
            continue;
        };
        b.blocks.push(Block::Sub(b.t("sub.tax_months")));
        if view.withheld_by_month.is_empty() {
            b.blocks.push(Block::Note(b.t("note.no_tax_rows")));
        } else {
            let rows = view
                .withheld_by_month
                .iter()
                .map(|w| {
                    vec![
                        Cell::Text(w.month.clone()),
                        Cell::Text(b.t(&format!("platform.{}", w.platform))),
                        m(&w.vat, cur),
                        m(&w.income_tax, cur),
                    ]
                })
                .collect();
            let header = b.headers(&["col.month", "col.platform", "col.vat", "col.income_tax"]);
            b.table(b.sheet("sub.tax_months", &sfx), header, rows);
        }

        let household: Vec<_> = view
            .stores
            .iter()
            .filter(|s| s.threshold.is_some())
            .collect();
        if !household.is_empty() {
            b.blocks.push(Block::Sub(b.t("sub.tax_stores")));
            b.blocks.push(Block::Note(b.t("note.withheld_under")));
            let rows = household
                .iter()
                .map(|s| {
                    let withheld = s.withheld_vat.value() + s.withheld_income_tax.value();
                    let opt = |a: &Option<Amount>| a.as_ref().map_or(Cell::Missing, |a| m(a, cur));
                    vec![
                        Cell::Text(s.store.clone()),
                        m(&s.revenue, cur),
                        opt(&s.threshold),
                        Cell::Money(withheld, cur),
                        opt(&s.withheld_under_threshold),
                    ]
                })
                .collect();
            let header = b.headers(&[
                "col.store",
                "col.revenue",
                "col.threshold",
                "col.withheld",
                "col.withheld_under",
            ]);
            b.table(b.sheet("sub.tax_stores", &sfx), header, rows);
        }

        let with_regime: Vec<_> = view
            .stores
            .iter()
            .filter(|s| s.regime != TaxRegime::None)
            .collect();
        if !with_regime.is_empty() {
            b.blocks.push(Block::Sub(b.t("sub.tax_estimates")));
            let rows = with_regime
                .iter()
                .map(|s| {
                    let withheld = s.withheld_vat.value() + s.withheld_income_tax.value();
                    vec![
                        Cell::Text(s.store.clone()),
                        Cell::Text(rule(&s.regime, cur, b.lang)),
                        Cell::Money(withheld, cur),
                        s.estimate
                            .as_ref()
                            .map_or(Cell::Missing, |e| m(&e.amount, cur)),
                    ]
                })
                .collect();
            let header = b.headers(&["col.store", "col.rule", "col.withheld", "tax.estimated"]);
            b.table(b.sheet("sub.tax_estimates", &sfx), header, rows);
        }
    }
}

pub(crate) fn cash(b: &mut Builder) {
    b.section("sec.cash", true);
    for cc in &b.r.cash.currencies {
        let cur = cc.currency;
        let sfx = b.currency_heading(cur);
        let missing: Vec<&str> = cc
            .stores
            .iter()
            .filter(|s| !s.judged)
            .map(|s| s.store.as_str())
            .collect();
        if !missing.is_empty() {
            b.blocks.push(Block::Note(fill(
                b.lang,
                "note.no_settlement",
                &[("stores", missing.join(", "))],
            )));
        }
        let u = &cc.unsettled;
        let mut rows = vec![
            vec![Cell::Text(b.t("cash.settled")), m(&cc.settled, cur)],
            vec![
                Cell::Text(b.t("cash.for_period")),
                m(&cc.settled_for_period_orders, cur),
            ],
            vec![
                Cell::Text(b.t("cash.for_earlier")),
                m(&cc.settled_for_earlier_orders, cur),
            ],
            vec![Cell::Text(b.t("cash.adjustments")), m(&cc.adjustments, cur)],
            vec![Cell::Text(b.t("cash.withdrawals")), m(&cc.withdrawals, cur)],
            vec![
                Cell::Text(fill(
                    b.lang,
                    "cash.unsettled",
                    &[("n", u.orders.to_string())],
                )),
                m(&u.value, cur),
            ],
        ];
        for (bucket, v) in &u.by_age {
            rows.push(vec![
                Cell::Text(fill(
                    b.lang,
                    "cash.age",
                    &[("bucket", (*bucket).to_string())],
                )),
                m(v, cur),
            ]);
        }
        let drift: Decimal = cc
            .fee_drift
            .iter()
            .map(|d| d.settlement.value() - d.order_export.value())
            .sum();
        rows.push(vec![
            Cell::Text(fill(
                b.lang,
                "cash.drift",
                &[("n", cc.fee_drift.len().to_string())],
            )),
            Cell::Money(drift, cur),
        ]);
        let header = b.headers(&["col.metric", "col.amount"]);
        b.table_strong(b.sheet("sec.cash", &sfx), header, rows, vec![0, 5]);

        if !cc.months.is_empty() {
            b.blocks.push(Block::Sub(b.t("sub.cash_months")));
            b.blocks.push(Block::Note(b.t("note.cash_months")));
            let rows = cc
                .months
                .iter()
                .map(|mo| {
                    vec![
                        Cell::Text(mo.month.clone()),
                        m(&mo.net_sales, cur),
                        m(&mo.settled, cur),
                    ]
                })
                .collect();
            let header = b.headers(&["col.month", "metric.net_sales", "col.settled"]);
            b.table(b.sheet("sub.cash_months", &sfx), header, rows);
        }

        b.blocks.push(Block::Sub(b.t("sub.fee_drift")));
        if cc.fee_drift.is_empty() {
            b.blocks.push(Block::Note(b.t("note.no_drift")));
            continue;
        }
        let rows = cc
            .fee_drift
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(d.store.clone()),
                    Cell::Text(d.order.clone()),
                    Cell::Text(b.t(&format!("fee.{}", d.kind))),
                    m(&d.order_export, cur),
                    m(&d.settlement, cur),
                ]
            })
            .collect();
        let header = b.headers(&[
            "col.store",
            "col.order",
            "col.fee_kind",
            "col.order_export",
            "col.settlement",
        ]);
        b.table(b.sheet("sub.fee_drift", &sfx), header, rows);
    }
}
