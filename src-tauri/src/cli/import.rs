//! `fupan import` and `fupan undo`.
//!
//! The files of one command import all or nothing: a refused file (exit 2, with file, sheet,
//! row and column on stderr) leaves the database exactly as it was.

use std::path::Path;

use fupan_engine::db::template_named;
use fupan_engine::import::mapping::ColumnMapping;
use fupan_engine::import::{import_files, FileOutcome, ImportOptions};
use fupan_engine::model::{ImportId, Platform};
use fupan_engine::{Error, Ledger, Result};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::args::ImportArgs;

#[derive(Serialize)]
struct ImportJson {
    files: Vec<FileOutcome>,
}

pub fn run(ledger: &mut Ledger, args: &ImportArgs) -> Result<()> {
    let platform = match &args.platform {
        Some(p) => Some(p.parse::<Platform>().map_err(Error::InvalidArgument)?),
        None => None,
    };
    let mapping = match &args.mapping {
        Some(m) => Some(load_mapping(ledger, m)?),
        None => None,
    };
    let opts = ImportOptions {
        store: args.store.clone(),
        platform,
        allow_skip: args.skip_bad_rows,
        mapping,
        ..ImportOptions::default()
    };
    let paths: Vec<&Path> = args.files.iter().map(|p| p.as_path()).collect();
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg}: {pos} rows ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    // All files or none: a refused file leaves the database exactly as it was.
    let result = import_files(ledger, &paths, &opts, &mut |i, rows| {
        if rows == 0 {
            bar.set_message(paths[i].display().to_string());
        }
        bar.set_position(rows);
    });
    bar.finish_and_clear();
    let files = result.map_err(|e| {
        crate::applog::failed("import", &e);
        eprintln!(
            "fupan: {}\nfupan: nothing was imported.",
            super::term::safe(&e.to_string())
        );
        match e {
            Error::UnknownFormat { .. } => {
                eprintln!("fupan: to read it anyway, map its columns with --mapping FILE.json")
            }
            Error::BadCell { .. } if !opts.allow_skip => eprintln!(
                "fupan: to import the other rows and list the unreadable ones, add --skip-bad-rows"
            ),
            _ => {}
        }
        Error::Reported(e.exit_code())
    })?;
    // Said on stderr, so that `--json` stays one document on stdout.
    for o in files.iter() {
        if let Some(other) = &o.similar_store {
            eprintln!(
                "fupan: note: {} is a new {} store, and {:?} is one letter away: if they are \
                 one shop, rename one or merge them (fupan stores / the Stores screen)",
                super::term::safe(&format!("{:?}", o.store)),
                o.platform,
                super::term::safe(other)
            );
        }
    }
    files.iter().for_each(crate::applog::imported);
    if args.out.json {
        super::print_json(&ImportJson { files })
    } else {
        files.iter().for_each(print_outcome);
        Ok(())
    }
}

/// `--mapping`: a JSON file when one exists at that path, else a saved template's name.
fn load_mapping(ledger: &Ledger, arg: &str) -> Result<ColumnMapping> {
    let path = Path::new(arg);
    let is_json = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"));
    if is_json && path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let m: ColumnMapping = serde_json::from_str(&text)
            .map_err(|e| Error::InvalidArgument(format!("{arg}: not a column mapping: {e}")))?;
        m.check()?;
        return Ok(m);
    }
    template_named(ledger.conn(), arg)?.ok_or_else(|| {
        Error::InvalidArgument(format!(
            "no column-mapping template named {arg:?} (and no such .json file)"
        ))
    })
}

fn print_outcome(o: &FileOutcome) {
    let safe = super::term::safe;
    println!(
        "{}: {} {}{}: {} rows, {} added, {} updated, {} duplicates{}",
        safe(&o.file),
        o.platform,
        o.report,
        // Cost sheets belong to no store of their own.
        if o.store.is_empty() {
            String::new()
        } else {
            format!(" → store {:?}", safe(&o.store))
        },
        o.rows,
        o.added,
        o.updated,
        o.duplicates,
        match (o.date_from, o.date_to) {
            (Some(f), Some(t)) => format!(", {f} … {t}"),
            _ => String::new(),
        }
    );
    print_unmapped(&o.unmapped);
    for s in &o.skipped {
        println!(
            "  skipped {} row {}{}: {}",
            safe(&s.sheet),
            s.row,
            s.column
                .as_deref()
                .map(|c| format!(" column {c:?}"))
                .unwrap_or_default(),
            safe(&s.reason)
        );
    }
}

/// The money columns nobody read: a new fee column would overstate profit if dropped.
pub(super) fn print_unmapped(unmapped: &[fupan_engine::import::Unmapped]) {
    for u in unmapped {
        println!(
            "  not read: money column {:?} ({} rows, total {}) — a new fee? Fupan does not \
             know this column yet",
            u.column, u.rows_with_money, u.total
        );
    }
}

pub fn undo(ledger: &mut Ledger, id: i64) -> Result<()> {
    ledger.undo_import(ImportId(id))?;
    crate::applog::undone(id);
    println!("Import {id} undone.");
    Ok(())
}
