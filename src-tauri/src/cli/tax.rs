//! `fupan tax`: each store's tax regime (metrics.md §9), listed or set; and the words that
//! label an estimate with its rule in the text outputs.

use std::str::FromStr;

use fupan_engine::model::{format_grouped, Currency, FlatBase, TaxRegime};
use fupan_engine::{Error, Ledger, Result};
use rust_decimal::Decimal;
use serde::Serialize;

use super::args::{FlatBaseArg, RegimeArg, TaxArgs, TaxCommand};
use super::summary::pad;

#[derive(Serialize)]
struct Row {
    store: String,
    platform: String,
    currency: Currency,
    #[serde(flatten)]
    regime: TaxRegime,
}

pub fn run(ledger: &Ledger, args: &TaxArgs) -> Result<()> {
    if let Some(TaxCommand::Set {
        store,
        regime,
        rate,
        exemption,
        threshold,
        flat_pct,
        flat_base,
    }) = &args.action
    {
        let regime = regime_of(
            *regime,
            Flags {
                rate: rate.as_deref(),
                exemption: exemption.as_deref(),
                threshold: threshold.as_deref(),
                flat_pct: flat_pct.as_deref(),
                flat_base: *flat_base,
            },
        )?;
        let wanted = store.trim();
        let stores: Vec<_> = ledger
            .stores()?
            .into_iter()
            .filter(|s| s.name == wanted)
            .collect();
        if stores.is_empty() {
            return Err(Error::NotFound(format!("no store named {wanted:?}")));
        }
        for s in &stores {
            ledger.set_tax_regime(s.id, regime)?;
            if !args.out.json {
                println!(
                    "{} ({}): {}",
                    s.name,
                    s.platform,
                    words(&regime, s.currency)
                );
            }
        }
    }
    let mut rows = Vec::new();
    for s in ledger.stores()? {
        rows.push(Row {
            regime: ledger.tax_regime(s.id)?,
            store: s.name,
            platform: s.platform.to_string(),
            currency: s.currency,
        });
    }
    if args.out.json {
        return super::print_json(&serde_json::json!({ "stores": rows }));
    }
    if args.action.is_none() {
        if rows.is_empty() {
            println!("No stores yet. Try: fupan import Order.all.xlsx");
        }
        for r in &rows {
            println!(
                "{} {}",
                pad(&format!("{} ({}, {})", r.store, r.platform, r.currency), 36),
                words(&r.regime, r.currency)
            );
        }
    }
    Ok(())
}

struct Flags<'a> {
    rate: Option<&'a str>,
    exemption: Option<&'a str>,
    threshold: Option<&'a str>,
    flat_pct: Option<&'a str>,
    flat_base: Option<FlatBaseArg>,
}

fn number(flag: &str, v: &str) -> Result<Decimal> {
    Decimal::from_str(v.trim().trim_end_matches('%').trim())
        .map_err(|_| Error::InvalidArgument(format!("{flag} {v:?} is not a number")))
}

/// A percentage flag as a fraction (1 → 0.01).
fn percent(flag: &str, v: &str) -> Result<Decimal> {
    Ok(number(flag, v)? / Decimal::ONE_HUNDRED)
}

/// The regime the flags describe; a flag that does not belong to it is refused.
fn regime_of(r: RegimeArg, f: Flags<'_>) -> Result<TaxRegime> {
    let given = [
        ("--rate", f.rate.is_some(), RegimeArg::CnSmallScale),
        (
            "--exemption",
            f.exemption.is_some(),
            RegimeArg::CnSmallScale,
        ),
        ("--threshold", f.threshold.is_some(), RegimeArg::VnHousehold),
        ("--flat-pct", f.flat_pct.is_some(), RegimeArg::Flat),
        ("--flat-base", f.flat_base.is_some(), RegimeArg::Flat),
    ];
    for (flag, set, belongs) in given {
        if set && belongs != r {
            return Err(Error::InvalidArgument(format!(
                "{flag} does not apply to --regime {}",
                regime_name(r)
            )));
        }
    }
    Ok(match r {
        RegimeArg::None => TaxRegime::None,
        RegimeArg::VnHousehold => TaxRegime::VnHousehold {
            threshold: f
                .threshold
                .map(|v| number("--threshold", v))
                .transpose()?
                .unwrap_or(TaxRegime::VN_THRESHOLD),
        },
        RegimeArg::CnSmallScale => TaxRegime::CnSmallScale {
            rate: f
                .rate
                .map(|v| percent("--rate", v))
                .transpose()?
                .unwrap_or(TaxRegime::CN_RATE),
            exemption: f
                .exemption
                .map(|v| number("--exemption", v))
                .transpose()?
                .unwrap_or(TaxRegime::CN_EXEMPTION),
        },
        RegimeArg::Flat => TaxRegime::Flat {
            rate: percent(
                "--flat-pct",
                f.flat_pct.ok_or_else(|| {
                    Error::InvalidArgument("--regime flat needs --flat-pct P".into())
                })?,
            )?,
            base: match f.flat_base {
                Some(FlatBaseArg::NetProfit) => FlatBase::NetProfit,
                _ => FlatBase::NetSales,
            },
        },
    })
}

fn regime_name(r: RegimeArg) -> &'static str {
    match r {
        RegimeArg::None => "none",
        RegimeArg::VnHousehold => "vn_household",
        RegimeArg::CnSmallScale => "cn_small_scale",
        RegimeArg::Flat => "flat",
    }
}

/// A fraction as a percentage for people: 0.015 → "1.5 %".
fn pct(v: Decimal) -> String {
    format!("{} %", (v * Decimal::ONE_HUNDRED).normalize())
}

fn amount(v: Decimal, c: Currency) -> String {
    format!("{} {c}", format_grouped(v, c.minor_units(), ',', '.'))
}

/// The regime and its rule in words (English), as every estimate is labelled.
pub(super) fn words(r: &TaxRegime, c: Currency) -> String {
    match *r {
        TaxRegime::None => "none (only what platforms withheld counts)".into(),
        TaxRegime::VnHousehold { threshold } => format!(
            "vn_household: the platforms' withholding is the tax; the year's revenue is set \
             beside the tax-free threshold of {} (no estimate added)",
            amount(threshold, c)
        ),
        TaxRegime::CnSmallScale { rate, exemption } => format!(
            "cn_small_scale: estimate = each month's net sales / (1 + {r}) × {r} when over {}, \
             nothing at or under it; a month the period cuts counts by its days inside",
            amount(exemption, c),
            r = pct(rate)
        ),
        TaxRegime::Flat { rate, base } => format!(
            "flat: estimate = {} of {}",
            pct(rate),
            match base {
                FlatBase::NetSales => "net sales",
                FlatBase::NetProfit => "net profit (none on a loss)",
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(v: &str) -> Decimal {
        Decimal::from_str(v).unwrap()
    }

    fn flags() -> Flags<'static> {
        Flags {
            rate: None,
            exemption: None,
            threshold: None,
            flat_pct: None,
            flat_base: None,
        }
    }

    #[test]
    fn defaults_percentages_and_misplaced_flags() {
        assert_eq!(
            regime_of(RegimeArg::CnSmallScale, flags()).unwrap(),
            TaxRegime::CnSmallScale {
                rate: dec("0.01"),
                exemption: dec("100000")
            }
        );
        let f = Flags {
            flat_pct: Some("1.5%"),
            flat_base: Some(FlatBaseArg::NetProfit),
            ..flags()
        };
        assert_eq!(
            regime_of(RegimeArg::Flat, f).unwrap(),
            TaxRegime::Flat {
                rate: dec("0.015"),
                base: FlatBase::NetProfit
            }
        );
        assert!(regime_of(RegimeArg::Flat, flags()).is_err());
        let wrong = Flags {
            rate: Some("3"),
            ..flags()
        };
        let e = regime_of(RegimeArg::VnHousehold, wrong).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("--rate"));
        let bad = Flags {
            threshold: Some("lots"),
            ..flags()
        };
        assert!(regime_of(RegimeArg::VnHousehold, bad).is_err());
        assert_eq!(pct(dec("0.015")), "1.5 %");
    }
}
