//! Tax vocabulary (metrics.md §9): the kinds of tax row and the merchant's regime per store
//! with its settings. Rates are fractions (0.01 = 1 %), amounts in the store's currency.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a tax row is: VAT (thuế GTGT, 增值税) or income tax (thuế TNCN, 所得税).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxKind {
    Vat,
    IncomeTax,
}

impl TaxKind {
    pub const ALL: [TaxKind; 2] = [TaxKind::Vat, TaxKind::IncomeTax];

    pub fn as_str(self) -> &'static str {
        match self {
            TaxKind::Vat => "vat",
            TaxKind::IncomeTax => "income_tax",
        }
    }

    /// The stored id; an unknown one (a newer build's) counts as income tax.
    pub fn from_stored(s: &str) -> TaxKind {
        if s == "vat" {
            TaxKind::Vat
        } else {
            TaxKind::IncomeTax
        }
    }
}

/// The base a flat estimate is a percentage of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlatBase {
    NetSales,
    NetProfit,
}

impl std::str::FromStr for FlatBase {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "net_sales" => Ok(FlatBase::NetSales),
            "net_profit" => Ok(FlatBase::NetProfit),
            other => Err(format!(
                "unknown flat base {other:?} (net_sales or net_profit)"
            )),
        }
    }
}

/// A store's tax regime with its settings (stored in `tax_settings`; none = no row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "regime", rename_all = "snake_case")]
pub enum TaxRegime {
    /// No estimate: only what platforms withheld counts.
    None,
    /// Vietnamese household seller: the platforms' withholding is the tax; the year's
    /// revenue is set beside the tax-free threshold (a year's revenue).
    VnHousehold { threshold: Decimal },
    /// 小规模纳税人: VAT = net_sales / (1 + rate) × rate per month, none for a month whose
    /// net sales stay at or under the monthly exemption.
    CnSmallScale { rate: Decimal, exemption: Decimal },
    /// A percentage the merchant types, of net sales or of net profit.
    Flat { rate: Decimal, base: FlatBase },
}

impl TaxRegime {
    /// 500,000,000 ₫ a year: the 2026 tax-free revenue of a household business.
    pub const VN_THRESHOLD: Decimal = Decimal::from_parts(500_000_000, 0, 0, false, 0);
    /// 1 % VAT of a small-scale taxpayer.
    pub const CN_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);
    /// 100,000 ¥ a month of sales free of VAT for a small-scale taxpayer.
    pub const CN_EXEMPTION: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);

    /// Every regime id, in the order the page offers them.
    pub const IDS: [&'static str; 4] = ["none", "vn_household", "cn_small_scale", "flat"];

    pub fn id(&self) -> &'static str {
        match self {
            TaxRegime::None => "none",
            TaxRegime::VnHousehold { .. } => "vn_household",
            TaxRegime::CnSmallScale { .. } => "cn_small_scale",
            TaxRegime::Flat { .. } => "flat",
        }
    }

    /// Whether the regime adds estimated tax (vn_household does not: withholding is the tax).
    pub fn estimates(&self) -> bool {
        matches!(
            self,
            TaxRegime::CnSmallScale { .. } | TaxRegime::Flat { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn regimes_serialise_with_their_id_and_settings() {
        let r = TaxRegime::CnSmallScale {
            rate: dec!(0.01),
            exemption: dec!(100000),
        };
        let j = serde_json::to_value(r).unwrap();
        assert_eq!(j["regime"], "cn_small_scale");
        assert_eq!(j["rate"], "0.01");
        assert_eq!(serde_json::from_value::<TaxRegime>(j).unwrap(), r);
        assert_eq!(r.id(), "cn_small_scale");
        assert!(!TaxRegime::VnHousehold {
            threshold: TaxRegime::VN_THRESHOLD
        }
        .estimates());
        assert_eq!(TaxKind::from_stored("vat"), TaxKind::Vat);
        assert_eq!(
            "net_profit".parse::<FlatBase>().unwrap(),
            FlatBase::NetProfit
        );
    }
}
