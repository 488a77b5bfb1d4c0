//! The column-mapping step for files nobody recognised: what the user is shown (headers,
//! sample rows, suggested fields, a saved template) and how a saved template is found again.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use super::mapping::{self, ColumnMapping, Field};
use super::read::{self, Book, Cell, Row};
use super::{detect, header};
use crate::db::template_for;
use crate::error::Result;
use crate::model::{Channel, ReportKind};

/// Sample rows shown under the headers.
const SAMPLES: usize = 5;

/// The fields of one report kind, for the mapping dialog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportFields {
    pub fields: &'static [Field],
    pub required: &'static [Field],
    /// Per header, the field the format tables suggest.
    pub suggested: Vec<Option<Field>>,
}

/// What the mapping dialog shows for a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnsPreview {
    pub file: String,
    pub sheet: String,
    /// 1-based row of the header.
    pub header_row: u64,
    pub headers: Vec<String>,
    /// Up to five rows under the header, as the merchant would see them.
    pub samples: Vec<Vec<String>>,
    /// By report kind (`orders`, `ads`, `sku_costs`).
    pub reports: BTreeMap<&'static str, ReportFields>,
    /// A saved template for this header set, when there is one.
    pub template: Option<ColumnMapping>,
    /// The channel ids an ad report can be booked to.
    pub channels: Vec<&'static str>,
}

fn texts(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .map(|c| {
            super::clean::text(c)
                .map(|t| header::normalize(&t))
                .unwrap_or_default()
        })
        .collect()
}

/// The header row of an unknown file: the earliest row with the most text cells in any sheet.
fn header_of(scanned: &[(String, Vec<Row>)]) -> Option<(&str, &Row)> {
    let count = |r: &Row| texts(&r.cells).iter().filter(|t| !t.is_empty()).count();
    let mut best: Option<(&str, &Row, usize)> = None;
    for (sheet, rows) in scanned {
        for r in rows {
            let n = count(r);
            if best.is_none_or(|(_, _, b)| n > b) {
                best = Some((sheet, r, n));
            }
        }
    }
    best.filter(|(_, _, n)| *n > 0).map(|(s, r, _)| (s, r))
}

/// Headers, samples and suggestions for the mapping dialog; `conn` finds a saved template.
pub fn preview_columns(path: &Path, conn: Option<&Connection>) -> Result<ColumnsPreview> {
    let mut book = read::open(path)?;
    let scanned = detect::scan(book.as_mut())?;
    let file = book.file_name().to_string();
    let Some((sheet, row)) = header_of(&scanned) else {
        return Err(crate::Error::UnknownFormat {
            file,
            detail: "no data found".into(),
        });
    };
    let headers = texts(&row.cells);
    let end = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    let headers = headers[..end].to_vec();
    let columns = header::Columns::new(&row.cells);
    let samples: Vec<Vec<String>> = book
        .rows(sheet)?
        .filter_map(|r| r.ok())
        .filter(|r| r.number > row.number && !header::is_noise_row(&r.cells, &columns))
        .take(SAMPLES)
        .map(|r| {
            (0..headers.len())
                .map(|i| r.cells.get(i).map(super::map::show).unwrap_or_default())
                .collect()
        })
        .collect();
    let reports = [ReportKind::Orders, ReportKind::Ads, ReportKind::SkuCosts]
        .into_iter()
        .map(|k| {
            let (fields, required) = Field::for_report(k);
            let suggested = mapping::suggest(&headers, k);
            (
                k.as_str(),
                ReportFields {
                    fields,
                    required,
                    suggested,
                },
            )
        })
        .collect();
    let template = match conn {
        Some(c) => template_for(c, &mapping::signature(&headers))?,
        None => None,
    };
    Ok(ColumnsPreview {
        file,
        sheet: sheet.to_string(),
        header_row: row.number,
        headers,
        samples,
        reports,
        template,
        channels: Channel::ALL.iter().map(|c| c.as_str()).collect(),
    })
}

/// A saved template whose header set is one of the first rows of a sheet of `book`.
pub fn template_of(conn: &Connection, book: &mut dyn Book) -> Result<Option<ColumnMapping>> {
    for (_, rows) in detect::scan(book)? {
        for r in rows {
            let headers = texts(&r.cells);
            if headers.iter().all(String::is_empty) {
                continue;
            }
            if let Some(m) = template_for(conn, &mapping::signature(&headers))? {
                return Ok(Some(m));
            }
        }
    }
    Ok(None)
}

/// The signature of the header row `header_row` of `sheet`.
pub fn header_signature(book: &mut dyn Book, sheet: &str, header_row: u64) -> Result<String> {
    for r in book.rows(sheet)? {
        let r = r?;
        if r.number == header_row {
            return Ok(mapping::signature(&texts(&r.cells)));
        }
    }
    Ok(mapping::signature(&[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::save_template;
    use crate::Ledger;

    #[test]
    fn preview_shows_headers_samples_suggestions_and_the_template() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("erp.csv");
        std::fs::write(
            &p,
            "ERP export\n订单号,Day,SKU,Qty,Note\nA1,2026-01-04,MUG-01,2,x\n合计,,,2,\n",
        )
        .unwrap();
        let ledger = Ledger::open_in_memory().unwrap();
        let c = preview_columns(&p, Some(ledger.conn())).unwrap();
        assert_eq!((c.sheet.as_str(), c.header_row), ("erp.csv", 2));
        assert_eq!(c.headers, ["订单号", "Day", "SKU", "Qty", "Note"]);
        assert_eq!(
            c.samples,
            vec![vec!["A1", "2026-01-04", "MUG-01", "2", "x"]]
        );
        let orders = &c.reports["orders"];
        assert_eq!(
            orders.suggested,
            // "Day" is a date alias of the TikTok Ads table; "Qty" is nobody's alias.
            vec![
                Some(Field::OrderId),
                Some(Field::Date),
                Some(Field::Sku),
                None,
                None
            ]
        );
        assert_eq!(orders.required, &[Field::OrderId, Field::Date]);
        assert_eq!(c.template, None);

        let m: ColumnMapping = serde_json::from_str(
            r#"{"name": "t", "report": "orders", "columns": {"订单号": "order_id", "Day": "date", "SKU": "sku", "Qty": "unit_price"}}"#,
        )
        .unwrap();
        save_template(ledger.conn(), "t", &mapping::signature(&c.headers), &m).unwrap();
        let c = preview_columns(&p, Some(ledger.conn())).unwrap();
        assert_eq!(c.template, Some(m));
    }
}
