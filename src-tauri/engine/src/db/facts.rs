//! The versioned fact tables, described once: the writer (`write.rs`), undo (`undo.rs`) and
//! the store merge (`stores.rs`) all work from these descriptions, so a new fact table is one
//! more entry in `FACT_TABLES`.
//!
//! Ownership: every import that brings a fact holds a version of it, also when its values
//! equal the current version (then it is stored as a non-current copy). Undoing an import
//! deletes its versions and, where one of them was current, promotes the newest remaining
//! version — so undoing imports in any order leaves what the remaining imports say.

use std::sync::OnceLock;

use rusqlite::types::ToSql;
use rusqlite::{params_from_iter, OptionalExtension, Transaction};

use crate::error::Result;

/// Where a fact's day comes from (which aggregates an undo must rebuild).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOf {
    /// A column of the fact itself.
    Column(&'static str),
    /// The days of its order's lines (order items carry no day of their own).
    OrderLines,
}

/// One versioned fact table: `store_id` + `key` is the natural key; `compared` decide whether
/// an incoming fact changed; `extra` are written but not compared (derived values, hashes).
pub(crate) struct FactTable {
    pub(crate) name: &'static str,
    pub(crate) key: &'static [&'static str],
    pub(crate) compared: &'static [&'static str],
    pub(crate) extra: &'static [&'static str],
    pub(crate) day: DayOf,
    sql: OnceLock<FactSql>,
}

struct FactSql {
    current: String,
    insert: String,
}

/// The current version of a fact, compared with incoming values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Existing {
    None,
    /// Same values, held by that import.
    Same {
        import: i64,
    },
    /// Other values: (row id, import id, day) of the current version.
    Different {
        id: i64,
        import: i64,
        day: String,
    },
}

impl FactTable {
    const fn new(
        name: &'static str,
        key: &'static [&'static str],
        compared: &'static [&'static str],
        extra: &'static [&'static str],
        day: DayOf,
    ) -> FactTable {
        FactTable {
            name,
            key,
            compared,
            extra,
            day,
            sql: OnceLock::new(),
        }
    }

    fn sql(&self) -> &FactSql {
        self.sql.get_or_init(|| {
            let k = self.key.len();
            let key: Vec<String> = (self.key.iter().enumerate())
                .map(|(i, c)| format!(" AND {c} = ?{}", i + 2))
                .collect();
            // `IS`: NULL equals NULL (a line without SKU is the same line again).
            let same: Vec<String> = (self.compared.iter().enumerate())
                .map(|(i, c)| format!("{c} IS ?{}", i + k + 2))
                .collect();
            let same = if same.is_empty() {
                "1".to_string()
            } else {
                same.join(" AND ")
            };
            let day = match self.day {
                DayOf::Column(c) => c,
                DayOf::OrderLines => "''",
            };
            let current = format!(
                "SELECT id, import_id, {day}, {same} FROM {} WHERE store_id = ?1{} \
                 AND is_current = 1",
                self.name,
                key.concat()
            );
            let cols: Vec<&str> = ["import_id", "store_id"]
                .iter()
                .chain(self.key)
                .chain(self.compared)
                .chain(self.extra)
                .chain(&["is_current"])
                .copied()
                .collect();
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            // An import holds one version per key: its later row of a key wins, updated in
            // place. Not `OR REPLACE`: a statement that may delete rows makes SQLite keep a
            // statement journal of every page it touches (with the writer's savepoint open,
            // a temporary file: most of an import's time went to writing it).
            let conflict: Vec<&str> = std::iter::once(&"store_id")
                .chain(self.key)
                .chain(&["import_id"])
                .copied()
                .collect();
            let set: Vec<String> = (self.compared.iter())
                .chain(self.extra)
                .chain(&["is_current"])
                .map(|c| format!("{c} = excluded.{c}"))
                .collect();
            let insert = format!(
                "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
                self.name,
                cols.join(", "),
                marks.join(", "),
                conflict.join(", "),
                set.join(", ")
            );
            FactSql { current, insert }
        })
    }

    /// The current version of the fact `key` of `store`, compared with `compared`.
    pub(crate) fn current(
        &self,
        tx: &Transaction<'_>,
        store: i64,
        key: &[&dyn ToSql],
        compared: &[&dyn ToSql],
    ) -> Result<Existing> {
        let params = std::iter::once(&store as &dyn ToSql)
            .chain(key.iter().copied())
            .chain(compared.iter().copied());
        let found = tx
            .prepare_cached(&self.sql().current)?
            .query_row(params_from_iter(params), |r| {
                Ok(if r.get::<_, bool>(3)? {
                    Existing::Same { import: r.get(1)? }
                } else {
                    Existing::Different {
                        id: r.get(0)?,
                        import: r.get(1)?,
                        day: r.get(2)?,
                    }
                })
            })
            .optional()?;
        Ok(found.unwrap_or(Existing::None))
    }

    /// Store `import`'s version of a fact (replacing any version it already held of the key);
    /// `current` says whether it is the version that counts.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn insert(
        &self,
        tx: &Transaction<'_>,
        import: i64,
        store: i64,
        key: &[&dyn ToSql],
        compared: &[&dyn ToSql],
        extra: &[&dyn ToSql],
        current: bool,
    ) -> Result<()> {
        let head: [&dyn ToSql; 2] = [&import, &store];
        let params = head
            .iter()
            .copied()
            .chain(key.iter().copied())
            .chain(compared.iter().copied())
            .chain(extra.iter().copied())
            .chain(std::iter::once(&current as &dyn ToSql));
        tx.prepare_cached(&self.sql().insert)?
            .execute(params_from_iter(params))?;
        Ok(())
    }

    /// The natural key as a join condition between `a` and `b` (store included).
    pub(crate) fn same_key(&self, a: &str, b: &str) -> String {
        std::iter::once(&"store_id")
            .chain(self.key)
            .map(|c| format!("{a}.{c} = {b}.{c}"))
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

pub(crate) static ORDER_LINES: FactTable = FactTable::new(
    "order_lines",
    &["order_id", "line_id"],
    &[
        "day",
        "cancelled",
        "qty",
        "list_amount",
        "seller_discount",
        "platform_discount",
        "refund_fraction",
        "sku",
        "product",
    ],
    // Derived from the compared values; the buyer hash is not a figure.
    &["refund_amount", "refund_qty", "subsidy_net", "buyer_hash"],
    DayOf::Column("day"),
);

pub(crate) static ORDER_ITEMS: FactTable = FactTable::new(
    "order_items",
    &["order_id", "item_id"],
    &["sku", "product", "qty", "amount"],
    &[],
    DayOf::OrderLines,
);

pub(crate) static FEES: FactTable = FactTable::new(
    "fees",
    &["reference", "kind", "source"],
    &["day", "amount", "order_id", "rank"],
    // Re-derived whenever current settlement fees change (`refresh_superseded`).
    &["superseded"],
    DayOf::Column("day"),
);

pub(crate) static AD_DAYS: FactTable = FactTable::new(
    "ad_days",
    &["channel", "campaign", "day", "window_days"],
    &[
        "spend",
        "impressions",
        "clicks",
        "platform_sales",
        "platform_orders",
        "collects",
        "add_to_carts",
        "assisted_conversions",
        "last_click_conversions",
    ],
    &[],
    DayOf::Column("day"),
);

pub(crate) static TRAFFIC_DAYS: FactTable = FactTable::new(
    "traffic_days",
    &["day"],
    &["visitors", "page_views"],
    &[],
    DayOf::Column("day"),
);

/// Schema 6 (metrics.md §9): withheld taxes.
pub(crate) static TAX_ROWS: FactTable = FactTable::new(
    "tax_rows",
    &["reference", "kind"],
    &["order_id", "day", "amount", "source"],
    &[],
    DayOf::Column("day"),
);

/// Schema 6 (metrics.md §10): what a platform settled.
pub(crate) static SETTLEMENTS: FactTable = FactTable::new(
    "settlements",
    &["reference"],
    &["order_id", "day", "kind", "label", "amount"],
    &[],
    DayOf::Column("day"),
);

/// Schema 6 (metrics.md §10): wallet → bank transfers.
pub(crate) static WITHDRAWALS: FactTable = FactTable::new(
    "withdrawals",
    &["reference"],
    &["day", "amount", "status"],
    &[],
    DayOf::Column("day"),
);

/// Every versioned fact table. Undo walks them in this order: items first, while the order
/// lines that give them their days are still there.
pub(crate) static FACT_TABLES: [&FactTable; 8] = [
    &ORDER_ITEMS,
    &ORDER_LINES,
    &FEES,
    &AD_DAYS,
    &TRAFFIC_DAYS,
    &TAX_ROWS,
    &SETTLEMENTS,
    &WITHDRAWALS,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    #[test]
    fn every_fact_table_and_column_exists_in_the_schema() {
        let mut l = Ledger::open_in_memory().unwrap();
        let tx = l.conn_mut().transaction().unwrap();
        for t in FACT_TABLES {
            // Preparing the statements checks every column name against the schema.
            tx.prepare(&t.sql().current).unwrap();
            tx.prepare(&t.sql().insert).unwrap();
            let key = t.key.join(", ");
            let unique: bool = tx
                .query_row(
                    "SELECT sql LIKE ?2 FROM sqlite_master WHERE name = ?1",
                    [
                        t.name.to_string(),
                        format!("%UNIQUE (store_id, {key}, import_id)%"),
                    ],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(unique, "{}: one version per import and key", t.name);
        }
    }

    #[test]
    fn every_lookup_of_a_current_fact_searches_an_index_of_its_key() {
        // Issue 20: the writer looks up every incoming fact; a scan would make an import's
        // time grow with the ledger. (`fees_key` was dropped for the UNIQUE index.)
        let l = Ledger::open_in_memory().unwrap();
        for t in FACT_TABLES {
            let mut stmt = l
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {}", t.sql().current))
                .unwrap();
            let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(nulls), |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let plan = plan.join(" ");
            let key = t.key.join("=? AND ");
            assert!(
                plan.starts_with("SEARCH") && plan.contains(&format!("store_id=? AND {key}=?")),
                "{}: {plan}",
                t.name
            );
        }
    }

    #[test]
    fn a_second_import_of_the_same_fact_holds_a_copy_that_outlives_the_first() {
        let mut l = Ledger::open_in_memory().unwrap();
        let store = l
            .ensure_store(
                "S",
                crate::model::Platform::Douyin,
                crate::model::Currency::CNY,
            )
            .unwrap()
            .id
            .0;
        let tx = l.conn_mut().transaction().unwrap();
        tx.execute_batch(
            "INSERT INTO imports (id, file_name, file_hash, platform, report, imported_at)
             VALUES (1, 'a', '', 'douyin', 'traffic', ''), (2, 'b', '', 'douyin', 'traffic', '')",
        )
        .unwrap();
        let day = "2026-01-02";
        let (v, pv) = (10i64, 20i64);
        let key: [&dyn ToSql; 1] = [&day];
        let vals: [&dyn ToSql; 2] = [&v, &pv];
        assert_eq!(
            TRAFFIC_DAYS.current(&tx, store, &key, &vals).unwrap(),
            Existing::None
        );
        TRAFFIC_DAYS
            .insert(&tx, 1, store, &key, &vals, &[], true)
            .unwrap();
        assert_eq!(
            TRAFFIC_DAYS.current(&tx, store, &key, &vals).unwrap(),
            Existing::Same { import: 1 }
        );
        TRAFFIC_DAYS
            .insert(&tx, 2, store, &key, &vals, &[], false)
            .unwrap();
        crate::db::undo_import(&tx, crate::model::ImportId(1)).unwrap();
        assert_eq!(
            TRAFFIC_DAYS.current(&tx, store, &key, &vals).unwrap(),
            Existing::Same { import: 2 }
        );
    }
}
