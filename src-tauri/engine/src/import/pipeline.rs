//! One file, end to end: open → detect → map into the ledger writer, all inside one
//! transaction. Any error rolls the whole file back: the ledger is left as it was.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{detect, map, read, Detected, ImportOptions, LedgerSink, MapStats, Skipped};
use crate::db::{ensure_store, LedgerWriter};
use crate::error::{Error, Result};
use crate::model::{AdDay, FeeRow, ImportId, OrderLine, ReportKind, SkuCost};
use crate::Ledger;

/// One element of `fupan import --json` "files" (cli.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub platform: String,
    pub report: String,
    pub store: String,
    pub rows: u64,
    pub added: u64,
    pub updated: u64,
    pub duplicates: u64,
    pub skipped: Vec<Skipped>,
    pub import_id: i64,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub format: &'static str,
}

/// What a file would import, computed without writing (the app shows it before committing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub file: String,
    pub platform: String,
    pub report: String,
    pub store: String,
    pub currency: String,
    pub format: &'static str,
    pub rows: u64,
    pub order_lines: u64,
    pub fees: u64,
    pub ad_days: u64,
    pub sku_costs: u64,
    pub skipped: Vec<Skipped>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn file_hash(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The store a file belongs to: named in the export, else `--store`, else the platform's name.
fn store_name(detected: &Detected, opts: &ImportOptions) -> String {
    opts.store
        .clone()
        .or_else(|| detected.store_name.clone())
        .unwrap_or_else(|| detected.platform.as_str().to_string())
}

fn open_and_detect(path: &Path, opts: &ImportOptions) -> Result<(Box<dyn read::Book>, Detected)> {
    if path.is_dir() {
        return Err(Error::BadFile {
            at: crate::Location {
                file: path.display().to_string(),
                ..Default::default()
            },
            reason: "is a folder, not a file".into(),
        });
    }
    let mut book = read::open(path)?;
    let detected = detect::detect(book.as_mut(), opts)?;
    Ok((book, detected))
}

/// Counts what a file holds without writing anything.
#[derive(Default)]
struct CountingSink {
    order_lines: u64,
    fees: u64,
    ad_days: u64,
    sku_costs: u64,
}

impl LedgerSink for CountingSink {
    fn order_line(&mut self, _: OrderLine) -> Result<()> {
        self.order_lines += 1;
        Ok(())
    }
    fn fee(&mut self, _: FeeRow) -> Result<()> {
        self.fees += 1;
        Ok(())
    }
    fn ad_day(&mut self, _: AdDay) -> Result<()> {
        self.ad_days += 1;
        Ok(())
    }
    fn sku_cost(&mut self, _: SkuCost) -> Result<()> {
        self.sku_costs += 1;
        Ok(())
    }
}

/// Recognise and read a file fully, writing nothing.
pub fn preview(path: &Path, opts: &ImportOptions) -> Result<Preview> {
    let (mut book, detected) = open_and_detect(path, opts)?;
    let mut sink = CountingSink::default();
    let stats = map::map(book.as_mut(), &detected, opts, &mut sink, &mut |_| {})?;
    Ok(Preview {
        file: file_name(path),
        platform: detected.platform.as_str().into(),
        report: detected.report.as_str().into(),
        store: store_name(&detected, opts),
        currency: detected.currency.code().into(),
        format: detected.format_id,
        rows: stats.rows,
        order_lines: sink.order_lines,
        fees: sink.fees,
        ad_days: sink.ad_days,
        sku_costs: sink.sku_costs,
        skipped: stats.skipped,
        date_from: stats.date_from,
        date_to: stats.date_to,
    })
}

/// Import one file in one transaction. `progress` receives data rows done.
pub fn import_file(
    ledger: &mut Ledger,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<FileOutcome> {
    let tx = ledger.conn_mut().transaction()?;
    let outcome = import_into(&tx, path, opts, progress)?;
    tx.commit()?;
    Ok(outcome)
}

/// Import several files all or nothing: one refused file leaves the ledger as it was.
/// `progress` receives (file index, data rows done in that file).
pub fn import_files(
    ledger: &mut Ledger,
    paths: &[&Path],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(usize, u64),
) -> Result<Vec<FileOutcome>> {
    let tx = ledger.conn_mut().transaction()?;
    let mut outcomes = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        outcomes.push(import_into(&tx, path, opts, &mut |rows| progress(i, rows))?);
    }
    tx.commit()?;
    Ok(outcomes)
}

/// Read one file into the ledger inside `tx` (the caller commits).
fn import_into(
    tx: &Transaction<'_>,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<FileOutcome> {
    let (mut book, detected) = open_and_detect(path, opts)?;
    // Hashing a large file is a whole extra read: done alongside the mapping.
    let hashing = {
        let path = path.to_path_buf();
        std::thread::spawn(move || file_hash(&path))
    };
    let name = file_name(path);
    let store_label = store_name(&detected, opts);
    // SKU cost sheets belong to no store: their currency is the named store's, or the
    // database's only one.
    let (store, currency) = if detected.report == ReportKind::SkuCosts {
        (None, cost_currency(tx, opts, detected.currency)?)
    } else {
        let s = ensure_store(tx, &store_label, detected.platform, detected.currency)?;
        let c = s.currency;
        (Some(s), c)
    };
    tx.execute(
        "INSERT INTO imports (file_name, file_hash, platform, report, store_id, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%S', 'now'))",
        params![
            name,
            "",
            detected.platform.as_str(),
            detected.report.as_str(),
            store.as_ref().map(|s| s.id.0)
        ],
    )?;
    let import = ImportId(tx.last_insert_rowid());
    let mut writer = LedgerWriter::new(tx, store.as_ref().map(|s| s.id), currency, import);
    let stats: MapStats = map::map(book.as_mut(), &detected, opts, &mut writer, progress)?;
    let (counts, _span) = writer.finish()?;
    let skipped_json =
        serde_json::to_string(&stats.skipped).map_err(|e| Error::Internal(e.to_string()))?;
    let hash = hashing
        .join()
        .map_err(|_| Error::Internal("hashing the file failed".into()))??;
    tx.execute(
        "UPDATE imports SET rows = ?2, added = ?3, updated = ?4, duplicates = ?5, skipped = ?6,
                date_from = ?7, date_to = ?8, skipped_json = ?9, file_hash = ?10 WHERE id = ?1",
        params![
            import.0,
            stats.rows as i64,
            counts.rows_added as i64,
            counts.rows_updated as i64,
            counts.rows_duplicate as i64,
            stats.skipped.len() as i64,
            stats.date_from.map(|d| d.to_string()),
            stats.date_to.map(|d| d.to_string()),
            skipped_json,
            hash,
        ],
    )?;
    Ok(FileOutcome {
        file: name,
        platform: detected.platform.as_str().into(),
        report: detected.report.as_str().into(),
        store: store.map(|s| s.name).unwrap_or_default(),
        rows: stats.rows,
        added: counts.rows_added,
        updated: counts.rows_updated,
        duplicates: counts.rows_duplicate,
        skipped: stats.skipped,
        import_id: import.0,
        date_from: stats.date_from,
        date_to: stats.date_to,
        format: detected.format_id,
    })
}

/// The currency SKU costs are in: the `--store`'s, else the only currency of the database,
/// else (empty database) the format's default.
fn cost_currency(
    conn: &rusqlite::Connection,
    opts: &ImportOptions,
    default: crate::model::Currency,
) -> Result<crate::model::Currency> {
    let wanted: Vec<String> = match &opts.store {
        Some(name) => conn
            .prepare("SELECT DISTINCT currency FROM stores WHERE name = ?1")?
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare("SELECT DISTINCT currency FROM stores")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    match (wanted.as_slice(), &opts.store) {
        ([one], _) => one.parse().map_err(Error::Internal),
        ([], Some(name)) => Err(Error::NotFound(format!("no store named {name:?}"))),
        ([], None) => Ok(default),
        (_, _) => Err(Error::InvalidArgument(
            "the database has stores in several currencies: say which store the costs are for with --store".into(),
        )),
    }
}

impl Ledger {
    /// Undo one import, restoring the exact state before it, in one transaction.
    pub fn undo_import(&mut self, import: ImportId) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        crate::db::undo_import(&tx, import)?;
        tx.commit()?;
        Ok(())
    }
}
