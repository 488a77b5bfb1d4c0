//! Domain vocabulary: money, ratios, ids and the normalised ledger records.

mod amount;
mod day;
mod kinds;
mod ledger;
mod money;
mod rate;
mod settle;
mod sink;
mod tax;
mod unmapped;

pub use amount::Amount;
pub(crate) use day::parse_day;
pub use kinds::{Channel, FeeKind, ImportId, OrderStatus, Platform, ReportKind, StoreId};
pub use ledger::{AdDay, FeeRow, FixedCost, OrderItem, OrderLine, SkuCost, TrafficDay};
pub use money::{
    format_fixed, format_grouped, round_money, Currency, Money, MoneyError, Scaled, MAX_STORED,
    STORAGE_SCALE,
};
pub use rate::{Rate, RATE_DP};
pub use settle::{Settlement, SettlementKind, TaxRow, Withdrawal};
pub use sink::{CostTarget, LedgerSink};
pub use tax::{FlatBase, TaxKind, TaxRegime};
pub use unmapped::Unmapped;
