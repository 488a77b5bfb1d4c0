//! CSV/TSV text: encoding and separator sniffed, rows streamed through the `csv` crate
//! (flexible row lengths). Every field is `Cell::Text` (empty → `Cell::Empty`); cleaning
//! happens in `clean`. Row numbers count records, as a spreadsheet would show them.

use std::io::{Cursor, Read};
use std::path::PathBuf;

use super::decode::{is_utf16, sniff_encoding, DecodeReader};
use super::prefetch;
use super::{bad_file, column_letters, Book, Cell, Row, MAX_CELL_BYTES, MAX_COLUMNS};
use crate::error::{Error, Result};

/// Decoded bytes looked at to choose the separator.
const SNIFF_BYTES: usize = 64 * 1024;
const SNIFF_LINES: usize = 20;

/// Where a CSV file's bytes come from; opened afresh for each pass.
pub(crate) enum Source {
    Path(PathBuf),
    Bytes(Vec<u8>),
}

impl Source {
    fn open(&self) -> Result<Box<dyn Read + '_>> {
        match self {
            Source::Path(p) => {
                let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
                Ok(Box::new(std::io::BufReader::new(f)))
            }
            Source::Bytes(b) => Ok(Box::new(&b[..])),
        }
    }
}

/// A CSV/TSV file: one sheet named after the file.
pub(crate) struct CsvBook {
    pub(crate) name: String,
    pub(crate) source: Source,
}

impl Book for CsvBook {
    fn file_name(&self) -> &str {
        &self.name
    }

    fn sheet_names(&self) -> Vec<String> {
        vec![self.name.clone()]
    }

    fn short_rows_are_cut(&self) -> bool {
        true
    }

    fn rows<'a>(&'a mut self, sheet: &str) -> Result<Box<dyn Iterator<Item = Result<Row>> + 'a>> {
        if sheet != self.name {
            return Err(bad_file(
                &self.name,
                None,
                format!("no sheet named {sheet:?}"),
            ));
        }
        let io = |e| bad_file(&self.name, None, format!("could not read the file: {e}"));
        let enc = sniff_encoding(self.source.open()?).map_err(io)?;
        let Source::Path(path) = &self.source else {
            let reader = self.source.open()?;
            return csv_rows(reader, enc, self.name.clone(), self.name.clone());
        };
        // A file is decoded and split on a reader thread while the caller maps (`prefetch`).
        let (path, name, sheet) = (path.clone(), self.name.clone(), self.name.clone());
        let named = self.name.clone();
        Ok(Box::new(prefetch::spawn(
            (),
            move |_, push| {
                let rows = std::fs::File::open(&path)
                    .map_err(|e| Error::io(&path, e))
                    .and_then(|f| csv_rows(std::io::BufReader::new(f), enc, name, sheet));
                prefetch::push_all(rows, push);
            },
            move || bad_file(&named, None, "the reader failed"),
        )))
    }
}

/// Streams the records of CSV text in `enc` as rows.
pub(crate) fn csv_rows<'a, R: Read + 'a>(
    reader: R,
    enc: &'static encoding_rs::Encoding,
    file: String,
    sheet: String,
) -> Result<Box<dyn Iterator<Item = Result<Row>> + 'a>> {
    let mut decoded = LineEnds::new(DecodeReader::new(reader, enc));
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut decoded)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| bad_file(&file, Some(&sheet), format!("could not read the file: {e}")))?;
    let sep = separator(enc, &head);
    // '\n' alone ends a record (`LineEnds` turned "\r\n" and a lone '\r' into it) so that
    // csv's line count is exact; it lets rows be numbered as a spreadsheet shows them.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .terminator(csv::Terminator::Any(b'\n'))
        // A final '\n' makes every record terminated, so line counts hold for the last row too.
        .from_reader(Cursor::new(head).chain(decoded).chain(&b"\n"[..]));
    let mut rows = RowCounter::default();
    let mut rec = csv::ByteRecord::new();
    let mut done = false;
    Ok(Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let at_row = |row: u64, reason: String| {
            let mut err = bad_file(&file, Some(&sheet), reason);
            if let Error::BadFile { at, .. } = &mut err {
                at.row = Some(row);
            }
            err
        };
        match reader.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => {
                done = true;
                return None;
            }
            Err(e) => {
                done = true;
                let reason = format!("could not read CSV: {e}");
                return Some(Err(at_row(rows.last + 1, reason)));
            }
        }
        let newlines = rec.iter().flatten().filter(|&&b| b == b'\n').count() as u64;
        let number = rows.next(reader.position().line(), newlines);
        if rec.len() > MAX_COLUMNS {
            done = true;
            let reason = format!("more than {MAX_COLUMNS} columns (Excel's limit)");
            return Some(Err(at_row(number, reason)));
        }
        match record_cells(&rec) {
            Ok(cells) => Some(Ok(Row { number, cells })),
            Err(reason) => {
                done = true;
                Some(Err(at_row(number, reason)))
            }
        }
    })))
}

/// The separator of a text file: a UTF-16 export (Excel's "Unicode text") is tab-separated
/// unless it has no tab; otherwise the one the first bytes show.
fn separator(enc: &'static encoding_rs::Encoding, head: &[u8]) -> u8 {
    if is_utf16(enc) && !head.contains(&b'\t') {
        b','
    } else if is_utf16(enc) {
        b'\t'
    } else {
        sniff_separator(head)
    }
}

/// The cells of one record; a cell over 1 MiB (an unbalanced quote swallowing the file) is
/// refused with its column.
fn record_cells(rec: &csv::ByteRecord) -> std::result::Result<Vec<Cell>, String> {
    let last = rec.len().saturating_sub(1);
    let mut cells = Vec::with_capacity(rec.len());
    for (i, field) in rec.iter().enumerate() {
        let field = match field {
            [head @ .., b'\r'] if i == last => head,
            f => f,
        };
        if field.len() > MAX_CELL_BYTES {
            return Err(format!(
                "column {}: a cell is larger than 1 MiB (unbalanced quote?)",
                column_letters(i as u32)
            ));
        }
        cells.push(if field.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(String::from_utf8_lossy(field).into_owned())
        });
    }
    Ok(cells)
}

/// Turns every line ending into '\n': "\r\n" (Windows) and a lone '\r' (old Mac exports;
/// read as '\n'-only, each such file lost rows into the cell before). A '\r' at the end of
/// one read and '\n' at the start of the next are still one ending.
struct LineEnds<R> {
    inner: R,
    after_cr: bool,
}

impl<R: Read> LineEnds<R> {
    fn new(inner: R) -> Self {
        LineEnds {
            inner,
            after_cr: false,
        }
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut out = 0;
            for i in 0..n {
                let b = buf[i];
                let skip = b == b'\n' && self.after_cr;
                self.after_cr = b == b'\r';
                if !skip {
                    buf[out] = if b == b'\r' { b'\n' } else { b };
                    out += 1;
                }
            }
            // A read that was only the '\n' of a "\r\n" split across reads: read on.
            if out > 0 {
                return Ok(out);
            }
        }
    }
}

/// Spreadsheet row numbers from csv's line count: csv skips blank lines (a spreadsheet
/// shows them as rows) while a quoted field's line breaks stay inside one row.
#[derive(Default)]
struct RowCounter {
    last: u64,
    embedded: u64,
}

impl RowCounter {
    /// `line_after` is the reader's line just after the record (its '\n' consumed).
    fn next(&mut self, line_after: u64, newlines: u64) -> u64 {
        let start_line = line_after.saturating_sub(1 + newlines);
        let row = start_line.saturating_sub(self.embedded).max(self.last + 1);
        self.embedded += newlines;
        self.last = row;
        row
    }
}

/// Chooses among ',', ';' and '\t' from the first lines (quotes respected): the separator
/// whose count is the same on the most lines wins, then the higher count; ties go to ','.
pub(crate) fn sniff_separator(text: &[u8]) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
    let mut lines: Vec<[usize; 3]> = Vec::new();
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut any = false;
    for &b in text {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                if any {
                    lines.push(counts);
                }
                counts = [0; 3];
                any = false;
                if lines.len() >= SNIFF_LINES {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            any = true;
        }
    }
    if any && lines.len() < SNIFF_LINES {
        lines.push(counts);
    }
    let mut best = (b',', 0usize, 0usize);
    for (i, &c) in CANDIDATES.iter().enumerate() {
        // The modal non-zero count and how many lines have it.
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for l in &lines {
            if l[i] == 0 {
                continue;
            }
            match seen.iter_mut().find(|(n, _)| *n == l[i]) {
                Some((_, k)) => *k += 1,
                None => seen.push((l[i], 1)),
            }
        }
        let Some(&(n, k)) = seen.iter().max_by_key(|(n, k)| (*k, *n)) else {
            continue;
        };
        if (k, n) > (best.2, best.1) {
            best = (c, n, k);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GB18030;

    fn rows_of(bytes: &[u8]) -> Vec<Row> {
        let mut book = CsvBook {
            name: "t.csv".into(),
            source: Source::Bytes(bytes.to_vec()),
        };
        let rows = book.rows("t.csv").unwrap().collect::<Result<Vec<_>>>();
        rows.unwrap()
    }

    fn texts(r: &Row) -> Vec<String> {
        r.cells
            .iter()
            .map(|c| match c {
                Cell::Text(s) => s.clone(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn separators() {
        assert_eq!(sniff_separator(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_separator(b"a;b;c\n1,5;2,5;3\n4;5;6"), b';');
        assert_eq!(sniff_separator(b"a\tb\tc\n\"x,y,z,w\"\t2\t3\n"), b'\t');
        assert_eq!(sniff_separator(b"only"), b',');
        assert_eq!(sniff_separator(b""), b',');
    }

    #[test]
    fn semicolon_csv_rows() {
        let rows = rows_of(b"Order Item Id;Paid Price\n123;35,91\n;\n\"a;b\";x\n");
        assert_eq!(texts(&rows[0]), ["Order Item Id", "Paid Price"]);
        assert_eq!(texts(&rows[1]), ["123", "35,91"]);
        assert_eq!(rows[2].cells, vec![Cell::Empty, Cell::Empty]);
        assert_eq!(texts(&rows[3]), ["a;b", "x"]);
        assert_eq!(rows[3].number, 4);
    }

    #[test]
    fn gbk_and_utf16_files() {
        let (gbk, _, _) = GB18030.encode("标题\n日期,花费\n20260803至20260809,\"1,234.50\"\n");
        let rows = rows_of(&gbk);
        assert_eq!(texts(&rows[0]), ["标题"]);
        assert_eq!(texts(&rows[2]), ["20260803至20260809", "1,234.50"]);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "订单号\t金额\r\n1\t2,5\r\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let rows = rows_of(&utf16);
        assert_eq!(texts(&rows[0]), ["订单号", "金额"]);
        assert_eq!(texts(&rows[1]), ["1", "2,5"]);
        let rows = rows_of("\u{feff}主订单编号,金额\n'123,-\n".as_bytes());
        assert_eq!(texts(&rows[0]), ["主订单编号", "金额"]);
        assert_eq!(texts(&rows[1]), ["'123", "-"]);
    }

    #[test]
    fn row_numbers_count_blank_lines_not_embedded_newlines() {
        let rows = rows_of(b"a,b\n\n1,\"x\ny\"\r\n2,3\n\n\n4,5");
        let numbers: Vec<u64> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 4, 7]);
        assert_eq!(texts(&rows[1]), ["1", "x\ny"]);
    }

    #[test]
    fn every_line_ending_ends_a_row() {
        for text in [
            &b"a,b\n1,2\n3,4\n"[..],
            b"a,b\r\n1,2\r\n3,4\r\n",
            b"a,b\r1,2\r3,4\r",
            b"a,b\r1,2\r\n3,4",
        ] {
            let rows = rows_of(text);
            let got: Vec<Vec<String>> = rows.iter().map(texts).collect();
            assert_eq!(got, [["a", "b"], ["1", "2"], ["3", "4"]], "{text:?}");
            let numbers: Vec<u64> = rows.iter().map(|r| r.number).collect();
            assert_eq!(numbers, [1, 2, 3]);
        }
        // "\r\n" split across two reads is still one ending.
        let mut split = LineEnds::new(std::io::Read::chain(&b"a\r"[..], &b"\nb"[..]));
        let mut out = String::new();
        split.read_to_string(&mut out).unwrap();
        assert_eq!(out, "a\nb");
    }

    #[test]
    fn flexible_rows_and_wrong_sheet() {
        let rows = rows_of(b"a,b,c\n1\n1,2,3,4\n");
        assert_eq!(rows[1].cells.len(), 1);
        assert_eq!(rows[2].cells.len(), 4);
        let mut book = CsvBook {
            name: "t.csv".into(),
            source: Source::Bytes(vec![]),
        };
        assert!(book.rows("other").is_err());
        assert_eq!(book.rows("t.csv").unwrap().count(), 0);
    }
}
