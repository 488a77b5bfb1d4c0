//! Traffic and product figures of metrics.md §7: UV value, product matrix, lifecycle stage
//! with its acceptable ROAS, and repurchase rate.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::Rate;

/// sales = visitors × cvr × aov.
pub fn sales_from_traffic(visitors: i64, cvr: Decimal, aov: Decimal) -> Decimal {
    Decimal::from(visitors) * cvr * aov
}

/// UV价值 = sales / visitors (money per visitor); `None` without visitors. The ledger's
/// callers pass NET sales (gross − refunds): with `store_cvr` = orders / visitors and aov =
/// net sales / orders this keeps `uv_value = cvr × aov` exact, and a refunded sale is no
/// value a visitor brought.
pub fn uv_value(sales: Decimal, visitors: i64) -> Option<Decimal> {
    Rate::ratio(sales, Decimal::from(visitors)).map(Rate::value)
}

/// The store's conversion rate, orders / visitors (the cvr of `sales = visitors × cvr ×
/// aov`); `None` without visitors.
pub fn store_cvr(orders: i64, visitors: i64) -> Option<Rate> {
    Rate::ratio(Decimal::from(orders), Decimal::from(visitors))
}

/// 复购率: share of buyers with ≥ 2 orders, from each buyer's order count.
pub fn repurchase_rate(orders_per_buyer: &[u64]) -> Option<Rate> {
    let repeat = orders_per_buyer.iter().filter(|n| **n >= 2).count();
    Rate::ratio(Decimal::from(repeat), Decimal::from(orders_per_buyer.len()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High sales share, high margin.
    Star,
    /// 引流款: high sales, low margin.
    TrafficDriver,
    /// 利润款: low sales, high margin.
    ProfitNiche,
    /// Low, low.
    DropCandidate,
}

/// One SKU's sales and contribution for the matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct SkuSales {
    pub sku: String,
    pub net_sales: Decimal,
    pub contribution: Decimal,
}

/// Median of a list (mean of the two middle values for an even count).
pub fn median(values: &[Decimal]) -> Option<Decimal> {
    let mut v = values.to_vec();
    v.sort();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / Decimal::TWO),
    }
}

/// Each SKU's (sales share, contribution margin) as the matrix places it: a SKU without net
/// sales has margin 0.
fn matrix_coords(skus: &[SkuSales]) -> (Vec<Decimal>, Vec<Decimal>) {
    let total: Decimal = skus.iter().map(|s| s.net_sales).sum();
    let share = |s: &SkuSales| Rate::ratio(s.net_sales, total).map_or(Decimal::ZERO, Rate::value);
    let margin =
        |s: &SkuSales| Rate::ratio(s.contribution, s.net_sales).map_or(Decimal::ZERO, Rate::value);
    (
        skus.iter().map(share).collect(),
        skus.iter().map(margin).collect(),
    )
}

/// The matrix's quadrant lines: the store medians of sales share and contribution margin.
pub fn matrix_medians(skus: &[SkuSales]) -> Option<(Decimal, Decimal)> {
    let (shares, margins) = matrix_coords(skus);
    Some((median(&shares)?, median(&margins)?))
}

/// 产品矩阵: each SKU by sales share and contribution margin against the store medians
/// ("high" = at or above the median). A SKU without net sales has margin 0.
pub fn product_matrix(skus: &[SkuSales]) -> Vec<(String, Quadrant)> {
    let (shares, margins) = matrix_coords(skus);
    let Some((ms, mm)) = matrix_medians(skus) else {
        return Vec::new();
    };
    skus.iter()
        .zip(shares.iter().zip(&margins))
        .map(|(s, (sh, m))| {
            let q = match (*sh >= ms, *m >= mm) {
                (true, true) => Quadrant::Star,
                (true, false) => Quadrant::TrafficDriver,
                (false, true) => Quadrant::ProfitNiche,
                (false, false) => Quadrant::DropCandidate,
            };
            (s.sku.clone(), q)
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 起爆: first 4 weeks on sale.
    Launch,
    /// 爆发: > +20 % over the previous 4 weeks.
    Growth,
    /// 成熟: within ±20 %.
    Mature,
    /// 衰退: < −20 %.
    Decline,
}

/// Stage from the days on sale and the last two 4-week sales totals.
pub fn lifecycle_stage(days_on_sale: i64, last_4w: Decimal, prev_4w: Decimal) -> Stage {
    if days_on_sale < 28 {
        return Stage::Launch;
    }
    let limit = Decimal::new(2, 1);
    match Rate::ratio(last_4w - prev_4w, prev_4w) {
        // Nothing sold in the previous 4 weeks: back on sale is growth, still nothing is decline.
        None if last_4w > Decimal::ZERO => Stage::Growth,
        None => Stage::Decline,
        Some(g) if g.value() > limit => Stage::Growth,
        Some(g) if g.value() < -limit => Stage::Decline,
        Some(_) => Stage::Mature,
    }
}

/// The lowest acceptable roas for a stage, as a multiple of break-even: launch may run at
/// 70 % of break-even, growth near it (90 %), mature must clear it by 20 %; a declining SKU
/// should not be advertised (`None`). These defaults are documented choices, not doc facts.
pub fn stage_roas_target(stage: Stage, break_even: Option<Rate>) -> Option<Rate> {
    let be = break_even?.value();
    let factor = match stage {
        Stage::Launch => Decimal::new(7, 1),
        Stage::Growth => Decimal::new(9, 1),
        Stage::Mature => Decimal::new(12, 1),
        Stage::Decline => return None,
    };
    Some(Rate(be * factor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn traffic_identity_and_uv_value() {
        let sales = sales_from_traffic(10000, dec!(0.02), dec!(250));
        assert_eq!(sales, dec!(50000));
        assert_eq!(uv_value(sales, 10000), Some(dec!(5)));
        assert_eq!(uv_value(sales, 0), None);
        // 200 orders of 10,000 visitors at aov 250: cvr 0.02, and uv = cvr × aov = 5.
        let cvr = store_cvr(200, 10000).unwrap();
        assert_eq!(cvr.to_output(), "0.0200");
        assert_eq!(uv_value(sales, 10000), Some(cvr.value() * dec!(250)));
        assert_eq!(store_cvr(3, 0), None);
    }

    #[test]
    fn repurchase_share() {
        assert_eq!(
            repurchase_rate(&[1, 2, 3, 1]).unwrap().to_output(),
            "0.5000"
        );
        assert_eq!(repurchase_rate(&[]), None);
    }

    #[test]
    fn matrix_by_store_medians() {
        let sku = |n: &str, s: Decimal, c: Decimal| SkuSales {
            sku: n.into(),
            net_sales: s,
            contribution: c,
        };
        let m = product_matrix(&[
            sku("star", dec!(1000), dec!(400)),
            sku("traffic", dec!(900), dec!(50)),
            sku("niche", dec!(100), dec!(60)),
            sku("drop", dec!(50), dec!(1)),
        ]);
        let q: Vec<Quadrant> = m.into_iter().map(|p| p.1).collect();
        assert_eq!(
            q,
            [
                Quadrant::Star,
                Quadrant::TrafficDriver,
                Quadrant::ProfitNiche,
                Quadrant::DropCandidate
            ]
        );
        assert_eq!(
            median(&[dec!(3), dec!(1), dec!(2), dec!(10)]),
            Some(dec!(2.5))
        );
        assert!(product_matrix(&[]).is_empty());
    }

    #[test]
    fn lifecycle_from_rolling_growth() {
        assert_eq!(lifecycle_stage(10, dec!(100), dec!(0)), Stage::Launch);
        assert_eq!(lifecycle_stage(60, dec!(121), dec!(100)), Stage::Growth);
        assert_eq!(lifecycle_stage(60, dec!(120), dec!(100)), Stage::Mature);
        assert_eq!(lifecycle_stage(60, dec!(80), dec!(100)), Stage::Mature);
        assert_eq!(lifecycle_stage(60, dec!(79), dec!(100)), Stage::Decline);
        assert_eq!(lifecycle_stage(60, dec!(5), dec!(0)), Stage::Growth);
        assert_eq!(lifecycle_stage(60, dec!(0), dec!(0)), Stage::Decline);
        let be = Rate::ratio(dec!(5), dec!(2));
        assert_eq!(
            stage_roas_target(Stage::Launch, be).unwrap().to_output(),
            "1.7500"
        );
        assert_eq!(
            stage_roas_target(Stage::Mature, be).unwrap().to_output(),
            "3.0000"
        );
        assert_eq!(stage_roas_target(Stage::Decline, be), None);
    }
}
