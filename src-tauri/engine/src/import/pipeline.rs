//! One file, end to end: open → detect → map into the ledger writer, all inside one
//! transaction. Any error rolls the whole file back: the ledger is left as it was.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::cost_sheets::{chosen_currencies, cost_sheet_target, per_sku_costs, unplaced_error};
use super::mapping::ColumnMapping;
use super::store_names::{remember_store, store_name};
use super::{columns, detect, map, read, Detected, ImportOptions, MapStats, Skipped, Unmapped};
use crate::db::{ensure_store, save_template, similar_store, LedgerWriter, StoreInfo, WriteCounts};
use crate::error::{Error, Result};
use crate::model::{Currency, ImportId};
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
    /// A store of the same platform whose name is one edit away from this file's new store
    /// (the same shop spelt twice?); None when the store was known or nothing is close.
    pub similar_store: Option<String>,
    /// Money columns no role of the format reads (cli.md "Additions").
    pub unmapped: Vec<Unmapped>,
}

pub(super) fn file_name(path: &Path) -> String {
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
pub(super) fn open_and_detect(
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
    let before = paths
        .iter()
        .map(|p| file_stamp(p))
        .collect::<Result<Vec<_>>>()?;
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
    let outcome = import_opened(tx, opened, name, hash, opts, progress)?;
    // The hash and the rows come from two reads: they are of the same bytes only if no file
    // changed in between (an export still being written, a sync client).
    for (path, before) in paths.iter().zip(before) {
        if file_stamp(path)? != before {
            return Err(Error::BadFile {
                at: crate::Location {
                    file: path.display().to_string(),
                    ..Default::default()
                },
                reason: "the file changed while it was being read: import it again once it is \
                         completely saved"
                    .into(),
            });
        }
    }
    Ok(outcome)
}

/// What tells a changed file: its length and modification time.
fn file_stamp(path: &Path) -> Result<(u64, Option<std::time::SystemTime>)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    Ok((meta.len(), meta.modified().ok()))
}

/// A piece of an export must be read as its first piece is (format, platform, currency).
fn same_export(first: &Detected, other: &Detected, file: &str) -> Result<()> {
    // `spec` also tells two column mappings apart (their format id is the same).
    if first.format_id == other.format_id
        && first.spec == other.spec
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
    let (store, currency, similar) = file_store(tx, &mut detected, opts, &name)?;
    let import = start_record(tx, &name, &detected, store.as_ref())?;
    let mut writer = LedgerWriter::new(tx, store.as_ref().map(|s| s.id), currency, import)?;
    if per_sku_costs(tx, &detected, opts)? {
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
    save_mapping(tx, opts, &mut opened, &detected)?;
    finish_record(tx, import, &stats, counts, &hash()?)?;
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
        similar_store: similar,
        unmapped: stats.unmapped,
    })
}

/// The store a file goes into (none for a cost sheet), the currency its amounts are read in,
/// and a store of the same platform one letter from a new store's name. A file stating a
/// currency its store does not keep is refused.
fn file_store(
    tx: &Transaction<'_>,
    detected: &mut Detected,
    opts: &ImportOptions,
    name: &str,
) -> Result<(Option<StoreInfo>, Currency, Option<String>)> {
    if let Some((_, currency)) = cost_sheet_target(tx, detected, opts)? {
        // Amounts are read as the costs' currency (VND "120.000" is 120000).
        detected.currency = currency;
        return Ok((None, currency, None));
    }
    let store_label = store_name(detected, opts, Some(tx));
    let similar = similar_store(tx, &store_label, detected.platform)?;
    remember_store(tx, detected, opts)?;
    let s = ensure_store(tx, &store_label, detected.platform, detected.currency)?;
    let c = s.currency;
    // A file silent about its currency is in its store's (amounts read by its rules).
    if !detected.currency_stated {
        detected.currency = c;
    } else if detected.currency != c {
        return Err(Error::BadFile {
            at: crate::Location {
                file: name.to_string(),
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
    Ok((Some(s), c, similar))
}

/// The history record of the import, before its facts (they name it); its counts and hash
/// follow in `finish_record`.
fn start_record(
    tx: &Transaction<'_>,
    name: &str,
    detected: &Detected,
    store: Option<&StoreInfo>,
) -> Result<ImportId> {
    tx.execute(
        "INSERT INTO imports (file_name, file_hash, platform, report, store_id, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%S', 'now'))",
        params![
            name,
            "",
            detected.platform.as_str(),
            detected.report.as_str(),
            store.map(|s| s.id.0)
        ],
    )?;
    Ok(ImportId(tx.last_insert_rowid()))
}

/// A named column mapping becomes a template for files with the same header row.
fn save_mapping(
    tx: &Transaction<'_>,
    opts: &ImportOptions,
    opened: &mut [(Box<dyn read::Book>, Detected)],
    detected: &Detected,
) -> Result<()> {
    let Some(m) = &opts.mapping else {
        return Ok(());
    };
    let Some(name) = m.name.as_deref().filter(|n| !n.trim().is_empty()) else {
        return Ok(());
    };
    let (book, _) = opened
        .first_mut()
        .ok_or_else(|| Error::Internal("an import of no file".into()))?;
    let sig = columns::header_signature(book.as_mut(), &detected.sheet, detected.header_row)?;
    save_template(tx, name.trim(), &sig, m)
}

/// The import's counts, skipped rows, unread columns and file hash in its history record.
fn finish_record(
    tx: &Transaction<'_>,
    import: ImportId,
    stats: &MapStats,
    counts: WriteCounts,
    hash: &str,
) -> Result<()> {
    let skipped_json =
        serde_json::to_string(&stats.skipped).map_err(|e| Error::Internal(e.to_string()))?;
    let unmapped_json =
        serde_json::to_string(&stats.unmapped).map_err(|e| Error::Internal(e.to_string()))?;
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
    Ok(())
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

#[cfg(test)]
#[path = "tests_pipeline.rs"]
mod tests;
