//! Every released schema version migrates forward: each sample database of
//! tests/fixtures/schema (made by its `make.py`, one per version) is opened from a copy,
//! brought to the latest version, and its data reads back with the same figures.

use std::path::{Path, PathBuf};

use fupan_engine::db::latest_version;
use fupan_engine::import::{import_file, ImportOptions};
use fupan_engine::metrics::{summary, Filter};
use fupan_engine::Ledger;
use rust_decimal_macros::dec;

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema")
}

/// The sample databases as (version, path), oldest first.
fn samples() -> Vec<(i64, PathBuf)> {
    let mut out: Vec<(i64, PathBuf)> = std::fs::read_dir(schema_dir())
        .expect("tests/fixtures/schema")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_name()?.to_str()?;
            let v = name.strip_prefix('v')?.strip_suffix(".db")?.parse().ok()?;
            Some((v, p))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn there_is_a_sample_of_the_first_schema_and_none_from_the_future() {
    let versions: Vec<i64> = samples().iter().map(|(v, _)| *v).collect();
    assert_eq!(versions.first(), Some(&1), "{versions:?}");
    assert!(versions.iter().all(|v| *v <= latest_version()));
}

#[test]
fn every_sample_migrates_to_the_latest_schema_and_reads_back() {
    for (version, sample) in samples() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("fupan.db");
        std::fs::copy(&sample, &db).expect("copy sample");
        let ctx = format!("schema v{version}");
        {
            let raw = rusqlite::Connection::open(&db).expect("open raw");
            let found: i64 = raw
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .expect("user_version");
            assert_eq!(found, version, "{ctx}: the sample is of its version");
        }

        let mut ledger = Ledger::open(&db).unwrap_or_else(|e| panic!("{ctx}: {e}"));
        assert_eq!(ledger.schema_version().expect("version"), latest_version());
        let check: String = ledger
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity");
        assert_eq!(check, "ok", "{ctx}");

        // The data every version's sample holds (tests/fixtures/schema/v*_data.sql).
        let stores = ledger.stores().expect("stores");
        assert_eq!(stores.len(), 1, "{ctx}");
        assert_eq!(stores[0].name, "迁移测试店", "{ctx}");
        let imports = ledger.imports().expect("imports");
        assert_eq!(imports.len(), 1, "{ctx}");
        assert_eq!(imports[0].file, "orders_202512.csv", "{ctx}");
        let costs = ledger.sku_costs(None).expect("sku costs");
        assert_eq!(costs.len(), 1, "{ctx}");
        assert_eq!(ledger.fixed_costs(None).expect("fixed").len(), 1, "{ctx}");

        let s = summary(&ledger, &Filter::default()).expect("summary");
        let c = &s.currencies[0];
        assert_eq!(c.orders, 1, "{ctx}");
        assert_eq!(c.units, dec!(2), "{ctx}");
        assert_eq!(c.gross_sales.value(), dec!(100), "{ctx}");
        assert_eq!(c.cogs.value(), dec!(60), "{ctx}");
        assert_eq!(c.hidden_costs.value(), dec!(5), "{ctx}");
        assert_eq!(c.contribution.value(), dec!(35), "{ctx}");
        assert_eq!(c.ad_spend.value(), dec!(10), "{ctx}");

        // Fees from before sources were kept: listed without a source (¥5.00 commission),
        // counted under their own kind, and not remappable.
        let sources = ledger.fee_sources_seen().expect("fee sources");
        assert_eq!(sources.len(), 1, "{ctx}: {sources:?}");
        assert_eq!(sources[0].source, "", "{ctx}");
        assert_eq!(
            sources[0].default_kind,
            Some(fupan_engine::model::FeeKind::PlatformCommission),
            "{ctx}"
        );
        assert_eq!(sources[0].amounts[0].amount.value(), dec!(5), "{ctx}");
        assert!(ledger
            .set_fee_kind(
                fupan_engine::model::Platform::Pdd,
                "",
                Some(fupan_engine::model::FeeKind::Other)
            )
            .is_err());

        // The migrated file takes new imports and undoes the old one.
        let pdd = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/pdd/orders_202601a.csv");
        let opts = ImportOptions {
            store: Some("迁移测试店".into()),
            ..Default::default()
        };
        let done = import_file(&mut ledger, &pdd, &opts, &mut |_| {})
            .unwrap_or_else(|e| panic!("{ctx}: import after migration: {e}"));
        assert_eq!(done.added, 3, "{ctx}");
        ledger
            .undo_import(fupan_engine::model::ImportId(1))
            .unwrap_or_else(|e| panic!("{ctx}: undo of the old import: {e}"));
        let after = summary(&ledger, &Filter::default()).expect("summary");
        // The PDD file alone: gross 118.00 + 45.00 (the 29.90 order is cancelled).
        assert_eq!(after.currencies[0].gross_sales.value(), dec!(163), "{ctx}");
    }
}
