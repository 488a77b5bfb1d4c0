//! Cell cleaning (money, numbers, dates, ids) on arbitrary cells. Must never panic, and what
//! it accepts must hold the documented invariants.
#![no_main]

use fupan_engine::import::clean;
use fupan_engine::import::read::Cell;
use fupan_engine::model::{Currency, Scaled};
use libfuzzer_sys::fuzz_target;

fn eight(bytes: &[u8]) -> [u8; 8] {
    let mut b = [0u8; 8];
    let n = bytes.len().min(8);
    b[..n].copy_from_slice(&bytes[..n]);
    b
}

fuzz_target!(|data: &[u8]| {
    let Some((&tag, rest)) = data.split_first() else {
        return;
    };
    let cell = match tag % 4 {
        0 => Cell::Float(f64::from_le_bytes(eight(rest))),
        1 => Cell::Int(i64::from_le_bytes(eight(rest))),
        2 => Cell::Error(String::from_utf8_lossy(rest).into_owned()),
        _ => Cell::Text(String::from_utf8_lossy(rest).into_owned()),
    };
    for currency in [Currency::CNY, Currency::VND] {
        if let Ok(Some(m)) = clean::money(&cell, currency) {
            // Storage either holds it or refuses it (overflow): never a panic.
            let _ = Scaled::from_decimal(m);
        }
    }
    let _ = clean::decimal(&cell);
    let _ = clean::integer(&cell);
    let _ = clean::rate(&cell);
    let _ = clean::text(&cell);
    if let Ok(Some(id)) = clean::id(&cell) {
        assert!(!id.is_empty(), "an id is never empty");
    }
    let in_range = |y: i32| (1990..=2100).contains(&y);
    if let Ok(Some(d)) = clean::date(&cell) {
        assert!(in_range(chrono_year(d)), "date {d} out of 1990..=2100");
    }
    if let Ok(Some((from, to))) = clean::date_range(&cell) {
        assert!(from <= to, "range {from}..{to} ends before it starts");
    }
    let _ = clean::datetime(&cell);
});

fn chrono_year(d: impl std::fmt::Display) -> i32 {
    d.to_string()
        .split('-')
        .next()
        .and_then(|y| y.parse().ok())
        .unwrap_or(0)
}
