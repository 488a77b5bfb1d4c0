//! Recognising a file's platform and report kind from its headers, sheet and file names.
//! Every sheet's first rows are scanned for each format's header row; a format whose
//! required columns are all present scores by the number of its columns found (sheet and
//! file name hints break ties). The best wins; none → `Error::UnknownFormat` listing the
//! headers seen. A format recognised by many columns but lacking a required one is reported
//! as `Error::MissingColumn` (more useful than "unknown").

use std::sync::Arc;

use crate::error::{Error, Location, Result};
use crate::import::formats::{self, FormatSpec, Role};
use crate::import::mapping::MappedFormat;
use crate::import::read::{Book, Cell, Row};
use crate::import::{Detected, ImportOptions};
use crate::model::{Currency, Platform};

use crate::import::{clean, header};

/// Rows scanned per sheet for a header.
const SCAN_ROWS: usize = 30;
/// Headers listed per sheet in an "unknown format" message.
const DETAIL_HEADERS: usize = 12;

/// The format table a file was recognised as, carried in the detection result: a built-in
/// table, or the table of a user's column mapping (owned here, so it lives as long as the
/// import; nothing global keeps it). Equal when both name the same table.
#[derive(Debug, Clone)]
pub enum SpecRef {
    Builtin(&'static FormatSpec<'static>),
    Mapped(Arc<MappedFormat>),
}

impl SpecRef {
    /// Call `f` with the table (a mapped one is lent: `MappedFormat::with`).
    pub fn with<R>(&self, f: impl FnOnce(&FormatSpec<'_>) -> R) -> R {
        match self {
            SpecRef::Builtin(spec) => f(spec),
            SpecRef::Mapped(mapped) => mapped.with(f),
        }
    }
}

impl PartialEq for SpecRef {
    fn eq(&self, other: &SpecRef) -> bool {
        match (self, other) {
            (SpecRef::Builtin(a), SpecRef::Builtin(b)) => a.id == b.id,
            (SpecRef::Mapped(a), SpecRef::Mapped(b)) => a.key() == b.key(),
            _ => false,
        }
    }
}

struct Found {
    spec: SpecRef,
    sheet: String,
    header_row: u64,
    score: usize,
    missing: Vec<String>,
    store_name: Option<String>,
    /// The currency the file writes (`import::currency`).
    currency: Option<Currency>,
}

/// The first rows of every non-empty sheet (where headers are looked for).
pub fn scan(book: &mut dyn Book) -> Result<Vec<(String, Vec<Row>)>> {
    let mut out = Vec::new();
    for sheet in book.sheet_names() {
        let rows: Vec<Row> = book
            .rows(&sheet)?
            .take(SCAN_ROWS)
            .collect::<Result<Vec<Row>>>()?;
        if !rows.is_empty() {
            out.push((sheet, rows));
        }
    }
    Ok(out)
}

/// Recognise the file's format. `opts.platform` restricts the candidates.
pub fn detect(book: &mut dyn Book, opts: &ImportOptions) -> Result<Detected> {
    let specs: Vec<SpecRef> = formats::ALL
        .iter()
        .filter(|s| allowed(s, opts.platform))
        .map(SpecRef::Builtin)
        .collect();
    detect_in(book, opts, &specs)
}

/// Read the file as `spec` (a user's column mapping): its header row is found the same way;
/// a mapped column missing from the file is `Error::MissingColumn`.
pub fn detect_as(
    book: &mut dyn Book,
    opts: &ImportOptions,
    spec: MappedFormat,
) -> Result<Detected> {
    detect_in(book, opts, &[SpecRef::Mapped(Arc::new(spec))])
}

fn detect_in(book: &mut dyn Book, opts: &ImportOptions, specs: &[SpecRef]) -> Result<Detected> {
    let file = book.file_name().to_string();
    let file_lc = file.to_lowercase();
    let mut best: Option<Found> = None;
    let mut partial: Option<Found> = None;
    let mut seen = Vec::new();

    for (sheet, rows) in scan(book)? {
        seen.push(describe(&sheet, &rows));
        for spec in specs {
            let Some(found) = try_spec(spec, &sheet, &rows, &file_lc) else {
                continue;
            };
            let slot = if found.missing.is_empty() {
                &mut best
            } else {
                &mut partial
            };
            if slot.as_ref().is_none_or(|b| found.score > b.score) {
                *slot = Some(found);
            }
        }
    }

    if let Some(f) = best {
        let (format_id, report, default_platform, fixed) = f
            .spec
            .with(|s| (s.id, s.report, s.default_platform(), s.currency));
        let platform = opts.platform.unwrap_or(default_platform);
        return Ok(Detected {
            format_id,
            spec: f.spec,
            platform,
            report,
            sheet: f.sheet,
            header_row: f.header_row,
            store_name: f.store_name,
            currency: (f.currency.or(fixed)).unwrap_or_else(|| platform.default_currency()),
            currency_stated: f.currency.is_some() || fixed.is_some(),
        });
    }
    if let Some(f) = partial {
        return Err(Error::MissingColumn {
            at: Location {
                file,
                sheet: Some(f.sheet),
                row: Some(f.header_row),
                column: None,
            },
            column: f.missing.join(", "),
        });
    }
    let detail = if seen.is_empty() {
        "no data found".to_string()
    } else {
        format!("headers seen: {}", seen.join("; "))
    };
    Err(Error::UnknownFormat { file, detail })
}

/// The companion formats of `main` (`FormatSpec::companions`) found on the workbook's other
/// sheets, each on the sheet where it scores best, with `main`'s platform and currency.
pub fn detect_companions(book: &mut dyn Book, main: &Detected) -> Result<Vec<Detected>> {
    let companions = main.spec.with(|s| s.companions);
    if companions.is_empty() {
        return Ok(Vec::new());
    }
    let file_lc = book.file_name().to_lowercase();
    let mut found: Vec<Found> = Vec::new();
    for sheet in book.sheet_names() {
        if sheet == main.sheet {
            continue;
        }
        let rows: Vec<Row> = book
            .rows(&sheet)?
            .take(SCAN_ROWS)
            .collect::<Result<Vec<Row>>>()?;
        for companion in companions.iter().filter_map(|id| formats::by_id(id)) {
            let Some(f) = try_spec(&SpecRef::Builtin(companion), &sheet, &rows, &file_lc) else {
                continue;
            };
            if !f.missing.is_empty() {
                continue;
            }
            match found.iter_mut().find(|x| x.spec == f.spec) {
                Some(x) if f.score > x.score => *x = f,
                Some(_) => {}
                None => found.push(f),
            }
        }
    }
    Ok(found
        .into_iter()
        .map(|f| Detected {
            format_id: f.spec.with(|s| s.id),
            spec: f.spec,
            platform: main.platform,
            report: main.report,
            sheet: f.sheet,
            header_row: f.header_row,
            store_name: main.store_name.clone(),
            currency: main.currency,
            currency_stated: main.currency_stated,
        })
        .collect())
}

fn allowed(spec: &FormatSpec, platform: Option<Platform>) -> bool {
    match platform {
        None => true,
        Some(p) => spec.platforms.is_empty() || spec.platforms.contains(&p),
    }
}

/// The spec's header row in `rows`, scored; None when it is not this format at all.
fn try_spec(spec: &SpecRef, sheet: &str, rows: &[Row], file_lc: &str) -> Option<Found> {
    spec.with(|table| try_table(spec, table, sheet, rows, file_lc))
}

fn try_table(
    spec: &SpecRef,
    table: &FormatSpec,
    sheet: &str,
    rows: &[Row],
    file_lc: &str,
) -> Option<Found> {
    let required = table.columns.iter().filter(|c| c.required).count();
    let min_hits = required.clamp(2, 4);
    let known = |h: &str| table.knows(h);
    let idx = header::find_header_row(rows, &known, min_hits)?;
    let header = rows.get(idx)?;
    let columns = header::Columns::new(&header.cells);
    let mut hits = 0;
    let mut missing = Vec::new();
    for c in table.columns {
        if !c.aliases.is_empty() && columns.find(c.aliases).is_some() {
            hits += 1;
        } else if c.required {
            missing.extend(c.aliases.first().map(|a| a.to_string()));
        }
    }
    // A partial match must look like the format: most of its required columns and 3+ hits.
    if !missing.is_empty() && (hits < 3 || missing.len() * 2 > required) {
        return None;
    }
    let hint = |hints: &[&str], name: &str| hints.iter().any(|h| name.contains(&h.to_lowercase()));
    let score = hits * 10
        + usize::from(hint(table.sheet_hints, &sheet.to_lowercase())) * 3
        + usize::from(hint(table.file_hints, file_lc)) * 2;
    let store_name = columns.find_role(table, Role::ShopName).and_then(|i| {
        rows.iter()
            .skip(idx + 1)
            .filter_map(|r| r.cells.get(i))
            .find_map(clean::text)
    });
    let currency = crate::import::currency::of_file(table, &columns, rows.get(idx + 1..)?);
    Some(Found {
        spec: spec.clone(),
        sheet: sheet.to_string(),
        header_row: header.number,
        score,
        missing,
        store_name,
        currency,
    })
}

trait FindRole {
    fn find_role(&self, spec: &FormatSpec, role: Role) -> Option<usize>;
}

impl FindRole for header::Columns {
    fn find_role(&self, spec: &FormatSpec, role: Role) -> Option<usize> {
        spec.cols(role).find_map(|c| self.find(c.aliases))
    }
}

/// "sheet: h1, h2, …" from the row with the most text cells, shortened.
fn describe(sheet: &str, rows: &[Row]) -> String {
    let texts = |r: &Row| -> Vec<String> {
        r.cells
            .iter()
            .filter_map(|c| match c {
                Cell::Text(s) if !s.trim().is_empty() => Some(header::normalize(s)),
                _ => None,
            })
            .collect()
    };
    // The earliest of the widest rows (max_by_key keeps the last of equals).
    let headers = rows
        .iter()
        .rev()
        .map(texts)
        .max_by_key(Vec::len)
        .unwrap_or_default();
    let mut shown: Vec<String> = headers
        .iter()
        .take(DETAIL_HEADERS)
        .map(|h| h.chars().take(30).collect())
        .collect();
    if headers.len() > DETAIL_HEADERS {
        shown.push(format!("… ({} columns)", headers.len()));
    }
    format!("{sheet}: {}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::MemoryBook;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn unknown_headers_list_what_was_seen() {
        let mut book = MemoryBook::new("mystery.xlsx").with_sheet(
            "Sheet1",
            vec![
                vec![t("Foo"), t("Bar"), t("Baz")],
                vec![t("1"), t("2"), t("3")],
            ],
        );
        let e = detect(&mut book, &ImportOptions::default()).unwrap_err();
        match e {
            Error::UnknownFormat { file, detail } => {
                assert_eq!(file, "mystery.xlsx");
                assert!(detail.contains("Sheet1: Foo, Bar, Baz"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn platform_option_restricts_candidates() {
        let header = vec![t("SKU"), t("成本")];
        let mut book = MemoryBook::new("c.csv").with_sheet("c.csv", vec![header.clone()]);
        let opts = ImportOptions {
            platform: Some(Platform::Douyin),
            ..Default::default()
        };
        let d = detect(&mut book, &opts).unwrap();
        assert_eq!(d.format_id, "generic.sku_costs");
        assert_eq!(d.platform, Platform::Douyin);
        let mut book = MemoryBook::new("o.csv").with_sheet(
            "o.csv",
            vec![vec![
                t("主订单编号"),
                t("子订单编号"),
                t("订单提交时间"),
                t("订单状态"),
                t("商品数量"),
                t("商品单价"),
            ]],
        );
        let opts = ImportOptions {
            platform: Some(Platform::Pdd),
            ..Default::default()
        };
        assert!(matches!(
            detect(&mut book, &opts),
            Err(Error::UnknownFormat { .. })
        ));
    }
}
