//! Query plans checked in tests. Every index here leads with `store_id`, and without
//! statistics SQLite takes an equality on an index's first column for a rare value: it may
//! then answer a per-order lookup by reading the whole store in day order (the lookups that
//! did carry `INDEXED BY`). These tests pin the plans of the lookups made once per row.

use rusqlite::Connection;

/// The steps of `sql`'s plan.
pub(crate) fn steps(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
    // Unbound parameters are NULL: the plan does not depend on them.
    let mut rows = stmt.raw_query();
    let mut steps = Vec::new();
    while let Some(row) = rows.next().unwrap_or_else(|e| panic!("{e}: {sql}")) {
        steps.push(
            row.get::<_, String>(3)
                .unwrap_or_else(|e| panic!("{e}: {sql}")),
        );
    }
    steps
}

/// Asserts that `sql` searches `table` (as written in the plan, e.g. "o") through `index`
/// by its order id, and never walks the table by store alone.
pub(crate) fn assert_searches_by_order(conn: &Connection, sql: &str, table: &str, index: &str) {
    // The bundled SQLite writes an `EXISTS` probe as "SEARCH x EXISTS USING …".
    let plan: Vec<String> = (steps(conn, sql).into_iter())
        .map(|s| s.replacen(" EXISTS USING ", " USING ", 1))
        .collect();
    let wanted = format!("SEARCH {table} USING INDEX {index} (store_id=? AND order_id=?");
    assert!(
        plan.iter().any(|s| s.starts_with(&wanted)),
        "{table} is not searched by order id through {index}: {plan:#?}"
    );
    let by_store = format!("SEARCH {table} USING INDEX ");
    for s in plan.iter().filter(|s| s.starts_with(&by_store)) {
        assert!(s.contains("order_id=?"), "{table} walked by store: {s}");
    }
}

mod tests {
    use super::*;
    use crate::db::write::ORDER_DAYS;
    use crate::Ledger;

    #[test]
    fn a_span_orders_settlements_and_fees_are_searched_by_order_id() {
        use crate::db::aggregates::{FEE_DRIFT, SETTLED_ORDER_DAYS, SPAN_ORDERS};
        let ledger = Ledger::open_in_memory().expect("ledger");
        ledger
            .conn()
            .execute_batch(SPAN_ORDERS)
            .expect("temp table");
        let c = ledger.conn();
        assert_searches_by_order(c, SETTLED_ORDER_DAYS, "s", "settlements_order");
        assert_searches_by_order(c, FEE_DRIFT, "f", "fees_order");
        assert_searches_by_order(c, FEE_DRIFT, "x", "fees_settled");
    }

    #[test]
    fn a_settlement_fee_finds_the_estimates_it_supersedes_by_order_id() {
        let ledger = Ledger::open_in_memory().expect("ledger");
        let sql = crate::db::write::SUPERSEDED_BY;
        assert_searches_by_order(ledger.conn(), sql, "fees", "fees_order");
    }

    #[test]
    fn an_order_items_days_are_searched_by_order_id() {
        let ledger = Ledger::open_in_memory().expect("ledger");
        assert_searches_by_order(ledger.conn(), ORDER_DAYS, "order_lines", "order_lines_key");
    }
}
