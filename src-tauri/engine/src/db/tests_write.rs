//! Tests of the ledger writer: versions, duplicates, settlement superseding, undo.

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::undo::undo_import;
use super::write::LedgerWriter;
use crate::import::LedgerSink;
use crate::model::{
    AdDay, Channel, Currency, FeeKind, FeeRow, ImportId, OrderLine, OrderStatus, Platform, StoreId,
    TrafficDay,
};
use crate::Ledger;

pub(crate) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
}

pub(crate) fn line(order: &str, list: Decimal, f: Decimal) -> OrderLine {
    OrderLine {
        order_id: order.into(),
        line_id: "1".into(),
        sku: Some("MUG-01".into()),
        product: Some("Mug".into()),
        qty: dec!(2),
        day: day(5),
        status: OrderStatus::Paid,
        list_amount: list,
        seller_discount: dec!(10),
        platform_discount: dec!(0),
        refund_fraction: f,
        buyer_hash: None,
    }
}

pub(crate) fn fee(
    order: &str,
    kind: FeeKind,
    amount: Decimal,
    reference: &str,
    rank: u8,
    d: u32,
) -> FeeRow {
    FeeRow {
        order_id: Some(order.into()),
        day: day(d),
        kind,
        amount,
        reference: reference.into(),
        rank,
        source: kind.as_str().into(),
    }
}

/// Writes `f`'s records as one import and commits; returns the import id.
pub(crate) fn import(
    ledger: &mut Ledger,
    store: StoreId,
    write: impl FnOnce(&mut LedgerWriter),
) -> ImportId {
    let tx = ledger.conn_mut().transaction().unwrap();
    tx.execute(
        "INSERT INTO imports (file_name, file_hash, platform, report, store_id, imported_at)
         VALUES ('f', 'h', 'douyin', 'orders', ?1, 'now')",
        [store.0],
    )
    .unwrap();
    let id = ImportId(tx.last_insert_rowid());
    let mut w = LedgerWriter::new(&tx, Some(store), Currency::CNY, id).unwrap();
    write(&mut w);
    w.finish().unwrap();
    tx.commit().unwrap();
    id
}

/// (gross, refunds, subsidy_net) and fee total of the store, from the aggregates.
fn totals(ledger: &Ledger) -> (i64, i64, i64, i64) {
    let c = ledger.conn();
    let (g, r, s) = c
        .query_row(
            "SELECT COALESCE(SUM(gross),0), COALESCE(SUM(refunds),0), COALESCE(SUM(subsidy_net),0) FROM agg_store_day",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let fees = c
        .query_row("SELECT COALESCE(SUM(amount),0) FROM agg_fee_day", [], |r| {
            r.get(0)
        })
        .unwrap();
    (g, r, s, fees)
}

pub(crate) fn setup() -> (Ledger, StoreId) {
    let ledger = Ledger::open_in_memory().unwrap();
    let store = ledger
        .ensure_store("s", Platform::Douyin, Currency::CNY)
        .unwrap()
        .id;
    (ledger, store)
}

#[test]
fn reimport_is_all_duplicates_and_changes_nothing() {
    let (mut ledger, store) = setup();
    import(&mut ledger, store, |w| {
        w.order_line(line("A", dec!(100), dec!(0))).unwrap();
        w.order_line(line("B", dec!(50.50), dec!(0.5))).unwrap();
    });
    let before = totals(&ledger);
    assert_eq!(before, (1_505_000, 252_500, 150_000, 0));
    let tx = ledger.conn_mut().transaction().unwrap();
    let mut w = LedgerWriter::new(&tx, Some(store), Currency::CNY, ImportId(999)).unwrap();
    tx.execute("INSERT INTO imports (id, file_name, file_hash, platform, report, imported_at) VALUES (999,'f','h','douyin','orders','now')", []).unwrap();
    w.order_line(line("A", dec!(100), dec!(0))).unwrap();
    w.order_line(line("B", dec!(50.50), dec!(0.5))).unwrap();
    let (counts, _) = w.finish().unwrap();
    tx.commit().unwrap();
    assert_eq!((counts.added, counts.duplicates, counts.updated), (0, 2, 0));
    assert_eq!(totals(&ledger), before);
}

#[test]
fn a_later_export_with_a_refund_updates_and_undo_restores() {
    let (mut ledger, store) = setup();
    import(&mut ledger, store, |w| {
        w.order_line(line("A", dec!(100), dec!(0))).unwrap()
    });
    let before = totals(&ledger);
    let second = import(&mut ledger, store, |w| {
        w.order_line(line("A", dec!(100), dec!(1))).unwrap()
    });
    assert_eq!(totals(&ledger), (1_000_000, 1_000_000, 0, 0));
    let tx = ledger.conn_mut().transaction().unwrap();
    undo_import(&tx, second).unwrap();
    tx.commit().unwrap();
    assert_eq!(totals(&ledger), before);
    let versions: i64 = ledger
        .conn()
        .query_row("SELECT count(*) FROM order_lines", [], |r| r.get(0))
        .unwrap();
    assert_eq!(versions, 1);
}

#[test]
fn a_settlement_supersedes_the_order_exports_fee_until_undone() {
    let (mut ledger, store) = setup();
    import(&mut ledger, store, |w| {
        w.fee(fee(
            "A",
            FeeKind::PlatformCommission,
            dec!(5),
            "order:A",
            1,
            5,
        ))
        .unwrap();
        w.fee(fee("A", FeeKind::PaymentFee, dec!(1), "order:A", 1, 5))
            .unwrap();
    });
    assert_eq!(totals(&ledger).3, 60_000);
    let settlement = import(&mut ledger, store, |w| {
        w.fee(fee(
            "A",
            FeeKind::PlatformCommission,
            dec!(4.5),
            "txn:1",
            2,
            20,
        ))
        .unwrap();
        w.fee(fee(
            "A",
            FeeKind::PlatformCommission,
            dec!(-0.5),
            "txn:2",
            2,
            21,
        ))
        .unwrap();
    });
    // 4.5 − 0.5 from the settlement replaces the order export's 5; payment fee stays.
    assert_eq!(totals(&ledger).3, 50_000);
    let tx = ledger.conn_mut().transaction().unwrap();
    undo_import(&tx, settlement).unwrap();
    tx.commit().unwrap();
    assert_eq!(totals(&ledger).3, 60_000);
}

#[test]
fn an_order_export_after_its_settlement_is_superseded_at_once() {
    let (mut ledger, store) = setup();
    import(&mut ledger, store, |w| {
        w.fee(fee(
            "A",
            FeeKind::PlatformCommission,
            dec!(4),
            "txn:1",
            2,
            20,
        ))
        .unwrap()
    });
    import(&mut ledger, store, |w| {
        w.fee(fee(
            "A",
            FeeKind::PlatformCommission,
            dec!(5),
            "order:A",
            1,
            5,
        ))
        .unwrap()
    });
    assert_eq!(totals(&ledger).3, 40_000);
}

#[test]
fn cancelled_lines_are_kept_but_not_aggregated() {
    let (mut ledger, store) = setup();
    import(&mut ledger, store, |w| {
        let mut l = line("C", dec!(80), dec!(0));
        l.status = OrderStatus::Cancelled;
        w.order_line(l).unwrap();
    });
    assert_eq!(totals(&ledger), (0, 0, 0, 0));
    let kept: i64 = ledger
        .conn()
        .query_row(
            "SELECT count(*) FROM order_lines WHERE cancelled = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1);
}

#[test]
fn ad_days_version_by_channel_campaign_day_and_window() {
    let (mut ledger, store) = setup();
    let ad = |spend: Decimal| AdDay {
        channel: Channel::Qianchuan,
        campaign: "plan 1".into(),
        day: day(3),
        spend,
        impressions: 1000,
        clicks: 50,
        platform_sales: dec!(300),
        platform_orders: 3,
        collects: 0,
        add_to_carts: 0,
        assisted_conversions: None,
        last_click_conversions: None,
        window_days: 7,
    };
    import(&mut ledger, store, |w| w.ad_day(ad(dec!(100))).unwrap());
    import(&mut ledger, store, |w| w.ad_day(ad(dec!(120))).unwrap());
    let spend: i64 = ledger
        .conn()
        .query_row(
            "SELECT SUM(spend) FROM ad_days WHERE is_current = 1 AND store_id = ?1",
            params![store.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(spend, 1_200_000);
}

/// (import, window, spend in units, counted) of every ad row, oldest import first.
fn ad_rows(ledger: &Ledger) -> Vec<(i64, i64, i64, i64)> {
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT import_id, window_days, spend / 10000, counted FROM ad_days
             ORDER BY import_id, window_days",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// `counted` (migration 010's triggers) marks the one row that is spend: the current row of
/// the longest current window of its (store, channel, campaign, day) — through a longer
/// window arriving, a revision, undo in any order and a store merge.
#[test]
fn the_longest_current_window_is_counted_through_imports_undo_and_merge() {
    let (mut ledger, a) = setup();
    let ad = |window_days: i64, spend: Decimal| AdDay {
        spend,
        ..AdDay::empty(Channel::Qianchuan, "plan 1".into(), day(3), window_days)
    };
    let i1 = import(&mut ledger, a, |w| w.ad_day(ad(7, dec!(100))).unwrap()).0;
    let i2 = import(&mut ledger, a, |w| w.ad_day(ad(15, dec!(130))).unwrap()).0;
    let i3 = import(&mut ledger, a, |w| w.ad_day(ad(15, dec!(140))).unwrap()).0;
    let all = vec![(i1, 7, 100, 0), (i2, 15, 130, 0), (i3, 15, 140, 1)];
    assert_eq!(ad_rows(&ledger), all);
    let undo = |ledger: &mut Ledger, i: i64| {
        let tx = ledger.conn_mut().transaction().unwrap();
        undo_import(&tx, ImportId(i)).unwrap();
        tx.commit().unwrap();
    };
    undo(&mut ledger, i2);
    assert_eq!(ad_rows(&ledger), vec![(i1, 7, 100, 0), (i3, 15, 140, 1)]);
    undo(&mut ledger, i3);
    assert_eq!(ad_rows(&ledger), vec![(i1, 7, 100, 1)]);
    // The same account under a second name reported the day at 30 days: merged, it counts.
    let b = ledger
        .ensure_store("s (2)", Platform::Douyin, Currency::CNY)
        .unwrap()
        .id;
    let i4 = import(&mut ledger, b, |w| w.ad_day(ad(30, dec!(160))).unwrap()).0;
    assert_eq!(ad_rows(&ledger), vec![(i1, 7, 100, 1), (i4, 30, 160, 1)]);
    ledger.merge_stores(b, a).unwrap();
    assert_eq!(ad_rows(&ledger), vec![(i1, 7, 100, 0), (i4, 30, 160, 1)]);
}

/// (day, visitors, page views) of the current traffic facts.
fn traffic(ledger: &Ledger) -> Vec<(String, i64, i64)> {
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT day, visitors, page_views FROM traffic_days WHERE is_current = 1 ORDER BY day",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn traffic_days_version_by_store_day_and_undo_restores() {
    let (mut ledger, store) = setup();
    let visit = |d: u32, visitors: i64, page_views: i64| TrafficDay {
        day: day(d),
        visitors,
        page_views,
    };
    import(&mut ledger, store, |w| {
        w.traffic_day(visit(1, 500, 1200)).unwrap();
        w.traffic_day(visit(2, 400, 900)).unwrap();
        // The same day again in one file: one fact, the later row wins.
        w.traffic_day(visit(2, 410, 950)).unwrap();
    });
    let first = vec![
        ("2026-01-01".to_string(), 500, 1200),
        ("2026-01-02".to_string(), 410, 950),
    ];
    assert_eq!(traffic(&ledger), first);
    // A later export: day 1 unchanged (duplicate), day 2 revised, day 3 new.
    let tx = ledger.conn_mut().transaction().unwrap();
    tx.execute("INSERT INTO imports (id, file_name, file_hash, platform, report, imported_at) VALUES (7,'f','h','douyin','traffic','now')", []).unwrap();
    let mut w = LedgerWriter::new(&tx, Some(store), Currency::CNY, ImportId(7)).unwrap();
    w.traffic_day(visit(1, 500, 1200)).unwrap();
    w.traffic_day(visit(2, 420, 960)).unwrap();
    w.traffic_day(visit(3, 300, 600)).unwrap();
    let (counts, _) = w.finish().unwrap();
    tx.commit().unwrap();
    assert_eq!((counts.added, counts.updated, counts.duplicates), (1, 1, 1));
    assert_eq!(traffic(&ledger)[1], ("2026-01-02".to_string(), 420, 960));
    assert_eq!(traffic(&ledger).len(), 3);
    let tx = ledger.conn_mut().transaction().unwrap();
    undo_import(&tx, ImportId(7)).unwrap();
    tx.commit().unwrap();
    assert_eq!(traffic(&ledger), first);
}

#[test]
fn undo_of_an_unknown_import_is_not_found() {
    let (mut ledger, _) = setup();
    let tx = ledger.conn_mut().transaction().unwrap();
    assert!(matches!(
        undo_import(&tx, ImportId(42)),
        Err(crate::Error::NotFound(_))
    ));
}

/// A settlement's ad payment of a day and the same day of an ads report without campaigns
/// are two facts: neither replaces the other (`AdDay::SETTLEMENT_CAMPAIGN`), so the report's
/// 60 and the payment's 150 are both kept for the query to choose from.
#[test]
fn a_settlement_ad_payment_never_replaces_an_ads_reports_day() {
    let (mut ledger, store) = setup();
    let ad = |campaign: &str, spend: Decimal| AdDay {
        spend,
        ..AdDay::empty(Channel::TiktokAds, campaign.into(), day(15), 1)
    };
    import(&mut ledger, store, |w| w.ad_day(ad("", dec!(60))).unwrap());
    import(&mut ledger, store, |w| {
        w.ad_day(ad(AdDay::SETTLEMENT_CAMPAIGN, dec!(150))).unwrap()
    });
    let current: Vec<(String, i64)> = ledger
        .conn()
        .prepare("SELECT campaign, spend FROM ad_days WHERE is_current = 1 ORDER BY spend")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        current,
        vec![
            (String::new(), 600_000),
            (AdDay::SETTLEMENT_CAMPAIGN.to_string(), 1_500_000)
        ]
    );
}
