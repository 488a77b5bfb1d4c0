//! The report as a neutral document — headings, tables of typed cells, charts, lessons — built
//! once from a `YearReview` and written out by each renderer (typst/PDF, HTML, xlsx). Cells
//! keep exact values so the xlsx gets numbers and the PDF/HTML get locale text.

use rust_decimal::Decimal;

use super::format;
use super::i18n::Lang;
use crate::model::Currency;

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub lang: Lang,
    pub title: String,
    /// Cover lines: (label, value).
    pub cover: Vec<(String, String)>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section (listed in the table of contents); `new_page` starts it on a fresh page.
    Section {
        title: String,
        new_page: bool,
    },
    /// A sub-heading (a currency within a section).
    Sub(String),
    Note(String),
    Table(Table),
    Chart {
        caption: String,
        chart: Chart,
    },
    Bullets(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Worksheet name in the xlsx (short, unique per document).
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows shown in bold (totals).
    pub strong: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Money(Decimal, Currency),
    /// A ROAS-like ratio.
    Ratio(Option<Decimal>),
    Percent(Option<Decimal>),
    /// A change shown with its sign: a percentage, or (for ratios) a ratio difference.
    ChangePct(Option<Decimal>),
    ChangeRatio(Option<Decimal>),
    Int(i64),
    Units(Decimal),
}

impl Cell {
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Money(v, c) => format::money(*v, *c, lang),
            Cell::Ratio(v) => format::ratio(*v, lang),
            Cell::Percent(v) => format::percent(*v, lang),
            Cell::ChangePct(v) => format::signed(format::percent(*v, lang)),
            Cell::ChangeRatio(v) => format::signed(format::ratio(*v, lang)),
            Cell::Int(v) => format::int(*v, lang),
            Cell::Units(v) => format::number(*v, if v.fract().is_zero() { 0 } else { 2 }, lang),
        }
    }

    /// Numbers align right; text aligns left.
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

/// Colour roles of chart marks (each renderer maps them to colours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Total,
    Cost,
    Credit,
    Good,
    Bad,
    Neutral,
}

impl Tone {
    /// RGB hex shared by the renderers.
    pub fn hex(self) -> &'static str {
        match self {
            Tone::Total => "#2f5d9e",
            Tone::Cost => "#d9822b",
            Tone::Credit => "#7fb069",
            Tone::Good => "#2e8b57",
            Tone::Bad => "#c0392b",
            Tone::Neutral => "#8a96a8",
        }
    }
}

/// Chart geometry in plain f64 (coordinates only; the figures stay in the tables).
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Horizontal bars from `from` to `to` on a shared axis [lo, hi]; an optional vertical
    /// marker (value, label), e.g. the break-even ROAS.
    Spans {
        rows: Vec<Span>,
        lo: f64,
        hi: f64,
        marker: Option<(f64, String)>,
    },
    /// Vertical columns per label, one per series, on a shared axis [lo, hi] (lo ≤ 0 ≤ hi).
    Columns {
        labels: Vec<String>,
        series: Vec<Series>,
        lo: f64,
        hi: f64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub label: String,
    pub from: f64,
    pub to: f64,
    /// The value written beside the bar (already formatted).
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub tone: Tone,
    pub values: Vec<f64>,
}

impl Chart {
    /// Position of `v` on the axis as a fraction 0…1 (0 when the axis is empty).
    pub fn frac(v: f64, lo: f64, hi: f64) -> f64 {
        if hi > lo {
            ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// A decimal as a chart coordinate.
pub fn coord(v: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    v.to_f64().unwrap_or(0.0)
}
