//! Dates and date-times from spreadsheet dates, Excel serials and the text formats the
//! platforms write.
//!
//! Ambiguity rules: a 4-digit year FIRST means year-month-day ("2026/9/22"); a 4-digit year
//! LAST with '/', '-' or '.' means day-month-year ("22/09/2026", TikTok VN) — month-first (US)
//! order is never assumed. A bare number (or numeric text) in 20000..80000 is an Excel serial
//! of the 1900 system (1954..2119; 1904-system workbooks are resolved by the reader); 8
//! digits (text or number) are YYYYMMDD. Years outside 1990..=2100 are refused as misreads.
//! Text times are kept as written (no time zone conversion).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::text::clean_str;
use super::{error_cell, CleanError};
use crate::import::read::Cell;

/// The date part of a date or date-time cell.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, CleanError> {
    Ok(datetime(cell)?.map(|dt| dt.date()))
}

/// A date-time; a date without time is midnight.
pub fn datetime(cell: &Cell) -> Result<Option<NaiveDateTime>, CleanError> {
    let dt = match cell {
        Cell::Empty => return Ok(None),
        Cell::Error(e) => return Err(error_cell(e)),
        Cell::Bool(_) => return Err(not_a_date()),
        Cell::DateTime(dt) => *dt,
        Cell::Int(i) => number_date(*i as f64)?,
        Cell::Float(f) => number_date(*f)?,
        Cell::Text(s) => match clean_str(s) {
            None => return Ok(None),
            Some(t) => parse_text(&t)?,
        },
    };
    in_range(dt).map(Some)
}

/// A period: "20260803至20260809", "2026-08-03~2026-08-09", "2026-08-03 - 2026-08-09", or a
/// single date d giving (d, d).
pub fn date_range(cell: &Cell) -> Result<Option<(NaiveDate, NaiveDate)>, CleanError> {
    if let Cell::Text(s) = cell {
        let Some(t) = clean_str(s) else {
            return Ok(None);
        };
        for sep in ["至", "~", "～", "到", " - ", " — ", "—"] {
            if let Some((a, b)) = t.split_once(sep) {
                let from = date_of(a)?;
                let to = date_of(b)?;
                if from > to {
                    return Err(CleanError::new("date range ends before it starts"));
                }
                return Ok(Some((from, to)));
            }
        }
    }
    Ok(date(cell)?.map(|d| (d, d)))
}

fn date_of(s: &str) -> Result<NaiveDate, CleanError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(CleanError::new("date range lacks a date"));
    }
    Ok(in_range(parse_text(t)?)?.date())
}

fn not_a_date() -> CleanError {
    CleanError::new("not a date")
}

fn in_range(dt: NaiveDateTime) -> Result<NaiveDateTime, CleanError> {
    let y = chrono::Datelike::year(&dt);
    if (1990..=2100).contains(&y) {
        Ok(dt)
    } else {
        Err(CleanError::new("date out of range (years 1990-2100)"))
    }
}

/// A number cell: YYYYMMDD when it has 8 digits (reports store 日期 as 20260803), else an
/// Excel serial.
fn number_date(v: f64) -> Result<NaiveDateTime, CleanError> {
    if v.fract() == 0.0 && (19_900_101.0..=21_001_231.0).contains(&v) {
        return yyyymmdd(&format!("{v}"));
    }
    serial(v)
}

/// An Excel 1900-system serial. Above 60 the 1900-02-29 bug is absorbed by counting from
/// 1899-12-30; the time of day is rounded to the second.
fn serial(v: f64) -> Result<NaiveDateTime, CleanError> {
    if !(20000.0..80000.0).contains(&v) {
        return Err(not_a_date());
    }
    let days = v.trunc() as i64;
    let secs = ((v - v.trunc()) * 86_400.0).round() as i64;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
        .ok_or_else(not_a_date)?
        .and_time(NaiveTime::MIN);
    epoch
        .checked_add_signed(Duration::days(days) + Duration::seconds(secs))
        .ok_or_else(not_a_date)
}

const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%d/%m/%Y %I:%M:%S %p",
    "%d/%m/%Y %I:%M %p",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y/%m/%d %I:%M:%S %p",
    "%d/%m/%Y %H:%M:%S%.f",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M",
];

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y年%m月%d日",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %b %Y",
];

fn parse_text(t: &str) -> Result<NaiveDateTime, CleanError> {
    // Numeric text: an Excel serial ("45678", "45678.5") or YYYYMMDD.
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return yyyymmdd(t);
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        if let Ok(v) = t.parse::<f64>() {
            return serial(v);
        }
    }
    // ISO with an offset or 'Z': keep the wall time as written.
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(dt.naive_local());
    }
    // Collapse runs of spaces so "15 Mar 2024  10:20" still matches.
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    for f in DATETIME_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&t, f) {
            return Ok(dt);
        }
    }
    for f in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(&t, f) {
            return Ok(d.and_time(NaiveTime::MIN));
        }
    }
    Err(not_a_date())
}

fn yyyymmdd(t: &str) -> Result<NaiveDateTime, CleanError> {
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|x| x.parse::<u32>().ok());
    match (num(0..4), num(4..6), num(6..8)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
            .map(|d| d.and_time(NaiveTime::MIN))
            .ok_or_else(not_a_date),
        _ => Err(not_a_date()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    fn p(s: &str) -> Result<Option<NaiveDateTime>, CleanError> {
        datetime(&Cell::Text(s.into()))
    }

    #[test]
    fn text_formats() {
        assert_eq!(
            p("2026-09-22 10:00:00"),
            Ok(Some(dt(2026, 9, 22, 10, 0, 0)))
        );
        assert_eq!(
            p("2026-09-22 10:00:00.000"),
            Ok(Some(dt(2026, 9, 22, 10, 0, 0)))
        );
        assert_eq!(p("2026-09-22 10:05"), Ok(Some(dt(2026, 9, 22, 10, 5, 0))));
        assert_eq!(p("2026-09-22"), Ok(Some(dt(2026, 9, 22, 0, 0, 0))));
        assert_eq!(p("2026/9/22 8:05"), Ok(Some(dt(2026, 9, 22, 8, 5, 0))));
        assert_eq!(p("2026/9/22 8:05:09"), Ok(Some(dt(2026, 9, 22, 8, 5, 9))));
        assert_eq!(p("2026/9/2"), Ok(Some(dt(2026, 9, 2, 0, 0, 0))));
        assert_eq!(p("20260803"), Ok(Some(dt(2026, 8, 3, 0, 0, 0))));
        assert_eq!(
            p("05/03/2026 14:30:15"),
            Ok(Some(dt(2026, 3, 5, 14, 30, 15)))
        );
        assert_eq!(p("05/03/2026"), Ok(Some(dt(2026, 3, 5, 0, 0, 0))));
        assert_eq!(p("15 Mar 2024 10:20"), Ok(Some(dt(2024, 3, 15, 10, 20, 0))));
        assert_eq!(p("15 Mar 2024"), Ok(Some(dt(2024, 3, 15, 0, 0, 0))));
        assert_eq!(
            p("2026-09-22T10:00:00"),
            Ok(Some(dt(2026, 9, 22, 10, 0, 0)))
        );
        assert_eq!(
            p("2026-09-22T10:00:00+07:00"),
            Ok(Some(dt(2026, 9, 22, 10, 0, 0)))
        );
        assert_eq!(p("2026-9-2"), Ok(Some(dt(2026, 9, 2, 0, 0, 0))));
        assert_eq!(p("2026.09.22"), Ok(Some(dt(2026, 9, 22, 0, 0, 0))));
        assert_eq!(p("22.09.2026"), Ok(Some(dt(2026, 9, 22, 0, 0, 0))));
        assert_eq!(
            p("2026/09/22 10:00:00.000"),
            Ok(Some(dt(2026, 9, 22, 10, 0, 0)))
        );
        assert_eq!(p("2026年9月22日"), Ok(Some(dt(2026, 9, 22, 0, 0, 0))));
        assert_eq!(
            p("'2026-09-22 10:00:00"),
            Ok(Some(dt(2026, 9, 22, 10, 0, 0)))
        );
        assert_eq!(p("-"), Ok(None));
    }

    #[test]
    fn bad_dates_are_refused() {
        for s in [
            "32/13/2026",
            "2026-02-30",
            "hello",
            "1985-01-01",
            "2150-01-01",
            "13/25/2026",
        ] {
            assert!(p(s).is_err(), "{s}");
        }
        assert_eq!(p("32/13/2026").unwrap_err().reason, "not a date");
        assert!(datetime(&Cell::Int(12)).is_err());
        assert!(datetime(&Cell::Bool(true)).is_err());
    }

    #[test]
    fn excel_serials() {
        // 45678 = 2025-01-21 in the 1900 system.
        assert_eq!(
            date(&Cell::Int(45678)),
            Ok(NaiveDate::from_ymd_opt(2025, 1, 21))
        );
        assert_eq!(
            date(&Cell::Text("45678".into())),
            Ok(NaiveDate::from_ymd_opt(2025, 1, 21))
        );
        assert_eq!(
            datetime(&Cell::Float(45678.5)),
            Ok(Some(dt(2025, 1, 21, 12, 0, 0)))
        );
        // 1/3 day has no exact float: rounded to the second.
        assert_eq!(
            datetime(&Cell::Float(45678.0 + 1.0 / 3.0)),
            Ok(Some(dt(2025, 1, 21, 8, 0, 0)))
        );
        assert_eq!(
            date(&Cell::Int(20260803)),
            Ok(NaiveDate::from_ymd_opt(2026, 8, 3))
        );
        assert_eq!(
            date(&Cell::Float(20260803.0)),
            Ok(NaiveDate::from_ymd_opt(2026, 8, 3))
        );
        assert!(date(&Cell::Int(20261399)).is_err());
        let cell = Cell::DateTime(dt(2026, 1, 2, 3, 4, 5));
        assert_eq!(datetime(&cell), Ok(Some(dt(2026, 1, 2, 3, 4, 5))));
        assert_eq!(date(&cell), Ok(NaiveDate::from_ymd_opt(2026, 1, 2)));
    }

    #[test]
    fn ranges() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let r = |s: &str| date_range(&Cell::Text(s.into()));
        assert_eq!(
            r("20260803至20260809"),
            Ok(Some((d(2026, 8, 3), d(2026, 8, 9))))
        );
        assert_eq!(
            r("2026-08-03~2026-08-09"),
            Ok(Some((d(2026, 8, 3), d(2026, 8, 9))))
        );
        assert_eq!(
            r("2026-08-03 - 2026-08-09"),
            Ok(Some((d(2026, 8, 3), d(2026, 8, 9))))
        );
        assert_eq!(r("2026-08-03"), Ok(Some((d(2026, 8, 3), d(2026, 8, 3)))));
        assert_eq!(
            date_range(&Cell::Int(45678)),
            Ok(Some((d(2025, 1, 21), d(2025, 1, 21))))
        );
        assert!(r("20260809至20260803").is_err());
        assert!(r("20260809至").is_err());
        assert_eq!(r(""), Ok(None));
    }
}
