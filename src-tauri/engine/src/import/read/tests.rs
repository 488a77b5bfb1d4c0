//! Whole-file tests: xlsx and zips written here by a tiny stored-zip writer (so the test
//! controls the odd bits real exports have: stale dimensions, 1904 dates, GBK entry names).

use super::*;
use crate::import::clean;
use encoding_rs::GB18030;
use proptest::prelude::*;

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A stored zip with UTF-8 names and honest sizes.
pub(super) fn stored_zip(entries: &[(&[u8], &[u8])]) -> Vec<u8> {
    zip(entries, true, None)
}

/// A stored (uncompressed) zip; `declared` overrides the uncompressed size in the directory.
fn zip(entries: &[(&[u8], &[u8])], utf8_flag: bool, declared: Option<u32>) -> Vec<u8> {
    let flags: u16 = if utf8_flag { 0x0800 } else { 0 };
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let mut common = Vec::new();
        for v in [20u16, flags, 0, 0, 0x21] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&common);
        central.extend_from_slice(&declared.unwrap_or(size).to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0u8; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    let n = entries.len() as u16;
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A minimal xlsx: sheet "orders" with a stale `<dimension ref="A1:A1">`, shared and inline
/// strings, a date-formatted serial and a float; an empty second sheet.
fn xlsx(date1904: bool) -> Vec<u8> {
    let serial = if date1904 { 45678.5 - 1462.0 } else { 45678.5 };
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><workbookPr date1904="{}"/><sheets><sheet name="orders" sheetId="1" r:id="rId1"/><sheet name="Sheet2" sheetId="2" r:id="rId2"/></sheets></workbook>"#,
        u8::from(date1904)
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
    );
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="3" uniqueCount="3"><si><t>Mã đơn hàng</t></si><si><t>Giá gốc</t></si><si><t>2602098R4NA7MV</t></si></sst>"#
    );
    let sheet1 = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><dimension ref="A1:A1"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Ngày đặt hàng</t></is></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>{serial}</v></c><c r="D3"><v>19.99</v></c></row></sheetData></worksheet>"#
    );
    let sheet2 = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData/></worksheet>"#
    );
    let root = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    zip(
        &[
            (b"_rels/.rels", root.as_bytes()),
            (b"xl/workbook.xml", workbook.as_bytes()),
            (b"xl/_rels/workbook.xml.rels", rels.as_bytes()),
            (b"xl/styles.xml", styles.as_bytes()),
            (b"xl/sharedStrings.xml", shared.as_bytes()),
            (b"xl/worksheets/sheet1.xml", sheet1.as_bytes()),
            (b"xl/worksheets/sheet2.xml", sheet2.as_bytes()),
        ],
        true,
        None,
    )
}

fn all_rows(book: &mut dyn Book, sheet: &str) -> Vec<Row> {
    book.rows(sheet)
        .unwrap()
        .collect::<Result<Vec<_>>>()
        .unwrap()
}

#[test]
fn xlsx_streams_rows_past_a_stale_dimension() {
    for date1904 in [false, true] {
        let mut book = open_bytes("Order.all.xlsx", xlsx(date1904)).unwrap();
        assert_eq!(book.file_name(), "Order.all.xlsx");
        assert_eq!(book.sheet_names(), ["orders", "Sheet2"]);
        let rows = all_rows(book.as_mut(), "orders");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 1);
        assert_eq!(
            rows[0].cells,
            vec![
                Cell::Text("Mã đơn hàng".into()),
                Cell::Text("Ngày đặt hàng".into()),
                Cell::Text("Giá gốc".into())
            ]
        );
        assert_eq!(rows[1].number, 3);
        assert_eq!(rows[1].cells[0], Cell::Text("2602098R4NA7MV".into()));
        let when = clean::datetime(&rows[1].cells[1]).unwrap().unwrap();
        assert_eq!(
            when.to_string(),
            "2025-01-21 12:00:00",
            "1904 system: {date1904}"
        );
        assert_eq!(rows[1].cells[2], Cell::Empty);
        let price = clean::money(&rows[1].cells[3], crate::model::Currency::CNY).unwrap();
        assert_eq!(price.map(|d| d.to_string()), Some("19.99".into()));
        assert!(all_rows(book.as_mut(), "Sheet2").is_empty());
        assert!(book.rows("missing").is_err());
    }
}

#[test]
fn zip_of_csvs_with_gbk_names() {
    let (name, _, _) = GB18030.encode("保费支出.csv");
    let (body, _, _) = GB18030.encode("保险单号,金额(元)\n'123,\"1,234.50\"\n");
    let bytes = zip(
        &[
            (&name, &body),
            (b"readme.md", b"x"),
            (b"__MACOSX/._a.csv", b"junk"),
        ],
        false,
        None,
    );
    let mut book = open_bytes("1726000000_bill.zip", bytes).unwrap();
    assert_eq!(book.sheet_names(), ["保费支出.csv"]);
    let rows = all_rows(book.as_mut(), "保费支出.csv");
    assert_eq!(
        rows[0].cells,
        vec![Cell::Text("保险单号".into()), Cell::Text("金额(元)".into())]
    );
    assert_eq!(clean::id(&rows[1].cells[0]), Ok(Some("123".into())));
    // Reading a sheet twice works (detection, then mapping).
    assert_eq!(all_rows(book.as_mut(), "保费支出.csv").len(), 2);
}

#[test]
fn zip_bombs_and_empty_zips_are_refused() {
    let bomb = zip(&[(b"a.csv", b"a,b\n")], true, Some(u32::MAX));
    assert!(matches!(
        open_bytes("b.zip", bomb),
        Err(Error::BadFile { .. })
    ));
    let nothing = zip(&[(b"a.png", b"x")], true, None);
    assert!(matches!(
        open_bytes("n.zip", nothing),
        Err(Error::UnknownFormat { .. })
    ));
    let broken = b"PK\x03\x04garbage".to_vec();
    let e = open_bytes("broken.xlsx", broken).err().unwrap();
    assert!(e.to_string().contains("broken.xlsx"), "{e}");
}

#[test]
fn bad_inputs_name_the_file() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.csv", vec![]),
        (
            "page.xls",
            b"<html><table><tr><td>1</td></tr></table></html>".to_vec(),
        ),
        ("img.xlsx", b"\x89PNG\r\n\x1a\n....".to_vec()),
        ("bin.csv", vec![1, 0, 2, 0, 3]),
        ("fake.xls", vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0]),
    ];
    for (name, bytes) in cases {
        let e = open_bytes(name, bytes)
            .err()
            .unwrap_or_else(|| panic!("{name} opened"));
        assert!(e.to_string().contains(name), "{e}");
    }
    let dir = tempfile::tempdir().unwrap();
    let e = open(dir.path()).err().unwrap();
    assert!(matches!(e, Error::BadFile { .. }), "{e}");
    let e = open(&dir.path().join("nope.csv")).err().unwrap();
    assert!(matches!(e, Error::Io { .. }), "{e}");
}

#[test]
fn csv_from_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lazada.csv");
    std::fs::write(
        &path,
        "Order Item Id;Paid Price\n=\"6934567890123456789\";35,91\n",
    )
    .unwrap();
    let mut book = open(&path).unwrap();
    assert_eq!(book.sheet_names(), ["lazada.csv"]);
    let rows = all_rows(book.as_mut(), "lazada.csv");
    assert_eq!(
        clean::id(&rows[1].cells[0]),
        Ok(Some("6934567890123456789".into()))
    );
    let paid = clean::money(&rows[1].cells[1], crate::model::Currency::USD).unwrap();
    assert_eq!(paid.map(|d| d.to_string()), Some("35.91".into()));
}

#[test]
fn memory_book() {
    let mut book = MemoryBook::new("m.xlsx").with_sheet("s", vec![vec![Cell::Int(1)], vec![]]);
    assert_eq!(book.sheet_names(), ["s"]);
    let rows = all_rows(&mut book, "s");
    assert_eq!(rows[1].number, 2);
    assert!(book.rows("t").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), zipped in any::<bool>()) {
        let bytes = if zipped { zip(&[(b"a.csv", &bytes)], false, None) } else { bytes };
        if let Ok(mut book) = open_bytes("fuzz.csv", bytes) {
            for sheet in book.sheet_names() {
                if let Ok(rows) = book.rows(&sheet) {
                    for _ in rows.take(1000) {}
                }
            }
        }
    }

    #[test]
    fn damaged_xlsx_never_panics(
        pos in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = xlsx(false);
        let i = pos.index(bytes.len());
        bytes[i] = byte;
        bytes.truncate(bytes.len() - cut.index(bytes.len() / 8));
        if let Ok(mut book) = open_bytes("fuzz.xlsx", bytes) {
            for sheet in book.sheet_names() {
                if let Ok(rows) = book.rows(&sheet) {
                    for _ in rows.take(1000) {}
                }
            }
        }
    }
}

#[test]
fn column_letters_as_a_spreadsheet_shows_them() {
    use super::column_letters;
    let got: Vec<String> = [0, 2, 25, 26, 701, 702, 16_383]
        .into_iter()
        .map(column_letters)
        .collect();
    assert_eq!(got, ["A", "C", "Z", "AA", "ZZ", "AAA", "XFD"]);
}
