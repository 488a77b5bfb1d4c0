//! The year-end review (年终复盘报告, issue 7): `YearReview::gather` collects the figures
//! through the metrics API; `build` lays them out as a neutral `Doc` in one language; the
//! renderers write that document as PDF (typst as a library, system fonts, no network), as
//! a self-contained print-ready HTML page, or as an xlsx workbook of every table.

mod build;
mod build_ads;
mod build_glance;
mod data;
mod doc;
pub mod format;
mod html;
pub mod i18n;
mod lessons;
mod pdf;
mod typst;
mod xlsx;

use std::path::Path;

pub use data::{StoreYear, YearReview};
pub use doc::{Block, Cell, Doc, Table};
pub use i18n::Lang;
pub use lessons::{Lesson, Param};

use crate::error::Result;

/// The report laid out in `lang` (what every renderer writes).
pub fn document(r: &YearReview, lang: Lang) -> Doc {
    build::build(r, lang)
}

/// The typst source of the PDF (for inspection and tests).
pub fn typst_source(r: &YearReview, lang: Lang) -> String {
    typst::markup(&document(r, lang))
}

/// A4 PDF, typeset with the fonts found on this machine.
pub fn render_pdf(r: &YearReview, lang: Lang) -> Result<Vec<u8>> {
    pdf::compile_pdf(typst_source(r, lang), r.produced)
}

/// One self-contained, print-ready A4 HTML page (what the in-app Print button prints).
pub fn render_html(r: &YearReview, lang: Lang) -> String {
    html::html(&document(r, lang))
}

/// Every table of the report as an xlsx workbook.
pub fn render_xlsx(r: &YearReview, lang: Lang) -> Result<Vec<u8>> {
    xlsx::xlsx(&document(r, lang))
}

/// The output kinds, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Pdf,
    Html,
    Xlsx,
}

impl Output {
    pub fn from_path(path: &Path) -> Option<Output> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Output::Pdf),
            "html" | "htm" => Some(Output::Html),
            "xlsx" => Some(Output::Xlsx),
            _ => None,
        }
    }

    pub fn render(self, r: &YearReview, lang: Lang) -> Result<Vec<u8>> {
        match self {
            Output::Pdf => render_pdf(r, lang),
            Output::Html => Ok(render_html(r, lang).into_bytes()),
            Output::Xlsx => render_xlsx(r, lang),
        }
    }
}

#[cfg(test)]
mod tests;
