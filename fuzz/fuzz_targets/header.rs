//! Header detection and format recognition over an arbitrary grid of text cells: rows are
//! lines, cells are tab-separated. Must never panic, whatever the grid.
#![no_main]

use fupan_engine::import::header::{normalize, Columns};
use fupan_engine::import::read::{Cell, MemoryBook};
use fupan_engine::import::{detect, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let rows: Vec<Vec<Cell>> = text
        .lines()
        .take(40)
        .map(|line| {
            line.split('\t')
                .take(80)
                .map(|c| match c {
                    "" => Cell::Empty,
                    c => Cell::Text(c.to_string()),
                })
                .collect()
        })
        .collect();
    for row in &rows {
        let columns = Columns::new(row);
        let _ = columns.duplicates();
        for h in columns.headers() {
            // Normalising is idempotent: a header compares the same however often it is seen.
            assert_eq!(normalize(h), *h);
        }
    }
    let mut book = MemoryBook::new("fuzz.xlsx").with_sheet("Sheet1", rows);
    let _ = detect::detect(&mut book, &ImportOptions::default());
});
