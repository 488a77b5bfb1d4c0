//! The aggregates settlement files feed, kept by the writer, undo and the store merge.
//! `agg_open_day` (migration 011) follows every change that opens or settles an order: a
//! store's first settlements, later ones, a settlement before its order's lines, a re-exported
//! settlement row naming another order, undo in any order, and a store merge. Each step's
//! rows are worked out by hand; the per-order query (`open_orders`) must agree with them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::db::tests_write::{day, import, setup};
use crate::import::LedgerSink;
use crate::model::{
    Currency, ImportId, OrderLine, Platform, Settlement, SettlementKind, StoreId, TaxKind, TaxRow,
};
use crate::Ledger;

/// One line of `list` on January `d`, seller discount 10 (so it is owed `list` − 10), `f`
/// of it refunded.
fn line(order: &str, d: u32, list: Decimal, f: Decimal) -> OrderLine {
    OrderLine {
        day: day(d),
        ..crate::db::tests_write::line(order, list, f)
    }
}

fn settle(reference: &str, order: &str) -> Settlement {
    Settlement {
        order_id: Some(order.into()),
        day: day(20),
        kind: SettlementKind::Order,
        label: String::new(),
        amount: dec!(1),
        reference: reference.into(),
    }
}

/// (day of January, orders, value in yuan) of the store's `agg_open_day`, checked against
/// the per-order query.
fn open_days(ledger: &Ledger, store: StoreId) -> Vec<(u32, i64, i64)> {
    let rows: Vec<(String, i64, i64)> = ledger
        .conn()
        .prepare("SELECT day, orders, value FROM agg_open_day WHERE store_id = ?1 ORDER BY day")
        .unwrap()
        .query_map([store.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let days: Vec<(u32, i64, i64)> = rows
        .into_iter()
        .map(|(d, n, v)| (d[8..].parse().unwrap(), n, v / 10_000))
        .collect();
    let judged: bool = ledger
        .conn()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM settlements WHERE store_id = ?1 AND is_current = 1)",
            [store.0],
            |r| r.get(0),
        )
        .unwrap();
    if judged {
        let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let info = (ledger.stores().unwrap().into_iter())
            .find(|s| s.id == store)
            .unwrap();
        let open = super::super::settlement::open_orders(ledger, &info, None, to, None).unwrap();
        let sum: Decimal = open.iter().map(|o| o.value).sum();
        assert_eq!(
            sum,
            Decimal::from(days.iter().map(|d| d.2).sum::<i64>()),
            "agg_open_day against open_orders"
        );
        assert_eq!(open.len() as i64, days.iter().map(|d| d.1).sum::<i64>());
    }
    days
}

fn undo(ledger: &mut Ledger, import: ImportId) {
    ledger.undo_import(import).unwrap();
}

#[test]
fn open_days_follow_settlements_lines_and_undo() {
    let (mut l, s) = setup();
    let z = Decimal::ZERO;
    // A Jan 5 owed 90, B Jan 6 owed 190, C Jan 6 fully refunded, D Jan 7 owed 70.
    import(&mut l, s, |w| {
        w.order_line(line("A", 5, dec!(100), z)).unwrap();
        w.order_line(line("B", 6, dec!(200), z)).unwrap();
        w.order_line(line("C", 6, dec!(50), dec!(1))).unwrap();
        w.order_line(line("D", 7, dec!(80), z)).unwrap();
    });
    // Not judged on settlement: nothing kept.
    assert_eq!(open_days(&l, s), vec![]);
    // The first settlements (B, and F whose lines come later) judge the store: all its days.
    let first = import(&mut l, s, |w| {
        w.settlement(settle("s:B", "B")).unwrap();
        w.settlement(settle("s:F", "F")).unwrap();
    });
    assert_eq!(open_days(&l, s), vec![(5, 1, 90), (7, 1, 70)]);
    let second = import(&mut l, s, |w| w.settlement(settle("s:A", "A")).unwrap());
    assert_eq!(open_days(&l, s), vec![(7, 1, 70)]);
    // E Jan 8 owed 30; F Jan 9 is settled already.
    import(&mut l, s, |w| {
        w.order_line(line("E", 8, dec!(40), z)).unwrap();
        w.order_line(line("F", 9, dec!(60), z)).unwrap();
    });
    assert_eq!(open_days(&l, s), vec![(7, 1, 70), (8, 1, 30)]);
    undo(&mut l, second);
    assert_eq!(open_days(&l, s), vec![(5, 1, 90), (7, 1, 70), (8, 1, 30)]);
    // The row s:B exported again naming D: B is open again, D settled.
    let third = import(&mut l, s, |w| w.settlement(settle("s:B", "D")).unwrap());
    assert_eq!(open_days(&l, s), vec![(5, 1, 90), (6, 1, 190), (8, 1, 30)]);
    // Undoing the first import changes nothing (its s:B is not current); undoing the third
    // brings its s:B back.
    undo(&mut l, first);
    assert_eq!(
        open_days(&l, s),
        vec![(5, 1, 90), (6, 1, 190), (8, 1, 30), (9, 1, 50)]
    );
    undo(&mut l, third);
    assert_eq!(open_days(&l, s), vec![]);
}

#[test]
fn a_merged_store_brings_its_settlements_and_open_orders() {
    let (mut l, kept) = setup();
    let z = Decimal::ZERO;
    let other = l
        .ensure_store("t", Platform::Douyin, Currency::CNY)
        .unwrap()
        .id;
    import(&mut l, kept, |w| {
        w.order_line(line("A", 5, dec!(100), z)).unwrap();
        w.order_line(line("B", 6, dec!(200), z)).unwrap();
    });
    import(&mut l, other, |w| {
        w.order_line(line("C", 7, dec!(80), z)).unwrap();
        w.settlement(settle("s:A", "A")).unwrap();
    });
    assert_eq!(open_days(&l, kept), vec![]);
    assert_eq!(open_days(&l, other), vec![(7, 1, 70)]);
    l.merge_stores(other, kept).unwrap();
    assert_eq!(open_days(&l, kept), vec![(6, 1, 190), (7, 1, 70)]);
    assert_eq!(open_days(&l, other), vec![]);
}

fn tax(reference: &str, d: u32, kind: TaxKind, amount: Decimal) -> TaxRow {
    TaxRow {
        order_id: None,
        day: day(d),
        kind,
        amount,
        reference: reference.into(),
        source: "Thuế".into(),
    }
}

/// Withheld VAT and income tax of January, per kind, from `agg_tax_day`.
fn withheld(l: &Ledger, store: StoreId) -> Vec<(TaxKind, Decimal)> {
    let sums = super::super::taxes::withheld(l, &store.0.to_string(), Some(day(1)), Some(day(31)))
        .unwrap();
    sums.into_iter().collect()
}

/// `agg_tax_day` (migration 012) follows the tax rows: written, re-exported with another
/// amount, undone, and moved by a store merge.
#[test]
fn withheld_taxes_follow_imports_undo_and_merge() {
    let (mut l, s) = setup();
    let first = import(&mut l, s, |w| {
        w.tax_row(tax("t1", 10, TaxKind::Vat, dec!(3.70))).unwrap();
        w.tax_row(tax("t1", 10, TaxKind::IncomeTax, dec!(1.85)))
            .unwrap();
        w.tax_row(tax("t2", 12, TaxKind::Vat, dec!(-0.30))).unwrap();
    });
    assert_eq!(
        withheld(&l, s),
        vec![(TaxKind::Vat, dec!(3.40)), (TaxKind::IncomeTax, dec!(1.85))]
    );
    // t1's VAT exported again as 4.00 replaces 3.70.
    let second = import(&mut l, s, |w| {
        w.tax_row(tax("t1", 10, TaxKind::Vat, dec!(4.00))).unwrap()
    });
    assert_eq!(
        withheld(&l, s),
        vec![(TaxKind::Vat, dec!(3.70)), (TaxKind::IncomeTax, dec!(1.85))]
    );
    l.undo_import(first).unwrap();
    assert_eq!(withheld(&l, s), vec![(TaxKind::Vat, dec!(4.00))]);
    let other = (l.ensure_store("t", Platform::Douyin, Currency::CNY))
        .unwrap()
        .id;
    import(&mut l, other, |w| {
        w.tax_row(tax("u1", 20, TaxKind::IncomeTax, dec!(2)))
            .unwrap()
    });
    l.merge_stores(other, s).unwrap();
    assert_eq!(
        withheld(&l, s),
        vec![(TaxKind::Vat, dec!(4.00)), (TaxKind::IncomeTax, dec!(2))]
    );
    l.undo_import(second).unwrap();
    assert_eq!(withheld(&l, s), vec![(TaxKind::IncomeTax, dec!(2))]);
}
