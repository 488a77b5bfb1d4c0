//! The one vocabulary of ids shared by engine, CLI and page: platforms, channels, fee kinds,
//! currencies, report kinds, mapping fields, tax kinds and regimes, verdicts, error codes and
//! the chart labels the engine asks the page for. Built from the id enums themselves, so a
//! new variant reaches the CLI (`fupan vocabulary --json`), the window (`vocabulary`
//! command), the generated `ui/js/vocab.js` and the i18n coverage test
//! (`tests/vocabulary.rs`) without a hand list anywhere.
//!
//! It sits above `import`, `metrics` and `charts` (it lists their ids), beside `report`.

use serde::Serialize;

use crate::import::formats;
use crate::import::mapping::Field;
use crate::metrics::products::{Quadrant, Stage};
use crate::metrics::season::NoVerdict;
use crate::metrics::{NoCeiling, SubsidyVerdict, Verdict};
use crate::model::{Channel, Currency, FeeKind, FlatBase, Platform, ReportKind, TaxKind};

/// Every variant of an enum as an array, with an exhaustive `match` so that a variant added
/// to the enum and not here stops the build.
macro_rules! every {
    ($ty:ident: $($v:ident),+ $(,)?) => {{
        #[allow(dead_code)]
        fn exhaustive(x: $ty) {
            match x {
                $($ty::$v)|+ => {}
            }
        }
        [$($ty::$v),+]
    }};
}

/// A currency and the digits of its minor unit (the page rounds for display with them).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CurrencyInfo {
    pub id: &'static str,
    pub minor_units: u32,
}

/// The fields a column mapping of one report kind offers, and those it needs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MappingFields {
    pub report: &'static str,
    pub fields: Vec<String>,
    pub required: Vec<String>,
}

/// A label a chart command asks the page for: the key it looks up, and the page's i18n key
/// whose text it is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChartLabel {
    pub key: String,
    pub i18n: String,
}

/// Every id family, in the enums' own order.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Vocabulary {
    /// Every platform id (`generic` is a mapped file's).
    pub platforms: Vec<&'static str>,
    /// Platforms with a built-in export format (the drop zone names them).
    pub recognised_platforms: Vec<&'static str>,
    pub channels: Vec<&'static str>,
    pub fee_kinds: Vec<&'static str>,
    pub currencies: Vec<CurrencyInfo>,
    pub report_kinds: Vec<&'static str>,
    /// The report kinds a column mapping can read, with their fields.
    pub mapping: Vec<MappingFields>,
    pub tax_kinds: Vec<&'static str>,
    pub tax_regimes: Vec<&'static str>,
    pub flat_bases: Vec<String>,
    pub verdicts: Vec<String>,
    pub subsidy_verdicts: Vec<String>,
    pub no_verdicts: Vec<&'static str>,
    pub no_ceilings: Vec<String>,
    pub quadrants: Vec<String>,
    pub stages: Vec<String>,
    pub error_codes: Vec<&'static str>,
    pub error_reasons: Vec<&'static str>,
    pub chart_labels: Vec<ChartLabel>,
}

/// The ids as their JSON serialises them (serde is the one source of each id's spelling).
fn ids<T: Serialize>(all: &[T]) -> Vec<String> {
    all.iter()
        .filter_map(|x| serde_json::to_value(x).ok())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The chart labels every chart command may ask for: figure ids, fee kinds, channels
/// (`channel_<id>`), axes and marks. Keys are those of `charts::labels`.
fn chart_labels() -> Vec<ChartLabel> {
    let chart = |k: &str| ChartLabel {
        key: k.to_string(),
        i18n: format!("chart.{k}"),
    };
    let mut out: Vec<ChartLabel> = crate::charts::FIGURE_LABELS
        .iter()
        .map(|k| chart(k))
        .collect();
    out.extend(FeeKind::ALL.iter().map(|k| chart(k.as_str())));
    out.extend(Channel::ALL.iter().map(|c| ChartLabel {
        key: format!("channel_{c}"),
        i18n: format!("channel.{c}"),
    }));
    out.push(ChartLabel {
        key: "no_sku".into(),
        i18n: "products.no_sku".into(),
    });
    out
}

/// The vocabulary, built from the enums.
pub fn vocabulary() -> Vocabulary {
    let recognised_platforms = Platform::ALL
        .iter()
        .filter(|p| formats::ALL.iter().any(|f| f.platforms.contains(p)))
        .map(|p| p.as_str())
        .collect();
    let mapping = [ReportKind::Orders, ReportKind::Ads, ReportKind::SkuCosts]
        .into_iter()
        .map(|k| {
            let (fields, required) = Field::for_report(k);
            MappingFields {
                report: k.as_str(),
                fields: ids(fields),
                required: ids(required),
            }
        })
        .collect();
    Vocabulary {
        platforms: Platform::ALL.iter().map(|p| p.as_str()).collect(),
        recognised_platforms,
        channels: Channel::ALL.iter().map(|c| c.as_str()).collect(),
        fee_kinds: FeeKind::ALL.iter().map(|k| k.as_str()).collect(),
        currencies: Currency::ALL
            .iter()
            .map(|c| CurrencyInfo {
                id: c.code(),
                minor_units: c.minor_units(),
            })
            .collect(),
        report_kinds: ReportKind::ALL.iter().map(|k| k.as_str()).collect(),
        mapping,
        tax_kinds: TaxKind::ALL.iter().map(|k| k.as_str()).collect(),
        tax_regimes: crate::model::TaxRegime::IDS.to_vec(),
        flat_bases: ids(&every!(FlatBase: NetSales, NetProfit)),
        verdicts: ids(&every!(Verdict: Scale, Cut)),
        subsidy_verdicts: ids(&every!(SubsidyVerdict: Pays, DoesNotPay)),
        no_verdicts: every!(NoVerdict: SeasonPeak, SeasonApart, BaselineSubsidised)
            .iter()
            .map(|v| v.code())
            .collect(),
        no_ceilings: ids(&every!(
            NoCeiling: TooFewPoints,
            NoResponse,
            NoSaturation,
            BeyondData,
            NoProfit
        )),
        quadrants: ids(&every!(
            Quadrant: Star,
            TrafficDriver,
            ProfitNiche,
            DropCandidate
        )),
        stages: ids(&every!(Stage: Launch, Growth, Mature, Decline)),
        error_codes: crate::Error::CODES.to_vec(),
        error_reasons: crate::error_reason::all_reason_codes(),
        chart_labels: chart_labels(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_is_complete_and_spelt_as_the_json() {
        let v = vocabulary();
        assert_eq!(v.platforms.len(), Platform::ALL.len());
        // Every selling platform has a built-in format; `generic` only mapped files.
        assert_eq!(v.recognised_platforms.len(), Platform::ALL.len() - 1);
        assert!(!v.recognised_platforms.contains(&"generic"));
        assert_eq!(v.currencies.len(), 10);
        assert_eq!(
            v.currencies[1],
            CurrencyInfo {
                id: "VND",
                minor_units: 0
            }
        );
        assert_eq!(v.verdicts, ["scale", "cut"]);
        assert_eq!(v.subsidy_verdicts, ["pays", "does_not_pay"]);
        assert_eq!(v.flat_bases, ["net_sales", "net_profit"]);
        assert_eq!(v.quadrants.len(), 4);
        assert_eq!(v.stages.len(), 4);
        assert_eq!(v.no_ceilings.len(), 5);
        assert_eq!(
            v.tax_regimes,
            ["none", "vn_household", "cn_small_scale", "flat"]
        );
        let orders = &v.mapping[0];
        assert_eq!(orders.report, "orders");
        assert_eq!(orders.required, ["order_id", "date"]);
        assert!(orders.fields.contains(&"other_fee".to_string()));
        // Chart labels: unique keys, fee kinds and channels included.
        let keys: std::collections::BTreeSet<&str> =
            v.chart_labels.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(keys.len(), v.chart_labels.len());
        assert!(keys.contains("shipping_insurance") && keys.contains("channel_qianchuan"));
    }
}
