//! Zip containers: decides whether a zip is an xlsx/xlsm, xlsb, ods or a bundle of CSVs
//! (Douyin 资金 exports), guarding against zip bombs. Entry names without the UTF-8 flag are
//! decoded as GB18030 when they are not valid UTF-8 (Chinese Windows zippers write GBK).

use std::io::{self, Read, Seek, SeekFrom};

use encoding_rs::GB18030;
use zip::ZipArchive;

use super::decode::sniff_encoding;
use super::sheets::{open_sheets, Kind};
use super::text::csv_rows;
use super::{bad_file, Book, Row};
use crate::error::{Error, Result};

/// Total uncompressed bytes one archive may claim, and one read pass may produce.
pub(crate) const MAX_UNPACKED: u64 = 2 << 30;
/// Entries above 1 MiB may not inflate more than this many times their packed size.
const MAX_RATIO: u64 = 1000;
/// General-purpose flag bit 11: the entry name is UTF-8.
const UTF8_FLAG: u16 = 0x0800;

pub(crate) fn open_zip<RS: Read + Seek + Send + 'static>(
    name: String,
    mut rs: RS,
) -> Result<Box<dyn Book>> {
    let entries = {
        let mut zip = ZipArchive::new(&mut rs)
            .map_err(|e| bad_file(&name, None, format!("damaged zip archive: {e}")))?;
        let entries = list_entries(&name, &mut zip)?;
        if entries.iter().any(|e| e.is_workbook_part()) {
            verify_unpacked(&name, &mut zip, &entries)?;
        }
        entries
    };
    let has = |n: &str| entries.iter().any(|e| e.name.eq_ignore_ascii_case(n));
    let kind = if has("xl/workbook.xml") {
        Some(Kind::Xlsx)
    } else if has("xl/workbook.bin") {
        Some(Kind::Xlsb)
    } else if has("content.xml") && has("mimetype") {
        Some(Kind::Ods)
    } else {
        None
    };
    if let Some(kind) = kind {
        rs.seek(SeekFrom::Start(0))
            .map_err(|e| bad_file(&name, None, e.to_string()))?;
        return open_sheets(name, rs, kind);
    }
    let sheets: Vec<Entry> = entries.into_iter().filter(|e| e.is_csv()).collect();
    if sheets.is_empty() {
        return Err(Error::UnknownFormat {
            file: name,
            detail: "a zip archive holding no spreadsheet or CSV file".into(),
        });
    }
    let zip = ZipArchive::new(rs)
        .map_err(|e| bad_file(&name, None, format!("damaged zip archive: {e}")))?;
    Ok(Box::new(ZipCsvBook { name, zip, sheets }))
}

struct Entry {
    index: usize,
    name: String,
    packed: u64,
}

impl Entry {
    /// Parts calamine inflates itself (CSV entries are capped as they are read).
    fn is_workbook_part(&self) -> bool {
        self.name.starts_with("xl/") || self.name == "content.xml"
    }

    /// xlsx/xlsb worksheets: streamed cell by cell and capped as they are read
    /// (`sheets::group_rows`), never held whole, so they need no inflating in advance.
    fn is_streamed_sheet(&self) -> bool {
        self.name.starts_with("xl/worksheets/")
            && (self.name.ends_with(".xml") || self.name.ends_with(".bin"))
    }

    fn is_csv(&self) -> bool {
        let lower = self.name.to_lowercase();
        !lower.starts_with("__macosx/")
            && !lower.ends_with('/')
            && [".csv", ".tsv", ".txt"]
                .iter()
                .any(|ext| lower.ends_with(ext))
    }
}

fn list_entries<R: Read + Seek>(file: &str, zip: &mut ZipArchive<R>) -> Result<Vec<Entry>> {
    let mut total = 0u64;
    let mut out = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let entry = zip
            .by_index_raw(index)
            .map_err(|e| bad_file(file, None, format!("damaged zip archive: {e}")))?;
        total = total.saturating_add(entry.size());
        let packed = entry.compressed_size().max(1);
        if total > MAX_UNPACKED || (entry.size() > 1 << 20 && entry.size() / packed > MAX_RATIO) {
            return Err(bad_file(
                file,
                None,
                "archive unpacks to an implausible size (zip bomb?)",
            ));
        }
        let name = entry_name(entry.name_raw(), entry.flags().as_u16() & UTF8_FLAG != 0);
        out.push(Entry {
            index,
            name,
            packed: entry.compressed_size(),
        });
    }
    Ok(out)
}

/// Deflate inflates at most ~1032×: below this much packed data no bomb can pass the cap.
const SAFE_PACKED: u64 = MAX_UNPACKED / 1032;

/// Declared sizes can lie, and calamine inflates workbook parts without a cap: when the
/// packed data could exceed the cap, inflate every entry calamine holds whole once
/// (discarding the output) and count what really comes out. Streamed worksheets are left
/// out: inflating them here doubled the time of a large import (issue 8's profile).
fn verify_unpacked<R: Read + Seek>(
    file: &str,
    zip: &mut ZipArchive<R>,
    entries: &[Entry],
) -> Result<()> {
    let held: Vec<&Entry> = entries.iter().filter(|e| !e.is_streamed_sheet()).collect();
    if held.iter().map(|e| e.packed).sum::<u64>() <= SAFE_PACKED {
        return Ok(());
    }
    count_unpacked(file, zip, &held, MAX_UNPACKED)
}

fn count_unpacked<R: Read + Seek>(
    file: &str,
    zip: &mut ZipArchive<R>,
    entries: &[&Entry],
    max_total: u64,
) -> Result<()> {
    let bomb = || {
        bad_file(
            file,
            None,
            "archive unpacks to an implausible size (zip bomb?)",
        )
    };
    let damaged = |e: String| bad_file(file, None, format!("damaged zip archive: {e}"));
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for e in entries {
        let mut entry = zip.by_index(e.index).map_err(|x| damaged(x.to_string()))?;
        let mut unpacked = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(|x| damaged(x.to_string()))? as u64;
            if n == 0 {
                break;
            }
            unpacked += n;
            total += n;
            if total > max_total || (unpacked > 1 << 20 && unpacked / e.packed.max(1) > MAX_RATIO) {
                return Err(bomb());
            }
        }
    }
    Ok(())
}

/// UTF-8 when flagged or valid; otherwise GBK/GB18030 (never cp437, which mangles 中文).
pub(crate) fn entry_name(raw: &[u8], utf8_flag: bool) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) if utf8_flag => String::from_utf8_lossy(raw).into_owned(),
        Err(_) => GB18030.decode_without_bom_handling(raw).0.into_owned(),
    }
}

/// A zip of CSVs: each CSV entry is a sheet named after the entry.
struct ZipCsvBook<RS: Read + Seek> {
    name: String,
    zip: ZipArchive<RS>,
    sheets: Vec<Entry>,
}

impl<RS: Read + Seek> Book for ZipCsvBook<RS> {
    fn file_name(&self) -> &str {
        &self.name
    }

    fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|e| e.name.clone()).collect()
    }

    fn rows<'a>(&'a mut self, sheet: &str) -> Result<Box<dyn Iterator<Item = Result<Row>> + 'a>> {
        let Some(index) = self
            .sheets
            .iter()
            .find(|e| e.name == sheet)
            .map(|e| e.index)
        else {
            return Err(bad_file(
                &self.name,
                None,
                format!("no sheet named {sheet:?}"),
            ));
        };
        let fail = |e: String| {
            bad_file(
                &self.name,
                Some(sheet),
                format!("could not read the entry: {e}"),
            )
        };
        let entry = self.zip.by_index(index).map_err(|e| fail(e.to_string()))?;
        if entry.encrypted() {
            return Err(fail("it is password-protected".into()));
        }
        let enc = sniff_encoding(Capped::new(entry)).map_err(|e| fail(e.to_string()))?;
        let entry = self.zip.by_index(index).map_err(|e| fail(e.to_string()))?;
        csv_rows(
            Capped::new(entry),
            enc,
            self.name.clone(),
            sheet.to_string(),
        )
    }
}

/// Fails a read once more than `MAX_UNPACKED` bytes came out (declared sizes can lie).
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R> Capped<R> {
    fn new(inner: R) -> Self {
        Capped {
            inner,
            left: MAX_UNPACKED,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "entry unpacks to more than 2 GiB",
            )
        })?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names() {
        let (gbk, _, _) = GB18030.encode("保费支出.csv");
        assert_eq!(entry_name(&gbk, false), "保费支出.csv");
        assert_eq!(entry_name("动账.csv".as_bytes(), true), "动账.csv");
        assert_eq!(entry_name(b"a.csv", false), "a.csv");
    }

    #[test]
    fn real_unpacked_size_is_counted() {
        let bytes = crate::import::read::tests::stored_zip(&[(b"xl/a.xml", &[b'x'; 100])]);
        let mut zip = ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let entries = list_entries("a.xlsx", &mut zip).unwrap();
        let entries: Vec<&Entry> = entries.iter().collect();
        assert!(count_unpacked("a.xlsx", &mut zip, &entries, 1000).is_ok());
        assert!(count_unpacked("a.xlsx", &mut zip, &entries, 50).is_err());
    }

    #[test]
    fn capped_reader_stops() {
        let mut c = Capped {
            inner: &b"abcdef"[..],
            left: 3,
        };
        let mut buf = [0u8; 16];
        assert!(c.read(&mut buf).is_err());
    }
}
