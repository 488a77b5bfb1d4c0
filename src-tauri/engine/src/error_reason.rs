//! What the window needs to say an error in the merchant's language: a stable reason code and
//! the parameters (file, sheet, row, column, value) its sentence names. The CLI keeps the
//! English `Display` text; the page translates `error.<code>` and `reason.<reason>` keys of
//! `ui/i18n/*.json` with these parameters and never shows the English text.
//!
//! Reasons are found from the English reason text by prefix, in this one table, so every
//! place that raises an error keeps its CLI wording and the page gains a code without a
//! second error type. A reason that is not listed still gets the code's own sentence and
//! next step (the page has one per code), so nothing falls back to English.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location};
use crate::model::MoneyError;

/// (English reason prefix, reason code). The first match wins: longer prefixes first.
const REASONS: &[(&str, &str)] = &[
    // Files and archives (import/read).
    ("damaged zip archive", "zip_damaged"),
    ("archive unpacks to an implausible size", "zip_bomb"),
    ("a zip archive holding no spreadsheet", "zip_empty"),
    ("could not read the entry", "zip_damaged"),
    ("is a folder, not a file", "folder"),
    ("the file is empty", "file_empty"),
    ("no sheet named", "no_sheet"),
    ("could not read CSV", "csv_unreadable"),
    ("could not read the file", "file_unreadable"),
    ("could not read the sheet", "sheet_unreadable"),
    ("not a readable", "file_unreadable"),
    ("the reader failed", "file_unreadable"),
    ("more than", "too_many_columns"),
    ("the header row was not found", "no_header"),
    ("no data found", "no_data"),
    ("this column appears twice", "duplicate_column"),
    // Cells (import/clean).
    ("not a whole number", "not_whole_number"),
    ("number too large", "number_out_of_range"),
    ("number out of range", "number_out_of_range"),
    ("not a percentage", "not_percentage"),
    ("not a number", "not_number"),
    ("unclear decimal separator", "unclear_decimal"),
    ("misplaced thousands separator", "unclear_decimal"),
    ("id arrived as", "id_damaged"),
    ("an id that Excel", "id_damaged"),
    ("date range ends before it starts", "date_range_reversed"),
    ("date range lacks a date", "not_date"),
    ("not a date", "not_date"),
    ("date out of range", "date_out_of_range"),
    ("not a month", "not_month"),
    ("cell holds the spreadsheet error", "cell_error"),
    ("a formula", "formula_without_value"),
    ("a quantity cannot be negative", "negative_quantity"),
    ("a count cannot be negative", "negative_count"),
    ("a unit cost cannot be negative", "negative_cost"),
    ("no SKU", "no_sku"),
    ("no unit cost", "no_unit_cost"),
    ("expected 2 or 3 columns", "paste_columns"),
    ("direction must be", "bad_direction"),
    // Backups (db/backup).
    ("not a Fupan backup", "not_backup"),
    ("the backup is damaged", "backup_damaged"),
    // What the window asks for (desktop commands, metrics).
    ("import some data first", "no_data_yet"),
    ("several currencies", "several_currencies"),
    (
        "the database has stores in several currencies",
        "cost_needs_store",
    ),
    ("no stores yet", "no_stores_yet"),
    ("date \"", "not_date"),
    ("hold-out sales", "negative_amount"),
    ("unknown currency", "unknown_currency"),
    ("no data for", "no_data_for_year"),
    ("no report saved yet", "no_report_saved"),
    ("no store named", "no_store"),
    ("the sample data is not installed", "no_samples"),
    ("no sample files", "no_samples"),
    ("no font for the PDF report", "no_font"),
];

/// A reason code for an English reason text, if the table knows it.
pub fn reason_code(text: &str) -> Option<&'static str> {
    let text = text.trim_start();
    REASONS
        .iter()
        .find(|(prefix, _)| text.starts_with(prefix))
        .map(|(_, code)| *code)
        // A reason may follow the value it is about ("… is empty").
        .or_else(|| text.ends_with(" is empty").then_some("cell_empty"))
        .or_else(|| text.contains("lost digits").then_some("id_damaged"))
        .or_else(|| text.ends_with("is not a number").then_some("not_number"))
}

/// Every reason code the page may receive: the table's, those matched by suffix above, and
/// those of I/O errors (`reason_and_params`).
pub fn reason_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = REASONS.iter().map(|(_, c)| *c).collect();
    codes.extend([
        "cell_empty",
        "id_damaged",
        "not_number",
        "file_missing",
        "permission_denied",
    ]);
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The file's own name: the page names the file, not the folder it came from.
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

fn put_location(params: &mut BTreeMap<&'static str, String>, at: &Location) {
    params.insert("file", file_name(&at.file));
    if let Some(s) = &at.sheet {
        params.insert("sheet", s.clone());
    }
    if let Some(r) = at.row {
        params.insert("row", r.to_string());
    }
    if let Some(c) = &at.column {
        params.insert("column", c.clone());
    }
}

/// The reason code (if known) and the parameters of `e` for the page's sentence.
pub fn reason_and_params(e: &Error) -> (Option<&'static str>, BTreeMap<&'static str, String>) {
    let mut params = BTreeMap::new();
    let reason = match e {
        Error::Io { path, source } => {
            params.insert("file", file_name(&path.to_string_lossy()));
            Some(match source.kind() {
                std::io::ErrorKind::NotFound => "file_missing",
                std::io::ErrorKind::PermissionDenied => "permission_denied",
                _ => "file_unreadable",
            })
        }
        Error::UnknownFormat { file, detail } => {
            params.insert("file", file_name(file));
            reason_code(detail)
        }
        Error::BadCell { at, value, reason } => {
            put_location(&mut params, at);
            if !value.is_empty() {
                params.insert("value", value.clone());
            }
            reason_code(reason)
        }
        Error::MissingColumn { at, column } => {
            put_location(&mut params, at);
            params.insert("column", column.clone());
            None
        }
        Error::BadFile { at, reason } => {
            put_location(&mut params, at);
            reason_code(reason)
        }
        Error::InvalidArgument(m) | Error::NotFound(m) => reason_code(m),
        Error::Money(MoneyError::CurrencyMismatch { .. }) => Some("several_currencies"),
        Error::Money(_) => Some("number_out_of_range"),
        Error::SchemaTooNew { found, supported } => {
            params.insert("found", found.to_string());
            params.insert("supported", supported.to_string());
            None
        }
        Error::Db(_) | Error::Internal(_) | Error::Reported(_) => None,
    };
    (reason, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_zip_is_a_code_with_the_file_name_only() {
        let e = Error::BadFile {
            at: Location {
                file: "/home/me/Downloads/Order.all.xlsx".into(),
                ..Location::default()
            },
            reason: "damaged zip archive: Could not find EOCD".into(),
        };
        let (reason, params) = reason_and_params(&e);
        assert_eq!(reason, Some("zip_damaged"));
        assert_eq!(
            params.get("file").map(String::as_str),
            Some("Order.all.xlsx")
        );
    }

    #[test]
    fn a_bad_cell_names_sheet_row_column_and_value() {
        let e = Error::BadCell {
            at: Location {
                file: "a.xlsx".into(),
                sheet: Some("orders".into()),
                row: Some(17),
                column: Some("Ngày đặt hàng".into()),
            },
            value: "32/13/2026".into(),
            reason: "not a date".into(),
        };
        let (reason, params) = reason_and_params(&e);
        assert_eq!(reason, Some("not_date"));
        assert_eq!(params["sheet"], "orders");
        assert_eq!(params["row"], "17");
        assert_eq!(params["column"], "Ngày đặt hàng");
        assert_eq!(params["value"], "32/13/2026");
    }

    /// Every reason the engine can send has its sentence in the three languages of the page.
    #[test]
    fn every_reason_is_translated_in_the_page() {
        let ui = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/i18n");
        let reasons = reason_codes();
        for lang in ["zh", "vi", "en"] {
            let text = std::fs::read_to_string(format!("{ui}/{lang}.json")).expect("i18n file");
            let dict: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&text).expect("i18n json");
            for r in &reasons {
                assert!(
                    dict.contains_key(&format!("error.reason.{r}")),
                    "{lang}.json lacks error.reason.{r}"
                );
            }
        }
    }

    #[test]
    fn window_requests_have_codes() {
        let e = Error::InvalidArgument("several currencies: choose a store in the top bar".into());
        assert_eq!(reason_and_params(&e).0, Some("several_currencies"));
        assert_eq!(reason_code("Seller SKU is empty"), Some("cell_empty"));
        assert_eq!(reason_code("something new"), None);
    }
}
