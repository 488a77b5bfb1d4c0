//! Numbered, embedded schema migrations tracked in SQLite's `user_version`. Each runs in its
//! own transaction together with the version bump, so a crash leaves the previous version.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The migrations in order; migration `i` brings the schema to version `i + 1`.
/// Never edit a released one: append a new file.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_ledger.sql"),
    include_str!("migrations/002_order_items.sql"),
    include_str!("migrations/003_traffic.sql"),
    include_str!("migrations/004_fee_sources.sql"),
    include_str!("migrations/005_fixed_cost_imports.sql"),
    include_str!("migrations/006_taxes_settlements.sql"),
    include_str!("migrations/007_import_unmapped.sql"),
    include_str!("migrations/008_exact_unit_costs.sql"),
    include_str!("migrations/009_drop_fees_key.sql"),
    include_str!("migrations/010_ad_days_counted.sql"),
    include_str!("migrations/011_agg_open_day.sql"),
    include_str!("migrations/012_agg_tax_day.sql"),
    include_str!("migrations/013_agg_sku_product.sql"),
    include_str!("migrations/014_agg_settled.sql"),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Bring the database to the latest schema. Refuses a database from a newer Fupan.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = current_version(conn)?;
    let supported = latest_version();
    if found > supported {
        return Err(Error::SchemaTooNew { found, supported });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_to_latest_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        migrate(&mut conn).unwrap();
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
                 ('stores','imports','order_lines','fees','ad_days','sku_costs','fixed_costs','settings')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 8);
    }

    #[test]
    fn schema_7_keeps_unit_costs_as_exact_decimal_text() {
        let mut conn = Connection::open_in_memory().unwrap();
        for (i, sql) in MIGRATIONS.iter().take(6).enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        // Schema 6 kept 1/10,000 units: 12.5, 0.0005, 30 and a replaced 7.25.
        conn.execute_batch(
            "INSERT INTO imports (id, file_name, file_hash, platform, report, imported_at)
               VALUES (1, 'c.csv', '', 'generic', 'sku_costs', '');
             INSERT INTO sku_costs (currency, sku, valid_from, unit_cost, import_id) VALUES
               ('CNY', 'A', '1970-01-01', 125000, 1), ('CNY', 'B', '1970-01-01', 5, NULL),
               ('CNY', 'C', '1970-01-01', 300000, NULL);
             INSERT INTO sku_cost_replaced (import_id, currency, sku, valid_from, unit_cost)
               VALUES (1, 'CNY', 'A', '1970-01-01', 72500);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let costs: Vec<(String, String)> = conn
            .prepare("SELECT sku, unit_cost FROM sku_costs ORDER BY sku")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let want = [("A", "12.5"), ("B", "0.0005"), ("C", "30")];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(costs, want);
        let replaced: String = conn
            .query_row("SELECT unit_cost FROM sku_cost_replaced", [], |r| r.get(0))
            .unwrap();
        assert_eq!(replaced, "7.25");
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(Error::SchemaTooNew { found: 99, .. })
        ));
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A table that collides with the first migration makes it fail half-way.
        conn.execute_batch("CREATE TABLE fees (x INTEGER)").unwrap();
        assert!(migrate(&mut conn).is_err());
        assert_eq!(current_version(&conn).unwrap(), 0);
        let stores: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'stores'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stores, 0, "the failed migration's tables are rolled back");
    }
}
