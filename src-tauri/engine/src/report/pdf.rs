//! PDF through typst used as a library: a minimal `World` holding the generated source, the
//! charts as in-memory SVG files and the system's fonts. No packages, no disk files, no
//! network — the document is self-contained.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::error::{Error, Result};

/// Font files worth loading (lower-case file-name prefixes): CJK families that also cover
/// Latin and Vietnamese, then Latin fallbacks. Loading only these keeps start-up quick.
const FONT_FILES: &[&str] = &[
    "notosanscjk",
    "sourcehansans",
    "msyh",
    "pingfang",
    "wqy-microhei",
    "wqy-zenhei",
    "dejavusans.ttf",
    "dejavusans-bold.ttf",
    "notosans-regular",
    "notosans-bold",
    "segoeui",
    "arial.ttf",
    "arialbd.ttf",
];

/// Where fonts live on Linux, Windows and macOS; `FUPAN_FONT_DIR` comes first.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("FUPAN_FONT_DIR") {
        dirs.push(d.into());
    }
    for d in [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
    ] {
        dirs.push(d.into());
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share/fonts"));
        dirs.push(Path::new(&home).join(".fonts"));
    }
    if let Some(win) = std::env::var_os("WINDIR") {
        dirs.push(Path::new(&win).join("Fonts"));
    }
    dirs
}

fn scan(dir: &Path, depth: u32, out: &mut Vec<Font>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            if depth < 4 {
                scan(&path, depth + 1, out);
            }
            continue;
        }
        let name = e.file_name().to_string_lossy().to_lowercase();
        let is_font = [".ttf", ".otf", ".ttc", ".otc"]
            .iter()
            .any(|x| name.ends_with(x));
        if is_font && FONT_FILES.iter().any(|p| name.starts_with(p)) {
            if let Ok(data) = std::fs::read(&path) {
                out.extend(Font::iter(Bytes::new(data)));
            }
        }
    }
}

/// The system's fonts, loaded once per process.
fn fonts() -> Result<&'static [Font]> {
    static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let mut out = Vec::new();
        for d in font_dirs() {
            scan(&d, 0, &mut out);
        }
        out
    });
    let known = |f: &Font| {
        let fam = f.info().family.as_str();
        super::typst::FAMILIES
            .iter()
            .any(|x| x.eq_ignore_ascii_case(fam))
    };
    if fonts.iter().any(known) {
        Ok(fonts)
    } else {
        Err(Error::NotFound(
            "no font for the PDF report was found: install Noto Sans CJK (Debian/Ubuntu: \
             fonts-noto-cjk) or set FUPAN_FONT_DIR to a folder holding it"
                .into(),
        ))
    }
}

struct ReportWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: &'static [Font],
    main: Source,
    /// In-memory files the markup may read (the charts), by virtual path.
    files: Vec<(FileId, Bytes)>,
    today: NaiveDate,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied) // no other files, no packages
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, b)| b.clone())
            .ok_or(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        let d = self.today;
        Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
    }
}

/// Typeset `source` with its in-memory `files` (path, bytes) and export it as PDF bytes.
pub fn compile_pdf(
    source: String,
    files: Vec<(String, Vec<u8>)>,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    let fonts = fonts()?;
    let world = ReportWorld {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(fonts)),
        fonts,
        main: Source::new(FileId::new(None, VirtualPath::new("report.typ")), source),
        files: files
            .into_iter()
            .map(|(path, data)| (FileId::new(None, VirtualPath::new(&path)), Bytes::new(data)))
            .collect(),
        today,
    };
    let doc: PagedDocument = typst::compile(&world)
        .output
        .map_err(|d| diag("typeset", &d, &world.main))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
        .map_err(|d| diag("export", &d, &world.main))
}

/// Typst errors are ours (the markup is generated): internal, with the first messages.
fn diag(stage: &str, d: &[SourceDiagnostic], src: &Source) -> Error {
    let msgs: Vec<String> = d
        .iter()
        .take(3)
        .map(|e| {
            let line = src
                .range(e.span)
                .and_then(|r| src.lines().byte_to_line(r.start))
                .map_or(0, |l| l + 1);
            format!("line {line}: {}", e.message)
        })
        .collect();
    Error::Internal(format!("PDF {stage} failed: {}", msgs.join("; ")))
}
