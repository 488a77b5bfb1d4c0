//! `Doc` → xlsx: one worksheet per table of the report (plus the lessons), numbers written as
//! numbers with number formats, text that a spreadsheet could take for a formula escaped.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::doc::{Block, Cell, Doc, Table};
use super::format::DASH;
use crate::error::{Error, Result};
use crate::model::Currency;

/// Excel's limit on worksheet names.
const SHEET_NAME_MAX: usize = 31;

/// A worksheet name: `title` cut to leave room for `sfx` (a currency) within Excel's limit.
pub(crate) fn sheet_title(title: &str, sfx: &str) -> String {
    let room = SHEET_NAME_MAX.saturating_sub(sfx.chars().count());
    let cut: String = title.chars().take(room).collect();
    format!("{}{sfx}", cut.trim_end())
}

/// Text as a cell value: one starting with = + - @ (or a tab / carriage return, which some
/// spreadsheets skip before such a sign) gets a leading apostrophe so it never runs as a formula,
/// also after a round trip through CSV (OWASP "CSV injection").
pub fn safe_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The number format of a money cell in its currency.
pub fn money_format(cur: Currency) -> String {
    match cur {
        Currency::CNY => "\"¥\"#,##0.00;-\"¥\"#,##0.00".into(),
        Currency::VND => "#,##0\" ₫\";-#,##0\" ₫\"".into(),
        other if other.minor_units() == 0 => format!("#,##0\" {}\"", other.code()),
        other => format!("#,##0.00\" {}\"", other.code()),
    }
}

/// The number format of a numeric cell (`None` for text).
pub fn number_format(c: &Cell) -> Option<String> {
    Some(match c {
        Cell::Text(_) | Cell::Missing => return None,
        Cell::Money(_, cur) => money_format(*cur),
        Cell::Ratio(_) => "0.00".into(),
        Cell::Percent(_) => "0.00%".into(),
        Cell::ChangePct(_) => "+0.00%;-0.00%;0.00%".into(),
        Cell::ChangeRatio(_) => "+0.00;-0.00;0.00".into(),
        Cell::Int(_) => "#,##0".into(),
        Cell::Units(v) if v.fract().is_zero() => "#,##0".into(),
        Cell::Units(_) => "#,##0.00".into(),
    })
}

/// The exact value of a numeric cell; `None` for text and for missing ratios ("—").
pub fn number(c: &Cell) -> Option<Decimal> {
    match c {
        Cell::Money(v, _) | Cell::Units(v) => Some(*v),
        Cell::Ratio(v) | Cell::Percent(v) | Cell::ChangePct(v) | Cell::ChangeRatio(v) => *v,
        Cell::Int(v) => Some(Decimal::from(*v)),
        Cell::Text(_) | Cell::Missing => None,
    }
}

pub fn xlsx(doc: &Doc) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    let mut section = String::new();
    for b in &doc.blocks {
        match b {
            Block::Section { title, .. } => section = title.clone(),
            Block::Table(tb) => {
                let ws = wb.add_worksheet();
                ws.set_name(unique_name(&tb.sheet, &mut names))
                    .map_err(xe)?;
                write_table(ws, tb, doc).map_err(xe)?;
            }
            Block::Bullets { sheet, items } => {
                let ws = wb.add_worksheet();
                let title = sheet;
                ws.set_name(unique_name(title, &mut names)).map_err(xe)?;
                let bold = Format::new().set_bold();
                ws.write_string_with_format(0, 0, safe_text(&section), &bold)
                    .map_err(xe)?;
                for (i, item) in items.iter().enumerate() {
                    ws.write_string(i as u32 + 1, 0, safe_text(item))
                        .map_err(xe)?;
                }
                ws.set_column_width(0, 120).map_err(xe)?;
            }
            _ => {}
        }
    }
    wb.save_to_buffer().map_err(xe)
}

fn write_table(ws: &mut Worksheet, tb: &Table, doc: &Doc) -> Result<(), XlsxError> {
    let head = Format::new().set_bold().set_background_color("#EBEBEB");
    for (c, h) in tb.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, safe_text(h), &head)?;
        ws.set_column_width(c as u16, if c == 0 { 28 } else { 16 })?;
    }
    for (r, (strong, row)) in tb.marked_rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            let mut fmt = Format::new();
            if strong {
                fmt = fmt.set_bold();
            }
            match (number(cell), number_format(cell)) {
                (Some(v), Some(nf)) => {
                    ws.write_with_format(r, c, v, &fmt.set_num_format(nf))?;
                }
                _ => {
                    let text = match cell {
                        Cell::Text(s) => safe_text(s),
                        other => other.display(doc.lang), // a missing ratio: "—"
                    };
                    let fmt = if text == DASH {
                        fmt.set_align(rust_xlsxwriter::FormatAlign::Right)
                    } else {
                        fmt
                    };
                    ws.write_string_with_format(r, c, text, &fmt)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A valid, unique worksheet name: no []:*?/\ , at most 31 characters.
fn unique_name(want: &str, taken: &mut Vec<String>) -> String {
    let clean: String = want
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect::<String>()
        .trim_matches(['\'', ' '])
        .to_string();
    let base: String = if clean.is_empty() {
        "Sheet".into()
    } else {
        clean
    };
    let mut name: String = base.chars().take(SHEET_NAME_MAX).collect();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let sfx = format!(" {n}");
        name = base
            .chars()
            .take(SHEET_NAME_MAX - sfx.chars().count())
            .collect::<String>()
            + &sfx;
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn xe(e: XlsxError) -> Error {
    Error::Internal(format!("xlsx: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formula_like_text_is_escaped() {
        assert_eq!(safe_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_text("+1"), "'+1");
        assert_eq!(safe_text("-2"), "'-2");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("\t=1"), "'\t=1");
        assert_eq!(safe_text("店铺 A"), "店铺 A");
        assert_eq!(safe_text("a=b"), "a=b");
    }

    #[test]
    fn numbers_keep_exact_values_and_formats() {
        let m = Cell::Money(dec!(1234.5), Currency::CNY);
        assert_eq!(number(&m), Some(dec!(1234.5)));
        assert_eq!(
            number_format(&m).as_deref(),
            Some("\"¥\"#,##0.00;-\"¥\"#,##0.00")
        );
        assert_eq!(
            number_format(&Cell::Money(dec!(1), Currency::VND)).as_deref(),
            Some("#,##0\" ₫\";-#,##0\" ₫\"")
        );
        assert_eq!(
            number_format(&Cell::Percent(Some(dec!(0.1)))).as_deref(),
            Some("0.00%")
        );
        assert_eq!(number(&Cell::Ratio(None)), None);
        assert_eq!(number_format(&Cell::Text("x".into())), None);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(unique_name("a/b:c", &mut taken), "a b c");
        let long = "x".repeat(40);
        assert_eq!(unique_name(&long, &mut taken).chars().count(), 31);
        let again = unique_name(&long, &mut taken);
        assert!(again.ends_with(" 2") && again.chars().count() == 31);
    }
}
