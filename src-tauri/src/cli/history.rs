//! `fupan imports`: the import history as a table or JSON.

use fupan_engine::{Ledger, Result};
use serde::Serialize;

#[derive(Serialize)]
struct ImportsJson<'a> {
    imports: &'a [fupan_engine::db::ImportRecord],
}

pub fn list(ledger: &Ledger, json: bool) -> Result<()> {
    let imports = ledger.imports()?;
    if json {
        return super::print_json(&ImportsJson { imports: &imports });
    }
    if imports.is_empty() {
        println!("No imports yet. Try: fupan import Order.all.xlsx");
        return Ok(());
    }
    println!(
        "{:>4}  {:<19}  {:<11}  {:<10}  {:>7}  {:>7}  file",
        "id", "imported", "platform", "report", "added", "dupes"
    );
    for i in &imports {
        println!(
            "{:>4}  {:<19}  {:<11}  {:<10}  {:>7}  {:>7}  {}",
            i.id.0,
            i.imported_at,
            i.platform,
            i.report,
            i.added,
            i.duplicates,
            super::term::safe(&i.file)
        );
        super::import::print_unmapped(&i.unmapped);
    }
    Ok(())
}
