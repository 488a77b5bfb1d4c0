//! `Doc` → typst markup. Every piece of text enters as a typst string literal (`lit`), never
//! as markup, so store names, SKUs or translations cannot inject typst code.

use std::fmt::Write;

use super::doc::{Block, Cell, Chart, Doc, Series, Span, Table};
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

/// Height of the monthly column chart, in mm.
const COLUMNS_MM: f64 = 48.0;

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
    for b in &doc.blocks {
        block(&mut s, b, doc.lang);
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

fn block(s: &mut String, b: &Block, lang: Lang) {
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
        Block::Bullets(items) => {
            for i in items {
                let _ = writeln!(s, "#list(spacing: 0.9em, {})", lit(i));
            }
        }
        Block::Table(tb) => table(s, tb, lang),
        Block::Chart { caption, chart } => {
            let _ = writeln!(s, "#block(breakable: false, below: 8pt)[");
            match chart {
                Chart::Spans {
                    rows,
                    lo,
                    hi,
                    marker,
                } => spans(s, rows, *lo, *hi, marker.as_ref()),
                Chart::Columns {
                    labels,
                    series,
                    lo,
                    hi,
                } => columns(s, labels, series, *lo, *hi),
            }
            let _ = writeln!(
                s,
                "#align(center, text(8pt, fill: luma(90), {}))]",
                lit(caption)
            );
        }
    }
}

/// A table that breaks across pages with its header repeated; many columns → smaller text.
pub fn table(s: &mut String, tb: &Table, lang: Lang) {
    let n = tb.header.len();
    let numeric: Vec<bool> = (0..n)
        .map(|i| {
            tb.rows
                .first()
                .and_then(|r| r.get(i))
                .is_some_and(Cell::is_numeric)
        })
        .collect();
    let size = if n >= 7 { "8pt" } else { "9pt" };
    let cols: Vec<&str> = (0..n)
        .map(|i| if i == 0 { "1fr" } else { "auto" })
        .collect();
    let aligns: Vec<&str> = numeric
        .iter()
        .map(|&num| if num { "right" } else { "left" })
        .collect();
    let header: Vec<String> = tb.header.iter().map(|h| lit(h)).collect();
    let _ = writeln!(
        s,
        "#block(below: 10pt, text({size}, table(columns: ({},), align: ({},), table.header({}),",
        cols.join(", "),
        aligns.join(", "),
        header.join(", ")
    );
    for (i, row) in tb.rows.iter().enumerate() {
        let strong = tb.strong.contains(&i);
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

/// Horizontal bars on one axis; a dashed marker line (break-even) across every row.
fn spans(s: &mut String, rows: &[Span], lo: f64, hi: f64, marker: Option<&(f64, String)>) {
    let pct = |v: f64| Chart::frac(v, lo, hi) * 100.0;
    let _ = writeln!(
        s,
        "#grid(columns: (28%, 1fr, auto), column-gutter: 6pt, row-gutter: 4pt, align: horizon,"
    );
    for r in rows {
        let (a, b) = (pct(r.from.min(r.to)), pct(r.from.max(r.to)));
        let mut bar = format!(
            "place(dx: {a:.2}%, rect(width: {:.2}%, height: 100%, fill: rgb({})))",
            (b - a).max(0.3),
            lit(r.tone.hex())
        );
        if let Some((m, _)) = marker {
            let _ = write!(
                bar,
                "; place(dx: {:.2}%, dy: -2pt, line(angle: 90deg, length: 13pt, stroke: (paint: rgb(\"#333333\"), thickness: 0.8pt, dash: \"dashed\")))",
                pct(*m)
            );
        }
        let _ = writeln!(
            s,
            "  text(8.5pt, {}), box(width: 100%, height: 9pt, {{ {bar} }}), text(8pt, {}),",
            lit(&r.label),
            lit(&r.text)
        );
    }
    if let Some((m, label)) = marker {
        let _ = writeln!(
            s,
            "  [], box(width: 100%, height: 10pt, place(dx: {:.2}%, text(7.5pt, fill: rgb(\"#333333\"), {}))), [],",
            pct(*m),
            lit(label)
        );
    }
    let _ = writeln!(s, ")");
}

/// Grouped vertical columns with a zero line, month labels and a legend.
fn columns(s: &mut String, labels: &[String], series: &[Series], lo: f64, hi: f64) {
    let n = labels.len().max(1) as f64;
    let k = series.len().max(1) as f64;
    let slot = 100.0 / n;
    let bar = slot * 0.7 / k;
    let zero = (1.0 - Chart::frac(0.0, lo, hi)) * COLUMNS_MM;
    let _ = writeln!(s, "#box(width: 100%, height: {COLUMNS_MM}mm, {{");
    for (j, se) in series.iter().enumerate() {
        for (i, v) in se.values.iter().enumerate() {
            let y = (1.0 - Chart::frac(*v, lo, hi)) * COLUMNS_MM;
            let (top, h) = if y < zero {
                (y, zero - y)
            } else {
                (zero, y - zero)
            };
            let dx = slot * i as f64 + slot * 0.15 + bar * j as f64;
            let _ = writeln!(
                s,
                "  place(dx: {dx:.2}%, dy: {top:.2}mm, rect(width: {bar:.2}%, height: {:.2}mm, fill: rgb({})))",
                h.max(0.2),
                lit(if *v < 0.0 { "#c0392b" } else { se.tone.hex() })
            );
        }
    }
    let _ = writeln!(
        s,
        "  place(dy: {zero:.2}mm, line(length: 100%, stroke: 0.6pt + luma(80)))\n}})"
    );
    let cells: Vec<String> = labels
        .iter()
        .map(|l| format!("text(7.5pt, {})", lit(l)))
        .collect();
    let _ = writeln!(
        s,
        "#grid(columns: ({}), align: center, {})",
        vec!["1fr"; labels.len().max(1)].join(", "),
        cells.join(", ")
    );
    let legend: Vec<String> = series
        .iter()
        .map(|se| {
            format!(
                "box(rect(width: 8pt, height: 8pt, fill: rgb({}))) + h(3pt) + text(8pt, {})",
                lit(se.tone.hex()),
                lit(&se.name)
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "#align(center, stack(dir: ltr, spacing: 12pt, {}))",
        legend.join(", ")
    );
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
        use rust_decimal_macros::dec;
        let tb = Table {
            sheet: "s".into(),
            header: vec!["Figure".into(), "Amount".into()],
            rows: vec![
                vec![
                    Cell::Text("GMV \"x\"".into()),
                    Cell::Money(dec!(1234.5), Currency::CNY),
                ],
                vec![Cell::Text("Net".into()), Cell::Ratio(None)],
            ],
            strong: vec![1],
        };
        let mut s = String::new();
        table(&mut s, &tb, Lang::En);
        assert!(s.contains("align: (left, right,)"), "{s}");
        assert!(s.contains(r#""GMV \"x\"", "¥1,234.50""#), "{s}");
        assert!(s.contains(r#"strong("Net"), strong("—")"#), "{s}");
    }
}
