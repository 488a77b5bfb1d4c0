//! The import history: one record per imported file, listed newest first.

use rusqlite::params;
use serde::Serialize;

use super::Ledger;
use crate::error::Result;
use crate::model::ImportId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRecord {
    pub id: ImportId,
    pub file: String,
    pub file_hash: String,
    pub platform: String,
    pub report: String,
    pub store: Option<String>,
    pub imported_at: String,
    pub rows: i64,
    pub added: i64,
    pub updated: i64,
    pub duplicates: i64,
    pub skipped: i64,
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// Money columns no format role read (`import::Unmapped`).
    pub unmapped: Vec<crate::model::Unmapped>,
}

impl Ledger {
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT i.id, i.file_name, i.file_hash, i.platform, i.report, s.name, i.imported_at,
                    i.rows, i.added, i.updated, i.duplicates, i.skipped, i.date_from, i.date_to,
                    i.unmapped_json
             FROM imports i LEFT JOIN stores s ON s.id = i.store_id
             ORDER BY i.id DESC",
        )?;
        let rows = stmt.query_map(params![], |r| {
            Ok(ImportRecord {
                id: ImportId(r.get(0)?),
                file: r.get(1)?,
                file_hash: r.get(2)?,
                platform: r.get(3)?,
                report: r.get(4)?,
                store: r.get(5)?,
                imported_at: r.get(6)?,
                rows: r.get(7)?,
                added: r.get(8)?,
                updated: r.get(9)?,
                duplicates: r.get(10)?,
                skipped: r.get(11)?,
                date_from: r.get(12)?,
                date_to: r.get(13)?,
                // Written by this program only; an unreadable entry shows as none.
                unmapped: serde_json::from_str(&r.get::<_, String>(14)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_history() {
        let ledger = Ledger::open_in_memory().unwrap();
        assert!(ledger.imports().unwrap().is_empty());
    }
}
