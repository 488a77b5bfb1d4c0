//! The currency a file says it is in: a `Currency` column (TikTok Shop settlement), else a
//! currency written with the amounts (`BRL 99,90`, `RP 94.387`, `NT$ 1,200`, `₫`). A store
//! carries one currency; a file that says nothing is in its format's (or platform's).

use crate::import::clean;
use crate::import::formats::{FormatSpec, Grain, Role};
use crate::import::header::Columns;
use crate::import::read::{Cell, Row};
use crate::model::Currency;

/// Marks written with amounts, longest first ("$" alone is every dollar: not a mark).
const MARKS: &[(&str, Currency)] = &[
    ("us$", Currency::USD),
    ("nt$", Currency::TWD),
    ("r$", Currency::BRL),
    ("s$", Currency::SGD),
    ("rm", Currency::MYR),
    ("rp", Currency::IDR),
    ("₫", Currency::VND),
    ("đ", Currency::VND),
    ("vnđ", Currency::VND),
    ("¥", Currency::CNY),
    ("￥", Currency::CNY),
    ("元", Currency::CNY),
    ("฿", Currency::THB),
    ("₱", Currency::PHP),
];

/// Roles whose cells are amounts.
fn is_money(role: Role) -> bool {
    matches!(
        role,
        Role::ListAmount
            | Role::UnitPrice
            | Role::ListDeduction
            | Role::SellerDiscount
            | Role::PlatformDiscount
            | Role::OrderDiscount
            | Role::PaidAmount
            | Role::RefundAmount
            | Role::Fee(_)
            | Role::Spend
            | Role::Sales
            | Role::Amount
    )
}

/// The currency `data` (the rows under the header `columns`) says it is in, if any.
pub fn of_file(spec: &FormatSpec, columns: &Columns, data: &[Row]) -> Option<Currency> {
    let at = |role: Role| -> Vec<usize> {
        spec.cols(role)
            .filter_map(|c| columns.find(c.aliases))
            .collect()
    };
    let cells = |i: usize| data.iter().filter_map(move |r| r.cells.get(i));
    // Fixed-cost sheets name a currency per row, not per file.
    if spec.grain != Grain::FixedCosts {
        for i in at(Role::Currency) {
            if let Some(c) = cells(i).find_map(|c| clean::text(c)?.parse::<Currency>().ok()) {
                return Some(c);
            }
        }
    }
    let money: Vec<usize> = spec
        .columns
        .iter()
        .filter(|c| is_money(c.role))
        .filter_map(|c| columns.find(c.aliases))
        .collect();
    money.into_iter().find_map(|i| cells(i).find_map(written))
}

/// The currency written in an amount's text ("BRL 99,90", "Rp94.387", "1.000₫").
pub fn written(cell: &Cell) -> Option<Currency> {
    let Cell::Text(s) = cell else { return None };
    let t = s.trim();
    let first = t.find(|c: char| c.is_ascii_digit())?;
    let last = t.rfind(|c: char| c.is_ascii_digit())?;
    let trim = |x: &str| {
        x.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '(' | ')' | '+' | '.'))
            .to_lowercase()
    };
    [trim(&t[..first]), trim(&t[last + 1..])]
        .into_iter()
        .filter(|m| !m.is_empty())
        .find_map(|m| {
            MARKS
                .iter()
                .find(|(mark, _)| *mark == m)
                .map(|(_, c)| *c)
                .or_else(|| m.parse().ok())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn marks_and_codes() {
        assert_eq!(written(&t("BRL 99,90")), Some(Currency::BRL));
        assert_eq!(written(&t("RP 94.387")), Some(Currency::IDR));
        assert_eq!(written(&t("Rp94.387")), Some(Currency::IDR));
        assert_eq!(written(&t("-R$ 5,00")), Some(Currency::BRL));
        assert_eq!(written(&t("1.000 ₫")), Some(Currency::VND));
        assert_eq!(written(&t("NT$1,200")), Some(Currency::TWD));
        assert_eq!(written(&t("THB 120.50")), Some(Currency::THB));
        assert_eq!(written(&t("$12.00")), None);
        assert_eq!(written(&t("12.00")), None);
        assert_eq!(written(&Cell::Float(1.5)), None);
    }
}
