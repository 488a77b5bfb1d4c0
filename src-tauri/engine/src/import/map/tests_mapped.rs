//! detect + map of files read by a user's column mapping.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::test_util::{header_row, headers, row, t, Sink};
use crate::import::detect::detect_as;
use crate::import::formats;
use crate::import::mapping::{ColumnMapping, MAPPED_ID};
use crate::import::read::MemoryBook;
use crate::import::{Detected, ImportOptions};
use crate::model::OrderStatus::{self, Cancelled, Paid};

/// An order mapping of the columns below: `Price` read as `price`, `cancelled` the texts
/// that cancel an order.
fn mapping(price: &str, cancelled: &str) -> ColumnMapping {
    serde_json::from_str(&format!(
        r#"{{"report": "orders", "cancelled": [{cancelled}], "columns": {{"No.": "order_id",
            "Day": "date", "Item": "sku", "Pcs": "qty", "Price": "{price}",
            "State": "status"}}}}"#
    ))
    .unwrap()
}

/// The file read with `m`: its detection and its lines (order, list amount, status).
fn read(m: &ColumnMapping) -> (Detected, Vec<(String, Decimal, OrderStatus)>) {
    let h = headers("No. | Day | Item | Pcs | Price | State");
    let line = |order: &str, day: &str, sku: &str, pcs: &str, price: &str, state: &str| {
        let cells = [
            ("No.", order),
            ("Day", day),
            ("Item", sku),
            ("Pcs", pcs),
            ("Price", price),
            ("State", state),
        ];
        row(&h, &cells.map(|(name, v)| (name, t(v))))
    };
    let mut book = MemoryBook::new("erp.csv").with_sheet(
        "erp.csv",
        vec![
            header_row(&h),
            line("A-1", "2026-01-04", "X", "2", "10.00", "ok"),
            line("A-2", "2026-01-05", "Y", "1", "5.00", "void"),
        ],
    );
    let opts = ImportOptions::default();
    let d = detect_as(&mut book, &opts, m.spec().unwrap()).unwrap();
    let mut sink = Sink::default();
    super::map(&mut book, &d, &opts, &mut sink, &mut |_| {}).unwrap();
    let lines = (sink.lines.into_iter())
        .map(|l| (l.order_id, l.list_amount, l.status))
        .collect();
    (d, lines)
}

/// Two mappings of one header row read in turn in one process: each file is read by its
/// own mapping (the table lives in its `Detected`, nothing is cached for the process), and
/// a mapped table is no built-in format.
#[test]
fn two_mappings_of_one_header_row_are_each_honoured() {
    let by_unit = mapping("unit_price", r#""void""#);
    let by_list = mapping("list_amount", "");
    let (d1, unit_lines) = read(&by_unit);
    let (d2, list_lines) = read(&by_list);
    let (d3, unit_again) = read(&by_unit);
    let s = |o: &str| o.to_string();
    // Unit price × qty: 2 × 10.00 = 20.00, 1 × 5.00 = 5.00; "void" cancels A-2.
    assert_eq!(
        unit_lines,
        vec![
            (s("A-1"), dec!(20.00), Paid),
            (s("A-2"), dec!(5.00), Cancelled)
        ]
    );
    // The price column is the line's list amount; no text cancels.
    assert_eq!(
        list_lines,
        vec![(s("A-1"), dec!(10.00), Paid), (s("A-2"), dec!(5.00), Paid)]
    );
    assert_eq!(unit_again, unit_lines);
    assert_eq!(d1.spec, d3.spec, "one mapping, one table");
    assert_ne!(d1.spec, d2.spec, "two mappings, two tables");
    assert_eq!(d1.format_id, MAPPED_ID);
    assert!(formats::by_id(d1.format_id).is_none());
    assert!(formats::ALL.iter().all(|f| f.id != MAPPED_ID));
}
