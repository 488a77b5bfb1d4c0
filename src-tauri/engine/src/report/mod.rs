//! The year-end review (年终复盘报告, issue 7): `YearReview::gather` collects the figures
//! through the metrics API; `build` lays them out as a neutral `Doc` in one language; the
//! renderers write that document as PDF (typst as a library, system fonts, no network), as
//! a self-contained print-ready HTML page, or as an xlsx workbook of every table.

mod build;
mod build_ads;
mod build_glance;
mod build_money;
mod build_products;
mod build_subsidy;
mod charts;
mod data;
mod doc;
pub mod format;
mod html;
pub mod i18n;
mod i18n_money;
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
pub fn document(r: &YearReview, lang: Lang) -> Result<Doc> {
    build::build(r, lang)
}

/// The typst source of the PDF (for inspection and tests); charts are the files it names.
pub fn typst_source(r: &YearReview, lang: Lang) -> Result<String> {
    Ok(typst::markup(&document(r, lang)?))
}

/// A4 PDF, typeset with the fonts found on this machine; the charts are embedded as SVG.
pub fn render_pdf(r: &YearReview, lang: Lang) -> Result<Vec<u8>> {
    let doc = document(r, lang)?;
    pdf::compile_pdf(typst::markup(&doc), typst::chart_files(&doc), r.produced)
}

/// One self-contained, print-ready A4 HTML page.
pub fn render_html(r: &YearReview, lang: Lang) -> Result<String> {
    Ok(html::html(&document(r, lang)?))
}

/// The report for printing inside the app's page: its stylesheet (every rule scoped under
/// `.fupan-report`, plus the `@page` box) and the body markup, so the page can adopt the
/// sheet without loading an inline `<style>` its content-security policy forbids.
pub fn render_print(r: &YearReview, lang: Lang) -> Result<PrintView> {
    let doc = document(r, lang)?;
    Ok(PrintView {
        css: html::CSS.to_string(),
        body: html::body(&doc),
        title: doc.title,
    })
}

/// See `render_print`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrintView {
    pub title: String,
    pub css: String,
    pub body: String,
}

/// Every table of the report as an xlsx workbook.
pub fn render_xlsx(r: &YearReview, lang: Lang) -> Result<Vec<u8>> {
    xlsx::xlsx(&document(r, lang)?)
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
            Output::Html => Ok(render_html(r, lang)?.into_bytes()),
            Output::Xlsx => render_xlsx(r, lang),
        }
    }
}

#[cfg(test)]
mod tests;
