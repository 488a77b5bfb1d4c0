//! Regression tests for problems found by the reliability work (fuzzing, hostile files),
//! each named after what it caught. Inputs are built in memory.

use fupan_engine::import::{import_bytes, ImportOptions};
use fupan_engine::{Error, ErrorKind, Ledger};

const PDD_HEADER: &str = "订单号,订单状态,商品总价(元),商品数量(件),订单成交时间\n";

fn pdd_orders(amounts: &[&str]) -> Vec<u8> {
    let mut text = PDD_HEADER.to_string();
    for (i, a) in amounts.iter().enumerate() {
        text.push_str(&format!("260105-{i:06},已收货,{a},1,2026-01-05 10:00:00\n"));
    }
    text.into_bytes()
}

// The engine's `Error` is large by design (see lib.rs); tests just pass it on.
#[allow(clippy::result_large_err)]
fn import(ledger: &mut Ledger, name: &str, bytes: Vec<u8>) -> fupan_engine::Result<()> {
    let opts = ImportOptions {
        store: Some("拼多多店".into()),
        ..Default::default()
    };
    import_bytes(ledger, name, bytes, &opts).map(|_| ())
}

fn imports(ledger: &Ledger) -> i64 {
    ledger
        .conn()
        .query_row("SELECT count(*) FROM imports", [], |r| r.get(0))
        .expect("count")
}

/// An amount beyond what one fact may hold was a message without the file ("amount … is
/// too large to store").
#[test]
fn an_amount_too_large_to_store_names_the_file() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let err = import(
        &mut ledger,
        "huge_amount.csv",
        pdd_orders(&["9000000000000"]),
    )
    .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::BadInput);
    let text = err.to_string();
    assert!(
        text.contains("huge_amount.csv") && text.contains("too large"),
        "{text}"
    );
    assert_eq!(imports(&ledger), 0);
}

/// Amounts that each fit but whose daily sum overflows SQLite's 64-bit SUM were an internal
/// "database: integer overflow" (exit 1).
#[test]
fn amounts_whose_sum_overflows_are_bad_input_naming_the_file() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let many = vec!["1000000000000"; 1_000];
    let err = import(&mut ledger, "overflowing_sum.csv", pdd_orders(&many)).expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::BadInput, "{err}");
    assert!(matches!(err, Error::BadFile { .. }), "{err:?}");
    assert!(err.to_string().contains("overflowing_sum.csv"), "{err}");
    assert_eq!(imports(&ledger), 0);
    // The largest amount itself is fine.
    import(
        &mut ledger,
        "max_amount.csv",
        pdd_orders(&["1000000000000"]),
    )
    .expect("imports");
    assert_eq!(imports(&ledger), 1);
}

/// Found by `scripts/fuzz.sh` (import): an xlsx cell reference so long that calamine's column
/// arithmetic overflows and panics. The reader must refuse the file, naming it, not crash.
#[test]
fn xlsx_cell_reference_overflow_is_refused_not_a_crash() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/fuzz/xlsx_cell_ref_overflow.xlsx");
    let bytes = std::fs::read(path).expect("read the fuzz finding");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let err = import(&mut ledger, "xlsx_cell_ref_overflow.xlsx", bytes).expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::BadInput, "{err}");
    assert!(
        err.to_string().contains("xlsx_cell_ref_overflow.xlsx"),
        "{err}"
    );
    assert_eq!(imports(&ledger), 0);
}
