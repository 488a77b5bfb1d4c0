//! One file, end to end: open → detect → map into the ledger writer, all inside one
//! transaction. Any error rolls the whole file back: the ledger is left as it was.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::cost_sheets::{
    chosen_currencies, cost_sheet_target, per_sku_costs, preview_placement, unplaced_error,
    unplaced_listing, StoreChoice, UnplacedSku,
};
use super::mapping::ColumnMapping;
use super::store_names::{remember_store, store_name, store_source};
use super::{
    columns, detect, map, read, CostTarget, Detected, ImportOptions, LedgerSink, MapStats, Skipped,
    Unmapped,
};
use crate::db::costs::row_target;
use crate::db::{ensure_store, save_template, LedgerWriter};
use crate::error::{Error, Result};
use crate::model::{
    AdDay, Currency, FeeRow, FixedCost, ImportId, OrderItem, OrderLine, ReportKind, Settlement,
    SkuCost, TaxRow, TrafficDay, Withdrawal,
};
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
    /// Money columns no role of the format reads (cli.md "Additions").
    pub unmapped: Vec<Unmapped>,
}

/// What a file would import, computed without writing (the app shows it before committing).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub file: String,
    pub platform: String,
    pub report: String,
    pub store: String,
    pub currency: String,
    /// Where `store` comes from: "given" (the caller's), "file" (the export names the shop),
    /// "remembered" (last given for this platform) or "platform" (its display name). The
    /// page asks for the name unless the file gives it.
    pub store_source: &'static str,
    pub format: &'static str,
    pub rows: u64,
    pub order_lines: u64,
    pub order_items: u64,
    pub fees: u64,
    pub ad_days: u64,
    pub sku_costs: u64,
    pub traffic_days: u64,
    pub fixed_costs: u64,
    pub tax_rows: u64,
    pub settlements: u64,
    pub withdrawals: u64,
    pub skipped: Vec<Skipped>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub unmapped: Vec<Unmapped>,
    /// SKUs of a cost sheet whose currency their sales do not tell (cost_sheets.rs), and
    /// the stores the merchant can choose for them (empty unless some are unplaced).
    pub unplaced: Vec<UnplacedSku>,
    pub store_choices: Vec<StoreChoice>,
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
    Ok(hex(hasher))
}

fn hex(hasher: Sha256) -> String {
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Open and recognise a file: by the given column mapping, else by the format tables, else
/// (an unknown file, with a database at hand) by a saved template for its headers.
fn open_and_detect(
    path: &Path,
    opts: &ImportOptions,
    conn: Option<&Connection>,
) -> Result<(Box<dyn read::Book>, Detected)> {
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
    let mapped = |book: &mut dyn read::Book, m: &ColumnMapping| -> Result<Detected> {
        let mut d = detect::detect_as(book, opts, m.spec()?)?;
        d.store_name = d.store_name.or_else(|| m.store.clone());
        Ok(d)
    };
    if let Some(m) = &opts.mapping {
        let detected = mapped(book.as_mut(), m)?;
        return Ok((book, detected));
    }
    let detected = match (detect::detect(book.as_mut(), opts), conn) {
        (Err(unknown @ Error::UnknownFormat { .. }), Some(conn)) => {
            match columns::template_of(conn, book.as_mut())? {
                Some(m) => mapped(book.as_mut(), &m)?,
                None => return Err(unknown),
            }
        }
        (found, _) => found?,
    };
    Ok((book, detected))
}

/// Counts what a file holds without writing anything (with a ledger at hand, fixed costs are
/// checked against its stores).
#[derive(Default)]
struct CountingSink<'c> {
    conn: Option<&'c Connection>,
    order_lines: u64,
    order_items: u64,
    fees: u64,
    ad_days: u64,
    sku_costs: u64,
    traffic_days: u64,
    fixed_costs: u64,
    tax_rows: u64,
    settlements: u64,
    withdrawals: u64,
    /// A per-SKU cost sheet: where each SKU would go (its unplaced SKUs are listed).
    per_sku: Option<crate::db::sku_currency::SkuCurrencies>,
}

impl LedgerSink for CountingSink<'_> {
    fn order_line(&mut self, _: OrderLine) -> Result<()> {
        self.order_lines += 1;
        Ok(())
    }
    fn order_item(&mut self, _: OrderItem) -> Result<()> {
        self.order_items += 1;
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
    fn sku_cost(&mut self, cost: SkuCost) -> Result<()> {
        self.sku_costs += 1;
        if let (None, Some(p)) = (cost.currency, self.per_sku.as_mut()) {
            p.of(&cost.sku);
        }
        Ok(())
    }
    fn traffic_day(&mut self, _: TrafficDay) -> Result<()> {
        self.traffic_days += 1;
        Ok(())
    }
    fn cost_target(
        &mut self,
        store: Option<&str>,
        currency: Option<Currency>,
        file: Currency,
    ) -> Result<CostTarget> {
        match self.conn {
            Some(conn) => row_target(conn, store, currency),
            None => Ok(Ok((None, currency.unwrap_or(file)))),
        }
    }
    fn fixed_cost(&mut self, _: FixedCost) -> Result<()> {
        self.fixed_costs += 1;
        Ok(())
    }
    fn tax_row(&mut self, _: TaxRow) -> Result<()> {
        self.tax_rows += 1;
        Ok(())
    }
    fn settlement(&mut self, _: Settlement) -> Result<()> {
        self.settlements += 1;
        Ok(())
    }
    fn withdrawal(&mut self, _: Withdrawal) -> Result<()> {
        self.withdrawals += 1;
        Ok(())
    }
    fn restart(&mut self) -> Result<()> {
        let per_sku = self.per_sku.take().map(|p| p.restarted());
        *self = CountingSink {
            conn: self.conn,
            per_sku,
            ..CountingSink::default()
        };
        Ok(())
    }
}

/// Recognise and read a file fully, writing nothing.
pub fn preview(path: &Path, opts: &ImportOptions) -> Result<Preview> {
    preview_in(path, opts, None)
}

/// `preview`, also recognising unknown files by the ledger's saved mapping templates.
pub fn preview_known(ledger: &Ledger, path: &Path, opts: &ImportOptions) -> Result<Preview> {
    preview_in(path, opts, Some(ledger.conn()))
}

fn preview_in(path: &Path, opts: &ImportOptions, conn: Option<&Connection>) -> Result<Preview> {
    let (mut book, mut detected) = open_and_detect(path, opts, conn)?;
    if let Some(conn) = conn {
        if let Some((_, currency)) = cost_sheet_target(conn, &detected, opts)? {
            detected.currency = currency;
        }
    }
    let mut sink = CountingSink {
        conn,
        ..Default::default()
    };
    if let Some(conn) = conn {
        sink.per_sku = preview_placement(conn, &detected, opts)?;
    }
    let stats = map::map(book.as_mut(), &detected, opts, &mut sink, &mut |_| {})?;
    let (unplaced, store_choices) = unplaced_listing(conn, sink.per_sku.as_ref())?;
    Ok(Preview {
        file: file_name(path),
        platform: detected.platform.as_str().into(),
        report: detected.report.as_str().into(),
        // A fixed-cost sheet's rows name their stores (none: all stores of the currency).
        store: if detected.report == ReportKind::FixedCosts {
            opts.store.clone().unwrap_or_default()
        } else {
            store_name(&detected, opts, conn)
        },
        store_source: store_source(&detected, opts, conn),
        currency: detected.currency.code().into(),
        format: detected.format_id,
        rows: stats.rows,
        order_lines: sink.order_lines,
        order_items: sink.order_items,
        fees: sink.fees,
        ad_days: sink.ad_days,
        sku_costs: sink.sku_costs,
        traffic_days: sink.traffic_days,
        fixed_costs: sink.fixed_costs,
        tax_rows: sink.tax_rows,
        settlements: sink.settlements,
        withdrawals: sink.withdrawals,
        skipped: stats.skipped,
        date_from: stats.date_from,
        date_to: stats.date_to,
        unmapped: stats.unmapped,
        unplaced,
        store_choices,
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
/// The pieces of one export (`…_part_N_of_M.xlsx`, `parts::group`) import as one file: one
/// import, one outcome. `progress` receives (index of the group's first file, data rows done
/// in that group).
pub fn import_files(
    ledger: &mut Ledger,
    paths: &[&Path],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(usize, u64),
) -> Result<Vec<FileOutcome>> {
    let tx = ledger.conn_mut().transaction()?;
    let mut outcomes = Vec::with_capacity(paths.len());
    for group in super::parts::group(paths) {
        let first = group.first().copied().unwrap_or_default();
        let members: Vec<&Path> = group.iter().map(|&i| paths[i]).collect();
        outcomes.push(import_parts(&tx, &members, opts, &mut |rows| {
            progress(first, rows)
        })?);
    }
    tx.commit()?;
    Ok(outcomes)
}

/// Import a file already in memory (`name` names it in messages and the history), in one
/// transaction, exactly as `import_file` imports one on disk.
pub fn import_bytes(
    ledger: &mut Ledger,
    name: &str,
    bytes: Vec<u8>,
    opts: &ImportOptions,
) -> Result<FileOutcome> {
    let mut hasher = Sha256::new();
    hasher.update(&bytes);
    let hash = hex(hasher);
    let mut book = read::open_bytes(name, bytes)?;
    let detected = detect::detect(book.as_mut(), opts)?;
    let tx = ledger.conn_mut().transaction()?;
    let outcome = import_opened(
        &tx,
        vec![(book, detected)],
        name.to_string(),
        move || Ok(hash),
        opts,
        &mut |_| {},
    )?;
    tx.commit()?;
    Ok(outcome)
}

/// Read one file into the ledger inside `tx` (the caller commits).
fn import_into(
    tx: &Transaction<'_>,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<FileOutcome> {
    import_parts(tx, &[path], opts, progress)
}

/// Read the pieces of one export (or one file) into the ledger inside `tx` as one import.
/// Every piece must be the same report as the first.
fn import_parts(
    tx: &Transaction<'_>,
    paths: &[&Path],
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<FileOutcome> {
    let mut opened = Vec::with_capacity(paths.len());
    for path in paths {
        let (book, detected) = open_and_detect(path, opts, Some(tx))?;
        if let Some((_, first)) = opened.first() {
            same_export(first, &detected, &file_name(path))?;
        }
        opened.push((book, detected));
    }
    // Hashing a large file is a whole extra read: done alongside the mapping.
    let owned: Vec<std::path::PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    let hashing = std::thread::spawn(move || -> Result<String> {
        let hashes = owned
            .iter()
            .map(|p| file_hash(p))
            .collect::<Result<Vec<_>>>()?;
        Ok(match hashes.as_slice() {
            [one] => one.clone(),
            // The pieces' hashes in order, hashed: the same pieces give the same import hash.
            many => {
                let mut h = Sha256::new();
                many.iter().for_each(|x| h.update(x.as_bytes()));
                hex(h)
            }
        })
    });
    let hash = move || {
        hashing
            .join()
            .map_err(|_| Error::Internal("hashing the file failed".into()))?
    };
    let name = paths
        .iter()
        .map(|p| file_name(p))
        .collect::<Vec<_>>()
        .join(" + ");
    import_opened(tx, opened, name, hash, opts, progress)
}

/// A piece of an export must be read as its first piece is (format, platform, currency).
fn same_export(first: &Detected, other: &Detected, file: &str) -> Result<()> {
    if first.format_id == other.format_id
        && first.platform == other.platform
        && first.currency == other.currency
    {
        return Ok(());
    }
    Err(Error::BadFile {
        at: crate::Location {
            file: file.to_string(),
            sheet: Some(other.sheet.clone()),
            ..Default::default()
        },
        reason: format!(
            "named as a part of one export, but it is a {} file and the first part a {} file",
            other.format_id, first.format_id
        ),
    })
}

/// The ledger side of an import: store, history record, mapped facts, counts. `hash` gives
/// the file's hash once the facts are written (it may still be computing meanwhile).
fn import_opened(
    tx: &Transaction<'_>,
    mut opened: Vec<(Box<dyn read::Book>, Detected)>,
    name: String,
    hash: impl FnOnce() -> Result<String>,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<FileOutcome> {
    let mut detected = match opened.first() {
        Some((_, d)) => d.clone(),
        None => return Err(Error::Internal("an import of no file".into())),
    };
    let store_label = store_name(&detected, opts, Some(tx));
    let (store, currency) = match cost_sheet_target(tx, &detected, opts)? {
        Some((_, currency)) => {
            // Amounts are read as the costs' currency (VND "120.000" is 120000).
            detected.currency = currency;
            (None, currency)
        }
        None => {
            remember_store(tx, &detected, opts)?;
            let s = ensure_store(tx, &store_label, detected.platform, detected.currency)?;
            let c = s.currency;
            // A file silent about its currency is in its store's (amounts read by its rules).
            if !detected.currency_stated {
                detected.currency = c;
            } else if detected.currency != c {
                return Err(Error::BadFile {
                    at: crate::Location {
                        file: name.clone(),
                        sheet: Some(detected.sheet.clone()),
                        ..Default::default()
                    },
                    reason: format!(
                        "its amounts are in {}, but the store {:?} keeps its figures in {}: \
                         import it into a store of its own (--store)",
                        detected.currency, s.name, c
                    ),
                });
            }
            (Some(s), c)
        }
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
    let mut writer = LedgerWriter::new(tx, store.as_ref().map(|s| s.id), currency, import)?;
    let per_sku = per_sku_costs(tx, &detected, opts)?;
    if per_sku {
        writer.place_costs_per_sku(chosen_currencies(tx, opts)?)?;
    }
    let in_file = |e| too_large(e, &name, &detected.sheet);
    for (_, d) in opened.iter_mut() {
        d.currency = detected.currency;
    }
    let mut parts: Vec<(&mut dyn read::Book, &Detected)> = opened
        .iter_mut()
        .map(|(b, d)| (b.as_mut() as &mut dyn read::Book, &*d))
        .collect();
    let stats: MapStats =
        map::map_parts(&mut parts, opts, &mut writer, progress).map_err(in_file)?;
    drop(parts);
    if let Some(e) = unplaced_error(writer.unplaced_skus(), &name, &detected.sheet) {
        return Err(e);
    }
    let (counts, _span) = writer.finish().map_err(in_file)?;
    if let Some(m) = &opts.mapping {
        if let Some(name) = m.name.as_deref().filter(|n| !n.trim().is_empty()) {
            let (book, _) = opened
                .first_mut()
                .ok_or_else(|| Error::Internal("an import of no file".into()))?;
            let sig =
                columns::header_signature(book.as_mut(), &detected.sheet, detected.header_row)?;
            save_template(tx, name.trim(), &sig, m)?;
        }
    }
    let skipped_json =
        serde_json::to_string(&stats.skipped).map_err(|e| Error::Internal(e.to_string()))?;
    let unmapped_json =
        serde_json::to_string(&stats.unmapped).map_err(|e| Error::Internal(e.to_string()))?;
    let hash = hash()?;
    tx.execute(
        "UPDATE imports SET rows = ?2, added = ?3, updated = ?4, duplicates = ?5, skipped = ?6,
                date_from = ?7, date_to = ?8, skipped_json = ?9, file_hash = ?10,
                unmapped_json = ?11 WHERE id = ?1",
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
            unmapped_json,
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
        unmapped: stats.unmapped,
    })
}

/// Amounts too large to store or to add up are the file's fault: say which file, not "database".
fn too_large(e: Error, file: &str, sheet: &str) -> Error {
    let reason = match &e {
        Error::Money(m) => m.to_string(),
        Error::Db(rusqlite::Error::SqliteFailure(_, Some(msg))) if msg == "integer overflow" => {
            "its amounts add up to more than Fupan can store".to_string()
        }
        _ => return e,
    };
    Error::BadFile {
        at: crate::Location {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            ..Default::default()
        },
        reason,
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
