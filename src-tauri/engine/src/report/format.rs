//! Numbers as a merchant reads them, per language: money with its symbol and grouping
//! (¥1,234.50; 1.234.567 ₫), ratios with two decimals, percentages, and "—" for a ratio whose
//! denominator is zero. Money is rounded half away from zero to the currency's minor unit.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::i18n::Lang;
use crate::model::{round_money, Currency};

/// Shown for a ratio that does not exist (zero denominator).
pub const DASH: &str = "—";

/// Decimals of a displayed ratio (ROAS) and of a displayed percentage.
const RATIO_DP: u32 = 2;
const PERCENT_DP: u32 = 1;

/// (thousands separator, decimal mark) of a language.
pub(crate) fn marks(lang: Lang) -> (char, char) {
    match lang {
        Lang::Vi => ('.', ','),
        Lang::Zh | Lang::En => (',', '.'),
    }
}

/// `v` with exactly `dp` decimals, grouped by thousands in the language's marks.
pub fn number(v: Decimal, dp: u32, lang: Lang) -> String {
    let (group, point) = marks(lang);
    crate::model::format_grouped(v, dp, group, point)
}

/// Money in its currency: "¥1,234.50", "1.234.567 ₫", "USD 12.00".
pub fn money(v: Decimal, cur: Currency, lang: Lang) -> String {
    let n = number(round_money(v, cur), cur.minor_units(), lang);
    let (sign, digits) = match n.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", n),
    };
    match cur {
        Currency::CNY => format!("{sign}¥{digits}"),
        Currency::VND => format!("{sign}{digits} ₫"),
        other => format!("{sign}{} {digits}", other.code()),
    }
}

/// A ratio such as ROAS: "2.22" ("2,22" in vi), or "—".
pub fn ratio(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or(DASH.to_string(), |v| number(v, RATIO_DP, lang))
}

/// A ratio as a percentage: 0.0038 → "0.4%", or "—".
pub fn percent(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or(DASH.to_string(), |v| {
        format!("{}%", number(v * Decimal::ONE_HUNDRED, PERCENT_DP, lang))
    })
}

/// With an explicit "+" for increases (changes versus last year).
pub fn signed(s: String) -> String {
    if s == DASH || s.starts_with('-') || s.trim_start_matches(['0', '.', ',', '%']).is_empty() {
        s
    } else {
        format!("+{s}")
    }
}

/// An integer count with grouping.
pub fn int(v: i64, lang: Lang) -> String {
    number(Decimal::from(v), 0, lang)
}

/// A date as each language writes it.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::Vi => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_per_locale() {
        assert_eq!(money(dec!(1234.5), Currency::CNY, Lang::Zh), "¥1,234.50");
        assert_eq!(money(dec!(1234567), Currency::VND, Lang::Vi), "1.234.567 ₫");
        assert_eq!(
            money(dec!(1234567.5), Currency::VND, Lang::En),
            "1,234,568 ₫"
        );
        assert_eq!(money(dec!(-50000), Currency::CNY, Lang::En), "-¥50,000.00");
        assert_eq!(money(dec!(-0.004), Currency::CNY, Lang::En), "¥0.00");
        assert_eq!(money(dec!(999.995), Currency::CNY, Lang::Vi), "¥1.000,00");
        assert_eq!(money(dec!(12), Currency::USD, Lang::En), "USD 12.00");
        assert_eq!(
            money(dec!(13000000), Currency::CNY, Lang::Zh),
            "¥13,000,000.00"
        );
    }

    #[test]
    fn ratios_percentages_and_missing_values() {
        assert_eq!(ratio(Some(dec!(2.2222)), Lang::En), "2.22");
        assert_eq!(ratio(Some(dec!(2.2222)), Lang::Vi), "2,22");
        assert_eq!(ratio(None, Lang::Zh), "—");
        assert_eq!(percent(Some(dec!(0.0038)), Lang::En), "0.4%");
        assert_eq!(percent(Some(dec!(-0.1)), Lang::Vi), "-10,0%");
        assert_eq!(percent(None, Lang::Vi), "—");
        assert_eq!(signed(percent(Some(dec!(0.25)), Lang::En)), "+25.0%");
        assert_eq!(signed(percent(Some(dec!(0)), Lang::En)), "0.0%");
        assert_eq!(int(1234567, Lang::Vi), "1.234.567");
    }

    #[test]
    fn dates_per_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        assert_eq!(date(d, Lang::Zh), "2026年12月31日");
        assert_eq!(date(d, Lang::Vi), "31/12/2026");
        assert_eq!(date(d, Lang::En), "31 December 2026");
    }
}
