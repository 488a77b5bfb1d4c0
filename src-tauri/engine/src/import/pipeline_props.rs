//! Property (issue 4): importing any permutation of a set of files, twice, gives the same
//! ledger. The set is the one whose order matters most: Taobao order files and their item
//! companions (items may arrive before or after the orders they split), overlapping exports
//! that agree on their common facts, and a SKU cost sheet.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{import_file, ImportOptions};
use crate::Ledger;

const ORDER_HEADER: &str =
    "订单编号,订单创建时间,订单状态,总金额,买家实际支付金额,退款金额,宝贝总数量";
const ITEM_HEADER: &str = "订单编号,标题,价格,购买数量,商家编码";

/// (file name, contents). Orders 2 and item rows of order 2 appear in two files each, with
/// the same values; order 5's item has no order (ignored); order 4 is cancelled.
const FILES: &[(&str, &str)] = &[
    (
        "ExportOrderList_a.csv",
        "=\"1\",2026-01-06 12:30:00,交易成功,128.00,128.00,0.00,2\n\
         =\"2\",2026-01-16 18:00:00,交易成功,120.00,60.00,60.00,2\n",
    ),
    (
        "ExportOrderList_b.csv",
        "=\"2\",2026-01-16 18:00:00,交易成功,120.00,60.00,60.00,2\n\
         =\"3\",2026-01-28 21:05:00,卖家已发货,158.00,158.00,0.00,2\n\
         =\"4\",2026-01-08 09:10:00,交易关闭,79.00,0.00,0.00,1\n",
    ),
    (
        "ExportOrderDetailList_a.csv",
        "=\"1\",T恤,79.00,1,TS-RED-M\n\
         =\"1\",杯子,49.00,1,MUG-01\n\
         =\"2\",帽子,60.00,2,CAP-BLK\n",
    ),
    (
        "ExportOrderDetailList_b.csv",
        "=\"2\",帽子,60.00,2,CAP-BLK\n\
         =\"3\",T恤,80.00,1,TS-RED-M\n\
         =\"3\",T恤,78.00,1,TS-RED-M\n\
         =\"4\",T恤,79.00,1,TS-BLU-M\n\
         =\"5\",杯子,49.00,1,MUG-01\n",
    ),
    (
        "costs.csv",
        "TS-RED-M,30,2026-01-01\nTS-RED-M,32,2026-01-15\nMUG-01,12.5,2026-01-01\n\
         CAP-BLK,20,2026-01-01\n",
    ),
];

fn write_files(dir: &Path) -> Vec<PathBuf> {
    FILES
        .iter()
        .map(|(name, body)| {
            let header = if name.starts_with("costs") {
                "SKU,成本,生效日期"
            } else if name.contains("Detail") {
                ITEM_HEADER
            } else {
                ORDER_HEADER
            };
            let p = dir.join(name);
            std::fs::write(&p, format!("{header}\n{body}")).unwrap();
            p
        })
        .collect()
}

/// The ledger as the figures see it: current facts and every aggregate, without row ids or
/// import ids (which depend on the order by nature).
fn dump(ledger: &Ledger) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT order_id, line_id, sku, day, cancelled, qty, list_amount, seller_discount,
                refund_fraction, refund_amount, refund_qty, subsidy_net
         FROM order_lines WHERE is_current = 1 ORDER BY order_id, line_id",
        "SELECT order_id, item_id, sku, product, qty, amount
         FROM order_items WHERE is_current = 1 ORDER BY order_id, item_id",
        "SELECT currency, sku, valid_from, unit_cost FROM sku_costs ORDER BY sku, valid_from",
        "SELECT 'store', day, orders, units, gross, refunds, subsidy_net
         FROM agg_store_day ORDER BY day",
        "SELECT 'sku', day, sku, units, net_units, gross, refunds, subsidy_net
         FROM agg_sku_day ORDER BY day, sku",
        "SELECT 'fee', day, kind, amount FROM agg_fee_day ORDER BY day, kind",
    ] {
        let mut stmt = ledger.conn().prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Null => "∅".to_string(),
                        rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                        other => format!("{other:?}"),
                    })
                    .collect();
                Ok(cells.join("|"))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn import_all(paths: &[&PathBuf], ledger: &mut Ledger) {
    for p in paths {
        import_file(ledger, p, &ImportOptions::default(), &mut |_| {}).unwrap();
    }
}

/// The SKU aggregate row of `day` and `sku`: [units, net_units, gross, refunds] in
/// storage units (1/10,000).
fn sku_day(ledger: &Ledger, day: &str, sku: &str) -> [i64; 4] {
    ledger
        .conn()
        .query_row(
            "SELECT units, net_units, gross, refunds FROM agg_sku_day WHERE day = ?1 AND sku = ?2",
            [day, sku],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
        )
        .unwrap()
}

#[test]
fn the_file_set_splits_orders_as_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_files(dir.path());
    let mut ledger = Ledger::open_in_memory().unwrap();
    import_all(&paths.iter().collect::<Vec<_>>(), &mut ledger);
    let s = |v: &str| {
        (v.parse::<Decimal>().unwrap() * Decimal::from(10_000))
            .try_into()
            .unwrap()
    };
    // Order 1 (01-06, f 0): 128.00 over 79.00 and 49.00.
    assert_eq!(
        sku_day(&ledger, "2026-01-06", "TS-RED-M"),
        [s("1"), s("1"), s("79"), 0]
    );
    assert_eq!(
        sku_day(&ledger, "2026-01-06", "MUG-01"),
        [s("1"), s("1"), s("49"), 0]
    );
    // Order 2 (01-16): f = 退款 60 / 总金额 120 = ½ of 2 units; refund ½ × 120.00 = 60.00.
    assert_eq!(
        sku_day(&ledger, "2026-01-16", "CAP-BLK"),
        [s("2"), s("1"), s("120"), s("60")]
    );
    // Order 3 (01-28): two rows of one SKU (TS-RED-M#1, #2): 158.00 = 80.00 + 78.00.
    assert_eq!(
        sku_day(&ledger, "2026-01-28", "TS-RED-M"),
        [s("2"), s("2"), s("158"), 0]
    );
    // Order 4 is cancelled, order 5 has no order line: no SKU rows of theirs.
    let n: i64 = ledger
        .conn()
        .query_row("SELECT count(*) FROM agg_sku_day", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 4);
    let units: i64 = ledger
        .conn()
        .query_row("SELECT SUM(units) FROM agg_store_day", [], |r| r.get(0))
        .unwrap();
    assert_eq!(units, s("6"), "items 2 + 2 + 2");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_permutation_twice_gives_the_same_ledger(
        first in Just((0..FILES.len()).collect::<Vec<_>>()).prop_shuffle(),
        second in Just((0..FILES.len()).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let paths = write_files(dir.path());
        let mut want = Ledger::open_in_memory().unwrap();
        import_all(&paths.iter().collect::<Vec<_>>(), &mut want);

        let mut got = Ledger::open_in_memory().unwrap();
        let order: Vec<&PathBuf> = first.iter().chain(&second).map(|&i| &paths[i]).collect();
        import_all(&order, &mut got);
        prop_assert_eq!(dump(&got), dump(&want));
    }
}
