//! Money facts of settlement files (metrics.md §9, §10): taxes a platform withheld, what it
//! paid per order or adjustment, and wallet → bank withdrawals. Tables of schema 6.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::TaxKind;

/// What a settlement row is (`settlements.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SettlementKind {
    /// An order's settlement: what the platform paid for it after its fees.
    #[serde(rename = "order")]
    Order,
    /// Not an order's settlement (ad payment, reimbursement, deduction): listed apart.
    #[serde(rename = "adjustment")]
    Adjustment,
}

impl SettlementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SettlementKind::Order => "order",
            SettlementKind::Adjustment => "adjustment",
        }
    }
}

/// A tax the platform withheld. Natural key: store + `reference` + `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxRow {
    pub order_id: Option<String>,
    pub day: NaiveDate,
    pub kind: TaxKind,
    /// Positive = withheld; negative = given back (a refund).
    pub amount: Decimal,
    pub reference: String,
    /// The column(s) it came from.
    pub source: String,
}

/// Money the platform settled. Natural key: store + `reference`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settlement {
    pub order_id: Option<String>,
    /// The settled date.
    pub day: NaiveDate,
    pub kind: SettlementKind,
    /// The file's own type text (`GMV Payment for TikTok Ads`, `货款结算入账`).
    pub label: String,
    /// Paid to the seller (negative: taken back).
    pub amount: Decimal,
    pub reference: String,
}

/// A wallet → bank transfer. Natural key: store + `reference`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub day: NaiveDate,
    /// Positive = sent to the bank.
    pub amount: Decimal,
    pub status: String,
    pub reference: String,
}
