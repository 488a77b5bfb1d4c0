//! The tax page (metrics.md §9) and the money-received page (§10) of the review, per
//! currency. Tax totals are the summary's (`summary --json` `taxes`), so the page and the CLI
//! agree to the minor unit; estimates are always labelled with their rule.

use rust_decimal::Decimal;

use super::build::Builder;
use super::doc::{Block, Cell};
use super::format;
use super::i18n::{fill, Lang};
use crate::metrics::{Amount, CurrencyCash, CurrencySummary, CurrencyTaxView};
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
        let sfx = b.currency_heading(c.currency);
        tax_figures(b, c, &sfx);
        let Some(view) =
            b.r.taxes
                .currencies
                .iter()
                .find(|v| v.currency == c.currency)
        else {
            continue;
        };
        withheld_by_month(b, view, &sfx);
        household_thresholds(b, view, &sfx);
        regime_estimates(b, view, &sfx);
    }
}

/// Withheld, estimated, VAT, income tax, their total, net profit and profit after tax.
fn tax_figures(b: &mut Builder, c: &CurrencySummary, sfx: &str) {
    let (cur, x) = (c.currency, &c.taxes);
    let line = |b: &Builder, key: &str, v: &Amount| vec![Cell::Text(b.t(key)), m(v, cur)];
    let rows = vec![
        line(b, "tax.withheld", &x.withheld),
        line(b, "tax.estimated", &x.estimated),
        line(b, "tax.vat", &x.vat),
        line(b, "tax.income_tax", &x.income_tax),
        line(b, "tax.total", &x.total),
        line(b, "metric.net_profit", &c.net_profit),
        line(b, "tax.profit_after_tax", &c.profit_after_tax),
    ];
    let header = b.headers(&["col.metric", "col.amount"]);
    b.table_strong(b.sheet("sec.taxes", sfx), header, rows, vec![4, 6]);
}

/// What the platforms withheld, per month and platform.
fn withheld_by_month(b: &mut Builder, view: &CurrencyTaxView, sfx: &str) {
    let cur = view.currency;
    b.blocks.push(Block::Sub(b.t("sub.tax_months")));
    if view.withheld_by_month.is_empty() {
        b.blocks.push(Block::Note(b.t("note.no_tax_rows")));
        return;
    }
    let rows = (view.withheld_by_month.iter())
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
    b.table(b.sheet("sub.tax_months", sfx), header, rows);
}

/// Each store with a tax-free threshold: its revenue beside it, and what was withheld under it.
fn household_thresholds(b: &mut Builder, view: &CurrencyTaxView, sfx: &str) {
    let cur = view.currency;
    let household: Vec<_> = view
        .stores
        .iter()
        .filter(|s| s.threshold.is_some())
        .collect();
    if household.is_empty() {
        return;
    }
    b.blocks.push(Block::Sub(b.t("sub.tax_stores")));
    b.blocks.push(Block::Note(b.t("note.withheld_under")));
    let opt = |a: &Option<Amount>| a.as_ref().map_or(Cell::Missing, |a| m(a, cur));
    let rows = (household.iter())
        .map(|s| {
            let withheld = s.withheld_vat.value() + s.withheld_income_tax.value();
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
    b.table(b.sheet("sub.tax_stores", sfx), header, rows);
}

/// Each store with a tax regime: the rule, what was withheld and the estimate.
fn regime_estimates(b: &mut Builder, view: &CurrencyTaxView, sfx: &str) {
    let cur = view.currency;
    let with_regime: Vec<_> = (view.stores.iter())
        .filter(|s| s.regime != TaxRegime::None)
        .collect();
    if with_regime.is_empty() {
        return;
    }
    b.blocks.push(Block::Sub(b.t("sub.tax_estimates")));
    let rows = (with_regime.iter())
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
    b.table(b.sheet("sub.tax_estimates", sfx), header, rows);
}

pub(crate) fn cash(b: &mut Builder) {
    b.section("sec.cash", true);
    for cc in &b.r.cash.currencies {
        let sfx = b.currency_heading(cc.currency);
        no_settlement_note(b, cc);
        cash_figures(b, cc, &sfx);
        cash_months(b, cc, &sfx);
        fee_drift(b, cc, &sfx);
    }
}

/// The stores judged without settlement files (order exports only), named.
fn no_settlement_note(b: &mut Builder, cc: &CurrencyCash) {
    let missing: Vec<&str> = (cc.stores.iter())
        .filter(|s| !s.judged)
        .map(|s| s.store.as_str())
        .collect();
    if !missing.is_empty() {
        let note = fill(
            b.lang,
            "note.no_settlement",
            &[("stores", missing.join(", "))],
        );
        b.blocks.push(Block::Note(note));
    }
}

/// Settled (this period's and earlier orders), adjustments, withdrawals, what is still owed
/// by age, and the net fee drift.
fn cash_figures(b: &mut Builder, cc: &CurrencyCash, sfx: &str) {
    let (cur, u) = (cc.currency, &cc.unsettled);
    let line = |b: &Builder, key: &str, v: &Amount| vec![Cell::Text(b.t(key)), m(v, cur)];
    let mut rows = vec![
        line(b, "cash.settled", &cc.settled),
        line(b, "cash.for_period", &cc.settled_for_period_orders),
        line(b, "cash.for_earlier", &cc.settled_for_earlier_orders),
        line(b, "cash.adjustments", &cc.adjustments),
        line(b, "cash.withdrawals", &cc.withdrawals),
    ];
    let owed = fill(b.lang, "cash.unsettled", &[("n", u.orders.to_string())]);
    rows.push(vec![Cell::Text(owed), m(&u.value, cur)]);
    for (bucket, v) in &u.by_age {
        let age = fill(b.lang, "cash.age", &[("bucket", (*bucket).to_string())]);
        rows.push(vec![Cell::Text(age), m(v, cur)]);
    }
    let drift: Decimal = (cc.fee_drift.iter())
        .map(|d| d.settlement.value() - d.order_export.value())
        .sum();
    let drifted = fill(
        b.lang,
        "cash.drift",
        &[("n", cc.fee_drift.len().to_string())],
    );
    rows.push(vec![Cell::Text(drifted), Cell::Money(drift, cur)]);
    let header = b.headers(&["col.metric", "col.amount"]);
    b.table_strong(b.sheet("sec.cash", sfx), header, rows, vec![0, 5]);
}

/// Sold and settled per month.
fn cash_months(b: &mut Builder, cc: &CurrencyCash, sfx: &str) {
    if cc.months.is_empty() {
        return;
    }
    b.blocks.push(Block::Sub(b.t("sub.cash_months")));
    b.blocks.push(Block::Note(b.t("note.cash_months")));
    let rows = (cc.months.iter())
        .map(|mo| {
            vec![
                Cell::Text(mo.month.clone()),
                m(&mo.net_sales, cc.currency),
                m(&mo.settled, cc.currency),
            ]
        })
        .collect();
    let header = b.headers(&["col.month", "metric.net_sales", "col.settled"]);
    b.table(b.sheet("sub.cash_months", sfx), header, rows);
}

/// The fees that changed between the order export and the settlement, order by order.
fn fee_drift(b: &mut Builder, cc: &CurrencyCash, sfx: &str) {
    b.blocks.push(Block::Sub(b.t("sub.fee_drift")));
    if cc.fee_drift.is_empty() {
        b.blocks.push(Block::Note(b.t("note.no_drift")));
        return;
    }
    let rows = (cc.fee_drift.iter())
        .map(|d| {
            vec![
                Cell::Text(d.store.clone()),
                Cell::Text(d.order.clone()),
                Cell::Text(b.t(&format!("fee.{}", d.kind))),
                m(&d.order_export, cc.currency),
                m(&d.settlement, cc.currency),
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
    b.table(b.sheet("sub.fee_drift", sfx), header, rows);
}
