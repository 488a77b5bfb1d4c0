//! The figures behind each chart, built once for the window (`desktop/charts.rs`) and the
//! year-end review (`report/charts.rs`): the waterfall's steps, the matrix's points and
//! quadrant colours, the response curve. Each caller only adds its labels and style.

use rust_decimal::Decimal;

use super::{MatrixPoint, ResponseCurve, StepKind};
use crate::metrics::products::Quadrant;
use crate::metrics::{CurrencySummary, ProductRow, SpendResponse, StoreFigures};
use crate::model::Rate;

/// The label keys of figures the charts name, besides fee kinds and channels (the
/// vocabulary lists them all for the page, `chart.<key>` in ui/i18n).
pub const FIGURE_LABELS: &[&str] = &[
    "gross_sales",
    "refunds",
    "net_sales",
    "cogs",
    "contribution",
    "ad_spend",
    "fixed_costs",
    "net_profit",
    "taxes",
    "profit_after_tax",
    "break_even",
    "roas",
    "spend",
    "sales",
    "current_spend",
    "optimal_spend",
    "margin",
    "share",
    "month",
    "settled",
];

/// One step of the GMV → net profit waterfall. `id` is a figure id of `FIGURE_LABELS` or a
/// fee kind id; `amount` is the level of a total and the size (≥ 0) of a decrease or
/// increase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfitStep {
    pub id: &'static str,
    pub amount: Decimal,
    pub kind: StepKind,
}

impl ProfitStep {
    /// The step as a signed amount: a total's level, a cost negative, a gain positive.
    pub fn signed(&self) -> Decimal {
        match self.kind {
            StepKind::Total | StepKind::Increase => self.amount,
            StepKind::Decrease => -self.amount,
        }
    }
}

/// GMV → refunds → net sales → COGS → each fee kind → contribution → ads → fixed → net
/// profit (→ taxes → profit after tax). Refunds, COGS and ad spend are always shown (a zero
/// there says something); fee kinds, fixed costs and taxes only when not zero. A negative
/// cost (a rebate) is an increase.
pub fn profit_steps(c: &CurrencySummary) -> Vec<ProfitStep> {
    steps_of(
        &c.figures,
        c.taxes.total.value(),
        c.profit_after_tax.value(),
    )
}

fn steps_of(f: &StoreFigures, taxes: Decimal, after_tax: Decimal) -> Vec<ProfitStep> {
    let total = |id, amount| ProfitStep {
        id,
        amount,
        kind: StepKind::Total,
    };
    let cost = |id, amount: Decimal| ProfitStep {
        id,
        amount: amount.abs(),
        kind: if amount.is_sign_negative() {
            StepKind::Increase
        } else {
            StepKind::Decrease
        },
    };
    let mut steps = vec![
        total("gross_sales", f.gross_sales),
        cost("refunds", f.refunds),
        total("net_sales", f.net_sales),
        cost("cogs", f.cogs),
    ];
    for (kind, amount) in &f.fees {
        if !amount.is_zero() {
            steps.push(cost(kind.as_str(), *amount));
        }
    }
    steps.push(total("contribution", f.contribution));
    steps.push(cost("ad_spend", f.ad_spend));
    if !f.fixed_costs.is_zero() {
        steps.push(cost("fixed_costs", f.fixed_costs));
    }
    steps.push(total("net_profit", f.net_profit));
    // metrics.md §9: taxes after net profit (hidden costs hold none), down to what is kept.
    if !taxes.is_zero() {
        steps.push(cost("taxes", taxes));
        steps.push(total("profit_after_tax", after_tax));
    }
    steps
}

/// The colour index of a quadrant in `product_matrix` (star, traffic driver, profit niche,
/// drop candidate); a SKU without one (no margin known) is drawn as a drop candidate, the
/// quadrant that asks the merchant to look.
pub fn quadrant_index(q: Option<Quadrant>) -> usize {
    match q {
        Some(Quadrant::Star) => 0,
        Some(Quadrant::TrafficDriver) => 1,
        Some(Quadrant::ProfitNiche) => 2,
        Some(Quadrant::DropCandidate) | None => 3,
    }
}

/// A product row as a matrix point labelled `label` (an unknown share or margin sits at 0).
pub fn matrix_point(r: &ProductRow, label: String) -> MatrixPoint {
    let rate = |r: Option<Rate>| r.map_or(Decimal::ZERO, Rate::value);
    MatrixPoint {
        label,
        share: rate(r.sales_share),
        margin: rate(r.contribution_margin),
        quadrant: quadrant_index(r.quadrant),
    }
}

/// The observed days, the fitted curve, today's spend and the ceiling of one channel.
pub fn response_curve(r: &SpendResponse) -> ResponseCurve {
    ResponseCurve {
        observed: r.observed.iter().map(|p| (p.spend, p.sales)).collect(),
        curve: r.curve.clone(),
        current_spend: r.current_spend,
        optimal_spend: r.optimal_spend,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::StoreInputs;
    use crate::model::FeeKind;
    use rust_decimal_macros::dec;

    #[test]
    fn steps_run_from_gmv_to_what_is_kept() {
        let f = StoreFigures::compute(&StoreInputs {
            gross_sales: dec!(1000),
            refunds: dec!(100),
            cogs: dec!(300),
            fees: [
                (FeeKind::PlatformCommission, dec!(50)),
                (FeeKind::PaymentFee, dec!(-10)),
                (FeeKind::Subsidy, dec!(0)),
            ]
            .into(),
            ad_spend: dec!(0),
            fixed_costs: dec!(40),
        });
        // net sales 1000 − 100 = 900; contribution 900 − 300 − 50 + 10 = 560;
        // net profit 560 − 0 − 40 = 520; after 20 of tax 500.
        let steps = steps_of(&f, dec!(20), dec!(500));
        let got: Vec<(&str, Decimal, StepKind)> =
            steps.iter().map(|s| (s.id, s.amount, s.kind)).collect();
        use StepKind::*;
        assert_eq!(
            got,
            [
                ("gross_sales", dec!(1000), Total),
                ("refunds", dec!(100), Decrease),
                ("net_sales", dec!(900), Total),
                ("cogs", dec!(300), Decrease),
                ("platform_commission", dec!(50), Decrease),
                // A rebate lifts the level; a zero fee kind draws nothing.
                ("payment_fee", dec!(10), Increase),
                ("contribution", dec!(560), Total),
                // Zero ad spend is still shown; fixed costs only when there are some.
                ("ad_spend", dec!(0), Decrease),
                ("fixed_costs", dec!(40), Decrease),
                ("net_profit", dec!(520), Total),
                ("taxes", dec!(20), Decrease),
                ("profit_after_tax", dec!(500), Total),
            ]
        );
        assert_eq!(steps[1].signed(), dec!(-100));
        assert_eq!(steps[5].signed(), dec!(10));
        // Without tax the waterfall ends at net profit.
        assert_eq!(
            steps_of(&f, Decimal::ZERO, dec!(520)).last().map(|s| s.id),
            Some("net_profit")
        );
    }

    #[test]
    fn a_sku_without_a_quadrant_is_drawn_as_one_to_look_at() {
        assert_eq!(quadrant_index(Some(Quadrant::Star)), 0);
        assert_eq!(quadrant_index(Some(Quadrant::ProfitNiche)), 2);
        assert_eq!(
            quadrant_index(None),
            quadrant_index(Some(Quadrant::DropCandidate))
        );
    }
}
