//! Metrics of `shared/docs/metrics.md`: pure formulas over exact decimals (`store`, `channel`,
//! `attribution`, `saturation`, `products`) and the ledger queries that feed them (`query`).
//!
//! Money is `Decimal` end to end; it is rounded only when serialised (`Amount`). Every ratio
//! is `Option<Rate>`: `None` (JSON `null`) when its denominator is zero.

pub mod attribution;
pub mod cash;
pub mod channel;
pub mod products;
pub mod query;
pub mod saturation;
pub mod season;
pub mod store;
pub mod subsidy;
pub mod tax;

use rust_decimal::Decimal;
use serde::Serializer;

pub use crate::model::Amount;
pub use attribution::{attributed_sales, check_assist_coef};
pub use channel::{channel_figures, ChannelFigures, ChannelInputs, Verdict};
pub use query::{
    base_period, cash, channels, compare, daily, drill, missing_costs, monthly, products,
    repurchase, spend_response, store_matrix, subsidy, summary, summary_and_monthly, tax_view,
    unsettled_orders, Baseline, BaselineKind, CampaignRow, CashMonth, CashReport, ChannelRow,
    ChannelsReport, CompareWith, Comparison, CurrencyCash, CurrencyChannels, CurrencyComparison,
    CurrencyMatrix, CurrencyMonths, CurrencyProducts, CurrencySubsidy, CurrencySummary,
    CurrencyTaxView, DayPoint, Delta, DrillPage, FeeDrift, Figure, Filter, MatrixFigures,
    MatrixRow, MissingCost, MonthFigures, Monthly, ProductRow, Repurchase, ResponseSummary,
    SpendResponse, StoreCash, StoreMatrix, StoreTaxView, SubsidyReport, Summary, TaxEstimate,
    TaxView, Unsettled, UnsettledOrder, WindowFigures, WithheldMonth,
};
pub use saturation::{fit_power_law, marginal_roas, NoCeiling, PowerFit, Saturation};
pub use store::{BreakEven, StoreFigures, StoreInputs};
pub use subsidy::{SubsidyFigures, SubsidyInputs, SubsidyVerdict};
pub use tax::{TaxSums, Taxes};

/// Quantities (units) as a JSON number: an integer when whole (the usual case), otherwise
/// the exact value's nearest float — units are counts, never money.
pub(crate) fn serialize_units<S: Serializer>(units: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    use rust_decimal::prelude::ToPrimitive;
    let n = units.normalize();
    if n.fract().is_zero() {
        if let Some(i) = n.to_i64() {
            return s.serialize_i64(i);
        }
    }
    s.serialize_f64(n.to_f64().unwrap_or(0.0))
}
