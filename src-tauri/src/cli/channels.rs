//! `fupan channels`: per store × channel ROAS, ROI and verdict against break-even.

use std::str::FromStr;

use fupan_engine::metrics::{self, Verdict};
use fupan_engine::{Error, Ledger, Result};
use rust_decimal::Decimal;

use super::args::ChannelsArgs;
use super::summary::{filter, pad, period, rate};

pub fn run(ledger: &Ledger, args: &ChannelsArgs) -> Result<()> {
    let k = Decimal::from_str(args.assist_coef.trim()).map_err(|_| {
        Error::InvalidArgument(format!(
            "--assist-coef {:?} is not a number between 0 and 1",
            args.assist_coef
        ))
    })?;
    let r = metrics::channels(ledger, &filter(&args.period)?, k)?;
    if args.period.out.json {
        return super::print_json(&r);
    }
    println!(
        "Period: {}   assisted-conversion weight: {}",
        period(r.from, r.to),
        r.assist_coef
    );
    for c in &r.currencies {
        println!();
        println!(
            "{} — break-even ROAS {}",
            c.currency,
            rate(c.break_even_roas)
        );
        if c.channels.is_empty() {
            println!("  No ad data in this period.");
            continue;
        }
        println!(
            "  {:<16} {:<12} {:>14} {:>14} {:>14} {:>8} {:>8} {:>10} {:>8} {:>9}",
            "store",
            "channel",
            "spend",
            "sales",
            "attributed",
            "ROAS",
            "ROI",
            "profit ROI",
            "verdict",
            "distance"
        );
        for ch in &c.channels {
            let verdict = match ch.verdict {
                Some(Verdict::Scale) => "scale",
                Some(Verdict::Cut) => "cut",
                None => "—",
            };
            println!(
                "  {} {} {:>14} {:>14} {:>14} {:>8} {:>8} {:>10} {:>8} {:>9}",
                pad(&ch.store, 16),
                pad(&ch.channel, 12),
                ch.spend.0.to_output(),
                ch.platform_sales.0.to_output(),
                ch.attributed_sales.0.to_output(),
                rate(ch.roas),
                rate(ch.roi_pct),
                rate(ch.profit_roi),
                verdict,
                rate(ch.verdict_distance)
            );
        }
    }
    Ok(())
}
