//! Unit tests of `pipeline.rs`.

use super::*;
use crate::model::Currency;

/// Issue 17: the hash and the rows are two reads of the file; a file that changes in
/// between (an export still being written) is refused, so the hash in the history is
/// always of the bytes that were imported.
#[test]
fn a_file_that_changes_while_it_is_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sku_costs.csv");
    std::fs::write(&path, "SKU,成本\nA,10\nB,20\n").unwrap();
    let mut ledger = Ledger::open_in_memory().unwrap();
    ledger
        .ensure_store("S", crate::model::Platform::Taobao, Currency::CNY)
        .unwrap();
    let opts = ImportOptions::default();
    let mut changed = false;
    let err = import_file(&mut ledger, &path, &opts, &mut |_| {
        if !std::mem::replace(&mut changed, true) {
            std::fs::write(&path, "SKU,成本\nA,10\nB,20\nC,30\n").unwrap();
        }
    })
    .unwrap_err();
    assert!(err.to_string().contains("changed while"), "{err}");
    assert!(ledger.imports().unwrap().is_empty(), "nothing imported");
    // Unchanged, it imports and its hash is of those bytes.
    let done = import_file(&mut ledger, &path, &opts, &mut |_| {}).unwrap();
    let mut h = Sha256::new();
    h.update(std::fs::read(&path).unwrap());
    assert_eq!(ledger.imports().unwrap()[0].file_hash, hex(h));
    assert_eq!(done.rows, 3);
}
