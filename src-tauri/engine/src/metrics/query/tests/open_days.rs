//! The aggregates settlement files feed, kept by the writer, undo and the store merge.
//! `agg_settled_order_day` and `agg_fee_drift` (migration 014) are checked against the same
//! figures asked of the rows one by one, through an order's date moving to another import's line.
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
    // s:A (1 yuan) names an order of the other store: settled, for no order of the period.
    assert_eq!(settled_of(&l, 1), (dec!(1), dec!(0), vec![]));
    l.merge_stores(other, kept).unwrap();
    assert_eq!(settled_of(&l, 1), (dec!(1), dec!(1), vec![]));
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

fn paid(reference: &str, order: &str, d: u32, amount: Decimal) -> Settlement {
    Settlement {
        day: day(d),
        amount,
        ..settle(reference, order)
    }
}

fn commission(order: &str, amount: Decimal, reference: &str, rank: u8) -> crate::model::FeeRow {
    let kind = crate::model::FeeKind::PlatformCommission;
    crate::db::tests_write::fee(order, kind, amount, reference, rank, 5)
}

/// `cash` of January `from`..31 as (settled, of it for the period's orders, fee drift as
/// (order, order export, settlement)), checked against the same figures asked of the rows
/// one by one (each settlement's order dated by its earliest current line; each order's fees
/// of both ranks).
fn settled_of(l: &Ledger, from: u32) -> (Decimal, Decimal, Vec<(String, Decimal, Decimal)>) {
    let f = crate::metrics::query::Filter {
        from: Some(day(from)),
        to: Some(day(31)),
        store: None,
    };
    let c = crate::metrics::cash(l, &f).unwrap().currencies.remove(0);
    let drift: Vec<(String, Decimal, Decimal)> = (c.fee_drift.iter())
        .map(|d| {
            (
                d.order.clone(),
                d.order_export.value(),
                d.settlement.value(),
            )
        })
        .collect();
    let p = rusqlite::params![day(from).to_string(), day(31).to_string()];
    let (all, period): (Option<i64>, Option<i64>) = l
        .conn()
        .query_row(
            "SELECT SUM(amount), SUM(CASE WHEN od BETWEEN ?1 AND ?2 THEN amount END)
             FROM (SELECT s.amount, (SELECT MIN(o.day) FROM order_lines o
                     WHERE o.store_id = s.store_id AND o.order_id = s.order_id
                       AND o.is_current = 1) AS od
                   FROM settlements s WHERE s.is_current = 1 AND s.kind = 'order'
                     AND s.day BETWEEN ?1 AND ?2)",
            p,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let rows: Vec<(String, i64, i64)> = l
        .conn()
        .prepare(
            "SELECT f.order_id, SUM(CASE WHEN f.rank < 2 THEN f.amount END),
                    SUM(CASE WHEN f.rank >= 2 THEN f.amount END)
             FROM fees f WHERE f.is_current = 1 AND f.order_id IN (
                 SELECT order_id FROM order_lines WHERE is_current = 1 GROUP BY order_id
                 HAVING MIN(day) BETWEEN ?1 AND ?2 AND MAX(cancelled = 0) = 1)
             GROUP BY f.order_id, f.kind
             HAVING MAX(f.rank >= 2) = 1 AND MAX(f.rank < 2) = 1
                AND ABS(SUM(CASE WHEN f.rank < 2 THEN f.amount END)
                        - SUM(CASE WHEN f.rank >= 2 THEN f.amount END)) > 100
             ORDER BY f.order_id",
        )
        .unwrap()
        .query_map(p, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let one_by_one: Vec<(String, Decimal, Decimal)> = (rows.into_iter())
        .map(|(o, ex, st)| (o, dec(ex), dec(st)))
        .collect();
    assert_eq!(c.settled.value(), dec_opt(all), "settled");
    assert_eq!(
        c.settled_for_period_orders.value(),
        dec_opt(period),
        "for the period's orders"
    );
    assert_eq!(drift, one_by_one, "fee drift");
    (
        c.settled.value(),
        c.settled_for_period_orders.value(),
        drift,
    )
}

fn dec(v: i64) -> Decimal {
    crate::model::Scaled(v).to_decimal()
}

fn dec_opt(v: Option<i64>) -> Decimal {
    crate::model::Scaled::from_sql_sum(v)
}

/// `agg_settlement_day`, `agg_settled_order_day` and `agg_fee_drift` (migration 014) follow
/// order exports, settlements, an order's date moving to a line of another import, undo and a
/// re-exported settlement row.
#[test]
fn settled_split_and_fee_drift_follow_lines_settlements_and_undo() {
    let (mut l, s) = setup();
    let z = Decimal::ZERO;
    // A dated Jan 5, B Jan 6, each with a commission estimated by the order export.
    import(&mut l, s, |w| {
        w.order_line(line("A", 5, dec!(100), z)).unwrap();
        w.order_line(line("B", 6, dec!(200), z)).unwrap();
        w.fee(commission("A", dec!(5), "A", 1)).unwrap();
        w.fee(commission("B", dec!(8), "B", 1)).unwrap();
    });
    // Settled Jan 20: A 90, B 180 and X 40 (no order export lists X); the settlement charged
    // A 5 (as estimated) and B 10 (8 estimated).
    let first = import(&mut l, s, |w| {
        w.settlement(paid("s:A", "A", 20, dec!(90))).unwrap();
        w.settlement(paid("s:B", "B", 20, dec!(180))).unwrap();
        w.settlement(paid("s:X", "X", 20, dec!(40))).unwrap();
        w.fee(commission("A", dec!(5), "s:A", 2)).unwrap();
        w.fee(commission("B", dec!(10), "s:B", 2)).unwrap();
    });
    let b_drift = vec![("B".to_string(), dec!(8), dec!(10))];
    // From Jan 6: 310 settled, of it B's 180 for an order of the period (A is dated Jan 5).
    assert_eq!(settled_of(&l, 6), (dec!(310), dec!(180), b_drift.clone()));
    assert_eq!(settled_of(&l, 1), (dec!(310), dec!(270), b_drift.clone()));
    // A line of B dated Jan 3 (another import): B is dated Jan 3 now, before the period.
    let mut early = line("B", 3, dec!(10), z);
    early.line_id = "2".into();
    let moved = import(&mut l, s, |w| w.order_line(early).unwrap());
    assert_eq!(settled_of(&l, 6), (dec!(310), dec!(0), vec![]));
    assert_eq!(settled_of(&l, 1), (dec!(310), dec!(270), b_drift.clone()));
    undo(&mut l, moved);
    assert_eq!(settled_of(&l, 6), (dec!(310), dec!(180), b_drift.clone()));
    // X's lines arrive, dated Jan 8: its 40 is for an order of the period.
    let x = import(&mut l, s, |w| {
        w.order_line(line("X", 8, dec!(50), z)).unwrap()
    });
    assert_eq!(settled_of(&l, 6), (dec!(310), dec!(220), b_drift.clone()));
    migration_builds_what_the_writer_kept(&mut l);
    // s:B exported again: 170 paid, commission 8 (no drift left).
    let again = import(&mut l, s, |w| {
        w.settlement(paid("s:B", "B", 21, dec!(170))).unwrap();
        w.fee(commission("B", dec!(8), "s:B", 2)).unwrap();
    });
    assert_eq!(settled_of(&l, 6), (dec!(300), dec!(210), vec![]));
    // Undoing the first settlements leaves s:B's later version; undoing that too, nothing.
    undo(&mut l, first);
    assert_eq!(settled_of(&l, 1), (dec!(170), dec!(170), vec![]));
    undo(&mut l, again);
    assert_eq!(settled_of(&l, 1), (dec!(0), dec!(0), vec![]));
    undo(&mut l, x);
    let kept: i64 = l
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM agg_settlement_day)
                  + (SELECT COUNT(*) FROM agg_settled_order_day)
                  + (SELECT COUNT(*) FROM agg_fee_drift)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 0, "no settlement left, no settlement aggregate");
}

/// Migration 014 run again on a copy of the tables gives the rows the writer kept.
fn migration_builds_what_the_writer_kept(l: &mut Ledger) {
    let tables = [
        "agg_settlement_day",
        "agg_settled_order_day",
        "agg_fee_drift",
    ];
    let dump = |l: &Ledger| -> Vec<String> {
        let mut rows = Vec::new();
        for t in tables {
            let sql = format!("SELECT * FROM {t} ORDER BY 1, 2, 3, 4");
            let mut stmt = l.conn().prepare(&sql).unwrap();
            let n = stmt.column_count();
            let mut q = stmt.query([]).unwrap();
            while let Some(r) = q.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                rows.push(format!("{t} {}", cells.join(" ")));
            }
        }
        rows
    };
    let kept = dump(l);
    assert!(kept.iter().any(|r| r.starts_with("agg_fee_drift")));
    let tx = l.conn_mut().transaction().unwrap();
    for t in tables {
        tx.execute_batch(&format!("DROP TABLE {t}")).unwrap();
    }
    tx.execute_batch("DROP INDEX fees_settled").unwrap();
    tx.execute_batch(crate::db::migrate::MIGRATIONS[13])
        .unwrap();
    tx.commit().unwrap();
    assert_eq!(dump(l), kept);
}
