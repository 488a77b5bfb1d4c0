//! `YearReview` → `Doc`: the sections of the report in order, in one language. Only the
//! review's figures are used; year-over-year changes and shares of GMV are plain ratios of
//! those figures for display.

use rust_decimal::Decimal;

use super::data::YearReview;
use super::doc::{Block, Cell, Doc, Table};
use super::format;
use super::i18n::{fill, t, Lang};
use super::lessons::{cost_kinds, Param};
use super::xlsx::sheet_title;
use crate::charts::{ChartError, StepKind};
use crate::error::Result;
use crate::model::{Currency, Rate};

/// The whole report in `lang`.
pub fn build(r: &YearReview, lang: Lang) -> Result<Doc> {
    let mut b = Builder {
        r,
        lang,
        blocks: Vec::new(),
        multi: r.summary.currencies.len() > 1,
        error: None,
    };
    super::build_glance::glance(&mut b);
    b.waterfall();
    super::build_ads::monthly(&mut b);
    super::build_ads::channels(&mut b);
    super::build_products::products(&mut b);
    b.hidden_costs();
    super::build_money::taxes(&mut b);
    super::build_money::cash(&mut b);
    b.stores();
    b.missing();
    b.lessons();
    if let Some(e) = b.error {
        return Err(e.into());
    }
    Ok(Doc {
        lang,
        title: format!("{} {}", t(lang, "title"), r.year),
        cover: cover(r, lang),
        blocks: b.blocks,
    })
}

fn cover(r: &YearReview, lang: Lang) -> Vec<(String, String)> {
    let period = match (r.summary.from, r.summary.to) {
        (Some(a), Some(b)) => format!("{} – {}", format::date(a, lang), format::date(b, lang)),
        _ => r.year.to_string(),
    };
    let currencies: Vec<&str> = r
        .summary
        .currencies
        .iter()
        .map(|c| c.currency.code())
        .collect();
    vec![
        (t(lang, "stores"), r.store_names().join(", ")),
        (t(lang, "period"), period),
        (t(lang, "currency"), currencies.join(", ")),
        (t(lang, "produced"), format::date(r.produced, lang)),
    ]
}

pub(crate) struct Builder<'a> {
    pub r: &'a YearReview,
    pub lang: Lang,
    pub blocks: Vec<Block>,
    /// Several currencies: each section repeats per currency under a sub-heading.
    pub multi: bool,
    /// The first chart that failed to draw (never expected with the SVG backend).
    pub error: Option<ChartError>,
}

impl Builder<'_> {
    pub fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }

    /// A worksheet name: the translated `key` cut to leave room for the currency suffix
    /// (Excel allows 31 characters).
    pub fn sheet(&self, key: &str, sfx: &str) -> String {
        sheet_title(&self.t(key), sfx)
    }

    /// Column headers from translation keys.
    pub fn headers(&self, keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| self.t(k)).collect()
    }

    pub fn section(&mut self, key: &str, new_page: bool) {
        let title = self.t(key);
        self.blocks.push(Block::Section { title, new_page });
    }

    /// The sub-heading of a currency (only when there are several) and the sheet suffix.
    pub fn currency_heading(&mut self, c: Currency) -> String {
        if self.multi {
            self.blocks.push(Block::Sub(c.code().to_string()));
            format!(" {}", c.code())
        } else {
            String::new()
        }
    }

    /// A chart under its caption.
    pub fn chart(&mut self, caption: String, svg: std::result::Result<String, ChartError>) {
        match svg {
            Ok(svg) => {
                self.blocks.push(Block::Chart { caption, svg });
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }

    pub fn table(&mut self, sheet: String, header: Vec<String>, rows: Vec<Vec<Cell>>) {
        self.table_strong(sheet, header, rows, Vec::new());
    }

    pub fn table_strong(
        &mut self,
        sheet: String,
        header: Vec<String>,
        rows: Vec<Vec<Cell>>,
        strong: Vec<usize>,
    ) {
        self.blocks.push(Block::Table(Table {
            sheet,
            header,
            rows,
            strong,
        }));
    }

    fn waterfall(&mut self) {
        self.section("sec.waterfall", true);
        for c in &self.r.summary.currencies {
            let sfx = self.currency_heading(c.currency);
            let f = &c.figures;
            let gmv = f.gross_sales;
            let steps = crate::charts::profit_steps(c);
            let mut rows = Vec::new();
            let mut strong = Vec::new();
            for s in &steps {
                if s.kind == StepKind::Total {
                    strong.push(rows.len());
                }
                rows.push(vec![
                    Cell::Text(self.t(&step_key(s.id))),
                    Cell::Money(s.signed(), c.currency),
                    Cell::Percent(Rate::ratio(s.signed(), gmv).map(Rate::value)),
                ]);
            }
            let label = |id: &str| self.t(&step_key(id));
            let svg =
                super::charts::waterfall(&steps, label, gmv, c.currency.minor_units(), self.lang);
            self.chart(self.t("chart.waterfall"), svg);
            let header = vec![
                self.t("col.metric"),
                self.t("col.amount"),
                self.t("col.share_gmv"),
            ];
            self.table_strong(self.sheet("sec.waterfall", &sfx), header, rows, strong);
        }
    }

    fn hidden_costs(&mut self) {
        self.section("sec.costs", true);
        for c in &self.r.summary.currencies {
            let sfx = self.currency_heading(c.currency);
            let last = self.r.previous(c.currency);
            let gmv = c.figures.gross_sales;
            let mut header = vec![
                self.t("col.metric"),
                self.t("col.this_year"),
                self.t("col.share_gmv"),
            ];
            if last.is_some() {
                header.push(self.t("col.last_year"));
                header.push(self.t("col.change"));
            }
            let before = last.map(cost_kinds);
            let mut rows = Vec::new();
            for (i, (key, now)) in cost_kinds(c).into_iter().enumerate() {
                let mut row = vec![
                    Cell::Text(self.t(&key)),
                    Cell::Money(now, c.currency),
                    Cell::Percent(Rate::ratio(now, gmv).map(Rate::value)),
                ];
                if let Some(b) = before.as_ref().and_then(|b| b.get(i)) {
                    row.push(Cell::Money(b.1, c.currency));
                    row.push(Cell::ChangePct(change(now, b.1)));
                }
                rows.push(row);
            }
            self.table(self.sheet("sec.costs", &sfx), header, rows);
            super::build_subsidy::subsidy(self, c.currency, &sfx);
        }
    }

    fn stores(&mut self) {
        if self.r.stores.is_empty() {
            return;
        }
        self.section("sec.stores", false);
        for c in &self.r.summary.currencies {
            let sfx = self.currency_heading(c.currency);
            let header = self.headers(&[
                "col.store",
                "metric.gross_sales",
                "metric.net_sales",
                "metric.net_profit",
                "metric.net_margin",
                "metric.store_roas",
                "metric.break_even_roas",
            ]);
            let rows = self
                .r
                .stores
                .iter()
                .filter(|s| s.summary.currency == c.currency)
                .map(|s| {
                    let f = &s.summary.figures;
                    vec![
                        Cell::Text(s.store.clone()),
                        Cell::Money(f.gross_sales, c.currency),
                        Cell::Money(f.net_sales, c.currency),
                        Cell::Money(f.net_profit, c.currency),
                        Cell::Percent(f.net_margin.map(Rate::value)),
                        Cell::Ratio(f.store_roas.map(Rate::value)),
                        Cell::Ratio(f.break_even_roas.map(Rate::value)),
                    ]
                })
                .collect();
            self.table(self.sheet("sec.stores", &sfx), header, rows);
        }
    }

    fn missing(&mut self) {
        self.section("sec.missing", false);
        if self.r.missing_costs.is_empty() {
            self.blocks.push(Block::Note(self.t("note.no_missing")));
            return;
        }
        self.blocks.push(Block::Note(self.t("note.missing_cogs")));
        let header = vec![
            self.t("col.sku"),
            self.t("currency"),
            self.t("col.units"),
            self.t("col.gross"),
        ];
        let rows = self
            .r
            .missing_costs
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(sku(&m.sku, self.lang)),
                    Cell::Text(m.currency.code().into()),
                    Cell::Units(m.units),
                    Cell::Money(m.gross.value(), m.currency),
                ]
            })
            .collect();
        self.table(self.t("sec.missing"), header, rows);
    }

    fn lessons(&mut self) {
        self.section("sec.lessons", true);
        for c in self.r.currencies() {
            let sfx = self.currency_heading(c);
            let items = self
                .r
                .lessons
                .iter()
                .filter(|l| l.currency == c)
                .map(|l| {
                    let values: Vec<(&str, String)> = l
                        .params
                        .iter()
                        .map(|(n, p)| (*n, param(p, self.lang)))
                        .collect();
                    fill(self.lang, l.key, &values)
                })
                .collect();
            let sheet = self.sheet("sheet.lessons", &sfx);
            self.blocks.push(Block::Bullets { sheet, items });
            super::build_ads::targets(self, c, &sfx);
        }
    }
}

/// Relative change versus last year; `None` when last year was zero.
pub(crate) fn change(now: Decimal, before: Decimal) -> Option<Decimal> {
    Rate::ratio(now - before, before.abs()).map(Rate::value)
}

/// A lesson parameter in `lang`.
pub(crate) fn param(p: &Param, lang: Lang) -> String {
    match p {
        Param::Money(v, c) => format::money(*v, *c, lang),
        Param::Ratio(r) => format::ratio(r.map(Rate::value), lang),
        Param::Percent(r) => format::percent(r.map(Rate::value), lang),
        Param::Count(n) => format::int(*n, lang),
        Param::Text(s) => s.clone(),
        Param::Skus(v) => v
            .iter()
            .map(|s| sku(s, lang))
            .collect::<Vec<_>>()
            .join(", "),
        Param::Key(k) => t(lang, k),
    }
}

/// A SKU as shown; order lines without one are grouped under an explicit "no SKU".
/// The report's i18n key of a waterfall step id (`charts::profit_steps`).
fn step_key(id: &str) -> String {
    match id {
        "taxes" => "tax.total".into(),
        "profit_after_tax" => "tax.profit_after_tax".into(),
        _ if id.parse::<crate::model::FeeKind>().is_ok() => format!("fee.{id}"),
        _ => format!("metric.{id}"),
    }
}

pub(crate) fn sku(s: &str, lang: Lang) -> String {
    if s.trim().is_empty() {
        t(lang, "sku.none")
    } else {
        s.to_string()
    }
}
