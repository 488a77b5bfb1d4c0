//! Ratios (ROAS, margins, rates). A ratio over a zero denominator does not exist: it is
//! `None` (JSON `null`, "—" in the UI), never 0 or infinity.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::money::format_fixed;

/// Digits a ratio is printed with.
pub const RATE_DP: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(pub Decimal);

impl Rate {
    /// `num / den`, or `None` when `den` is zero.
    pub fn ratio(num: Decimal, den: Decimal) -> Option<Rate> {
        if den.is_zero() {
            None
        } else {
            num.checked_div(den).map(Rate)
        }
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn to_output(self) -> String {
        format_fixed(self.0, RATE_DP)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_output())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn zero_denominator_has_no_ratio() {
        assert_eq!(Rate::ratio(dec!(5), dec!(0)), None);
    }

    #[test]
    fn prints_four_decimals() {
        assert_eq!(Rate::ratio(dec!(1), dec!(3)).unwrap().to_output(), "0.3333");
        assert_eq!(
            Rate::ratio(dec!(3000), dec!(1000)).unwrap().to_output(),
            "3.0000"
        );
        assert_eq!(
            Rate::ratio(dec!(50000), dec!(13000000))
                .unwrap()
                .to_output(),
            "0.0038"
        );
    }
}
