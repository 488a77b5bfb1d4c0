//! An in-memory book, for tests of the modules downstream of `read`.

use super::{bad_file, Book, Cell, Row};
use crate::error::Result;

/// Sheets of rows held in memory; rows are numbered from 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryBook {
    pub name: String,
    pub sheets: Vec<(String, Vec<Vec<Cell>>)>,
}

impl MemoryBook {
    pub fn new(name: impl Into<String>) -> MemoryBook {
        MemoryBook {
            name: name.into(),
            sheets: Vec::new(),
        }
    }

    /// Adds a sheet (builder style).
    pub fn with_sheet(mut self, name: impl Into<String>, rows: Vec<Vec<Cell>>) -> MemoryBook {
        self.sheets.push((name.into(), rows));
        self
    }
}

impl Book for MemoryBook {
    fn file_name(&self) -> &str {
        &self.name
    }

    fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    fn rows<'a>(&'a mut self, sheet: &str) -> Result<Box<dyn Iterator<Item = Result<Row>> + 'a>> {
        let Some((_, rows)) = self.sheets.iter().find(|(n, _)| n == sheet) else {
            return Err(bad_file(
                &self.name,
                None,
                format!("no sheet named {sheet:?}"),
            ));
        };
        Ok(Box::new(rows.iter().enumerate().map(|(i, cells)| {
            Ok(Row {
                number: i as u64 + 1,
                cells: cells.clone(),
            })
        })))
    }
}
