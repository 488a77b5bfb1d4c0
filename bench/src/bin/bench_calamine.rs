//! The peer of `fupan import` in `scripts/bench.sh` (issue 8): a bare calamine read that
//! only visits every cell of one xlsx sheet, streamed the same way the importer reads it.

use calamine::{open_workbook, Reader, Xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: bench_calamine FILE.xlsx")?;
    let mut book: Xlsx<_> = open_workbook(&path)?;
    let sheet = book.sheet_names().first().cloned().ok_or("no sheet")?;
    let mut cells = book.worksheet_cells_reader(&sheet)?;
    let (mut n, mut non_empty) = (0u64, 0u64);
    while let Some(c) = cells.next_cell()? {
        n += 1;
        non_empty += u64::from(!matches!(c.get_value(), calamine::DataRef::Empty));
    }
    println!("{n} cells, {non_empty} non-empty");
    Ok(())
}
