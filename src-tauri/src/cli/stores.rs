//! `fupan stores`: the store matrix (账号矩阵) as JSON or a table, one block per currency.

use fupan_engine::metrics::{self, Amount, MatrixFigures};
use fupan_engine::{Ledger, Result};

use super::args::PeriodArgs;
use super::summary::{filter, pad, period, rate};

const NAME_WIDTH: usize = 22;

pub fn run(ledger: &Ledger, args: &PeriodArgs) -> Result<()> {
    let m = metrics::store_matrix(ledger, &filter(args)?)?;
    if args.out.json {
        return super::print_json(&m);
    }
    println!("Period: {}", period(m.from, m.to));
    if m.currencies.is_empty() {
        println!("No stores yet. Try: fupan import Order.all.xlsx");
    }
    for c in &m.currencies {
        println!();
        println!(
            "{}  {:>14} {:>14} {:>12} {:>12} {:>14} {:>8} {:>8} {:>10} {:>7}",
            pad(c.currency.code(), NAME_WIDTH + 13),
            "Net sales",
            "Net profit",
            "Taxes",
            "Ad spend",
            "UV value",
            "ROAS",
            "Break-ev",
            "Visitors",
            "Share"
        );
        for r in &c.stores {
            let name = format!("{} ({})", super::term::safe(&r.store), r.platform);
            row(&name, &r.figures, &rate(r.net_sales_share));
        }
        row("Total", &c.total, "");
    }
    Ok(())
}

fn row(name: &str, f: &MatrixFigures, share: &str) {
    let money = |a: &Amount| a.0.to_output();
    println!(
        "{}  {:>14} {:>14} {:>12} {:>12} {:>14} {:>8} {:>8} {:>10} {:>7}",
        pad(name, NAME_WIDTH + 13),
        money(&f.net_sales),
        money(&f.net_profit),
        money(&f.taxes.total),
        money(&f.ad_spend),
        f.uv_value.as_ref().map_or("—".into(), money),
        rate(f.store_roas),
        rate(f.break_even_roas),
        f.visitors.map_or("—".into(), |v| v.to_string()),
        share
    );
}
