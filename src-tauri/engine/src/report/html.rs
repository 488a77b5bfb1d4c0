//! `Doc` → one self-contained, print-ready A4 HTML page (inline CSS, inline SVG charts, no
//! scripts, no external files). The in-app Print button prints the same body and stylesheet.

use std::fmt::Write;

use super::doc::{Block, Doc, Table};
use super::i18n::{t, Lang};

/// Text and attribute values with HTML's special characters escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report's stylesheet. Every rule is scoped under `.fupan-report` so the app's page can
/// adopt it for printing without restyling itself (and sets what the app's own table rules
/// would otherwise leak in); `@page` sets the paper.
pub const CSS: &str = r#"
@page { size: A4; margin: 16mm 16mm 20mm 16mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #6e6e6e; } }
.fupan-report, .fupan-report svg text { font-family: "Noto Sans CJK SC", "Source Han Sans SC",
  "Microsoft YaHei", "PingFang SC", "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
.fupan-report { font-size: 9.5pt; line-height: 1.45; color: #111; background: #fff;
  margin: 0 auto; max-width: 178mm; }
.fupan-report * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.fupan-report h1.title { text-align: center; font-size: 26pt; color: #2f5d9e; margin: 30mm 0 0; }
.fupan-report .cover { margin: 10mm auto; border-collapse: collapse; width: auto; font-size: inherit; }
.fupan-report .cover td { padding: 1.5mm 4mm; border: none; white-space: normal; }
.fupan-report .cover td:first-child { text-align: right; color: #5a5a5a; }
.fupan-report .toc { margin-top: 14mm; } .fupan-report .toc li { margin: 1.5mm 0; }
.fupan-report .toc a { color: inherit; text-decoration: none; }
.fupan-report section.new-page { break-before: page; }
.fupan-report h1, .fupan-report h2, .fupan-report h3 { line-height: 1.25; }
.fupan-report h2 { font-size: 15pt; color: #2f5d9e; margin: 6mm 0 3mm; }
.fupan-report h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
.fupan-report table.data { width: 100%; border-collapse: collapse; margin-bottom: 4mm; font-size: 9pt; }
.fupan-report table.data.small { font-size: 8pt; }
.fupan-report table.data th, .fupan-report table.data td { border: 0.4pt solid #c8c8c8;
  padding: 1mm 1.4mm; font-size: inherit; font-weight: normal; color: #111; background: none;
  white-space: normal; vertical-align: top; position: static; }
.fupan-report table.data th { background: #ebebeb; text-align: left; font-weight: bold; }
.fupan-report table.data tr:hover { background: none; }
.fupan-report table.data thead { display: table-header-group; }
.fupan-report table.data tr { break-inside: avoid; }
.fupan-report table.data .num { text-align: right; white-space: nowrap; }
.fupan-report tr.strong td { font-weight: bold; }
.fupan-report .note { font-size: 8.5pt; color: #5a5a5a; }
.fupan-report figure { margin: 0 0 4mm; break-inside: avoid; }
.fupan-report figure svg { display: block; width: 100%; height: auto; }
.fupan-report figcaption { text-align: center; font-size: 8pt; color: #5a5a5a; margin-top: 1mm; }
"#;

pub fn html(doc: &Doc) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n{}</body></html>\n",
        doc.lang.code(),
        esc(&doc.title),
        body(doc)
    )
}

/// The report's markup inside one `<article class="fupan-report">` (what `html` wraps and the
/// app prints): cover, contents, sections with inline SVG charts.
pub fn body(doc: &Doc) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<article class=\"fupan-report\" lang=\"{}\"><h1 class=\"title\">{}</h1><table class=\"cover\">",
        doc.lang.code(),
        esc(&doc.title)
    );
    for (k, v) in &doc.cover {
        let _ = writeln!(s, "<tr><td>{}</td><td>{}</td></tr>", esc(k), esc(v));
    }
    let _ = writeln!(
        s,
        "</table><nav class=\"toc\"><h3>{}</h3><ol>",
        esc(&t(doc.lang, "contents"))
    );
    let sections = doc.blocks.iter().filter_map(|b| match b {
        Block::Section { title, .. } => Some(title),
        _ => None,
    });
    for (i, title) in sections.enumerate() {
        let _ = writeln!(s, "<li><a href=\"#s{}\">{}</a></li>", i + 1, esc(title));
    }
    let _ = writeln!(s, "</ol></nav>");
    let mut n = 0;
    let mut open = false;
    for b in &doc.blocks {
        if let Block::Section { title, new_page } = b {
            n += 1;
            if open {
                s.push_str("</section>\n");
            }
            let class = if *new_page { " class=\"new-page\"" } else { "" };
            let _ = writeln!(
                s,
                "<section id=\"s{n}\"{class}><h2>{n}. {}</h2>",
                esc(title)
            );
            open = true;
        } else {
            block(&mut s, b, doc.lang);
        }
    }
    if open {
        s.push_str("</section>\n");
    }
    s.push_str("</article>\n");
    s
}

fn block(s: &mut String, b: &Block, lang: Lang) {
    match b {
        Block::Section { .. } => {}
        Block::Sub(text) => {
            let _ = writeln!(s, "<h3>{}</h3>", esc(text));
        }
        Block::Note(text) => {
            let _ = writeln!(s, "<p class=\"note\">{}</p>", esc(text));
        }
        Block::Bullets { items, .. } => {
            s.push_str("<ul>");
            for i in items {
                let _ = write!(s, "<li>{}</li>", esc(i));
            }
            s.push_str("</ul>\n");
        }
        Block::Table(tb) => table(s, tb, lang),
        Block::Chart { caption, svg } => {
            // plotters escapes the text it writes; the SVG goes in as markup.
            let _ = writeln!(
                s,
                "<figure>{svg}<figcaption>{}</figcaption></figure>",
                esc(caption)
            );
        }
    }
}

pub fn table(s: &mut String, tb: &Table, lang: Lang) {
    let small = if tb.is_wide() { " small" } else { "" };
    let _ = write!(s, "<table class=\"data{small}\"><thead><tr>");
    for (h, numeric) in tb.header.iter().zip(tb.numeric_columns()) {
        let _ = write!(s, "<th{}>{}</th>", num_class(numeric), esc(h));
    }
    s.push_str("</tr></thead><tbody>\n");
    for (strong, row) in tb.marked_rows() {
        let cls = if strong { " class=\"strong\"" } else { "" };
        let _ = write!(s, "<tr{cls}>");
        for c in row {
            let _ = write!(
                s,
                "<td{}>{}</td>",
                num_class(c.is_numeric()),
                esc(&c.display(lang))
            );
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
}

fn num_class(numeric: bool) -> &'static str {
    if numeric {
        " class=\"num\""
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn cells_are_escaped_and_numbers_right_aligned() {
        use crate::model::Currency;
        use crate::report::doc::Cell;
        use rust_decimal_macros::dec;
        let tb = Table::of(
            &["<h>", "n"],
            vec![vec![
                Cell::Text("<script>".into()),
                Cell::Money(dec!(1234567), Currency::VND),
            ]],
            vec![],
        );
        let mut s = String::new();
        table(&mut s, &tb, Lang::Vi);
        assert!(s.contains("<th>&lt;h&gt;</th>"));
        assert!(
            s.contains("<td>&lt;script&gt;</td><td class=\"num\">1.234.567 ₫</td>"),
            "{s}"
        );
    }
}
