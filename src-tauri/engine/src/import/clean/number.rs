//! Exact numbers: quantities, money, integers and rates. No f64 arithmetic anywhere: a
//! float cell is turned into a `Decimal` through its shortest round-trip text.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::text::clean_str;
use super::{error_cell, CleanError};
use crate::import::read::Cell;
use crate::model::Currency;

/// A plain number (quantity, count, ad metric): ',' is a thousands separator, '.' decimal.
pub fn decimal(cell: &Cell) -> Result<Option<Decimal>, CleanError> {
    match text_or_number(cell)? {
        Value::None => Ok(None),
        Value::Number(d) => Ok(Some(d)),
        Value::Text(s) if plain_fast(&s, false) => parse_plain(&s, false).map(Some),
        Value::Text(s) => {
            let (neg, body) = split_sign(&s)?;
            let plain = ungroup(&body, ',', '.')?;
            parse_plain(&plain, neg).map(Some)
        }
    }
}

/// A money amount in `currency`. Strips currency marks (¥ 元 đ ₫ VND BRL RMB CNY $ …) and
/// spaces; negatives as "-1,234.50" or "(1,234.50)". Separators, by rule:
/// - both ',' and '.': the last one is the decimal mark ("1.234,50" and "1,234.50");
/// - several of one mark: thousands, groups of 3 ("1.234.567", "1,234,567");
/// - one '.': decimal, except in 0-decimal currencies (VND) when it is followed by exactly
///   3 digits after a 1–3 digit head ("1.234" ₫ = 1234; "101000.00" and "12.5" are decimal);
/// - one ',': thousands when followed by exactly 3 digits, otherwise a decimal comma
///   ("35,91" = 35.91).
pub fn money(cell: &Cell, currency: Currency) -> Result<Option<Decimal>, CleanError> {
    match text_or_number(cell)? {
        Value::None => Ok(None),
        Value::Number(d) => Ok(Some(d)),
        Value::Text(s) if plain_fast(&s, currency.minor_units() == 0) => {
            parse_plain(&s, false).map(Some)
        }
        Value::Text(s) => {
            let stripped = strip_currency(&s);
            if stripped.is_empty() {
                return Ok(None);
            }
            let (neg, body) = split_sign(&stripped)?;
            let plain = money_separators(&body, currency.minor_units() == 0)?;
            parse_plain(&plain, neg).map(Some)
        }
    }
}

/// A whole number: "1,234" and "12.0" are fine, "12.5" is refused.
pub fn integer(cell: &Cell) -> Result<Option<i64>, CleanError> {
    let Some(d) = decimal(cell)? else {
        return Ok(None);
    };
    if d.fract() != Decimal::ZERO {
        return Err(CleanError::new("not a whole number"));
    }
    i64::try_from(d.trunc())
        .map(Some)
        .map_err(|_| CleanError::new("number too large"))
}

/// A rate as a fraction: "1.20%" → 0.012; a plain "0.012" (or a number cell) as is.
pub fn rate(cell: &Cell) -> Result<Option<Decimal>, CleanError> {
    if let Cell::Text(s) = cell {
        if let Some(t) = clean_str(s) {
            if let Some(head) = t.strip_suffix(['%', '％']) {
                let head = Cell::Text(head.to_string());
                return match decimal(&head)? {
                    Some(d) => Ok(Some(d / Decimal::ONE_HUNDRED)),
                    None => Err(CleanError::new("not a percentage")),
                };
            }
        }
    }
    decimal(cell)
}

enum Value {
    None,
    Number(Decimal),
    Text(String),
}

fn text_or_number(cell: &Cell) -> Result<Value, CleanError> {
    match cell {
        Cell::Empty => Ok(Value::None),
        Cell::Int(i) => Ok(Value::Number(Decimal::from(*i))),
        Cell::Float(f) => float_to_decimal(*f).map(Value::Number),
        Cell::Text(s) => Ok(clean_str(s).map_or(Value::None, Value::Text)),
        Cell::Error(e) => Err(error_cell(e)),
        Cell::Bool(_) => Err(CleanError::new("not a number (TRUE/FALSE)")),
        Cell::DateTime(_) => Err(CleanError::new("not a number (a date)")),
    }
}

/// The float's shortest round-trip text, parsed exactly: 0.1 stays 0.1, never 0.1000000000000000055.
pub(crate) fn float_to_decimal(f: f64) -> Result<Decimal, CleanError> {
    if !f.is_finite() {
        return Err(CleanError::new("not a number"));
    }
    // Whole numbers below 2^53 are exact as i64 (most money and quantity cells): no text.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Ok(Decimal::from(f as i64));
    }
    // Rust's Display is shortest round-trip and never scientific (at most ~330 bytes for
    // an f64): written on the stack, no allocation per cell.
    let mut buf = [0u8; 400];
    let mut w = &mut buf[..];
    std::io::Write::write_fmt(&mut w, format_args!("{f}"))
        .map_err(|_| CleanError::new("number out of range"))?;
    let left = w.len();
    let len = buf.len() - left;
    std::str::from_utf8(&buf[..len])
        .ok()
        .and_then(|t| Decimal::from_str(t).ok())
        .ok_or_else(|| CleanError::new("number out of range"))
}

/// Text that is already a plain non-negative decimal ("79.00", "150000"): every rule below
/// leaves it as it is, so it parses directly (no separator or sign handling, no allocation).
/// In 0-decimal currencies "1.234" is a thousands group, so that shape takes the long way.
fn plain_fast(s: &str, zero_minor: bool) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    is_digits(int)
        && int.len() <= 18
        && frac.len() <= 10
        && frac.bytes().all(|b| b.is_ascii_digit())
        && match frac.len() {
            0 => s.len() == int.len(), // "5." takes the long way
            3 => !zero_minor,
            _ => true,
        }
}

/// Currency marks and every kind of space removed.
fn strip_currency(s: &str) -> String {
    let mut t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{202f}' | '\u{2009}' | '\u{feff}'))
        .collect();
    for mark in [
        "US$", "NT$", "R$", "S$", "BRL", "TWD", "RMB", "CNY", "VND", "USD", "THB", "MYR", "PHP",
        "SGD", "IDR", "RM", "Rp", "RP", "¥", "￥", "元", "đ", "₫", "$", "฿", "₱",
    ] {
        if t.contains(mark) {
            t = t.replace(mark, "");
        }
    }
    t
}

/// Leading/trailing '-' (also U+2212) or surrounding parentheses → negative.
fn split_sign(s: &str) -> Result<(bool, String), CleanError> {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        return Ok((true, inner.trim().to_string()));
    }
    let s = s.replace('\u{2212}', "-");
    if let Some(rest) = s.strip_prefix('-') {
        return Ok((true, rest.trim_start().to_string()));
    }
    if let Some(rest) = s.strip_suffix('-') {
        return Ok((true, rest.trim_end().to_string()));
    }
    Ok((false, s.strip_prefix('+').unwrap_or(&s).to_string()))
}

fn money_separators(s: &str, zero_minor: bool) -> Result<String, CleanError> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    match (dots, commas) {
        (0, 0) => Ok(s.to_string()),
        (_, 0) if dots > 1 => ungroup(s, '.', ','),
        (1, 0) => {
            let (head, tail) = s.split_once('.').unwrap_or((s, ""));
            if zero_minor && tail.len() == 3 && is_group_head(head) {
                Ok(format!("{head}{tail}"))
            } else {
                Ok(s.to_string())
            }
        }
        (0, _) if commas > 1 => ungroup(s, ',', '.'),
        (0, 1) => {
            let (head, tail) = s.split_once(',').unwrap_or((s, ""));
            if tail.len() == 3 && is_group_head(head) {
                Ok(format!("{head}{tail}"))
            } else if !tail.is_empty() && tail.len() <= 2 {
                Ok(format!("{head}.{tail}"))
            } else {
                Err(CleanError::new("unclear decimal separator"))
            }
        }
        _ => {
            // Both present: the last one is the decimal mark.
            let (last_dot, last_comma) = (s.rfind('.'), s.rfind(','));
            if last_dot > last_comma {
                ungroup(s, ',', '.')
            } else {
                ungroup(s, '.', ',')
            }
        }
    }
}

/// Removes `group` separators (checking groups of 3) and turns `dec` into '.'.
fn ungroup(s: &str, group: char, dec: char) -> Result<String, CleanError> {
    let (int_part, frac) = match s.split_once(dec) {
        Some((i, f)) if !f.contains(dec) && !f.contains(group) => (i, Some(f)),
        Some(_) => return Err(CleanError::new("not a number")),
        None => (s, None),
    };
    let mut parts = int_part.split(group);
    let head = parts.next().unwrap_or("");
    let mut out = head.to_string();
    let mut grouped = false;
    for p in parts {
        if p.len() != 3 || !is_digits(p) {
            return Err(CleanError::new("misplaced thousands separator"));
        }
        grouped = true;
        out.push_str(p);
    }
    if grouped && !is_group_head(head) {
        return Err(CleanError::new("misplaced thousands separator"));
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Ok(out)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The first group of a grouped number: 1–3 digits, not a lone leading zero ("0.123").
fn is_group_head(s: &str) -> bool {
    is_digits(s) && s.len() <= 3 && s != "0"
}

fn parse_plain(plain: &str, neg: bool) -> Result<Decimal, CleanError> {
    let valid = plain.split_once('.').map_or(is_digits(plain), |(i, f)| {
        (is_digits(i) || i.is_empty()) && is_digits(f)
    });
    let d = if valid {
        Decimal::from_str(plain).map_err(|_| CleanError::new("number out of range"))?
    } else if plain.contains(['e', 'E']) {
        Decimal::from_scientific(plain).map_err(|_| CleanError::new("not a number"))?
    } else {
        return Err(CleanError::new("not a number"));
    };
    Ok(if neg { -d } else { d })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn m(s: &str, c: Currency) -> Result<Option<Decimal>, CleanError> {
        money(&Cell::Text(s.into()), c)
    }

    #[test]
    fn money_vnd() {
        let v = Currency::VND;
        assert_eq!(m("1.234.567 ₫", v), Ok(Some(dec!(1234567))));
        assert_eq!(m("1.234.567đ", v), Ok(Some(dec!(1234567))));
        assert_eq!(m("₫1.234", v), Ok(Some(dec!(1234))));
        assert_eq!(m("101000.00", v), Ok(Some(dec!(101000))));
        assert_eq!(m("12.5", v), Ok(Some(dec!(12.5))));
        assert_eq!(m("1,234,567", v), Ok(Some(dec!(1234567))));
        assert_eq!(m("-25.000", v), Ok(Some(dec!(-25000))));
        assert_eq!(m("0.500", v), Ok(Some(dec!(0.5))));
        assert_eq!(m("1.234.567,5", v), Ok(Some(dec!(1234567.5))));
        assert_eq!(m("-", v), Ok(None));
    }

    #[test]
    fn money_two_decimals() {
        let c = Currency::CNY;
        assert_eq!(m("(1,234.50)", c), Ok(Some(dec!(-1234.50))));
        assert_eq!(m("-1,234.50", c), Ok(Some(dec!(-1234.50))));
        assert_eq!(m("¥1,234.50", c), Ok(Some(dec!(1234.50))));
        assert_eq!(m("12.30元", c), Ok(Some(dec!(12.30))));
        assert_eq!(m("RMB 5", c), Ok(Some(dec!(5))));
        assert_eq!(m("BRL 35.91", Currency::USD), Ok(Some(dec!(35.91))));
        assert_eq!(m("BRL 35,91", Currency::USD), Ok(Some(dec!(35.91))));
        assert_eq!(m("1.234,50", c), Ok(Some(dec!(1234.50))));
        assert_eq!(m("1,234", c), Ok(Some(dec!(1234))));
        assert_eq!(m("\u{a0}$ 7.5\u{a0}", Currency::USD), Ok(Some(dec!(7.5))));
        assert_eq!(m("=\"-3.20\"", c), Ok(Some(dec!(-3.20))));
        assert!(m("12,34,5", c).is_err());
        assert!(m("abc", c).is_err());
        assert!(m("1.2.3", c).is_err());
        assert!(m("5%", c).is_err());
    }

    #[test]
    fn money_from_number_cells_is_exact() {
        let c = Currency::CNY;
        assert_eq!(money(&Cell::Float(0.1), c), Ok(Some(dec!(0.1))));
        assert_eq!(money(&Cell::Float(19.99), c), Ok(Some(dec!(19.99))));
        assert_eq!(money(&Cell::Int(-5), c), Ok(Some(dec!(-5))));
        assert!(money(&Cell::Float(f64::NAN), c).is_err());
        assert!(money(&Cell::Error("#N/A".into()), c).is_err());
    }

    #[test]
    fn plain_numbers() {
        let d = |s: &str| decimal(&Cell::Text(s.into()));
        assert_eq!(d("1,234.5"), Ok(Some(dec!(1234.5))));
        assert_eq!(d("3"), Ok(Some(dec!(3))));
        assert_eq!(d("1.5E+3"), Ok(Some(dec!(1500))));
        assert!(d("1,5").is_err());
        assert_eq!(integer(&Cell::Text("1,234".into())), Ok(Some(1234)));
        assert_eq!(integer(&Cell::Text("12.0".into())), Ok(Some(12)));
        assert_eq!(integer(&Cell::Float(12.0)), Ok(Some(12)));
        assert!(integer(&Cell::Text("12.5".into())).is_err());
        assert_eq!(integer(&Cell::Text("--".into())), Ok(None));
    }

    #[test]
    fn rates() {
        let r = |s: &str| rate(&Cell::Text(s.into()));
        assert_eq!(r("1.20%"), Ok(Some(dec!(0.012))));
        assert_eq!(r("0.012"), Ok(Some(dec!(0.012))));
        assert_eq!(r("-"), Ok(None));
        assert_eq!(r("1,234%"), Ok(Some(dec!(12.34))));
        assert_eq!(rate(&Cell::Float(0.5)), Ok(Some(dec!(0.5))));
        assert!(r("%").is_err());
    }

    fn formatted(cents: i64, style: u8) -> (String, Currency) {
        let neg = cents < 0;
        let abs = cents.unsigned_abs();
        let (units, frac) = (abs / 100, abs % 100);
        let digits = units.to_string();
        let group = |sep: char| {
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(sep);
                }
                out.push(ch);
            }
            out
        };
        let body = match style % 4 {
            0 => format!("{units}.{frac:02}"),
            1 => format!("{}.{frac:02}", group(',')),
            2 => format!("¥{}.{frac:02}", group(',')),
            _ => format!("{},{frac:02}", group('.')),
        };
        let s = match (neg, style % 3) {
            (false, _) => body,
            (true, 0) => format!("({body})"),
            (true, _) => format!("-{body}"),
        };
        (s, Currency::CNY)
    }

    proptest! {
        #[test]
        fn money_of_formatted_cents_is_exact(cents in -10_000_000_000_000i64..10_000_000_000_000, style in 0u8..12) {
            let (s, c) = formatted(cents, style);
            let got = m(&s, c).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
            prop_assert_eq!(got, Some(Decimal::new(cents, 2)), "{}", s);
        }

        #[test]
        fn vnd_grouped_amounts_are_exact(dong in -10_000_000_000_000i64..10_000_000_000_000) {
            let digits = dong.unsigned_abs().to_string();
            let mut s = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 { s.push('.'); }
                s.push(ch);
            }
            let s = if dong < 0 { format!("-{s} ₫") } else { format!("{s} ₫") };
            prop_assert_eq!(m(&s, Currency::VND), Ok(Some(Decimal::from(dong))));
        }

        #[test]
        fn floats_become_their_shortest_text(f in -1e12f64..1e12) {
            let d = float_to_decimal(f).map_err(|e| TestCaseError::fail(e.reason))?;
            prop_assert_eq!(d.to_string().parse::<f64>().ok(), Some(f));
        }
    }
}
