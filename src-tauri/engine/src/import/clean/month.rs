//! Months of fixed-cost sheets: "2026-03", "2026/3", "2026年3月", "03/2026", "202603", or any
//! date the date cleaner reads (its month is taken), including Excel dates and serials.

use chrono::{Datelike, NaiveDate};

use super::text::clean_str;
use super::{date, CleanError};
use crate::import::read::Cell;

/// The first day of the cell's month.
pub fn month(cell: &Cell) -> Result<Option<NaiveDate>, CleanError> {
    if let Cell::Text(s) = cell {
        let Some(t) = clean_str(s) else {
            return Ok(None);
        };
        if let Some(m) = year_month(&t) {
            return m.map(Some);
        }
    }
    if let Cell::Int(i) = cell {
        if (199_001..=210_012).contains(i) {
            return year_month(&i.to_string())
                .unwrap_or_else(|| Err(not_a_month()))
                .map(Some);
        }
    }
    match date(cell) {
        Ok(d) => Ok(d.map(|d| d.with_day(1).unwrap_or(d))),
        Err(_) => Err(not_a_month()),
    }
}

fn not_a_month() -> CleanError {
    CleanError::new("not a month (write it as 2026-03)")
}

/// A month written without a day: year and month as two numbers, the year the 4-digit one
/// ("2026-3", "3/2026", "2026年3月份"), or six digits YYYYMM. None when the text is not of
/// that shape (it may still be a date).
fn year_month(t: &str) -> Option<Result<NaiveDate, CleanError>> {
    let t = t.trim().trim_end_matches('份').trim_end_matches('月');
    let parts: Vec<&str> = if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        vec![t.get(..4)?, t.get(4..)?]
    } else {
        t.split(['-', '/', '.', '年', ' '])
            .filter(|p| !p.is_empty())
            .collect()
    };
    let [a, b] = parts.as_slice() else {
        return None;
    };
    if !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (year, month) = match (a.len(), b.len()) {
        (4, 1 | 2) => (a, b),
        (1 | 2, 4) => (b, a),
        _ => return None,
    };
    let (Ok(year), Ok(month)) = (year.parse::<i32>(), month.parse::<u32>()) else {
        return None;
    };
    Some(
        NaiveDate::from_ymd_opt(year, month, 1)
            .filter(|_| (1990..=2100).contains(&year))
            .ok_or_else(not_a_month),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, mo, 1)
    }

    fn text(s: &str) -> Result<Option<NaiveDate>, CleanError> {
        month(&Cell::Text(s.into()))
    }

    #[test]
    fn written_months() {
        for s in [
            "2026-03",
            "2026/3",
            "2026.03",
            "2026年3月",
            "2026年03月份",
            "03/2026",
            "3-2026",
            "202603",
        ] {
            assert_eq!(text(s), Ok(m(2026, 3)), "{s}");
        }
        assert_eq!(text(" "), Ok(None));
        assert_eq!(month(&Cell::Empty), Ok(None));
    }

    #[test]
    fn dates_give_their_month() {
        assert_eq!(text("2026-03-17"), Ok(m(2026, 3)));
        assert_eq!(text("17/03/2026"), Ok(m(2026, 3)));
        // 2026-03-01 as an Excel serial, a number YYYYMM and a spreadsheet date.
        assert_eq!(month(&Cell::Float(46082.0)), Ok(m(2026, 3)));
        assert_eq!(month(&Cell::Int(202603)), Ok(m(2026, 3)));
        let dt = NaiveDate::from_ymd_opt(2026, 3, 31)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(month(&Cell::DateTime(dt)), Ok(m(2026, 3)));
    }

    #[test]
    fn not_months() {
        for s in ["2026-13", "13/2026", "rent", "2026", "1899-03"] {
            assert!(text(s).is_err(), "{s}");
        }
        assert!(month(&Cell::Int(202613)).is_err());
    }
}
