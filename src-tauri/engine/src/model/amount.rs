//! `Amount`: an exact sum of money as the JSON contract writes it.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::{Currency, Money};

/// An exact amount that serialises as the contract's money string (rounded to the currency's
/// minor unit, half away from zero). The exact value stays available to Rust callers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Money);

impl Amount {
    pub fn new(amount: Decimal, currency: Currency) -> Amount {
        Amount(Money::new(amount, currency))
    }

    pub fn value(self) -> Decimal {
        self.0.amount
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_output())
    }
}
