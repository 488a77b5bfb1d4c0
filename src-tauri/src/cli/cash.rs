//! `fupan cash`: settled vs sold, what is still owed by age, fee drift and withdrawals
//! (metrics.md §10) as the JSON contract or a table.

use std::str::FromStr;

use fupan_engine::metrics::{self, Amount, CurrencyCash};
use fupan_engine::model::Platform;
use fupan_engine::{Error, Ledger, Result};
use serde::Serialize;

use super::args::{CashArgs, CashCommand};
use super::summary::{filter, period, provisional_line};

pub fn run(ledger: &Ledger, args: &CashArgs) -> Result<()> {
    if let Some(CashCommand::Delay {
        platform,
        days,
        out,
    }) = &args.action
    {
        return delay(ledger, platform.as_deref(), days.as_deref(), out.json);
    }
    let args = &args.period;
    let r = metrics::cash(ledger, &filter(args)?)?;
    if args.out.json {
        return super::print_json(&r);
    }
    println!("Period: {}", period(r.from, r.to));
    if r.currencies.is_empty() {
        println!("No stores yet. Try: fupan import settlement.xlsx");
    }
    for c in &r.currencies {
        print_currency(c, r.to);
    }
    Ok(())
}

#[derive(Serialize)]
struct Delay {
    platform: Platform,
    days: i64,
}

/// `fupan cash delay [--platform P --days N]`: set one platform's settlement delay, then
/// list every platform's (metrics.md §10; stored in `settings`, read at query time).
fn delay(ledger: &Ledger, platform: Option<&str>, days: Option<&str>, json: bool) -> Result<()> {
    if let (Some(p), Some(d)) = (platform, days) {
        let p = Platform::from_str(p.trim()).map_err(|e| {
            Error::InvalidArgument(format!(
                "--platform: {e} (taobao, tmall, douyin, jd, pdd, shopee_vn, tiktok_shop, lazada)"
            ))
        })?;
        let d: i64 = d.trim().parse().map_err(|_| {
            Error::InvalidArgument(format!(
                "--days {d:?}: give a whole number of days, 0 to 365"
            ))
        })?;
        ledger.set_settlement_delay(p, d)?;
    }
    let mut rows = Vec::new();
    for p in Platform::ALL.iter().filter(|p| **p != Platform::Generic) {
        rows.push(Delay {
            platform: *p,
            days: ledger.settlement_delay(*p)?,
        });
    }
    if json {
        return super::print_json(&serde_json::json!({ "delays": rows }));
    }
    println!("Settlement delay (days after the order date before an order counts as unsettled):");
    for r in &rows {
        println!("  {:<14}{:>4} days", r.platform.as_str(), r.days);
    }
    Ok(())
}

fn print_currency(c: &CurrencyCash, to: Option<chrono::NaiveDate>) {
    let money = |a: &Amount| a.0.to_output();
    let line = |label: &str, value: String| println!("  {label:<34}{value:>18}");
    println!();
    println!("{}", c.currency);
    line("Net sales (order date)", money(&c.net_sales));
    line("Net profit (order date)", money(&c.net_profit));
    line("Settled", money(&c.settled));
    line(
        "  for this period's orders",
        money(&c.settled_for_period_orders),
    );
    line("  for earlier orders", money(&c.settled_for_earlier_orders));
    line("Adjustments (not order payouts)", money(&c.adjustments));
    line("Withdrawals to the bank", money(&c.withdrawals));
    let as_of = to.map_or_else(String::new, |d| format!(" as of {d}"));
    line(
        &format!("Unsettled{as_of}"),
        format!(
            "{} orders, {}",
            c.unsettled.orders,
            money(&c.unsettled.value)
        ),
    );
    for (bucket, v) in &c.unsettled.by_age {
        line(&format!("  {bucket} days"), money(v));
    }
    if !c.fee_drift.is_empty() {
        println!("  Fee drift (order export → settlement):");
        for d in &c.fee_drift {
            println!(
                "    {} order {} {}: {} → {}",
                d.store,
                d.order,
                d.kind,
                money(&d.order_export),
                money(&d.settlement)
            );
        }
    }
    for s in &c.stores {
        if s.judged {
            println!(
                "  {} ({}): settlement delay {} days; {} orders unsettled",
                s.store, s.platform, s.delay_days, s.unsettled_orders
            );
        } else {
            println!(
                "  {} ({}): no settlement files — import your settlement/income report to \
                 check payouts",
                s.store, s.platform
            );
        }
    }
    println!("{}", provisional_line(c.provisional, c.unsettled_share));
}
