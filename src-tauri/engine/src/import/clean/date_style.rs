//! One file's order of day and month in slashed dates. TikTok Shop writes `17/03/2026` in
//! VN and `03/17/2026 10:25:21 AM` elsewhere (formats.md): the order is decided for the
//! whole file by the first value that shows it (a number > 12 in one place, or a 12-hour
//! clock with AM/PM), never per cell — a later value of the other order is refused rather
//! than read differently from its neighbours.

use std::cell::Cell as Once;

use chrono::NaiveDate;

use super::{date, CleanError};
use crate::import::read::Cell;

/// The order of day and month in a slashed date whose year comes last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Day first (VN, CN, BR exports) unless the file shows otherwise.
    DayFirst,
    /// Month first (US-style exports).
    MonthFirst,
}

/// The order a file's dates were found in, and whether an ambiguous value was read before
/// it was known.
#[derive(Debug)]
pub struct DateStyle {
    default: DateOrder,
    decided: Once<Option<DateOrder>>,
    /// The order ambiguous values were read in so far (None: none read yet).
    assumed: Once<Option<DateOrder>>,
}

impl DateStyle {
    pub fn new(default: DateOrder) -> DateStyle {
        DateStyle {
            default,
            decided: Once::new(None),
            assumed: Once::new(None),
        }
    }

    /// The date of `cell`, reading a "NN/NN/YYYY…" text in the file's order.
    pub fn date(&self, cell: &Cell) -> Result<Option<NaiveDate>, CleanError> {
        let Cell::Text(s) = cell else {
            return date(cell);
        };
        let Some((a, b, sep, rest)) = slashed(s.trim()) else {
            return date(cell);
        };
        let twelve_hour = {
            let t = rest.trim_end().to_ascii_uppercase();
            t.ends_with("AM") || t.ends_with("PM")
        };
        let shown = match (a > 12, b > 12) {
            (true, true) => return Err(CleanError::new("not a date")),
            (true, false) => Some(DateOrder::DayFirst),
            (false, true) => Some(DateOrder::MonthFirst),
            (false, false) => None,
        };
        let order = match (shown, self.decided.get()) {
            (Some(o), Some(d)) if o != d => return Err(mixed(o)),
            (Some(o), _) => {
                if self.assumed.get().is_some_and(|x| x != o) {
                    return Err(mixed(o));
                }
                self.decided.set(Some(o));
                o
            }
            (None, Some(d)) => d,
            (None, None) => {
                // Ambiguous so far: a 12-hour clock is the US style; else the format's.
                let o = self.assumed.get().unwrap_or(if twelve_hour {
                    DateOrder::MonthFirst
                } else {
                    self.default
                });
                self.assumed.set(Some(o));
                o
            }
        };
        match order {
            DateOrder::DayFirst => date(cell),
            DateOrder::MonthFirst => date(&Cell::Text(format!("{b:02}{sep}{a:02}{sep}{rest}"))),
        }
    }
}

fn mixed(o: DateOrder) -> CleanError {
    let (this, other) = match o {
        DateOrder::DayFirst => ("day first", "month first"),
        DateOrder::MonthFirst => ("month first", "day first"),
    };
    CleanError::new(format!(
        "this date is written {this}, but earlier dates of the file were read {other}: \
         the file mixes both orders"
    ))
}

/// "NN/NN/YYYY…" (also '-' and '.'): the two leading numbers, the separator and the text
/// from the year on.
fn slashed(t: &str) -> Option<(u32, u32, char, &str)> {
    let sep = t.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let mut parts = t.splitn(3, sep);
    let a = parts.next()?;
    let b = parts.next()?;
    let rest = parts.next()?;
    let short = |x: &str| (1..=2).contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit());
    let year = rest.get(..4)?;
    if !short(a) || !short(b) || !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, sep, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn month_first_twelve_hour_clock() {
        let s = DateStyle::new(DateOrder::DayFirst);
        assert_eq!(s.date(&t("03/17/2026 10:25:21 AM")), Ok(d(2026, 3, 17)));
        // Ambiguous after that: the file's order, month first.
        assert_eq!(s.date(&t("03/04/2026 09:00:00 PM")), Ok(d(2026, 3, 4)));
        assert_eq!(s.date(&t("2026-03-05 10:00:00")), Ok(d(2026, 3, 5)));
    }

    #[test]
    fn an_ambiguous_first_value_follows_the_clock_or_the_format() {
        let s = DateStyle::new(DateOrder::DayFirst);
        assert_eq!(s.date(&t("03/04/2026 10:00:00")), Ok(d(2026, 4, 3)));
        assert_eq!(s.date(&t("17/03/2026 10:00:00")), Ok(d(2026, 3, 17)));
        // Month first now contradicts what was read: refused, never mixed.
        assert!(s.date(&t("03/17/2026 10:00:00")).is_err());

        let s = DateStyle::new(DateOrder::DayFirst);
        assert_eq!(s.date(&t("03/04/2026 10:00:00 AM")), Ok(d(2026, 3, 4)));
        let e = s.date(&t("17/03/2026 10:00:00")).unwrap_err();
        assert!(e.reason.contains("mixes"), "{}", e.reason);

        let s = DateStyle::new(DateOrder::MonthFirst);
        assert_eq!(s.date(&t("03/04/2026")), Ok(d(2026, 3, 4)));
    }

    #[test]
    fn other_cells_are_plain_dates() {
        let s = DateStyle::new(DateOrder::DayFirst);
        assert_eq!(s.date(&Cell::Int(45678)), Ok(d(2025, 1, 21)));
        assert_eq!(s.date(&t("2026/9/22")), Ok(d(2026, 9, 22)));
        assert_eq!(s.date(&Cell::Empty), Ok(None));
        assert!(s.date(&t("13/13/2026")).is_err());
    }
}
