//! Generic import of files nobody recognised: the user maps each column to a ledger field; the
//! mapping becomes a format table like the built-in ones (read by the same generic mapper)
//! and, when named, a template reused automatically for the same header set.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::formats;
use super::formats::spec::{
    col, AdRule, Col, Effect, FormatSpec, Grain, LineIdRule, ListRule, RefundRule, Role,
    StatusRule, LINES,
};
use super::header;
use crate::error::{Error, Result};
use crate::model::{Channel, Currency, FeeKind, ReportKind};

/// Declares `Field` from one list: each field with its format-table role, grouped by the
/// report kind that reads it (ads share `Date`, cost sheets `Sku` with orders).
macro_rules! fields {
    (
        orders: [$($o:ident => $orole:expr),+ $(,)?],
        ads ($($ashared:ident),*): [$($a:ident => $arole:expr),+ $(,)?],
        sku_costs ($($cshared:ident),*): [$($c:ident => $crole:expr),+ $(,)?] $(,)?
    ) => {
        /// What a column holds, in the user's terms (ids are the UI's and the JSON's).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum Field {
            $($o,)+
            $($a,)+
            $($c,)+
        }

        const ORDER_FIELDS: &[Field] = &[$(Field::$o),+];
        const AD_FIELDS: &[Field] = &[$(Field::$ashared,)* $(Field::$a),+];
        const COST_FIELDS: &[Field] = &[$(Field::$cshared,)* $(Field::$c),+];

        impl Field {
            /// The format-table role of the field.
            fn role(self) -> Role {
                match self {
                    $(Field::$o => $orole,)+
                    $(Field::$a => $arole,)+
                    $(Field::$c => $crole,)+
                }
            }
        }
    };
}

fields! {
    orders: [
        OrderId => Role::OrderId,
        LineId => Role::LineId,
        Date => Role::Date,
        Sku => Role::Sku,
        Product => Role::Product,
        Qty => Role::Qty,
        UnitPrice => Role::UnitPrice,
        ListAmount => Role::ListAmount,
        SellerDiscount => Role::SellerDiscount,
        PlatformDiscount => Role::PlatformDiscount,
        Status => Role::Status,
        RefundAmount => Role::RefundAmount,
        PaidAmount => Role::PaidAmount,
        PlatformCommission => Role::Fee(FeeKind::PlatformCommission),
        ServiceFee => Role::Fee(FeeKind::ServiceFee),
        PaymentFee => Role::Fee(FeeKind::PaymentFee),
        AffiliateCommission => Role::Fee(FeeKind::AffiliateCommission),
        Shipping => Role::Fee(FeeKind::Shipping),
        ShippingInsurance => Role::Fee(FeeKind::ShippingInsurance),
        Subsidy => Role::Fee(FeeKind::Subsidy),
        OtherFee => Role::Fee(FeeKind::Other),
    ],
    ads (Date): [
        Campaign => Role::Campaign,
        Spend => Role::Spend,
        Sales => Role::Sales,
        Orders => Role::Orders,
        Clicks => Role::Clicks,
        Impressions => Role::Impressions,
        Collects => Role::Collects,
        AddToCarts => Role::AddToCarts,
    ],
    sku_costs (Sku): [
        UnitCost => Role::UnitCost,
        ValidFrom => Role::ValidFrom,
    ],
}

impl Field {
    fn of_role(role: Role) -> Option<Field> {
        [ReportKind::Orders, ReportKind::Ads, ReportKind::SkuCosts]
            .into_iter()
            .flat_map(|k| Field::for_report(k).0)
            .copied()
            .find(|f| f.role() == role)
    }

    /// The fields one report kind reads, and which of them it cannot do without.
    pub fn for_report(report: ReportKind) -> (&'static [Field], &'static [Field]) {
        use Field::*;
        match report {
            ReportKind::Ads => (AD_FIELDS, &[Date, Spend]),
            ReportKind::SkuCosts => (COST_FIELDS, &[Sku, UnitCost]),
            _ => (ORDER_FIELDS, &[OrderId, Date]),
        }
    }
}

/// A user's column mapping (the JSON of `fupan import --mapping FILE.json` and of the
/// `mapping_templates` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// Template name: a named mapping is saved and reused for files with the same headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `orders`, `ads` or `sku_costs`.
    pub report: ReportKind,
    /// Header (as in the file) → field. Unmapped headers are ignored.
    pub columns: BTreeMap<String, Field>,
    /// The money's currency; the platform's (generic: CNY) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// The store of files read with this mapping, when the import names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    /// Ads: the channel of every row (`other` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Orders: status texts meaning the order was cancelled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cancelled: Vec<String>,
}

impl ColumnMapping {
    /// Refuse a mapping that cannot import: a wrong report kind, a field the kind does not
    /// read, a missing required field, or orders without a price.
    pub fn check(&self) -> Result<()> {
        let bad = |m: String| Err(Error::InvalidArgument(format!("column mapping: {m}")));
        let (fields, required) = Field::for_report(self.report);
        if !matches!(
            self.report,
            ReportKind::Orders | ReportKind::Ads | ReportKind::SkuCosts
        ) {
            return bad(format!(
                "report must be orders, ads or sku_costs, not {}",
                self.report
            ));
        }
        if let Some((h, f)) = self.columns.iter().find(|(_, f)| !fields.contains(f)) {
            return bad(format!(
                "{h:?} is mapped to {f:?}, which {} do not have",
                self.report
            ));
        }
        let has = |f: Field| self.columns.values().any(|x| *x == f);
        if let Some(f) = required.iter().find(|f| !has(**f)) {
            return bad(format!("no column is mapped to {f:?}"));
        }
        if self.report == ReportKind::Orders && !has(Field::UnitPrice) && !has(Field::ListAmount) {
            return bad("orders need a unit_price or a list_amount column".into());
        }
        Ok(())
    }

    /// The format table of this mapping, owned by the caller (the import that reads with it).
    pub fn spec(&self) -> Result<MappedFormat> {
        self.check()?;
        let key = serde_json::to_string(&(
            &self.report,
            &self.columns,
            &self.currency,
            &self.channel,
            &self.cancelled,
        ))
        .map_err(|e| Error::Internal(e.to_string()))?;
        let (_, required) = Field::for_report(self.report);
        let has = |f: Field| self.columns.values().any(|x| *x == f);
        let mut columns = Vec::new();
        for (header, f) in &self.columns {
            let required = required.contains(f);
            let column = |role| MappedCol {
                header: header.clone(),
                role,
                required,
            };
            columns.push(column(f.role()));
            if *f == Field::Sku && !has(Field::LineId) {
                columns.push(MappedCol {
                    required: false,
                    ..column(Role::LineKey) // SKU + occurrence is the line
                });
            }
        }
        let (report, grain) = match self.report {
            ReportKind::Ads => (ReportKind::Ads, Grain::Ads),
            ReportKind::SkuCosts => (ReportKind::SkuCosts, Grain::SkuCosts),
            _ => (ReportKind::Orders, Grain::Lines),
        };
        let rest = FormatSpec {
            id: MAPPED_ID,
            report,
            grain,
            currency: self.currency,
            line_id: if has(Field::LineId) {
                LineIdRule::Column
            } else if has(Field::Sku) {
                LineIdRule::Occurrence
            } else {
                LineIdRule::Order
            },
            list: if has(Field::ListAmount) {
                ListRule::Column
            } else {
                ListRule::UnitTimesQty
            },
            refund: if has(Field::RefundAmount) && has(Field::PaidAmount) {
                RefundRule::AmountShare
            } else {
                RefundRule::StatusOnly
            },
            ads: (self.report == ReportKind::Ads).then_some(AdRule {
                channel: self.channel.unwrap_or(Channel::Other),
                scene_channel: None,
                // ASSUMED: a report of unknown origin attributes sales to the same day.
                window_days: 1,
            }),
            ..LINES
        };
        Ok(MappedFormat {
            key: short_hash(&key),
            columns,
            cancelled: self.cancelled.clone(),
            rest,
        })
    }
}

/// The format id of every file read by a column mapping.
pub const MAPPED_ID: &str = "generic.mapped";

/// The format table of a user's column mapping. It owns its text (headers, cancelled
/// statuses) and lends a `FormatSpec` that borrows it (`with`): it lives as long as the
/// import reading with it (in `Detected::spec`), and nothing is kept for the process.
#[derive(Debug)]
pub struct MappedFormat {
    /// The mapping's identity (a hash of what shapes the table): files read by one mapping
    /// are read alike.
    key: String,
    /// In the table's order.
    columns: Vec<MappedCol>,
    cancelled: Vec<String>,
    /// The table but its columns and statuses.
    rest: FormatSpec<'static>,
}

/// A mapped column: the file's header and the role the user gave it.
#[derive(Debug)]
struct MappedCol {
    header: String,
    role: Role,
    required: bool,
}

impl MappedFormat {
    /// Call `f` with the format table. Its columns and statuses are made on each call (a
    /// few per file, never per row).
    pub fn with<R>(&self, f: impl FnOnce(&FormatSpec<'_>) -> R) -> R {
        let names: Vec<[&str; 1]> = self.columns.iter().map(|c| [c.header.as_str()]).collect();
        let columns: Vec<Col> = (self.columns.iter().zip(&names))
            .map(|(c, name)| Col {
                required: c.required,
                ..col(c.role, name)
            })
            .collect();
        let statuses: Vec<StatusRule> = (self.cancelled.iter())
            .map(|text| StatusRule {
                role: Role::Status,
                text,
                effect: Effect::Cancelled,
            })
            .collect();
        f(&FormatSpec {
            columns: &columns,
            statuses: &statuses,
            ..self.rest
        })
    }

    /// Equal for two tables of one mapping.
    pub fn key(&self) -> &str {
        &self.key
    }
}

fn short_hash(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The identity of a header row: its non-empty normalised headers, sorted, hashed (column
/// order and stray spaces do not matter).
pub fn signature(headers: &[String]) -> String {
    let mut h: Vec<String> = headers
        .iter()
        .map(|s| header::normalize(s))
        .filter(|s| !s.is_empty())
        .collect();
    h.sort();
    h.dedup();
    Sha256::digest(h.join("\n").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The field each header most likely holds, from the aliases of every known format (a
/// header the built-in tables know keeps its meaning).
pub fn suggest(headers: &[String], report: ReportKind) -> Vec<Option<Field>> {
    let (fields, _) = Field::for_report(report);
    let mut taken: Vec<Field> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let h = header::normalize(h);
            let found = formats::ALL
                .iter()
                .flat_map(|s| s.columns.iter())
                .filter(|c| {
                    c.aliases
                        .iter()
                        .any(|a| header::normalize(a).to_lowercase() == h.to_lowercase())
                })
                .filter_map(|c| Field::of_role(c.role))
                .find(|f| fields.contains(f) && !taken.contains(f));
            taken.extend(found);
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(json: &str) -> ColumnMapping {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn json_round_trip_and_checks() {
        let m = mapping(
            r#"{"name": "ERP", "report": "orders", "columns": {"No.": "order_id",
                "Day": "date", "Item": "sku", "Pcs": "qty", "Price": "unit_price"},
                "cancelled": ["void"]}"#,
        );
        assert_eq!(m.columns.get("Pcs"), Some(&Field::Qty));
        m.check().unwrap();
        let back: ColumnMapping =
            serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);

        let mut no_price = m.clone();
        no_price.columns.remove("Price");
        assert!(matches!(no_price.check(), Err(Error::InvalidArgument(_))));
        let mut no_date = m.clone();
        no_date.columns.remove("Day");
        assert!(no_date.check().unwrap_err().to_string().contains("Date"));
        let mut wrong = m.clone();
        wrong.columns.insert("Cost".into(), Field::Spend);
        assert!(wrong.check().unwrap_err().to_string().contains("Spend"));
    }

    #[test]
    fn a_mapping_is_a_table_of_its_own_headers() {
        let m = mapping(
            r#"{"report": "orders", "columns": {"No.": "order_id", "Day": "date",
                "Item": "sku", "Price": "unit_price"}, "cancelled": ["void"]}"#,
        );
        m.spec().unwrap().with(|s| {
            assert_eq!(s.id, MAPPED_ID);
            assert_eq!(s.line_id, LineIdRule::Occurrence, "SKU + occurrence");
            assert_eq!(s.list, ListRule::UnitTimesQty);
            assert!(s.cols(Role::OrderId).all(|c| c.required));
            let aliases =
                |role| -> Vec<&str> { s.cols(role).flat_map(|c| c.aliases).copied().collect() };
            assert_eq!(aliases(Role::OrderId), ["No."]);
            assert_eq!(aliases(Role::LineKey), ["Item"]);
            assert_eq!(aliases(Role::UnitPrice), ["Price"]);
            let statuses: Vec<(&str, Effect)> =
                s.statuses.iter().map(|r| (r.text, r.effect)).collect();
            assert_eq!(statuses, [("void", Effect::Cancelled)]);
        });
    }

    #[test]
    fn signature_ignores_column_order_and_spacing() {
        let s = |v: &[&str]| signature(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["A ", "B", ""]), s(&["B", "A"]));
        assert_ne!(s(&["A", "B"]), s(&["A", "C"]));
    }

    #[test]
    fn suggestions_come_from_the_format_tables() {
        let h: Vec<String> = ["订单号", "Seller SKU", "Whatever", "成本", "Quantity"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            suggest(&h, ReportKind::Orders),
            vec![
                Some(Field::OrderId),
                Some(Field::Sku),
                None,
                None,
                Some(Field::Qty)
            ]
        );
        assert_eq!(
            suggest(&h, ReportKind::SkuCosts)[3],
            Some(Field::UnitCost),
            "成本 is a unit cost in a cost sheet"
        );
    }
}

#[cfg(test)]
mod import_tests {
    use super::*;
    use crate::import::{import_file, ImportOptions};
    use crate::Ledger;

    /// `csv` written to a temporary `name`, and the options importing it with the mapping
    /// `json` (keep the directory alive while importing).
    fn mapped_file(
        name: &str,
        csv: &str,
        json: &str,
    ) -> (tempfile::TempDir, std::path::PathBuf, ImportOptions) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, csv).unwrap();
        let opts = ImportOptions {
            mapping: Some(serde_json::from_str(json).unwrap()),
            ..Default::default()
        };
        (dir, p, opts)
    }

    /// An ad report of unknown origin, mapped: each row is an ad day of the mapping's
    /// channel, money in its currency.
    #[test]
    fn a_mapped_ad_report_books_ad_days_of_its_channel() {
        let (_dir, p, opts) = mapped_file(
            "kol.csv",
            "Ngày,Chiến dịch,Tiền,Doanh thu\n05/01/2026,KOL A,\"1.200.000 ₫\",3000000\n\
             06/01/2026,KOL A,800000,0\n",
            r#"{"report": "ads", "currency": "VND", "channel": "tiktok_ads", "store": "S",
                "columns": {"Ngày": "date", "Chiến dịch": "campaign", "Tiền": "spend",
                            "Doanh thu": "sales"}}"#,
        );
        let mut ledger = Ledger::open_in_memory().unwrap();
        let o = import_file(&mut ledger, &p, &opts, &mut |_| {}).unwrap();
        assert_eq!((o.rows, o.added, o.store.as_str()), (2, 2, "S"));
        let rows: Vec<(String, String, String, i64, i64)> = ledger
            .conn()
            .prepare(
                "SELECT channel, campaign, day, spend, platform_sales FROM ad_days ORDER BY day",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        // Storage units are 1/10,000 of a dong.
        assert_eq!(
            rows,
            vec![
                (
                    "tiktok_ads".into(),
                    "KOL A".into(),
                    "2026-01-05".into(),
                    12_000_000_000,
                    30_000_000_000
                ),
                (
                    "tiktok_ads".into(),
                    "KOL A".into(),
                    "2026-01-06".into(),
                    8_000_000_000,
                    0
                ),
            ]
        );
        let currency: String = ledger
            .conn()
            .query_row("SELECT currency FROM stores WHERE name = 'S'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(currency, "VND");
    }
    /// An ERP order export, mapped, with a commission on every item line: two lines of the
    /// same SKU in one order are two lines, and each line's commission counts (no line
    /// overwrites another); the same file again adds nothing.
    /// Lines: 2 × 79.00 = 158.00, 1 × 79.00 = 79.00, 1 × 39.90 = 39.90 → 276.90.
    /// Commission: 7.90 + 3.95 + 2.00 = 13.85.
    #[test]
    fn mapped_orders_count_every_line_and_its_own_fee() {
        let (_dir, p, opts) = mapped_file(
            "erp.csv",
            "Bill No,Bill Date,Item Code,Qty,Unit Price,Commission\n\
             SO-1,2026-01-04,TS-RED-M,2,79.00,7.90\n\
             SO-1,2026-01-04,TS-RED-M,1,79.00,3.95\n\
             SO-1,2026-01-04,MUG-01,1,39.90,2.00\n",
            r#"{"report": "orders", "currency": "CNY", "store": "ERP",
                "columns": {"Bill No": "order_id", "Bill Date": "date", "Item Code": "sku",
                            "Qty": "qty", "Unit Price": "unit_price",
                            "Commission": "platform_commission"}}"#,
        );
        let mut ledger = Ledger::open_in_memory().unwrap();
        let o = import_file(&mut ledger, &p, &opts, &mut |_| {}).unwrap();
        assert_eq!((o.rows, o.added), (3, 3));
        let sums = |ledger: &Ledger| -> (i64, i64, i64) {
            ledger
                .conn()
                .query_row(
                    "SELECT (SELECT COUNT(*) FROM order_lines WHERE is_current = 1),
                            (SELECT SUM(list_amount) FROM order_lines WHERE is_current = 1),
                            (SELECT SUM(amount) FROM fees WHERE is_current = 1
                               AND kind = 'platform_commission')",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap()
        };
        // Storage units are 1/10,000 of a yuan.
        assert_eq!(sums(&ledger), (3, 2_769_000, 138_500));
        let again = import_file(&mut ledger, &p, &opts, &mut |_| {}).unwrap();
        assert_eq!((again.added, again.duplicates), (0, 3));
        assert_eq!(sums(&ledger), (3, 2_769_000, 138_500));
    }
}
