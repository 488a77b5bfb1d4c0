//! Header row detection and header-name normalisation. Exports put titles and metadata above
//! the header (Shopee income: row 3; Adjustment: ~13), description rows under it (TikTok) and
//! total rows at the end; names mix NFC/NFD and carry stray spaces, BOMs and tabs.

use unicode_normalization::UnicodeNormalization;

use crate::import::clean;
use crate::import::formats::spec::split_occurrence;
use crate::import::read::{Cell, Row};

/// Rows scanned for the header.
const HEADER_SCAN_ROWS: usize = 30;

/// A header as compared: BOM stripped, NFC, trimmed, inner whitespace runs collapsed to one
/// space, literal trailing `\t` removed. Case is KEPT (Shopee's twin columns differ by case).
pub fn normalize(h: &str) -> String {
    if is_normalized(h) {
        return h.to_string();
    }
    let nfc: String = h.replace('\u{feff}', "").nfc().collect();
    let mut t = nfc.trim();
    while let Some(rest) = t.strip_suffix("\\t") {
        t = rest.trim_end();
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Already what `normalize` returns (the common case: saves its allocations on every cell).
fn is_normalized(h: &str) -> bool {
    let mut prev_space = true; // no leading whitespace
    for c in h.chars() {
        if c == '\u{feff}' || (c.is_whitespace() && (c != ' ' || prev_space)) {
            return false;
        }
        prev_space = c == ' ';
    }
    !prev_space
        && !h.ends_with("\\t")
        && unicode_normalization::is_nfc_quick(h.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// The normalised headers of a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    headers: Vec<String>,
}

impl Columns {
    pub fn new(raw: &[Cell]) -> Columns {
        Columns {
            headers: raw.iter().map(header_text).collect(),
        }
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Index of the first header equal to any alias (aliases normalised too): an exact,
    /// case-sensitive match first; else a case-insensitive match only when exactly one
    /// header matches (so Shopee's case twins never bind by accident). An alias "Name#2"
    /// takes the 2nd column of that name (`formats::spec::split_occurrence`).
    pub fn find(&self, aliases: &[&str]) -> Option<usize> {
        self.find_bound(aliases).map(|(i, _)| i)
    }

    /// `find`, and whether the column was chosen by its position among equal names.
    pub fn find_bound(&self, aliases: &[&str]) -> Option<(usize, bool)> {
        let wanted: Vec<(String, Option<usize>)> = aliases
            .iter()
            .map(|a| {
                let (name, nth) = split_occurrence(a);
                (normalize(name), nth)
            })
            .filter(|(a, _)| !a.is_empty())
            .collect();
        // Exact names first, in header order for plain aliases.
        for (name, nth) in &wanted {
            if let Some(n) = nth {
                if let Some(i) = self.nth_where(*n, |h| h == name) {
                    return Some((i, true));
                }
            }
        }
        if let Some(i) = self
            .headers
            .iter()
            .position(|h| wanted.iter().any(|(a, nth)| nth.is_none() && a == h))
        {
            return Some((i, false));
        }
        for (name, nth) in &wanted {
            let lower = name.to_lowercase();
            let same = |h: &str| !h.is_empty() && h.to_lowercase() == lower;
            match nth {
                Some(n) => {
                    if let Some(i) = self.nth_where(*n, same) {
                        return Some((i, true));
                    }
                }
                None => {
                    let mut hits = self.headers.iter().enumerate().filter(|(_, h)| same(h));
                    if let (Some((i, _)), None) = (hits.next(), hits.next()) {
                        return Some((i, false));
                    }
                }
            }
        }
        None
    }

    /// The index of the `n`th (1-based) header passing `is`.
    fn nth_where(&self, n: usize, is: impl Fn(&str) -> bool) -> Option<usize> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, h)| is(h))
            .nth(n.checked_sub(1)?)
            .map(|(i, _)| i)
    }

    /// Header names present more than once (exact), each listed once in column order.
    pub fn duplicates(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (i, h) in self.headers.iter().enumerate() {
            if !h.is_empty() && self.headers[..i].contains(h) && !out.contains(h) {
                out.push(h.clone());
            }
        }
        out
    }
}

fn header_text(c: &Cell) -> String {
    clean::text(c).map(|t| normalize(&t)).unwrap_or_default()
}

/// Among the first rows (up to 30), the 0-based position of the header row: the row with
/// the most cells for which `known(&normalized_header)` is true, needing at least
/// `min_hits`; the earliest row wins a tie. None when no row qualifies.
pub fn find_header_row(
    rows: &[Row],
    known: &dyn Fn(&str) -> bool,
    min_hits: usize,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let hits = row
            .cells
            .iter()
            .map(header_text)
            .filter(|h| !h.is_empty() && known(h))
            .count();
        if hits >= min_hits.max(1) && best.is_none_or(|(_, b)| hits > b) {
            best = Some((i, hits));
        }
    }
    best.map(|(i, _)| i)
}

const TOTAL_LABELS: &[&str] = &["合计", "总计", "tổng cộng", "tổng", "total", "grand total"];

/// True for rows to pass over in data: all empty; a total row (first non-empty cell is
/// 合计/总计/Tổng cộng/Tổng/Total/Grand Total, any case, optional trailing colon); a
/// repeated header row (same texts as the header).
pub fn is_noise_row(cells: &[Cell], columns: &Columns) -> bool {
    // Lazily: a data row is told apart by its first non-empty cell, without normalising the
    // rest of the row (the profile showed this per-cell work dominating the mapping).
    let Some((at, first)) = cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, header_text(c)))
        .find(|(_, t)| !t.is_empty())
    else {
        return true;
    };
    let label = first.trim_end_matches([':', '：']).trim().to_lowercase();
    if TOTAL_LABELS.contains(&label.as_str()) {
        return true;
    }
    // A repeated header row: equal to the headers cell by cell (trailing empties ignored).
    let headers = columns.headers();
    if headers[..at.min(headers.len())]
        .iter()
        .any(|h| !h.is_empty())
        || headers.get(at).map_or("", String::as_str) != first
    {
        return false;
    }
    (at + 1..cells.len().max(headers.len())).all(|i| {
        let cell = cells.get(i).map(header_text).unwrap_or_default();
        cell == headers.get(i).map_or("", String::as_str)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(v: &[&str]) -> Vec<Cell> {
        v.iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*s).into())
                }
            })
            .collect()
    }

    #[test]
    fn normalizes_bom_nfd_and_spaces() {
        let nfd = "Nga\u{300}y \u{111}a\u{306}\u{323}t ha\u{300}ng"; // "Ngày đặt hàng" in NFD
        assert_eq!(normalize(nfd), "Ngày đặt hàng");
        assert_eq!(normalize("\u{feff}订单号 "), "订单号");
        assert_eq!(normalize("商品ID\\t"), "商品ID");
        assert_eq!(normalize(" Order   ID\t"), "Order ID");
        assert_eq!(normalize("Order ID"), "Order ID");
        assert_ne!(normalize("order id"), "Order ID");
    }

    #[test]
    fn find_prefers_exact_case_and_refuses_ambiguous_case() {
        let c = Columns::new(&cells(&[
            "Mã đơn hàng",
            "Tổng số tiền Người mua thanh toán",
            "Tổng số tiền người mua thanh toán",
            "Order ID",
        ]));
        assert_eq!(c.find(&["Tổng số tiền người mua thanh toán"]), Some(2));
        assert_eq!(c.find(&["Tổng số tiền Người mua thanh toán"]), Some(1));
        assert_eq!(c.find(&["TỔNG SỐ TIỀN NGƯỜI MUA THANH TOÁN"]), None);
        assert_eq!(c.find(&["order id"]), Some(3));
        assert_eq!(c.find(&["nope", "Mã đơn hàng "]), Some(0));
        assert_eq!(c.find(&["Ma\u{303} \u{111}\u{1a1}n ha\u{300}ng"]), Some(0));
        assert_eq!(c.find(&[""]), None);
    }

    #[test]
    fn twin_names_bind_by_position() {
        // Shopee BR: two `Desconto do vendedor`, two `Cidade`.
        let c = Columns::new(&cells(&[
            "Desconto do vendedor",
            "Cidade",
            "desconto do vendedor ",
            "Cidade",
            "",
        ]));
        assert_eq!(c.find_bound(&["Desconto do vendedor#2"]), Some((2, true)));
        assert_eq!(c.find_bound(&["Desconto do vendedor#1"]), Some((0, true)));
        assert_eq!(c.find_bound(&["Cidade#2"]), Some((3, true)));
        assert_eq!(c.find_bound(&["Cidade#3"]), None);
        assert_eq!(c.find_bound(&["Cidade"]), Some((1, false)));
        assert_eq!(c.find_bound(&["CIDADE"]), None, "ambiguous in any case");
        // "#" without a number is part of the name (TikTok `Phone #`).
        let c = Columns::new(&cells(&["Phone #", "Recipient"]));
        assert_eq!(c.find(&["Phone #"]), Some(0));
        assert_eq!(c.find(&["phone #"]), Some(0));
    }

    #[test]
    fn duplicates_are_listed_once() {
        let c = Columns::new(&cells(&["a", "b", "a", "", "", "a", "B"]));
        assert_eq!(c.duplicates(), vec!["a".to_string()]);
        assert_eq!(c.headers().len(), 7);
    }

    #[test]
    fn header_row_is_found_below_titles() {
        let rows: Vec<Row> = [
            vec!["Báo cáo thu nhập"],
            vec!["Shop", "abc"],
            vec!["Mã đơn hàng", "Ngày đặt hàng", "Số lượng"],
            vec!["Mã đơn hàng", "x"],
        ]
        .iter()
        .enumerate()
        .map(|(i, r)| Row {
            number: i as u64 + 1,
            cells: cells(r),
        })
        .collect();
        let known = |h: &str| ["Mã đơn hàng", "Ngày đặt hàng", "Số lượng"].contains(&h);
        assert_eq!(find_header_row(&rows, &known, 2), Some(2));
        assert_eq!(find_header_row(&rows, &known, 4), None);
        assert_eq!(find_header_row(&[], &known, 1), None);
    }

    #[test]
    fn noise_rows() {
        let c = Columns::new(&cells(&["Order ID", "Amount"]));
        assert!(is_noise_row(&cells(&["", ""]), &c));
        assert!(is_noise_row(&[], &c));
        assert!(is_noise_row(&cells(&["Tổng cộng", "100"]), &c));
        assert!(is_noise_row(&cells(&["", "合计：", "5"]), &c));
        assert!(is_noise_row(&cells(&["TOTAL", "5"]), &c));
        assert!(is_noise_row(&cells(&["Order ID", "Amount", ""]), &c));
        assert!(is_noise_row(&[Cell::Text("-".into()), Cell::Empty], &c));
        assert!(!is_noise_row(&cells(&["123", "5"]), &c));
        assert!(!is_noise_row(&cells(&["Order ID", "5"]), &c));
    }
}
