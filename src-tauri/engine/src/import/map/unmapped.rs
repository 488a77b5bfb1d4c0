//! Drift guard: a money column of a fee-bearing report that no role of its format reads is
//! REPORTED, never dropped silently. Platforms add a fee column every few months (formats.md
//! "Checked against real exports"); until a format table learns it, the merchant sees its
//! name, how many rows carry an amount and their total (`fupan import --json` "unmapped",
//! the window's preview and the import history) — and the file still imports.
//!
//! Driven by the format table: a column is a candidate when its header is neither read by a
//! role nor listed in the format's `ignore` (known non-cost columns), nor named like an id,
//! date, count or weight. A candidate is reported when most of its non-empty cells are money
//! and at least one amount is not zero.

use rust_decimal::Decimal;

use crate::import::clean;
use crate::import::formats::spec::split_occurrence;
use crate::import::formats::FormatSpec;
use crate::import::header::{self, Columns};
use crate::import::read::{column_letters, Cell};
use crate::model::{Currency, Money, Unmapped};

/// Words of headers that hold ids, dates, counts or measures, never money (whole words for
/// Latin scripts, fragments for CJK and Vietnamese phrases).
const NOT_MONEY_WORDS: &[&str] = &[
    "id",
    "no",
    "no.",
    "stt",
    "qty",
    "quantity",
    "date",
    "time",
    "weight",
    "phone",
    "zip",
    "zipcode",
    "postcode",
    "cep",
    "cpf",
    "tracking",
    "number",
    "rate",
    "count",
    "pesanan",
    "jumlah",
    "berat",
    "quantidade",
    "peso",
    "data",
    "hora",
];
const NOT_MONEY_FRAGMENTS: &[&str] = &[
    "编号",
    "单号",
    "号码",
    "时间",
    "日期",
    "数量",
    "重量",
    "率",
    "电话",
    "邮编",
    "ngày",
    "thời gian",
    "số lượng",
    "cân nặng",
    "tỷ lệ",
    "điện thoại",
    "mã đơn",
    "mã vận đơn",
    "mã số thuế",
    "mã kiện",
    "mã yêu cầu",
    "mã sản phẩm",
    "mã giao dịch",
    "%",
    "(g)",
    "(kg)",
    "編號",
    "時間",
    "數量",
    "電話",
    "郵遞區號",
    "期數",
    "後四碼",
];

fn named_like_not_money(header: &str) -> bool {
    let lower = header.to_lowercase();
    if NOT_MONEY_FRAGMENTS.iter().any(|f| lower.contains(f)) {
        return true;
    }
    let named = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .flat_map(split_at_script_change)
        .any(|w| {
            NOT_MONEY_WORDS.contains(&w.trim_end_matches('.')) || NOT_MONEY_WORDS.contains(&w)
        });
    named
}

/// Han, kana or Hangul: Chinese headers glue Latin words to them ("商品ID", "达人ID").
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// A word cut where CJK meets another script ("商品id" → "商品", "id"); Vietnamese words,
/// Latin with diacritics, stay whole.
fn split_at_script_change(word: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut cuts = Vec::new();
    let mut prev: Option<bool> = None;
    for (i, c) in word.char_indices() {
        let cjk = is_cjk(c);
        if prev.is_some_and(|p| p != cjk) {
            cuts.push(&word[start..i]);
            start = i;
        }
        prev = Some(cjk);
    }
    cuts.push(&word[start..]);
    cuts.into_iter()
}

/// The columns of `columns` that may hold an unknown cost: not bound (`index`), not read by
/// name by any role, not in the format's `ignore` (plain, or "Name#k" for the k-th of twin
/// columns), not named like an id/date/count. A twin of a bound column (two columns of one
/// name, one read) is a candidate whatever its name says, unless ignored by position.
pub fn candidates(spec: &FormatSpec, columns: &Columns, index: &[Option<usize>]) -> Vec<usize> {
    let headers = columns.headers();
    let bound = |i: usize| index.contains(&Some(i));
    let same = |alias: &str, h: &str| header::normalize(alias).to_lowercase() == h.to_lowercase();
    let role_alias = |h: &str| {
        spec.columns
            .iter()
            .flat_map(|c| c.aliases)
            .any(|a| same(split_occurrence(a).0, h))
    };
    (0..headers.len())
        .filter(|&i| !bound(i))
        .filter(|&i| {
            let h = &headers[i];
            let k = headers[..i].iter().filter(|x| *x == h).count() + 1;
            let ignored = !h.is_empty()
                && spec.ignore.iter().any(|a| match split_occurrence(a) {
                    (name, None) => same(name, h),
                    (name, Some(n)) => n == k && same(name, h),
                });
            let twin_of_bound = !h.is_empty()
                && headers
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && other == h && bound(j));
            !ignored
                && (twin_of_bound || (!role_alias(h) && (h.is_empty() || !named_like_not_money(h))))
        })
        .collect()
}

/// Running counts per candidate column over the data rows read.
#[derive(Debug, Default)]
pub struct Tally {
    columns: Vec<ColumnTally>,
}

#[derive(Debug)]
struct ColumnTally {
    index: usize,
    filled: u64,
    money: u64,
    nonzero: u64,
    total: Decimal,
}

impl Tally {
    pub fn new(candidates: &[usize]) -> Tally {
        Tally {
            columns: candidates
                .iter()
                .map(|&index| ColumnTally {
                    index,
                    filled: 0,
                    money: 0,
                    nonzero: 0,
                    total: Decimal::ZERO,
                })
                .collect(),
        }
    }

    /// Count one data row.
    pub fn add(&mut self, cells: &[Cell], currency: Currency) {
        for c in &mut self.columns {
            let Some(cell) = cells.get(c.index) else {
                continue;
            };
            match clean::money(cell, currency) {
                Ok(None) => {}
                Ok(Some(v)) => {
                    c.filled += 1;
                    c.money += 1;
                    if !v.is_zero() {
                        c.nonzero += 1;
                        c.total = c.total.checked_add(v).unwrap_or(c.total);
                    }
                }
                Err(_) => c.filled += 1,
            }
        }
    }

    /// The money-looking columns: most filled cells are money, some amount is not zero.
    pub fn finish(&self, columns: &Columns, currency: Currency) -> Vec<Unmapped> {
        self.columns
            .iter()
            .filter(|c| c.nonzero > 0 && c.money * 2 > c.filled)
            .map(|c| {
                let header = columns.headers().get(c.index).cloned().unwrap_or_default();
                Unmapped {
                    column: if header.is_empty() {
                        format!("column {}", column_letters(c.index as u32))
                    } else {
                        header
                    },
                    rows_with_money: c.nonzero,
                    total: Money::new(c.total, currency).to_output(),
                }
            })
            .collect()
    }
}

/// Add `more` to `into`: one entry per column name (companion sheets, parts of one export).
pub fn merge(into: &mut Vec<Unmapped>, more: Vec<Unmapped>, currency: Currency) {
    for m in more {
        match into.iter_mut().find(|x| x.column == m.column) {
            Some(x) => {
                let sum = |t: &str| t.parse::<Decimal>().unwrap_or_default();
                x.rows_with_money += m.rows_with_money;
                x.total = Money::new(sum(&x.total) + sum(&m.total), currency).to_output();
            }
            None => into.push(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::formats;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_new_money_column_is_reported_with_its_total() {
        let spec = formats::by_id("shopee_vn.income").expect("income format");
        let header = [
            t("Mã đơn hàng"),
            t("Phí cố định"),
            t("Phí mới"),
            t("Ghi chú lạ"),
            t("Mã vận đơn"),
            Cell::Empty,
        ];
        let columns = Columns::new(&header);
        let index = vec![Some(0), Some(1)];
        let cand = candidates(spec, &columns, &index);
        assert_eq!(
            cand,
            vec![2, 3, 5],
            "bound, declared and id-named columns are out"
        );
        let mut tally = Tally::new(&cand);
        for row in [
            ["A", "1000", "-2.500", "hello", "123456789", "7"],
            ["B", "1000", "", "world", "123456790", ""],
            ["C", "1000", "-1.000", "x", "1", "0"],
        ] {
            let cells: Vec<Cell> = row.iter().map(|s| t(s)).collect();
            tally.add(&cells, Currency::VND);
        }
        let out = tally.finish(&columns, Currency::VND);
        assert_eq!(
            out,
            vec![
                Unmapped {
                    column: "Phí mới".into(),
                    rows_with_money: 2,
                    total: "-3500".into(),
                },
                Unmapped {
                    column: "column F".into(),
                    rows_with_money: 1,
                    total: "7".into(),
                },
            ]
        );
    }

    #[test]
    fn merging_adds_up_by_column() {
        let u = |c: &str, n, t: &str| Unmapped {
            column: c.into(),
            rows_with_money: n,
            total: t.into(),
        };
        let mut all = vec![u("a", 1, "1.50")];
        merge(
            &mut all,
            vec![u("a", 2, "2.25"), u("b", 1, "3.00")],
            Currency::USD,
        );
        assert_eq!(all, vec![u("a", 3, "3.75"), u("b", 1, "3.00")]);
    }

    #[test]
    fn id_date_and_count_headers_are_not_money() {
        for h in [
            "Order ID",
            "Ngày đặt hàng",
            "Quantity",
            "Weight(kg)",
            "订单编号",
            "Phone #",
            "商品ID",
            "达人ID",
        ] {
            assert!(named_like_not_money(h), "{h}");
        }
        for h in [
            "Phí mới",
            "Paid amount",
            "GMV Max ad fee",
            "手续费",
            "Phí cố định",
            "Idea费",
        ] {
            assert!(!named_like_not_money(h), "{h}");
        }
    }
}
