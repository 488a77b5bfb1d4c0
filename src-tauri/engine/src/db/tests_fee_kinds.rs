//! Tests of the fee kind mapping: sourced fees, overrides and their recomputation, undo and
//! re-import, and fees of schema 1 (no source).

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::tests_write::{fee, import, setup};
use super::undo::undo_import;
use super::write::LedgerWriter;
use crate::error::Error;
use crate::import::LedgerSink;
use crate::model::{FeeKind, FeeRow, ImportId, Platform};
use crate::Ledger;

/// An order-export fee of order `order` from column `source`, on 2026-01-05.
fn sourced(order: &str, kind: FeeKind, amount: Decimal, source: &str) -> FeeRow {
    FeeRow {
        source: source.into(),
        ..fee(order, kind, amount, &format!("order:{order}"), 1, 5)
    }
}

/// (kind, Σ amount in 1/10,000) of the fee aggregates, by kind.
fn by_kind(ledger: &Ledger) -> Vec<(String, i64)> {
    let c = ledger.conn();
    let mut stmt = c
        .prepare("SELECT kind, SUM(amount) FROM agg_fee_day GROUP BY kind ORDER BY kind")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows
}

fn kinds(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// A Douyin store with one order export: order A has 平台服务费 3.00 and two affiliate
/// columns (佣金 15.00, 服务商佣金 2.50); order B 平台服务费 1.50.
fn ledger_with_fees() -> (Ledger, crate::model::StoreId, ImportId) {
    let (mut ledger, store) = setup();
    let id = import(&mut ledger, store, write_fees);
    (ledger, store, id)
}

fn write_fees(w: &mut LedgerWriter) {
    let pc = FeeKind::PlatformCommission;
    let aff = FeeKind::AffiliateCommission;
    w.fee(sourced("A", pc, dec!(3.00), "平台服务费")).unwrap();
    w.fee(sourced("A", aff, dec!(15.00), "佣金")).unwrap();
    w.fee(sourced("A", aff, dec!(2.50), "服务商佣金")).unwrap();
    w.fee(sourced("B", pc, dec!(1.50), "平台服务费")).unwrap();
}

#[test]
fn two_sources_of_one_kind_on_one_order_are_two_fees_and_add_up() {
    let (ledger, _, _) = ledger_with_fees();
    let rows: i64 = ledger
        .conn()
        .query_row(
            "SELECT count(*) FROM fees WHERE order_id = 'A' AND kind = 'affiliate_commission'
             AND is_current = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 2);
    // 15.00 + 2.50 = 17.50; 3.00 + 1.50 = 4.50.
    assert_eq!(
        by_kind(&ledger),
        kinds(&[
            ("affiliate_commission", 175_000),
            ("platform_commission", 45_000)
        ])
    );
}

#[test]
fn an_override_moves_a_sources_amounts_to_another_kind_and_clearing_restores() {
    let (mut ledger, _, _) = ledger_with_fees();
    let before = by_kind(&ledger);
    assert!(ledger
        .set_fee_kind(Platform::Douyin, "服务商佣金", Some(FeeKind::ServiceFee))
        .unwrap());
    // Only the 2.50 of 服务商佣金 moves; the 佣金 column of the same kind stays.
    assert_eq!(
        by_kind(&ledger),
        kinds(&[
            ("affiliate_commission", 150_000),
            ("platform_commission", 45_000),
            ("service_fee", 25_000),
        ])
    );
    // The rows behind the service fee figure are the moved column's, under its new kind.
    let rows = crate::metrics::drill(
        &ledger,
        &crate::metrics::Filter::default(),
        crate::model::Currency::CNY,
        &crate::metrics::Figure::Fees(Some(FeeKind::ServiceFee)),
        0,
    )
    .unwrap();
    assert_eq!(rows.total_rows, 1);
    assert_eq!(rows.rows[0][4].as_deref(), Some("service_fee"));
    assert_eq!(rows.rows[0][5].as_deref(), Some("2.50"));
    let seen = ledger.fee_sources_seen().unwrap();
    let moved = seen.iter().find(|s| s.source == "服务商佣金").unwrap();
    assert_eq!(moved.platform, Platform::Douyin);
    assert_eq!(moved.default_kind, Some(FeeKind::AffiliateCommission));
    assert_eq!(moved.override_kind, Some(FeeKind::ServiceFee));
    assert_eq!(moved.kind, FeeKind::ServiceFee);
    assert_eq!(moved.amounts.len(), 1);
    assert_eq!(moved.amounts[0].amount.value(), dec!(2.50));
    let pc = seen.iter().find(|s| s.source == "平台服务费").unwrap();
    assert_eq!(pc.override_kind, None);
    assert_eq!(pc.amounts[0].amount.value(), dec!(4.50));

    // Setting the same again changes nothing; mapping to the format's kind clears it.
    assert!(!ledger
        .set_fee_kind(Platform::Douyin, "服务商佣金", Some(FeeKind::ServiceFee))
        .unwrap());
    assert!(ledger
        .set_fee_kind(
            Platform::Douyin,
            "服务商佣金",
            Some(FeeKind::AffiliateCommission)
        )
        .unwrap());
    assert_eq!(by_kind(&ledger), before);
    let overrides: i64 = ledger
        .conn()
        .query_row("SELECT count(*) FROM fee_kind_overrides", [], |r| r.get(0))
        .unwrap();
    assert_eq!(overrides, 0);
}

#[test]
fn overrides_are_per_platform_and_unknown_sources_are_refused() {
    let (mut ledger, _, _) = ledger_with_fees();
    let err = ledger
        .set_fee_kind(Platform::ShopeeVn, "平台服务费", Some(FeeKind::Other))
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    let err = ledger
        .set_fee_kind(Platform::Douyin, "平台服务", Some(FeeKind::Other))
        .unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err}");
}

#[test]
fn undo_and_reimport_keep_the_override() {
    let (mut ledger, store, _) = ledger_with_fees();
    ledger
        .set_fee_kind(Platform::Douyin, "平台服务费", Some(FeeKind::Other))
        .unwrap();
    let mapped = kinds(&[("affiliate_commission", 175_000), ("other", 45_000)]);
    assert_eq!(by_kind(&ledger), mapped);
    let versions = |l: &Ledger| -> i64 {
        l.conn()
            .query_row("SELECT count(*) FROM fees", [], |r| r.get(0))
            .unwrap()
    };
    let before = versions(&ledger);

    // The same file again: every fee a duplicate (the import holds its own non-current
    // copy, so undoing either import keeps the fees), the figures unchanged.
    import(&mut ledger, store, write_fees);
    assert_eq!(versions(&ledger), 2 * before);
    assert_eq!(by_kind(&ledger), mapped);

    // A later export raises B's 平台服务费 to 2.00: counted as other; undo goes back.
    let later = import(&mut ledger, store, |w| {
        w.fee(sourced(
            "B",
            FeeKind::PlatformCommission,
            dec!(2),
            "平台服务费",
        ))
        .unwrap()
    });
    assert_eq!(
        by_kind(&ledger),
        kinds(&[("affiliate_commission", 175_000), ("other", 50_000)])
    );
    let tx = ledger.conn_mut().transaction().unwrap();
    undo_import(&tx, later).unwrap();
    tx.commit().unwrap();
    assert_eq!(by_kind(&ledger), mapped);
}

#[test]
fn sourced_fees_replace_a_schema_1_fee_and_undo_brings_it_back() {
    let (mut ledger, store) = setup();
    // A fee written by schema 1 (before sources): both affiliate columns summed, 17.50.
    let old = import(&mut ledger, store, |w| {
        w.fee(sourced("A", FeeKind::AffiliateCommission, dec!(17.50), ""))
            .unwrap()
    });
    let snapshot = |l: &Ledger| -> Vec<(i64, i64, String, i64)> {
        let c = l.conn();
        let mut stmt = c
            .prepare(
                "SELECT import_id, is_current, source, amount FROM fees ORDER BY import_id, source",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows
    };
    let before = (snapshot(&ledger), by_kind(&ledger));
    assert_eq!(before.1, kinds(&[("affiliate_commission", 175_000)]));

    // The same export imported again by this version: no double count.
    let again = import(&mut ledger, store, |w| {
        let aff = FeeKind::AffiliateCommission;
        w.fee(sourced("A", aff, dec!(15.00), "佣金")).unwrap();
        w.fee(sourced("A", aff, dec!(2.50), "服务商佣金")).unwrap();
    });
    assert_eq!(by_kind(&ledger), before.1);
    assert_eq!(
        snapshot(&ledger),
        vec![
            (old.0, 0, String::new(), 175_000),
            (again.0, 1, "佣金".to_string(), 150_000),
            (again.0, 1, "服务商佣金".to_string(), 25_000),
        ]
    );
    // The sourced fees can be remapped now.
    ledger
        .set_fee_kind(Platform::Douyin, "服务商佣金", Some(FeeKind::ServiceFee))
        .unwrap();
    assert_eq!(
        by_kind(&ledger),
        kinds(&[("affiliate_commission", 150_000), ("service_fee", 25_000)])
    );

    let tx = ledger.conn_mut().transaction().unwrap();
    undo_import(&tx, again).unwrap();
    tx.commit().unwrap();
    assert_eq!((snapshot(&ledger), by_kind(&ledger)), before);
    // The override outlives its source (listed without a format kind) and can be cleared.
    let seen = ledger.fee_sources_seen().unwrap();
    let orphan = seen.iter().find(|s| s.source == "服务商佣金").unwrap();
    assert_eq!(orphan.default_kind, None);
    assert_eq!(orphan.kind, FeeKind::ServiceFee);
    assert!(orphan.amounts.is_empty());
    assert!(ledger
        .set_fee_kind(Platform::Douyin, "服务商佣金", None)
        .unwrap());
    let seen = ledger.fee_sources_seen().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].source, "");
    assert_eq!(seen[0].amounts[0].amount.value(), dec!(17.50));
}
