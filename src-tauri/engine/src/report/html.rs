//! `Doc` → one self-contained, print-ready A4 HTML page (inline CSS, CSS-drawn charts, no
//! scripts, no external files). The in-app Print button prints this page.

use std::fmt::Write;

use super::doc::{Block, Chart, Doc, Series, Span, Table};
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

const CSS: &str = r#"
@page { size: A4; margin: 16mm 16mm 20mm 16mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #6e6e6e; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  "Segoe UI", "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; margin: 0 auto;
  max-width: 178mm; }
h1.title { text-align: center; font-size: 26pt; color: #2f5d9e; margin-top: 30mm; }
.cover { margin: 10mm auto; border-collapse: collapse; }
.cover td { padding: 1.5mm 4mm; } .cover td:first-child { text-align: right; color: #5a5a5a; }
.toc { margin-top: 14mm; } .toc li { margin: 1.5mm 0; }
section.new-page { break-before: page; }
h2 { font-size: 15pt; color: #2f5d9e; margin: 6mm 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
table.data { width: 100%; border-collapse: collapse; margin-bottom: 4mm; font-size: 9pt; }
table.data.small { font-size: 8pt; }
table.data th, table.data td { border: 0.4pt solid #c8c8c8; padding: 1mm 1.4mm; }
table.data th { background: #ebebeb; text-align: left; }
table.data thead { display: table-header-group; } table.data tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; } tr.strong td { font-weight: bold; }
.note { font-size: 8.5pt; color: #5a5a5a; }
figure { margin: 0 0 4mm; break-inside: avoid; }
figcaption { text-align: center; font-size: 8pt; color: #5a5a5a; margin-top: 1mm; }
.spans { display: grid; grid-template-columns: 28% 1fr auto; gap: 1mm 2mm; align-items: center; }
.track { position: relative; height: 9pt; }
.track .bar { position: absolute; top: 0; bottom: 0; }
.track .mark { position: absolute; top: -2pt; bottom: -2pt; border-left: 0.8pt dashed #333; }
.cols { position: relative; height: 48mm; }
.cols .bar { position: absolute; }
.cols .zero { position: absolute; left: 0; right: 0; border-top: 0.6pt solid #505050; }
.labels { display: flex; font-size: 7.5pt; } .labels span { flex: 1; text-align: center; }
.legend { text-align: center; font-size: 8pt; } .legend i { display: inline-block; width: 8pt;
  height: 8pt; margin: 0 3pt 0 10pt; vertical-align: middle; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
"#;

pub fn html(doc: &Doc) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n",
        doc.lang.code(),
        esc(&doc.title)
    );
    let _ = writeln!(
        s,
        "<h1 class=\"title\">{}</h1><table class=\"cover\">",
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
    s.push_str("</body></html>\n");
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
        Block::Bullets(items) => {
            s.push_str("<ul>");
            for i in items {
                let _ = write!(s, "<li>{}</li>", esc(i));
            }
            s.push_str("</ul>\n");
        }
        Block::Table(tb) => table(s, tb, lang),
        Block::Chart { caption, chart } => {
            s.push_str("<figure>");
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
            let _ = writeln!(s, "<figcaption>{}</figcaption></figure>", esc(caption));
        }
    }
}

pub fn table(s: &mut String, tb: &Table, lang: Lang) {
    let small = if tb.header.len() >= 7 { " small" } else { "" };
    let _ = write!(s, "<table class=\"data{small}\"><thead><tr>");
    for h in &tb.header {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>\n");
    for (i, row) in tb.rows.iter().enumerate() {
        let cls = if tb.strong.contains(&i) {
            " class=\"strong\""
        } else {
            ""
        };
        let _ = write!(s, "<tr{cls}>");
        for c in row {
            let num = if c.is_numeric() { " class=\"num\"" } else { "" };
            let _ = write!(s, "<td{num}>{}</td>", esc(&c.display(lang)));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n");
}

fn spans(s: &mut String, rows: &[Span], lo: f64, hi: f64, marker: Option<&(f64, String)>) {
    let pct = |v: f64| Chart::frac(v, lo, hi) * 100.0;
    s.push_str("<div class=\"spans\">");
    for r in rows {
        let (a, b) = (pct(r.from.min(r.to)), pct(r.from.max(r.to)));
        let _ = write!(
            s,
            "<span>{}</span><div class=\"track\"><div class=\"bar\" style=\"left:{a:.2}%;width:{:.2}%;background:{}\"></div>",
            esc(&r.label),
            (b - a).max(0.3),
            r.tone.hex()
        );
        if let Some((m, label)) = marker {
            let _ = write!(
                s,
                "<div class=\"mark\" style=\"left:{:.2}%\" title=\"{}\"></div>",
                pct(*m),
                esc(label)
            );
        }
        let _ = write!(s, "</div><span class=\"note\">{}</span>", esc(&r.text));
    }
    if let Some((m, label)) = marker {
        let _ = write!(
            s,
            "<span></span><div class=\"track note\"><span style=\"position:absolute;left:{:.2}%;transform:translateX(-50%)\">{}</span></div><span></span>",
            pct(*m),
            esc(label)
        );
    }
    s.push_str("</div>\n");
}

fn columns(s: &mut String, labels: &[String], series: &[Series], lo: f64, hi: f64) {
    let n = labels.len().max(1) as f64;
    let k = series.len().max(1) as f64;
    let slot = 100.0 / n;
    let bar = slot * 0.7 / k;
    let zero = (1.0 - Chart::frac(0.0, lo, hi)) * 100.0;
    s.push_str("<div class=\"cols\">");
    for (j, se) in series.iter().enumerate() {
        for (i, v) in se.values.iter().enumerate() {
            let y = (1.0 - Chart::frac(*v, lo, hi)) * 100.0;
            let (top, h) = if y < zero {
                (y, zero - y)
            } else {
                (zero, y - zero)
            };
            let color = if *v < 0.0 { "#c0392b" } else { se.tone.hex() };
            let _ = write!(
                s,
                "<div class=\"bar\" style=\"left:{:.2}%;width:{bar:.2}%;top:{top:.2}%;height:{:.2}%;background:{color}\"></div>",
                slot * i as f64 + slot * 0.15 + bar * j as f64,
                h.max(0.3)
            );
        }
    }
    let _ = write!(
        s,
        "<div class=\"zero\" style=\"top:{zero:.2}%\"></div></div><div class=\"labels\">"
    );
    for l in labels {
        let _ = write!(s, "<span>{}</span>", esc(l));
    }
    s.push_str("</div><div class=\"legend\">");
    for se in series {
        let _ = write!(
            s,
            "<i style=\"background:{}\"></i>{}",
            se.tone.hex(),
            esc(&se.name)
        );
    }
    s.push_str("</div>\n");
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
        let tb = Table {
            sheet: "s".into(),
            header: vec!["<h>".into(), "n".into()],
            rows: vec![vec![
                Cell::Text("<script>".into()),
                Cell::Money(dec!(1234567), Currency::VND),
            ]],
            strong: vec![],
        };
        let mut s = String::new();
        table(&mut s, &tb, Lang::Vi);
        assert!(s.contains("<th>&lt;h&gt;</th>"));
        assert!(
            s.contains("<td>&lt;script&gt;</td><td class=\"num\">1.234.567 ₫</td>"),
            "{s}"
        );
    }
}
