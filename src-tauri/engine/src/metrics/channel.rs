//! Channel figures of metrics.md §3: ROAS, ROI, profit ROI and the verdict against break-even.

use rust_decimal::Decimal;
use serde::Serialize;

use super::store::BreakEven;
use crate::model::Rate;

/// One channel's (or campaign's) totals for a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChannelInputs {
    pub spend: Decimal,
    pub platform_sales: Decimal,
    pub clicks: i64,
    pub platform_orders: i64,
    pub collects: i64,
    pub add_to_carts: i64,
}

/// Summing campaigns into their channel (counts saturate rather than wrap on absurd input).
impl std::ops::AddAssign for ChannelInputs {
    fn add_assign(&mut self, o: ChannelInputs) {
        self.spend += o.spend;
        self.platform_sales += o.platform_sales;
        self.clicks = self.clicks.saturating_add(o.clicks);
        self.platform_orders = self.platform_orders.saturating_add(o.platform_orders);
        self.collects = self.collects.saturating_add(o.collects);
        self.add_to_carts = self.add_to_carts.saturating_add(o.add_to_carts);
    }
}

/// "scale" when roas ≥ break-even ROAS, else "cut" (fix or cut).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Scale,
    Cut,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChannelFigures {
    pub roas: Option<Rate>,
    pub roi_pct: Option<Rate>,
    pub profit_roi: Option<Rate>,
    /// `None` without spend: there is nothing to judge.
    pub verdict: Option<Verdict>,
    /// roas − break_even_roas (`None` when either is missing).
    pub verdict_distance: Option<Rate>,
    /// Money per click / per order (exact; rounded as money on output).
    pub cpc: Option<Decimal>,
    pub cvr: Option<Rate>,
    pub aov: Option<Decimal>,
    pub collect_cart_rate: Option<Rate>,
}

/// 投产比 = platform_sales / spend.
pub fn roas(platform_sales: Decimal, spend: Decimal) -> Option<Rate> {
    Rate::ratio(platform_sales, spend)
}

/// ROI = (产出 − 投入) / 投入.
pub fn roi_pct(platform_sales: Decimal, spend: Decimal) -> Option<Rate> {
    Rate::ratio(platform_sales - spend, spend)
}

/// (platform_sales / break_even_roas − spend) / spend, computed as
/// (platform_sales × contribution / gross_sales − spend) / spend so that it stays exact and
/// is still defined (negative) when contribution ≤ 0.
pub fn profit_roi(platform_sales: Decimal, spend: Decimal, be: BreakEven) -> Option<Rate> {
    let c = be.contribution_ratio()?;
    Rate::ratio(platform_sales * c - spend, spend)
}

/// The verdict and its distance. Without a break-even ROAS (contribution ≤ 0) every spend is
/// a loss: "cut".
pub fn verdict(roas: Option<Rate>, break_even: Option<Rate>) -> (Option<Verdict>, Option<Rate>) {
    match (roas, break_even) {
        (None, _) => (None, None),
        (Some(_), None) => (Some(Verdict::Cut), None),
        (Some(r), Some(be)) => {
            let v = if r.value() >= be.value() {
                Verdict::Scale
            } else {
                Verdict::Cut
            };
            (Some(v), Some(Rate(r.value() - be.value())))
        }
    }
}

/// The funnel identity roas = cvr × aov / cpc.
pub fn roas_from_funnel(cvr: Decimal, aov: Decimal, cpc: Decimal) -> Option<Rate> {
    Rate::ratio(cvr * aov, cpc)
}

pub fn channel_figures(i: &ChannelInputs, be: BreakEven) -> ChannelFigures {
    let clicks = Decimal::from(i.clicks);
    let orders = Decimal::from(i.platform_orders);
    let r = roas(i.platform_sales, i.spend);
    let (verdict, verdict_distance) = verdict(r, be.roas());
    ChannelFigures {
        roas: r,
        roi_pct: roi_pct(i.platform_sales, i.spend),
        profit_roi: profit_roi(i.platform_sales, i.spend, be),
        verdict,
        verdict_distance,
        cpc: Rate::ratio(i.spend, clicks).map(Rate::value),
        cvr: Rate::ratio(orders, clicks),
        aov: Rate::ratio(i.platform_sales, orders).map(Rate::value),
        collect_cart_rate: Rate::ratio(Decimal::from(i.collects + i.add_to_carts), clicks),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn s(r: Option<Rate>) -> String {
        r.map(Rate::to_output).unwrap_or_else(|| "null".into())
    }

    #[test]
    fn seed_roas_3_and_1_2() {
        assert_eq!(s(roas(dec!(3000), dec!(1000))), "3.0000");
        assert_eq!(s(roas(dec!(6000), dec!(5000))), "1.2000");
        assert_eq!(roas(dec!(6000), dec!(0)), None);
    }

    #[test]
    fn seed_roi_pct_is_1() {
        assert_eq!(s(roi_pct(dec!(2000), dec!(1000))), "1.0000");
    }

    #[test]
    fn seed_funnel_identity_5_then_10() {
        assert_eq!(
            s(roas_from_funnel(dec!(0.02), dec!(250), dec!(1))),
            "5.0000"
        );
        assert_eq!(
            s(roas_from_funnel(dec!(0.02), dec!(500), dec!(1))),
            "10.0000"
        );
        // The same through channel figures: 1000 clicks at cpc 1, 20 orders of 250.
        let i = ChannelInputs {
            spend: dec!(1000),
            platform_sales: dec!(5000),
            clicks: 1000,
            platform_orders: 20,
            collects: 30,
            add_to_carts: 70,
        };
        let f = channel_figures(&i, BreakEven::default());
        assert_eq!(s(f.roas), "5.0000");
        assert_eq!(s(f.cvr), "0.0200");
        assert_eq!(f.aov, Some(dec!(250)));
        assert_eq!(f.cpc, Some(dec!(1)));
        assert_eq!(s(f.collect_cart_rate), "0.1000");
        assert_eq!(
            s(roas_from_funnel(
                f.cvr.unwrap().value(),
                f.aov.unwrap(),
                f.cpc.unwrap()
            )),
            "5.0000"
        );
    }

    #[test]
    fn verdict_against_break_even_with_distance_and_profit_roi() {
        // break-even 2.5: gross 10,000, contribution 4,000.
        let be = BreakEven {
            gross_sales: dec!(10000),
            contribution: dec!(4000),
        };
        let i = ChannelInputs {
            spend: dec!(1000),
            platform_sales: dec!(3000),
            ..Default::default()
        };
        let f = channel_figures(&i, be);
        assert_eq!(f.verdict, Some(Verdict::Scale));
        assert_eq!(s(f.verdict_distance), "0.5000");
        // 3000 / 2.5 = 1200 of contribution for 1000 of spend.
        assert_eq!(s(f.profit_roi), "0.2000");
        let weak = ChannelInputs {
            spend: dec!(5000),
            platform_sales: dec!(6000),
            ..Default::default()
        };
        let f = channel_figures(&weak, be);
        assert_eq!(f.verdict, Some(Verdict::Cut));
        assert_eq!(s(f.verdict_distance), "-1.3000");
        assert_eq!(s(f.profit_roi), "-0.5200");
        // No positive contribution: always cut, no distance.
        let loss = BreakEven {
            gross_sales: dec!(100),
            contribution: dec!(-5),
        };
        let f = channel_figures(&i, loss);
        assert_eq!((f.verdict, f.verdict_distance), (Some(Verdict::Cut), None));
        // No spend: nothing to judge.
        let f = channel_figures(&ChannelInputs::default(), be);
        assert_eq!((f.verdict, f.cpc, f.cvr), (None, None, None));
        assert_eq!(serde_json::to_value(Verdict::Scale).unwrap(), "scale");
        assert_eq!(serde_json::to_value(Verdict::Cut).unwrap(), "cut");
    }
}
