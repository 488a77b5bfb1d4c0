//! Exact money. Amounts are `rust_decimal::Decimal` tagged with a currency; adding two
//! currencies is an error in every build profile. In SQLite money is an INTEGER count of
//! 1/10,000 of the currency unit (`Scaled`), so SQL `SUM` stays exact and fast.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Decimal places kept in storage: 1/100 of a fen, 1/10,000 of a dong.
pub const STORAGE_SCALE: u32 = 4;
/// The largest amount (or quantity) one fact may hold: 10^12 units (a trillion ₫ is ~40M USD).
/// Hostile files aside, sums of the i64 storage integers then never overflow (922 facts at
/// this maximum would); one that does is refused as bad input.
pub const MAX_STORED: i64 = 1_000_000_000_000;

/// ISO 4217 currencies of the platforms Fupan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    CNY,
    VND,
    USD,
    THB,
    MYR,
    PHP,
    SGD,
    IDR,
    /// New Taiwan dollar (Shopee TW).
    TWD,
    /// Brazilian real (Shopee BR, TikTok Shop BR).
    BRL,
}

impl Currency {
    pub const ALL: [Currency; 10] = [
        Currency::CNY,
        Currency::VND,
        Currency::USD,
        Currency::THB,
        Currency::MYR,
        Currency::PHP,
        Currency::SGD,
        Currency::IDR,
        Currency::TWD,
        Currency::BRL,
    ];

    /// Digits after the decimal point in the currency's minor unit.
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::VND | Currency::IDR => 0,
            _ => 2,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Currency::CNY => "CNY",
            Currency::VND => "VND",
            Currency::USD => "USD",
            Currency::THB => "THB",
            Currency::MYR => "MYR",
            Currency::PHP => "PHP",
            Currency::SGD => "SGD",
            Currency::IDR => "IDR",
            Currency::TWD => "TWD",
            Currency::BRL => "BRL",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown currency {s:?}"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("cannot combine {left} and {right}: figures are only summed within one currency")]
    CurrencyMismatch { left: Currency, right: Currency },
    #[error("amount {0} is too large to store")]
    Overflow(Decimal),
}

/// An exact amount in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow(self.amount))?;
        Ok(Money::new(amount, self.currency))
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.checked_add(-other)
    }

    /// Multiply by a plain factor (a quantity, a fraction, a rate).
    pub fn times(self, factor: Decimal) -> Result<Money, MoneyError> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or(MoneyError::Overflow(self.amount))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Rounded to the currency's minor unit, half away from zero (display and output only).
    pub fn rounded(self) -> Decimal {
        round_money(self.amount, self.currency)
    }

    /// The amount as the contract prints it: a decimal string with exactly the minor digits.
    pub fn to_output(self) -> String {
        format_fixed(self.rounded(), self.currency.minor_units())
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money::new(-self.amount, self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_output(), self.currency)
    }
}

/// Round half away from zero to the currency's minor unit.
pub fn round_money(amount: Decimal, currency: Currency) -> Decimal {
    amount.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

/// `value` with exactly `dp` digits after the point ("12.30", "-5", "0.0000").
pub fn format_fixed(value: Decimal, dp: u32) -> String {
    let mut v = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if v.is_zero() {
        v = Decimal::ZERO; // no "-0.00"
    }
    v.rescale(dp);
    v.to_string()
}

/// `format_fixed` with the integer digits grouped by thousands with `group` and `point` as the
/// decimal mark ("1,234.50", "1.234.567"): the one digit grouping the charts and the report use.
pub fn format_grouped(value: Decimal, dp: u32, group: char, point: char) -> String {
    let text = format_fixed(value, dp);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = sign.to_string();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// Money as stored in SQLite: an integer count of 10^-STORAGE_SCALE units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Scaled(pub i64);

impl Scaled {
    /// Exact when `value` has at most four decimals; otherwise rounded half away from zero
    /// (only derived per-line values, such as a partial refund share, ever are).
    pub fn from_decimal(value: Decimal) -> Result<Scaled, MoneyError> {
        if value.abs() > Decimal::from(MAX_STORED) {
            return Err(MoneyError::Overflow(value));
        }
        let mut v =
            value.round_dp_with_strategy(STORAGE_SCALE, RoundingStrategy::MidpointAwayFromZero);
        v.rescale(STORAGE_SCALE);
        let mantissa = v.mantissa();
        i64::try_from(mantissa)
            .map(Scaled)
            .map_err(|_| MoneyError::Overflow(value))
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, STORAGE_SCALE)
    }

    /// Sum as SQLite returns it (`SUM` over INTEGER is exact; NULL when there are no rows).
    pub fn from_sql_sum(v: Option<i64>) -> Decimal {
        Decimal::new(v.unwrap_or(0), STORAGE_SCALE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn grouped_by_thousands_with_the_given_marks() {
        assert_eq!(
            format_grouped(dec!(-1234567.505), 2, ',', '.'),
            "-1,234,567.51"
        );
        assert_eq!(format_grouped(dec!(1234567), 0, '.', ','), "1.234.567");
        assert_eq!(format_grouped(dec!(999.5), 0, '.', ','), "1.000");
        assert_eq!(format_grouped(dec!(-0.004), 2, ',', '.'), "0.00");
        assert_eq!(format_grouped(dec!(12.3), 4, ',', '.'), "12.3000");
    }

    #[test]
    fn adding_two_currencies_is_an_error() {
        let a = Money::new(dec!(1), Currency::CNY);
        let b = Money::new(dec!(1), Currency::VND);
        assert_eq!(
            a.checked_add(b),
            Err(MoneyError::CurrencyMismatch {
                left: Currency::CNY,
                right: Currency::VND
            })
        );
    }

    #[test]
    fn rounds_half_away_from_zero_to_minor_unit() {
        assert_eq!(Money::new(dec!(2.345), Currency::CNY).to_output(), "2.35");
        assert_eq!(Money::new(dec!(-2.345), Currency::CNY).to_output(), "-2.35");
        assert_eq!(Money::new(dec!(1234.5), Currency::VND).to_output(), "1235");
        assert_eq!(Money::new(dec!(-0.004), Currency::CNY).to_output(), "0.00");
        assert_eq!(Money::new(dec!(7), Currency::CNY).to_output(), "7.00");
    }

    #[test]
    fn scaled_round_trips_four_decimals() {
        let s = Scaled::from_decimal(dec!(123.4567)).unwrap();
        assert_eq!(s, Scaled(1_234_567));
        assert_eq!(s.to_decimal(), dec!(123.4567));
        assert_eq!(Scaled::from_decimal(dec!(0.00005)).unwrap(), Scaled(1));
        assert_eq!(Scaled::from_decimal(dec!(-0.00005)).unwrap(), Scaled(-1));
    }

    #[test]
    fn scaled_refuses_overflow() {
        assert!(Scaled::from_decimal(dec!(1e20)).is_err());
        assert!(Scaled::from_decimal(dec!(1000000000000.0001)).is_err());
        assert!(Scaled::from_decimal(dec!(-1000000000000.0001)).is_err());
        assert_eq!(
            Scaled::from_decimal(dec!(1000000000000)).unwrap(),
            Scaled(10_000_000_000_000_000)
        );
    }

    fn cents() -> impl Strategy<Value = Decimal> {
        (-10_000_000_000i64..10_000_000_000i64).prop_map(|c| Decimal::new(c, 2))
    }

    proptest! {
        #[test]
        fn addition_is_associative_and_commutative(a in cents(), b in cents(), c in cents()) {
            let m = |d| Money::new(d, Currency::CNY);
            let left = m(a).checked_add(m(b)).unwrap().checked_add(m(c)).unwrap();
            let right = m(a).checked_add(m(b).checked_add(m(c)).unwrap()).unwrap();
            prop_assert_eq!(left, right);
            prop_assert_eq!(m(a).checked_add(m(b)).unwrap(), m(b).checked_add(m(a)).unwrap());
        }

        #[test]
        fn storage_is_exact_for_cent_amounts(a in cents()) {
            prop_assert_eq!(Scaled::from_decimal(a).unwrap().to_decimal(), a);
        }

        #[test]
        fn rounding_moves_at_most_half_a_minor_unit(units in -1_000_000_000i64..1_000_000_000i64) {
            let d = Decimal::new(units, 4);
            let r = Money::new(d, Currency::CNY).rounded();
            prop_assert!((r - d).abs() <= dec!(0.005));
            // half away from zero: the rounded value never moves toward zero on a tie
            if (d * dec!(100)).fract().abs() == dec!(0.5) {
                prop_assert!(r.abs() > d.abs());
            }
        }
    }
}
