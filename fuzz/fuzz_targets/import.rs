//! The whole import of one in-memory file into an in-memory ledger: reading (CSV, xlsx, zip,
//! xls sniffed from the bytes), detection, mapping and writing. Must never panic, a refusal is
//! always bad input (never an internal or database error) and writes nothing.
#![no_main]

use fupan_engine::import::{import_bytes, ImportOptions};
use fupan_engine::{ErrorKind, Ledger};
use libfuzzer_sys::fuzz_target;

/// libFuzzer's hook aborts on any panic, even one the engine catches: the readers turn a
/// panic inside calamine into a refusal of the file (`guarded`). A panic that escapes the
/// engine still aborts (libfuzzer-sys catches it and aborts). FUZZ_VERBOSE=1 prints them all.
fn quiet_panics() {
    let verbose = std::env::var_os("FUZZ_VERBOSE").is_some();
    std::panic::set_hook(Box::new(move |info| {
        if verbose {
            eprintln!("{info}");
        }
    }));
}

fuzz_target!(init: quiet_panics(), |data: &[u8]| {
    let mut ledger = Ledger::open_in_memory().expect("in-memory ledger");
    let opts = ImportOptions {
        store: Some("Fuzz".into()),
        ..Default::default()
    };
    match import_bytes(&mut ledger, "fuzz.csv", data.to_vec(), &opts) {
        Ok(_) => {
            let (facts, aggs): (i64, i64) = ledger
                .conn()
                .query_row(
                    "SELECT (SELECT COALESCE(SUM(list_amount), 0) FROM order_lines
                             WHERE is_current = 1 AND cancelled = 0),
                            (SELECT COALESCE(SUM(gross), 0) FROM agg_store_day)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("sums");
            assert_eq!(facts, aggs, "the aggregates match the facts");
        }
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::BadInput, "{e}");
            let n: i64 = ledger
                .conn()
                .query_row("SELECT count(*) FROM imports", [], |r| r.get(0))
                .expect("count");
            assert_eq!(n, 0, "a refused file writes nothing");
        }
    }
});
