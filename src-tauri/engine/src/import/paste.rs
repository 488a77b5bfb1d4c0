//! A block of SKU costs copied from Excel and pasted into the Costs screen: tab-separated
//! lines `SKU ⇥ unit cost [⇥ valid from]`. Every line is checked with the importer's own
//! cleaners (money, dates); bad lines are reported one by one and nothing is saved until
//! the block is clean.

use chrono::NaiveDate;
use serde::Serialize;

use super::clean::{date, money, text};
use super::read::Cell;
use crate::model::{Currency, SkuCost};

/// A line of the block that cannot be saved, by 1-based line and column as pasted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PasteError {
    pub line: usize,
    pub column: usize,
    pub value: String,
    pub reason: String,
    /// The reason's code for the page's sentence (`error.reason.<code>`), if it has one.
    pub code: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PastedCosts {
    pub costs: Vec<SkuCost>,
    pub errors: Vec<PasteError>,
    /// The first line was a header row (SKU, 成本, Giá vốn…) and was skipped.
    pub header_skipped: bool,
}

/// Without a date a cost holds from the beginning (as in a cost sheet, formats.md).
pub const ALWAYS: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

fn cell(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// Parse a pasted block for `currency` (its decimals decide "1.234" in VND).
pub fn parse_cost_block(block: &str, currency: Currency) -> PastedCosts {
    let mut out = PastedCosts {
        costs: Vec::new(),
        errors: Vec::new(),
        header_skipped: false,
    };
    for (i, raw) in block.lines().enumerate() {
        let line = i + 1;
        let cells: Vec<&str> = raw.trim_end_matches('\r').split('\t').collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let err = |column: usize, reason: &str| PasteError {
            line,
            column,
            value: cells.get(column - 1).map_or("", |v| v.trim()).to_string(),
            reason: reason.to_string(),
            code: crate::error_reason::reason_code(reason),
        };
        let cost = money(&cell(cells.get(1).copied().unwrap_or("")), currency);
        // A header row: its cost cell is not a number. Only the first non-empty line may be one.
        if out.costs.is_empty() && out.errors.is_empty() && !out.header_skipped && cost.is_err() {
            out.header_skipped = true;
            continue;
        }
        let Some(sku) = text(&cell(cells[0])) else {
            out.errors.push(err(1, "no SKU"));
            continue;
        };
        let unit_cost = match cost {
            Ok(Some(c)) if c.is_sign_negative() && !c.is_zero() => {
                out.errors.push(err(2, "a unit cost cannot be negative"));
                continue;
            }
            Ok(Some(c)) => c,
            Ok(None) => {
                out.errors.push(err(2, "no unit cost"));
                continue;
            }
            Err(e) => {
                out.errors.push(err(2, &e.to_string()));
                continue;
            }
        };
        let valid_from = match cells.get(2).map(|c| date(&cell(c))) {
            None | Some(Ok(None)) => ALWAYS,
            Some(Ok(Some(d))) => d,
            Some(Err(e)) => {
                out.errors.push(err(3, &e.to_string()));
                continue;
            }
        };
        if cells.len() > 3 && cells[3..].iter().any(|c| !c.trim().is_empty()) {
            out.errors.push(err(
                4,
                "expected 2 or 3 columns: SKU, unit cost, valid from",
            ));
            continue;
        }
        out.costs.push(SkuCost {
            sku,
            unit_cost,
            valid_from,
            currency: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_an_excel_block_with_a_header_and_reports_bad_lines() {
        let block = "商家编码\t成本\t生效日期\r\nTS-RED-M\t¥1,234.50\t2026/3/1\r\nMUG-01\t12\r\n\r\n\t5\nCAP\tabc\nX\t-3\nY\t4\t31/02/2026\n";
        let p = parse_cost_block(block, Currency::CNY);
        assert!(p.header_skipped);
        assert_eq!(
            p.costs,
            vec![
                SkuCost {
                    sku: "TS-RED-M".into(),
                    unit_cost: dec!(1234.50),
                    valid_from: d("2026-03-01"),
                    currency: None
                },
                SkuCost {
                    sku: "MUG-01".into(),
                    unit_cost: dec!(12),
                    valid_from: ALWAYS,
                    currency: None
                },
            ]
        );
        let at: Vec<(usize, usize, &str)> = p
            .errors
            .iter()
            .map(|e| (e.line, e.column, e.value.as_str()))
            .collect();
        assert_eq!(
            at,
            vec![
                (5, 1, ""),
                (6, 2, "abc"),
                (7, 2, "-3"),
                (8, 3, "31/02/2026")
            ]
        );
        assert_eq!(p.errors[2].reason, "a unit cost cannot be negative");
    }

    #[test]
    fn vnd_dots_are_thousands_and_only_the_first_line_may_be_a_header() {
        let p = parse_cost_block("A\t1.234\nSKU\tcost\n", Currency::VND);
        assert!(!p.header_skipped);
        assert_eq!(p.costs[0].unit_cost, dec!(1234));
        assert_eq!((p.errors[0].line, p.errors[0].column), (2, 2));
        assert_eq!(parse_cost_block("", Currency::CNY).costs.len(), 0);
    }
}
