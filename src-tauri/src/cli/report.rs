//! `fupan report --year YYYY [--store S] [--lang zh|vi|en] --out FILE.pdf|.html|.xlsx`:
//! the year-end review, its format chosen by the file's extension.

use std::path::Path;

use fupan_engine::report::{Lang, Output, YearReview};
use fupan_engine::{Error, Ledger, Result};

use super::args::{self, ReportArgs};

pub fn run(ledger: &Ledger, a: &ReportArgs) -> Result<()> {
    let output = Output::from_path(&a.out).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "{}: the report is written as .pdf, .html or .xlsx",
            a.out.display()
        ))
    })?;
    let lang = match a.lang {
        Some(args::Lang::Zh) => Lang::Zh,
        Some(args::Lang::Vi) => Lang::Vi,
        Some(args::Lang::En) => Lang::En,
        None => env_lang(),
    };
    let today = chrono::Local::now().date_naive();
    let review = YearReview::gather(ledger, a.year, a.store.as_deref(), today)?;
    let bytes = output.render(&review, lang)?;
    write_whole(&a.out, &bytes)?;
    crate::applog::file_done("report", &a.out);
    println!("Wrote {}", a.out.display());
    Ok(())
}

/// The language of the environment: LC_ALL, then LANG, then the OS locale (zh*, vi*, else en).
fn env_lang() -> Lang {
    let var = |k| std::env::var(k).ok().filter(|v: &String| !v.is_empty());
    let locale = var("LC_ALL")
        .or_else(|| var("LANG"))
        .or_else(sys_locale::get_locale);
    Lang::from_locale(&locale.unwrap_or_default())
}

/// Write through a temporary file beside the target and rename it into place, so a failure
/// never leaves half a report behind.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.partial"));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
