//! The cash view's per-order lookups search by order id (`db::plans` says why this is
//! checked): with a year of settlement files they run once per order.

use crate::db::plans::assert_searches_by_order;
use crate::db::Ledger;

#[test]
fn an_open_orders_settlement_is_searched_by_order_id() {
    let ledger = Ledger::open_in_memory().expect("ledger");
    let sql = super::super::settlement::open_orders_sql();
    assert_searches_by_order(ledger.conn(), &sql, "s", "settlements_order");
}

#[test]
fn an_order_settled_after_the_day_is_searched_by_order_id() {
    let ledger = Ledger::open_in_memory().expect("ledger");
    let sql = super::super::settlement::settled_later_sql();
    assert_searches_by_order(ledger.conn(), &sql, "o", "order_lines_key");
    assert_searches_by_order(ledger.conn(), &sql, "s", "settlements_order");
}
