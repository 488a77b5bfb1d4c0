//! Assisted-conversion attribution (metrics.md §5).

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::model::Rate;

/// The user's assisted-conversion weight k, which must lie in [0, 1].
pub fn check_assist_coef(k: Decimal) -> Result<Decimal> {
    if k < Decimal::ZERO || k > Decimal::ONE {
        return Err(Error::InvalidArgument(format!(
            "--assist-coef must be between 0 and 1 (got {k})"
        )));
    }
    Ok(k)
}

/// channel_sales_i = (last_i + k × assisted_i) / (Σ last + k × Σ assisted) × total_sales.
/// `None` when the weights sum to zero (no conversions to share by).
pub fn attributed_sales(
    last_i: Decimal,
    assisted_i: Decimal,
    sum_last: Decimal,
    sum_assisted: Decimal,
    k: Decimal,
    total_sales: Decimal,
) -> Option<Decimal> {
    let den = sum_last + k * sum_assisted;
    // Multiply before dividing so the only rounding is the final division's 28th digit.
    Rate::ratio((last_i + k * assisted_i) * total_sales, den).map(Rate::value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{format_fixed, round_money, Currency};
    use rust_decimal_macros::dec;

    /// Seed: total 50,000,000; Σ assisted 30,000; Σ last 20,000; the channel spent 5,000,000
    /// with assisted 20,000 and last 5,000.
    fn seed(k: Decimal) -> (String, String) {
        let sales = attributed_sales(
            dec!(5000),
            dec!(20000),
            dec!(20000),
            dec!(30000),
            k,
            dec!(50000000),
        )
        .unwrap();
        let money = format_fixed(round_money(sales, Currency::CNY), 2);
        (
            money,
            Rate::ratio(sales, dec!(5000000)).unwrap().to_output(),
        )
    }

    #[test]
    fn seed_assisted_attribution() {
        assert_eq!(seed(dec!(0)), ("12500000.00".into(), "2.5000".into()));
        assert_eq!(seed(dec!(1)), ("25000000.00".into(), "5.0000".into()));
        assert_eq!(seed(dec!(0.2)), ("17307692.31".into(), "3.4615".into()));
    }

    #[test]
    fn zero_weights_give_no_share_and_k_is_checked() {
        assert_eq!(
            attributed_sales(dec!(0), dec!(0), dec!(0), dec!(0), dec!(0), dec!(10)),
            None
        );
        assert!(check_assist_coef(dec!(1.5)).is_err());
        assert!(check_assist_coef(dec!(-0.1)).is_err());
        assert_eq!(check_assist_coef(dec!(0.2)).unwrap(), dec!(0.2));
    }
}
