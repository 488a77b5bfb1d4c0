//! Store (全店) figures of metrics.md §2 for one currency and one period.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::model::{FeeKind, Rate};

/// What the ledger delivers for a period; everything else is derived.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoreInputs {
    pub gross_sales: Decimal,
    pub refunds: Decimal,
    pub cogs: Decimal,
    /// Totals per fee kind; `subsidy` already holds Σ (1 − f) × seller_discount of the lines.
    pub fees: BTreeMap<FeeKind, Decimal>,
    pub ad_spend: Decimal,
    pub fixed_costs: Decimal,
}

impl StoreInputs {
    /// The inputs of two disjoint periods or stores taken together (all inputs are sums).
    pub fn merge(&self, other: &StoreInputs) -> StoreInputs {
        let mut fees = self.fees.clone();
        for (k, v) in &other.fees {
            *fees.entry(*k).or_default() += *v;
        }
        StoreInputs {
            gross_sales: self.gross_sales + other.gross_sales,
            refunds: self.refunds + other.refunds,
            cogs: self.cogs + other.cogs,
            fees,
            ad_spend: self.ad_spend + other.ad_spend,
            fixed_costs: self.fixed_costs + other.fixed_costs,
        }
    }

    fn fee(&self, k: FeeKind) -> Decimal {
        self.fees.get(&k).copied().unwrap_or_default()
    }
}

/// The two sums break-even depends on, kept exact (never via a rounded ratio).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BreakEven {
    pub gross_sales: Decimal,
    pub contribution: Decimal,
}

impl BreakEven {
    /// 保本ROI = gross_sales / contribution; `None` when contribution ≤ 0 (no ad spend can pay
    /// for itself) or there are no sales.
    pub fn roas(self) -> Option<Rate> {
        if self.contribution <= Decimal::ZERO || self.gross_sales.is_zero() {
            None
        } else {
            Rate::ratio(self.gross_sales, self.contribution)
        }
    }

    /// c = contribution / gross_sales: what one unit of (pre-refund) ad-attributed sales
    /// leaves after refunds, COGS and hidden costs. May be ≤ 0.
    pub fn contribution_ratio(self) -> Option<Decimal> {
        Rate::ratio(self.contribution, self.gross_sales).map(Rate::value)
    }
}

/// 保本ROI from a margin on net sales and a refund rate: 1 / (m × (1 − refund_rate)).
pub fn break_even_from_margin(margin: Decimal, refund_rate: Decimal) -> Option<Rate> {
    let kept = margin * (Decimal::ONE - refund_rate);
    if kept <= Decimal::ZERO {
        None
    } else {
        Rate::ratio(Decimal::ONE, kept)
    }
}

/// Refund of one line: f × list_amount with f clamped to [0, 1] (a refund never exceeds the
/// line, so net sales never exceed gross sales nor go below zero).
pub fn line_refund(list_amount: Decimal, refund_fraction: Decimal) -> Decimal {
    refund_fraction.clamp(Decimal::ZERO, Decimal::ONE) * list_amount
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoreFigures {
    pub gross_sales: Decimal,
    pub refunds: Decimal,
    pub net_sales: Decimal,
    pub cogs: Decimal,
    /// Every kind of `FeeKind::ALL`, zero when absent.
    pub fees: BTreeMap<FeeKind, Decimal>,
    pub hidden_costs: Decimal,
    pub contribution: Decimal,
    pub contribution_margin: Option<Rate>,
    pub ad_spend: Decimal,
    pub fixed_costs: Decimal,
    pub net_profit: Decimal,
    pub net_margin: Option<Rate>,
    pub marketing_spend: Decimal,
    pub store_roas: Option<Rate>,
    pub profit_roi: Option<Rate>,
    pub break_even_roas: Option<Rate>,
}

impl StoreFigures {
    pub fn compute(i: &StoreInputs) -> StoreFigures {
        let fees: BTreeMap<FeeKind, Decimal> =
            FeeKind::ALL.iter().map(|k| (*k, i.fee(*k))).collect();
        let net_sales = i.gross_sales - i.refunds;
        let hidden_costs: Decimal = fees.values().copied().sum();
        let contribution = net_sales - i.cogs - hidden_costs;
        let net_profit = contribution - i.ad_spend - i.fixed_costs;
        let marketing_spend =
            i.ad_spend + i.fee(FeeKind::AffiliateCommission) + i.fee(FeeKind::Subsidy);
        StoreFigures {
            gross_sales: i.gross_sales,
            refunds: i.refunds,
            net_sales,
            cogs: i.cogs,
            fees,
            hidden_costs,
            contribution,
            contribution_margin: Rate::ratio(contribution, net_sales),
            ad_spend: i.ad_spend,
            fixed_costs: i.fixed_costs,
            net_profit,
            net_margin: Rate::ratio(net_profit, net_sales),
            marketing_spend,
            store_roas: Rate::ratio(net_sales, i.ad_spend),
            profit_roi: Rate::ratio(net_profit, marketing_spend),
            break_even_roas: BreakEven {
                gross_sales: i.gross_sales,
                contribution,
            }
            .roas(),
        }
    }

    pub fn break_even(&self) -> BreakEven {
        BreakEven {
            gross_sales: self.gross_sales,
            contribution: self.contribution,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn out(r: Option<Rate>) -> Option<String> {
        r.map(Rate::to_output)
    }

    #[test]
    fn break_even_margin_50_refunds_10_is_2_2222() {
        let r = break_even_from_margin(dec!(0.5), dec!(0.1));
        assert_eq!(out(r).as_deref(), Some("2.2222"));
        // The same through the ledger sums: gross 1000, 10 % refunded, m = 50 % of net.
        let i = StoreInputs {
            gross_sales: dec!(1000),
            refunds: dec!(100),
            cogs: dec!(300),
            fees: [(FeeKind::PlatformCommission, dec!(150))].into(),
            ..Default::default()
        };
        let f = StoreFigures::compute(&i);
        assert_eq!(f.contribution, dec!(450));
        assert_eq!(out(f.contribution_margin).as_deref(), Some("0.5000"));
        assert_eq!(out(f.break_even_roas).as_deref(), Some("2.2222"));
    }

    #[test]
    fn seed_net_margin_is_0_0038() {
        let i = StoreInputs {
            gross_sales: dec!(13000000),
            cogs: dec!(12950000),
            ..Default::default()
        };
        let f = StoreFigures::compute(&i);
        assert_eq!(f.net_profit, dec!(50000));
        assert_eq!(out(f.net_margin).as_deref(), Some("0.0038"));
    }

    #[test]
    fn no_break_even_when_contribution_not_positive_and_nulls_for_zero_denominators() {
        let f = StoreFigures::compute(&StoreInputs {
            gross_sales: dec!(100),
            cogs: dec!(100),
            ..Default::default()
        });
        assert_eq!(f.break_even_roas, None);
        assert_eq!(f.store_roas, None);
        assert_eq!(f.profit_roi, None);
        let empty = StoreFigures::compute(&StoreInputs::default());
        assert_eq!(empty.contribution_margin, None);
        assert_eq!(empty.fees.len(), FeeKind::ALL.len());
    }

    #[test]
    fn full_waterfall() {
        let i = StoreInputs {
            gross_sales: dec!(10000),
            refunds: dec!(1000),
            cogs: dec!(4000),
            fees: [
                (FeeKind::PlatformCommission, dec!(500)),
                (FeeKind::AffiliateCommission, dec!(300)),
                (FeeKind::Subsidy, dec!(200)),
            ]
            .into(),
            ad_spend: dec!(1500),
            fixed_costs: dec!(1000),
        };
        let f = StoreFigures::compute(&i);
        assert_eq!(f.net_sales, dec!(9000));
        assert_eq!(f.hidden_costs, dec!(1000));
        assert_eq!(f.contribution, dec!(4000));
        assert_eq!(f.net_profit, dec!(1500));
        assert_eq!(f.marketing_spend, dec!(2000));
        assert_eq!(out(f.store_roas).as_deref(), Some("6.0000"));
        assert_eq!(out(f.profit_roi).as_deref(), Some("0.7500"));
        assert_eq!(out(f.break_even_roas).as_deref(), Some("2.5000"));
    }

    fn money() -> impl Strategy<Value = Decimal> {
        (0i64..1_000_000_000).prop_map(|c| Decimal::new(c, 2))
    }

    fn inputs() -> impl Strategy<Value = StoreInputs> {
        (
            money(),
            0u32..=100,
            money(),
            money(),
            money(),
            money(),
            money(),
        )
            .prop_map(|(gross, pct, cogs, comm, sub, ad, fixed)| StoreInputs {
                gross_sales: gross,
                refunds: gross * Decimal::new(i64::from(pct), 2),
                cogs,
                fees: [(FeeKind::PlatformCommission, comm), (FeeKind::Subsidy, sub)].into(),
                ad_spend: ad,
                fixed_costs: fixed,
            })
    }

    proptest! {
        #[test]
        fn totals_are_additive_over_disjoint_parts(a in inputs(), b in inputs()) {
            let (fa, fb) = (StoreFigures::compute(&a), StoreFigures::compute(&b));
            let fab = StoreFigures::compute(&a.merge(&b));
            prop_assert_eq!(fab.net_sales, fa.net_sales + fb.net_sales);
            prop_assert_eq!(fab.hidden_costs, fa.hidden_costs + fb.hidden_costs);
            prop_assert_eq!(fab.contribution, fa.contribution + fb.contribution);
            prop_assert_eq!(fab.net_profit, fa.net_profit + fb.net_profit);
            prop_assert_eq!(fab.marketing_spend, fa.marketing_spend + fb.marketing_spend);
            for k in FeeKind::ALL {
                prop_assert_eq!(fab.fees[k], fa.fees[k] + fb.fees[k]);
            }
        }

        #[test]
        fn refunds_never_make_net_sales_exceed_gross(
            lines in proptest::collection::vec((money(), -50i64..150), 0..40)
        ) {
            let gross: Decimal = lines.iter().map(|l| l.0).sum();
            let refunds: Decimal =
                lines.iter().map(|(amt, f)| line_refund(*amt, Decimal::new(*f, 2))).sum();
            let f = StoreFigures::compute(&StoreInputs { gross_sales: gross, refunds, ..Default::default() });
            prop_assert!(f.net_sales <= f.gross_sales);
            prop_assert!(f.net_sales >= Decimal::ZERO);
        }
    }
}
