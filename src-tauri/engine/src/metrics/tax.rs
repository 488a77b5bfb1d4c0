//! Taxes of metrics.md §9 as pure formulas: the estimate each regime allows, and the sums
//! the CLI contract shows (`taxes`, `profit_after_tax`).
//!
//! Withheld taxes are facts from platform files; estimates follow from the merchant's regime
//! and are always shown apart, labelled with their rule. `net_profit` stays before tax.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::metrics::Amount;
use crate::model::{Currency, TaxKind};

/// Taxes of a period by kind, withheld (facts) and estimated (from a regime) apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaxSums {
    pub withheld: BTreeMap<TaxKind, Decimal>,
    pub estimated: BTreeMap<TaxKind, Decimal>,
}

impl TaxSums {
    fn sum(m: &BTreeMap<TaxKind, Decimal>) -> Decimal {
        m.values().copied().sum()
    }

    pub fn withheld_total(&self) -> Decimal {
        Self::sum(&self.withheld)
    }

    pub fn estimated_total(&self) -> Decimal {
        Self::sum(&self.estimated)
    }

    /// One kind, withheld + estimated.
    pub fn kind(&self, k: TaxKind) -> Decimal {
        self.withheld.get(&k).copied().unwrap_or_default()
            + self.estimated.get(&k).copied().unwrap_or_default()
    }

    pub fn total(&self) -> Decimal {
        self.withheld_total() + self.estimated_total()
    }

    pub fn add(&mut self, other: &TaxSums) {
        for (k, v) in &other.withheld {
            *self.withheld.entry(*k).or_default() += *v;
        }
        for (k, v) in &other.estimated {
            *self.estimated.entry(*k).or_default() += *v;
        }
    }
}

/// `taxes` of `summary --json` (cli.md Additions).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Taxes {
    pub vat: Amount,
    pub income_tax: Amount,
    pub withheld: Amount,
    pub estimated: Amount,
    pub total: Amount,
}

impl Taxes {
    pub fn new(s: &TaxSums, currency: Currency) -> Taxes {
        let a = |v| Amount::new(v, currency);
        Taxes {
            vat: a(s.kind(TaxKind::Vat)),
            income_tax: a(s.kind(TaxKind::IncomeTax)),
            withheld: a(s.withheld_total()),
            estimated: a(s.estimated_total()),
            total: a(s.total()),
        }
    }
}

/// profit_after_tax = net_profit − taxes (what the shop keeps).
pub fn profit_after_tax(net_profit: Decimal, taxes: &TaxSums) -> Decimal {
    net_profit - taxes.total()
}

/// 小规模纳税人 VAT of one whole month: net_sales / (1 + r) × r (sales include VAT), none
/// when the month's net sales stay at or under the monthly exemption.
pub fn cn_small_scale_month(net_sales: Decimal, rate: Decimal, exemption: Decimal) -> Decimal {
    if net_sales <= exemption {
        Decimal::ZERO
    } else {
        net_sales / (Decimal::ONE + rate) * rate
    }
}

/// A flat percentage of its base; a loss (negative base) owes nothing.
pub fn flat(base: Decimal, rate: Decimal) -> Decimal {
    base.max(Decimal::ZERO) * rate
}

/// Of what was withheld over a year, the part withheld on revenue at or under the tax-free
/// threshold: all of it when the year stays under; else, since withholding is a flat rate of
/// each order, the threshold's share of the year's revenue.
pub fn withheld_under_threshold(
    withheld: Decimal,
    revenue: Decimal,
    threshold: Decimal,
) -> Decimal {
    if revenue <= threshold || revenue <= Decimal::ZERO {
        withheld
    } else {
        withheld * threshold / revenue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn worked_example_withheld_1_and_half_percent_of_100m() {
        // metrics.md §9: 100,000,000 ₫ of goods, 1 % VAT + 0.5 % PIT withheld.
        let ns = dec!(100000000);
        let s = TaxSums {
            withheld: [
                (TaxKind::Vat, ns * dec!(0.01)),
                (TaxKind::IncomeTax, ns * dec!(0.005)),
            ]
            .into(),
            ..Default::default()
        };
        assert_eq!(s.total(), dec!(1500000));
        assert_eq!(profit_after_tax(dec!(12000000), &s), dec!(10500000));
        let t = Taxes::new(&s, Currency::VND);
        assert_eq!(t.vat.0.to_output(), "1000000");
        assert_eq!(t.income_tax.0.to_output(), "500000");
        assert_eq!(t.withheld.0.to_output(), "1500000");
        assert_eq!(t.estimated.0.to_output(), "0");
        assert_eq!(t.total.0.to_output(), "1500000");
    }

    #[test]
    fn cn_small_scale_owes_only_above_the_monthly_exemption() {
        // 101,000 ¥ > 100,000: 101,000 / 1.01 × 0.01 = 1,000 exactly.
        assert_eq!(
            cn_small_scale_month(dec!(101000), dec!(0.01), dec!(100000)),
            dec!(1000)
        );
        // At the exemption (≤) and under it: nothing.
        assert_eq!(
            cn_small_scale_month(dec!(100000), dec!(0.01), dec!(100000)),
            dec!(0)
        );
        assert_eq!(
            cn_small_scale_month(dec!(5000), dec!(0.01), dec!(100000)),
            dec!(0)
        );
        // 3 %: 206,000 / 1.03 × 0.03 = 6,000.
        assert_eq!(
            cn_small_scale_month(dec!(206000), dec!(0.03), dec!(100000)),
            dec!(6000)
        );
    }

    #[test]
    fn flat_is_a_share_of_a_positive_base() {
        assert_eq!(flat(dec!(12000000), dec!(0.015)), dec!(180000));
        assert_eq!(flat(dec!(-500), dec!(0.1)), dec!(0));
    }

    #[test]
    fn withheld_under_the_threshold_is_all_or_the_threshold_share() {
        // 400M ≤ 500M: the 6M withheld all fell on tax-free revenue.
        assert_eq!(
            withheld_under_threshold(dec!(6000000), dec!(400000000), dec!(500000000)),
            dec!(6000000)
        );
        // 800M: 12M withheld × 500/800 = 7,500,000.
        assert_eq!(
            withheld_under_threshold(dec!(12000000), dec!(800000000), dec!(500000000)),
            dec!(7500000)
        );
    }

    #[test]
    fn sums_add_by_kind_and_basis() {
        let mut a = TaxSums {
            withheld: [(TaxKind::Vat, dec!(10))].into(),
            estimated: [(TaxKind::IncomeTax, dec!(4))].into(),
        };
        a.add(&TaxSums {
            withheld: [(TaxKind::Vat, dec!(-3))].into(),
            estimated: [(TaxKind::Vat, dec!(2))].into(),
        });
        assert_eq!(a.kind(TaxKind::Vat), dec!(9));
        assert_eq!(a.kind(TaxKind::IncomeTax), dec!(4));
        assert_eq!(a.withheld_total(), dec!(7));
        assert_eq!(a.estimated_total(), dec!(6));
        assert_eq!(a.total(), dec!(13));
    }
}
