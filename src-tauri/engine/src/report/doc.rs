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

impl Table {
    /// Whether each column is numeric: a column aligns like its first row's cell (numbers
    /// right), header included — the rule every renderer follows.
    pub fn numeric_columns(&self) -> Vec<bool> {
        (0..self.header.len())
            .map(|i| {
                self.rows
                    .first()
                    .and_then(|r| r.get(i))
                    .is_some_and(Cell::is_numeric)
            })
            .collect()
    }

    /// Many columns: renderers set the table in smaller text so it fits the page width.
    pub fn is_wide(&self) -> bool {
        self.header.len() >= WIDE_COLUMNS
    }

    /// A table of `rows` under `header`, with the `strong` rows in bold (for tests).
    #[cfg(test)]
    pub fn of(header: &[&str], rows: Vec<Vec<Cell>>, strong: Vec<usize>) -> Table {
        Table {
            sheet: "s".into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
            strong,
        }
    }

    /// The rows, each with whether it is shown in bold (a total).
    pub fn marked_rows(&self) -> impl Iterator<Item = (bool, &[Cell])> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| (self.strong.contains(&i), r.as_slice()))
    }
}

/// From this many columns on a table is "wide" (smaller text).
const WIDE_COLUMNS: usize = 7;

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
