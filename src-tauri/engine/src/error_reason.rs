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

/// (English reason prefix, reason code, names of the reason's `{:?}`-quoted values in order:
/// the page's sentence names them). The first match wins: longer prefixes first.
type Reason = (&'static str, &'static str, &'static [&'static str]);

const REASONS: &[Reason] = &[
    // Files and archives (import/read).
    ("damaged zip archive", "zip_damaged", &[]),
    ("archive unpacks to an implausible size", "zip_bomb", &[]),
    ("a zip archive holding no spreadsheet", "zip_empty", &[]),
    ("could not read the entry", "zip_damaged", &[]),
    ("is a folder, not a file", "folder", &[]),
    ("the file is empty", "file_empty", &[]),
    ("no sheet named", "no_sheet", &["sheet"]),
    ("could not read CSV", "csv_unreadable", &[]),
    ("could not read the file", "file_unreadable", &[]),
    ("could not read the sheet", "sheet_unreadable", &[]),
    ("not a readable", "file_unreadable", &[]),
    ("the reader failed", "file_unreadable", &[]),
    ("more than", "too_many_columns", &[]),
    ("a cell lies beyond column", "too_many_columns", &[]),
    ("the header row was not found", "no_header", &[]),
    ("no data found", "no_data", &[]),
    ("this column appears twice", "duplicate_column", &[]),
    ("named as a part of one export", "parts_differ", &[]),
    ("its amounts are in", "store_other_currency", &["store"]),
    (
        "its amounts add up to more than",
        "number_out_of_range",
        &[],
    ),
    // Cells (import/clean).
    ("not a whole number", "not_whole_number", &[]),
    ("number too large", "number_out_of_range", &[]),
    ("number out of range", "number_out_of_range", &[]),
    ("not a percentage", "not_percentage", &[]),
    ("not a number", "not_number", &[]),
    ("unclear decimal separator", "unclear_decimal", &[]),
    ("misplaced thousands separator", "unclear_decimal", &[]),
    ("id arrived as", "id_damaged", &[]),
    ("an id that Excel", "id_damaged", &[]),
    (
        "date range ends before it starts",
        "date_range_reversed",
        &[],
    ),
    ("date range lacks a date", "not_date", &[]),
    ("this date is written", "date_order_mixed", &[]),
    ("not a date", "not_date", &[]),
    ("date out of range", "date_out_of_range", &[]),
    ("not a month", "not_month", &[]),
    ("month \"", "not_month", &["value"]),
    ("cell holds the spreadsheet error", "cell_error", &[]),
    ("a formula", "formula_without_value", &[]),
    ("a quantity cannot be negative", "negative_quantity", &[]),
    ("a count cannot be negative", "negative_count", &[]),
    ("a unit cost cannot be negative", "negative_cost", &[]),
    ("SKU \"", "negative_cost", &["sku"]),
    ("a SKU cost row has no SKU", "no_sku", &[]),
    ("no SKU", "no_sku", &[]),
    ("no unit cost", "no_unit_cost", &[]),
    ("expected 2 or 3 columns", "paste_columns", &[]),
    ("direction must be", "bad_direction", &[]),
    // Backups (db/backup).
    ("not a Fupan backup", "not_backup", &[]),
    ("the backup is damaged", "backup_damaged", &[]),
    // Stores (db/stores): rename and merge.
    ("a store needs a name", "store_needs_name", &[]),
    ("another ", "store_name_taken", &["store"]),
    ("a store cannot be merged into itself", "merge_itself", &[]),
    (
        "several stores are named",
        "store_name_ambiguous",
        &["store"],
    ),
    // Costs (db/costs, desktop costs).
    (
        "several currencies: choose the store or currency",
        "cost_needs_target",
        &[],
    ),
    ("a fixed cost needs a kind", "fixed_cost_kind", &[]),
    ("the store sells in", "cost_currency_differs", &[]),
    ("store \"", "cost_other_currency", &["store"]),
    ("column mapping:", "mapping_incomplete", &[]),
    ("no fee source", "no_fee_source", &["source"]),
    // Tax settings (db/tax_settings).
    ("the threshold cannot be negative", "negative_amount", &[]),
    (
        "the monthly exemption cannot be negative",
        "negative_amount",
        &[],
    ),
    ("the VAT rate must be", "rate_range", &[]),
    ("the flat percentage must be", "rate_range", &[]),
    ("a flat regime needs", "rate_range", &[]),
    ("a settlement delay of", "settlement_delay", &[]),
    // What the window asks for (desktop commands, metrics).
    ("import some data first", "no_data_yet", &[]),
    ("several currencies", "several_currencies", &[]),
    (
        "the database has stores in several currencies",
        "cost_needs_store",
        &[],
    ),
    ("no stores yet", "no_stores_yet", &[]),
    ("date \"", "not_date", &["value"]),
    ("hold-out sales", "negative_amount", &[]),
    ("unknown currency", "unknown_currency", &[]),
    ("no data for", "no_data_for_year", &[]),
    ("no report saved yet", "no_report_saved", &[]),
    ("no store named", "no_store", &["store"]),
    ("no store with id", "no_store", &[]),
    ("no import with id", "no_import", &[]),
    ("no fixed cost with id", "no_fixed_cost", &[]),
    ("the sample data is not installed", "no_samples", &[]),
    ("no sample files", "no_samples", &[]),
    ("no font for the PDF report", "no_font", &[]),
];

/// Reasons told by a phrase anywhere in the text (a reason may follow the value it is
/// about, or be wrapped by the reader's own words); tried before the prefixes.
const PHRASES: &[Reason] = &[
    ("password-protected", "zip_password", &[]),
    ("larger than 1 MiB", "cell_too_large", &[]),
    ("lost digits", "id_damaged", &[]),
    ("are different accounts", "merge_other_account", &[]),
    ("is outside the filter", "store_outside_filter", &["store"]),
    (" cost of SKU ", "no_cost", &["sku"]),
    ("the report is written as", "report_format", &[]),
];

/// Reasons `reason_and_params` gives from an error's variant, not from its text.
pub const TYPED_REASONS: &[&str] = &[
    "cell_empty",
    "not_number",
    "file_missing",
    "permission_denied",
    "file_unreadable",
    "several_currencies",
    "number_out_of_range",
    "sku_currency_unknown",
];

/// Every reason code the engine can send the page (the page must translate each).
pub fn all_reason_codes() -> Vec<&'static str> {
    let mut all: Vec<&str> = REASONS
        .iter()
        .chain(PHRASES)
        .map(|(_, c, _)| *c)
        .chain(TYPED_REASONS.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn find(text: &str) -> Option<&'static Reason> {
    let text = text.trim_start();
    PHRASES
        .iter()
        .find(|(phrase, _, _)| text.contains(phrase))
        .or_else(|| {
            REASONS
                .iter()
                .find(|(prefix, _, _)| text.starts_with(prefix))
        })
}

/// A reason code for an English reason text, if the table knows it.
pub fn reason_code(text: &str) -> Option<&'static str> {
    find(text)
        .map(|(_, code, _)| *code)
        // A reason may follow the value it is about ("… is empty").
        .or_else(|| text.ends_with(" is empty").then_some("cell_empty"))
        .or_else(|| text.ends_with("is not a number").then_some("not_number"))
}

/// The values a reason text quotes (`{:?}` of a string), unescaped, in order.
fn quoted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while chars.by_ref().any(|c| c == '"') {
        let mut v = String::new();
        let mut closed = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        v.push(match n {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                }
                '"' => {
                    closed = true;
                    break;
                }
                c => v.push(c),
            }
        }
        if closed {
            out.push(v);
        }
    }
    out
}

/// The reason code of `text` and the parameters its sentence names (quoted values).
fn reason_with_params(
    text: &str,
    params: &mut BTreeMap<&'static str, String>,
) -> Option<&'static str> {
    if let Some((_, code, names)) = find(text) {
        for (name, value) in names.iter().zip(quoted(text)) {
            params.entry(name).or_insert(value);
        }
        return Some(code);
    }
    reason_code(text)
}

/// The file's own name: the page names the file, not the folder it came from.
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

fn put_location(params: &mut BTreeMap<&'static str, String>, at: &Location) {
    let file = file_name(&at.file);
    // A CSV's one "sheet" is the file itself: naming it twice says nothing.
    if let Some(s) = at.sheet.as_ref().filter(|s| **s != file) {
        params.insert("sheet", s.clone());
    }
    params.insert("file", file);
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
            reason_with_params(detail, &mut params)
        }
        Error::BadCell { at, value, reason } => {
            put_location(&mut params, at);
            if !value.is_empty() {
                params.insert("value", value.clone());
            }
            reason_with_params(reason, &mut params)
        }
        Error::MissingColumn { at, column } => {
            put_location(&mut params, at);
            params.insert("column", column.clone());
            None
        }
        Error::BadFile { at, reason } => {
            put_location(&mut params, at);
            reason_with_params(reason, &mut params)
        }
        Error::UnplacedSkus { at, skus } => {
            put_location(&mut params, at);
            params.insert("count", skus.len().to_string());
            params.insert("skus", skus.join(", "));
            Some("sku_currency_unknown")
        }
        Error::InvalidArgument(m) | Error::NotFound(m) => reason_with_params(m, &mut params),
        Error::Money(MoneyError::CurrencyMismatch { .. }) => Some("several_currencies"),
        Error::Money(_) => Some("number_out_of_range"),
        Error::SchemaTooNew { found, supported } => {
            params.insert("found", found.to_string());
            params.insert("supported", supported.to_string());
            None
        }
        Error::LedgerDamaged { path, .. } => {
            // The title (`error.ledger_damaged`) already says what to do.
            params.insert("file", file_name(path));
            None
        }
        Error::LedgerBusy => None,
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

    /// Every reason the engine can send, and every error code, has its sentence in the three
    /// languages of the page, and the zh/vi sentences are not English.
    #[test]
    fn every_reason_is_translated_in_the_page() {
        let ui = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/i18n");
        let dict = |lang: &str| -> serde_json::Map<String, serde_json::Value> {
            let text = std::fs::read_to_string(format!("{ui}/{lang}.json")).expect("i18n file");
            serde_json::from_str(&text).expect("i18n json")
        };
        let (zh, vi, en) = (dict("zh"), dict("vi"), dict("en"));
        let mut keys: Vec<String> = all_reason_codes()
            .iter()
            .map(|r| format!("error.reason.{r}"))
            .collect();
        keys.extend(Error::CODES.iter().map(|c| format!("error.{c}")));
        keys.extend(Error::CODES.iter().map(|c| format!("error.hint.{c}")));
        // A reason's own next step, where the page has one.
        keys.extend(en.keys().filter(|k| k.starts_with("error.next.")).cloned());
        for key in &keys {
            for (lang, d) in [("zh", &zh), ("vi", &vi), ("en", &en)] {
                assert!(d.contains_key(key), "{lang}.json lacks {key}");
            }
            let (z, v, e) = (text_of(&zh, key), text_of(&vi, key), text_of(&en, key));
            assert!(is_chinese(&z), "zh {key} is not Chinese: {z}");
            assert!(
                is_vietnamese(&v) && v != e,
                "vi {key} is not Vietnamese: {v}"
            );
            // The page fills each parameter it names; zh/vi name the same ones as en.
            for p in ["{skus}", "{store}", "{sku}", "{count}", "{source}"] {
                if e.contains(p) {
                    assert!(z.contains(p) && v.contains(p), "{key} drops {p}");
                }
            }
        }
    }

    fn text_of(d: &serde_json::Map<String, serde_json::Value>, key: &str) -> String {
        d.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    }

    /// Latin words of the text outside `{param}` placeholders, less the names a merchant
    /// reads as they are (currencies, file kinds, products).
    fn latin_words(s: &str) -> Vec<String> {
        const KEPT: &[&str] = &[
            "SKU", "CNY", "VND", "CSV", "Excel", "PDF", "HTML", "zip", "xlsx", "Noto", "Sans",
            "CJK", "MiB", "ID", "ROAS", "ROI", "Store", "Currency", "YYYY", "MM", "TRUE", "FALSE",
            "N", "A", "Text", "Fupan", "Shopee", "Lazada", "TikTok", "Shop", "XFD",
        ];
        let mut plain = String::new();
        let mut depth = 0;
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        plain
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 1 && !KEPT.contains(w))
            .map(str::to_string)
            .collect()
    }

    fn is_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && latin_words(s).is_empty()
    }

    /// Vietnamese: its own letters, and none of the English words a half-translated
    /// sentence keeps.
    fn is_vietnamese(s: &str) -> bool {
        const ENGLISH: &[&str] = &[
            "the", "and", "is", "not", "of", "with", "this", "file", "please", "choose", "import",
            "store", "first", "cannot", "sheet", "column", "row",
        ];
        // Latin letters with Vietnamese marks (Latin-1 to Latin Extended Additional).
        let marked = s
            .chars()
            .any(|c| ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c));
        marked
            && !latin_words(s)
                .iter()
                .any(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
    }

    #[test]
    fn reasons_carry_the_values_they_quote() {
        let e = Error::NotFound("no store named \"棉语家居\"".into());
        let (reason, params) = reason_and_params(&e);
        assert_eq!(reason, Some("no_store"));
        assert_eq!(params["store"], "棉语家居");
        let e = Error::UnplacedSkus {
            at: Location {
                file: "/tmp/成本.xlsx".into(),
                ..Location::default()
            },
            skus: vec!["TS-RED-M".into(), "NEW-1".into()],
        };
        let (reason, params) = reason_and_params(&e);
        assert_eq!(reason, Some("sku_currency_unknown"));
        assert_eq!(params["skus"], "TS-RED-M, NEW-1");
        assert_eq!(params["count"], "2");
        assert_eq!(params["file"], "成本.xlsx");
        assert_eq!(quoted(r#"a "b \"c\"" d "e""#), ["b \"c\"", "e"]);
    }

    #[test]
    fn window_requests_have_codes() {
        let e = Error::InvalidArgument("several currencies: choose a store in the top bar".into());
        assert_eq!(reason_and_params(&e).0, Some("several_currencies"));
        assert_eq!(reason_code("Seller SKU is empty"), Some("cell_empty"));
        assert_eq!(reason_code("something new"), None);
    }
}
