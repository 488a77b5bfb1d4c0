//! Text and id cleanup: the wrappers exporters add to stop Excel reformatting values.

use super::{error_cell, CleanError};
use crate::import::read::Cell;

/// Trimmed text of a cell, or `None` for an empty/placeholder value.
///
/// Strips `="…"` wrappers (旺店通), leading `'` / `` ` `` (抖店), literal tabs and the two
/// characters `\t` (拼多多), and decodes `&#NNNNN;` entities. `-`, `--` and `""` are empty.
/// Numbers give their shortest text, dates `YYYY-MM-DD HH:MM:SS`; error cells give `None`.
pub fn text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty | Cell::Error(_) => None,
        Cell::Text(s) => clean_str(s),
        Cell::Int(i) => Some(i.to_string()),
        Cell::Float(f) => Some(format!("{f}")),
        Cell::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Cell::DateTime(dt) => Some(dt.format("%Y-%m-%d %H:%M:%S").to_string()),
    }
}

/// Cleanup of one string as `text` does it.
pub(crate) fn clean_str(s: &str) -> Option<String> {
    if is_clean(s) {
        return Some(s.to_string());
    }
    let mut s = decode_entities(s.trim_matches(is_blank));
    // Wrappers can nest ("=\"'123\"" seen after re-saves): peel until stable.
    loop {
        let before = s.len();
        let t = s.trim_matches(is_blank);
        let t = match t.strip_prefix("=\"").and_then(|x| x.strip_suffix('"')) {
            Some(inner) => inner,
            None => t,
        };
        let t = t.trim_start_matches(['\'', '`', '\t']);
        let t = t.strip_prefix("\\t").unwrap_or(t);
        let t = t.strip_suffix("\\t").unwrap_or(t);
        let t = t.trim_matches(is_blank).to_string();
        s = t;
        if s.len() == before {
            break;
        }
    }
    match s.as_str() {
        "" | "-" | "--" => None,
        _ => Some(s),
    }
}

/// Nothing for `clean_str` to remove (most cells): one allocation instead of several.
fn is_clean(s: &str) -> bool {
    let (Some(first), Some(last)) = (s.chars().next(), s.chars().next_back()) else {
        return false;
    };
    !is_blank(first)
        && !is_blank(last)
        && !matches!(first, '=' | '\'' | '`' | '\\')
        && !s.ends_with("\\t")
        && !s.contains('&')
        && !matches!(s, "-" | "--")
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Decodes `&#NNNN;`, `&#xHHHH;` and the five XML entities; anything else stays as is.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let body = &rest[1..end];
            let ch = if let Some(hex) = body.strip_prefix("#x").or(body.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = body.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match body {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => None,
                }
            };
            ch.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

const LOST_DIGITS: &str = "id arrived as a number and lost digits; format the column as text";

/// An id, always as text. Numbers are accepted only while they still hold every digit:
/// a float beyond 15 significant digits (or text in scientific notation, as Excel writes it
/// back) has already been rounded, so it is refused rather than silently corrupted.
pub fn id(cell: &Cell) -> Result<Option<String>, CleanError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Error(e) => Err(error_cell(e)),
        Cell::Int(i) => Ok(Some(i.to_string())),
        Cell::Float(f) => float_id(*f).map(Some),
        Cell::Bool(_) => Err(CleanError::new("id arrived as TRUE/FALSE")),
        Cell::DateTime(_) => Err(CleanError::new(
            "id arrived as a date; format the column as text",
        )),
        Cell::Text(s) => {
            let Some(t) = clean_str(s) else {
                return Ok(None);
            };
            if looks_scientific(&t) {
                return Err(CleanError::new(LOST_DIGITS));
            }
            if let Some(head) = t.strip_suffix(".0") {
                if !head.is_empty() && head.bytes().all(|b| b.is_ascii_digit()) {
                    return Ok(Some(head.to_string()));
                }
            }
            Ok(Some(t))
        }
    }
}

fn float_id(f: f64) -> Result<String, CleanError> {
    if !f.is_finite() || f.fract() != 0.0 {
        return Err(CleanError::new("id arrived as a fractional number"));
    }
    // Below 1e15 every integer is exact in f64 and has at most 15 digits.
    if f.abs() >= 1e15 {
        return Err(CleanError::new(LOST_DIGITS));
    }
    Ok(format!("{f}"))
}

/// "1.23457E+18", "6.9E+17": how Excel writes back long numbers it has already rounded.
/// Strict (one leading digit, explicit "E+") so alphanumeric codes like "231105E1234567"
/// stay ids.
fn looks_scientific(t: &str) -> bool {
    let Some((mantissa, exp)) = t.split_once(['e', 'E']) else {
        return false;
    };
    let Some(exp) = exp.strip_prefix('+') else {
        return false;
    };
    let (lead, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    lead.len() == 1 && digits(lead) && digits(frac) && digits(exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<String> {
        text(&Cell::Text(s.into()))
    }

    #[test]
    fn text_strips_export_wrappers() {
        assert_eq!(t("=\"123\""), Some("123".into()));
        assert_eq!(t("'123"), Some("123".into()));
        assert_eq!(t("`123"), Some("123".into()));
        assert_eq!(t("\\t123"), Some("123".into()));
        assert_eq!(t("\t123\t"), Some("123".into()));
        assert_eq!(t("  abc \u{a0}"), Some("abc".into()));
        assert_eq!(t("=\"'2026\""), Some("2026".into()));
        assert_eq!(t("&#25238;&#38899;"), Some("抖音".into()));
        assert_eq!(t("a &amp; b &x;"), Some("a & b &x;".into()));
    }

    #[test]
    fn text_placeholders_are_none() {
        for s in ["-", "", "--", "  ", "=\"\"", "'-"] {
            assert_eq!(t(s), None, "{s:?}");
        }
        assert_eq!(text(&Cell::Empty), None);
        assert_eq!(text(&Cell::Error("#N/A".into())), None);
        assert_eq!(text(&Cell::Int(7)), Some("7".into()));
        assert_eq!(text(&Cell::Float(12.0)), Some("12".into()));
        assert_eq!(text(&Cell::Float(0.1)), Some("0.1".into()));
    }

    #[test]
    fn ids_stay_text() {
        let id_of = |c: Cell| id(&c);
        assert_eq!(
            id_of(Cell::Text("2602098R4NA7MV".into())),
            Ok(Some("2602098R4NA7MV".into()))
        );
        assert_eq!(
            id_of(Cell::Text("=\"6934567890123456789\"".into())),
            Ok(Some("6934567890123456789".into()))
        );
        assert_eq!(
            id_of(Cell::Text("\t123456".into())),
            Ok(Some("123456".into()))
        );
        assert_eq!(
            id_of(Cell::Text("123456.0".into())),
            Ok(Some("123456".into()))
        );
        assert_eq!(id_of(Cell::Text("A1.0".into())), Ok(Some("A1.0".into())));
        assert_eq!(
            id_of(Cell::Int(6934567890123456789)),
            Ok(Some("6934567890123456789".into()))
        );
        assert_eq!(
            id_of(Cell::Float(123456789012345.0)),
            Ok(Some("123456789012345".into()))
        );
        assert_eq!(id_of(Cell::Text("-".into())), Ok(None));
        assert_eq!(id_of(Cell::Empty), Ok(None));
    }

    #[test]
    fn ids_that_lost_digits_are_refused() {
        let e = id(&Cell::Float(6.934567890123457e18)).unwrap_err();
        assert!(e.reason.contains("lost digits"), "{e}");
        assert!(id(&Cell::Float(1234567890123456.0)).is_err());
        assert!(id(&Cell::Text("6.93457E+18".into())).is_err());
        assert!(id(&Cell::Text("1E+15".into())).is_err());
        assert!(id(&Cell::Float(12.5)).is_err());
        assert_eq!(
            id(&Cell::Text("231105E1234567".into())),
            Ok(Some("231105E1234567".into()))
        );
        assert_eq!(id(&Cell::Text("1E5".into())), Ok(Some("1E5".into())));
        assert!(id(&Cell::Error("#REF!".into())).is_err());
    }
}
