//! `Doc` → typst markup. Every piece of text enters as a typst string literal (`lit`), never
//! as markup, so store names, SKUs or translations cannot inject typst code.

use std::fmt::Write;

use super::doc::{Block, Doc, Table};
use super::i18n::{t, Lang};

/// Font families in order of preference; typst falls back glyph by glyph along the list.
/// Noto Sans CJK covers Latin and Vietnamese as well, so one family sets all three languages.
pub const FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "DejaVu Sans",
    "Noto Sans",
    "Segoe UI",
    "Arial",
];

/// Tables of at most this many rows are never split across pages.
const KEEP_TOGETHER: usize = 15;

/// A text column with a cell longer than this (in characters) wraps in a flexible column.
const LONG_TEXT: usize = 16;

/// The virtual file of the document's `i`-th chart (served by the PDF world).
pub fn chart_path(i: usize) -> String {
    format!("/chart-{i}.svg")
}

/// The SVG of every chart, in document order, under the paths the markup names.
pub fn chart_files(doc: &Doc) -> Vec<(String, Vec<u8>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart { svg, .. } => Some(svg.as_bytes().to_vec()),
            _ => None,
        })
        .enumerate()
        .map(|(i, svg)| (chart_path(i), svg))
        .collect()
}

/// A typst string literal holding `s` verbatim.
pub fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The whole document as typst source.
pub fn markup(doc: &Doc) -> String {
    let mut s = String::new();
    let fonts: Vec<String> = FAMILIES.iter().map(|f| lit(f)).collect();
    let _ = write!(
        s,
        r##"#set document(title: {title})
#set text(font: ({fonts},), size: 9.5pt, lang: {lang})
#set page(paper: "a4", margin: (x: 16mm, top: 16mm, bottom: 20mm),
  footer: context if counter(page).get().first() > 1 {{
    set align(center); set text(8pt, fill: luma(110))
    counter(page).display("1 / 1", both: true)
  }})
#set par(leading: 0.6em)
#set smartquote(enabled: false)
#set heading(numbering: "1.")
#show heading.where(level: 1): it => block(above: 0pt, below: 10pt, text(15pt, fill: rgb("#2f5d9e"), it))
#show heading.where(level: 2): set text(11pt)
#set table(stroke: 0.4pt + luma(200), inset: (x: 4pt, y: 3pt), fill: (_, y) => if y == 0 {{ luma(235) }})
#show table.cell.where(y: 0): set text(weight: "bold")
#show outline.entry.where(level: 1): set block(above: 0.9em)
"##,
        title = lit(&doc.title),
        fonts = fonts.join(", "),
        lang = lit(doc.lang.code()),
    );
    cover(&mut s, doc);
    let mut charts = 0;
    for b in &doc.blocks {
        block(&mut s, b, doc.lang, &mut charts);
    }
    s
}

fn cover(s: &mut String, doc: &Doc) {
    let _ = writeln!(
        s,
        "#v(30mm)\n#align(center, text(26pt, weight: \"bold\", fill: rgb(\"#2f5d9e\"), {}))\n#v(10mm)",
        lit(&doc.title)
    );
    let mut cells = Vec::new();
    for (k, v) in &doc.cover {
        cells.push(format!("text(fill: luma(90), {})", lit(k)));
        cells.push(lit(v));
    }
    let _ = writeln!(
        s,
        "#align(center, grid(columns: 2, column-gutter: 8mm, row-gutter: 4mm, align: (right, left), {}))",
        cells.join(", ")
    );
    let _ = writeln!(
        s,
        "#v(16mm)\n#outline(title: {}, depth: 1)",
        lit(&t(doc.lang, "contents"))
    );
}

/// One block; `charts` counts the charts so far (each names its own virtual file).
fn block(s: &mut String, b: &Block, lang: Lang, charts: &mut usize) {
    match b {
        Block::Section { title, new_page } => {
            let brk = if *new_page {
                "#pagebreak(weak: true)\n"
            } else {
                "#v(6mm)\n"
            };
            let _ = writeln!(s, "{brk}#heading(level: 1, {})", lit(title));
        }
        Block::Sub(text) => {
            let _ = writeln!(s, "#heading(level: 2, numbering: none, {})", lit(text));
        }
        Block::Note(text) => {
            let _ = writeln!(s, "#text(8.5pt, fill: luma(90), {})\n", lit(text));
        }
        Block::Bullets { items, .. } => {
            for i in items {
                let _ = writeln!(s, "#list(spacing: 0.9em, {})", lit(i));
            }
        }
        Block::Table(tb) => table(s, tb, lang),
        Block::Chart { caption, .. } => {
            // The SVG is set in the document's fonts (typst hands them to its SVG renderer),
            // so CJK and Vietnamese labels inside charts come out right.
            let _ = writeln!(
                s,
                "#block(breakable: false, below: 10pt)[#image({}, width: 100%)\n#align(center, text(8pt, fill: luma(90), {}))]",
                lit(&chart_path(*charts)),
                lit(caption)
            );
            *charts += 1;
        }
    }
}

/// A table: a short one moves whole to the next page, a long one breaks across pages with its
/// header repeated; many columns → smaller text.
pub fn table(s: &mut String, tb: &Table, lang: Lang) {
    let n = tb.header.len();
    let numeric = tb.numeric_columns();
    let size = if tb.is_wide() { "8pt" } else { "9pt" };
    // The first column and long text columns share the free width (they wrap); the others
    // take what they need.
    let long = |i: usize| {
        tb.rows.iter().any(|r| {
            r.get(i)
                .is_some_and(|c| !c.is_numeric() && c.display(lang).chars().count() > LONG_TEXT)
        })
    };
    let cols: Vec<&str> = (0..n)
        .map(|i| if i == 0 || long(i) { "1fr" } else { "auto" })
        .collect();
    let aligns: Vec<&str> = numeric
        .iter()
        .map(|&num| if num { "right" } else { "left" })
        .collect();
    let header: Vec<String> = tb.header.iter().map(|h| lit(h)).collect();
    let _ = writeln!(
        s,
        "#block(below: 10pt, breakable: {}, text({size}, table(columns: ({},), align: ({},), table.header({}),",
        tb.rows.len() > KEEP_TOGETHER,
        cols.join(", "),
        aligns.join(", "),
        header.join(", ")
    );
    for (strong, row) in tb.marked_rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let text = lit(&c.display(lang));
                if strong {
                    format!("strong({text})")
                } else {
                    text
                }
            })
            .collect();
        let _ = writeln!(s, "  {},", cells.join(", "));
    }
    let _ = writeln!(s, ")))");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_cannot_escape_the_string() {
        assert_eq!(lit(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(lit("x\ny"), r#""x\ny""#);
        assert_eq!(
            lit("#set page(width: 1pt) *bold* $x$ <l> @ref"),
            "\"#set page(width: 1pt) *bold* $x$ <l> @ref\""
        );
        assert_eq!(lit("\u{7}"), "\"\\u{7}\"");
    }

    #[test]
    fn tables_align_numbers_right_and_bold_totals() {
        use crate::model::Currency;
        use crate::report::doc::Cell;
        use rust_decimal_macros::dec;
        let tb = Table::of(
            &["Figure", "Amount"],
            vec![
                vec![
                    Cell::Text("GMV \"x\"".into()),
                    Cell::Money(dec!(1234.5), Currency::CNY),
                ],
                vec![Cell::Text("Net".into()), Cell::Ratio(None)],
            ],
            vec![1],
        );
        let mut s = String::new();
        table(&mut s, &tb, Lang::En);
        assert!(s.contains("align: (left, right,)"), "{s}");
        assert!(s.contains(r#""GMV \"x\"", "¥1,234.50""#), "{s}");
        assert!(s.contains(r#"strong("Net"), strong("—")"#), "{s}");
    }
}
