//! The report as a neutral document — headings, tables of typed cells, charts, lessons — built
//! once from a `YearReview` and written out by each renderer (typst/PDF, HTML, xlsx). Cells
//! keep exact values so the xlsx gets numbers and the PDF/HTML get locale text; charts are
//! SVG strings from `crate::charts`.

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
    /// A chart drawn by `crate::charts` (plotters) as an SVG document: vector in the PDF,
    /// inline in the HTML.
    Chart {
        caption: String,
        svg: String,
    },
    /// A list; `sheet` names its worksheet in the xlsx.
    Bullets {
        sheet: String,
        items: Vec<String>,
    },
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
    /// A figure that does not exist (e.g. no fit): "—" in a numeric column.
    Missing,
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
            Cell::Missing => format::DASH.to_string(),
        }
    }

    /// Numbers align right; text aligns left.
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}
