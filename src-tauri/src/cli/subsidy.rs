//! `fupan subsidy`: did a subsidy pay (metrics.md §6), as the JSON object or a short table.

use std::str::FromStr;

use fupan_engine::metrics::season::NoVerdict;
use fupan_engine::metrics::{self, Amount, Baseline, BaselineKind, CurrencySubsidy};
use fupan_engine::metrics::{SubsidyReport, SubsidyVerdict};
use fupan_engine::{Error, Ledger, Result};
use rust_decimal::Decimal;

use super::args::SubsidyArgs;
use super::summary::{day, filter, period, rate, warn_missing_costs};

fn baseline(args: &SubsidyArgs) -> Result<Baseline> {
    if let Some(v) = &args.baseline_sales {
        let n = Decimal::from_str(v.trim()).map_err(|_| {
            Error::InvalidArgument(format!("--baseline-sales {v:?} is not a number"))
        })?;
        if n < Decimal::ZERO {
            return Err(Error::InvalidArgument(format!(
                "--baseline-sales {v:?} cannot be negative"
            )));
        }
        return Ok(Baseline::HoldOut(n));
    }
    let from = day("--baseline-from", &args.baseline_from)?;
    let to = day("--baseline-to", &args.baseline_to)?;
    Ok(Baseline::Period(from.zip(to)))
}

pub fn run(ledger: &Ledger, args: &SubsidyArgs) -> Result<()> {
    let f = filter(&args.period)?;
    if f.from.is_none() || f.to.is_none() {
        return Err(Error::InvalidArgument(
            "give the subsidy period with --from YYYY-MM-DD --to YYYY-MM-DD".into(),
        ));
    }
    let r = metrics::subsidy(ledger, &f, &baseline(args)?, &args.skus)?;
    if args.period.out.json {
        return super::print_json(&r);
    }
    print_report(&r);
    Ok(())
}

fn print_report(r: &SubsidyReport) {
    println!("Subsidy period: {}", period(r.from, r.to));
    match r.baseline {
        BaselineKind::HoldOut => println!("Baseline: hold-out sales (entered)"),
        BaselineKind::Period => println!(
            "Baseline: net sales of {} (scaled to the period's length)",
            period(r.baseline_from, r.baseline_to)
        ),
    }
    if !r.skus.is_empty() {
        println!("SKUs: {}", super::term::safe(&r.skus.join(", ")));
    }
    if r.currencies.is_empty() {
        println!("No stores yet. Try: fupan import Order.all.xlsx");
    }
    for c in &r.currencies {
        print_currency(c);
    }
}

fn print_currency(c: &CurrencySubsidy) {
    println!();
    println!(
        "{} — {}",
        c.currency,
        super::term::safe(&c.stores.join(", "))
    );
    let line = |label: &str, value: String| println!("  {label:<30}{value:>18}");
    let money = |a: &Option<Amount>| a.map_or_else(|| "—".to_string(), |a| a.0.to_output());
    line("Subsidy cost", c.subsidy_cost.0.to_output());
    line(
        "Sales with subsidy (net)",
        c.sales_with_subsidy.0.to_output(),
    );
    if c.baseline_period_sales != c.baseline_sales {
        line("Baseline period sales", money(&c.baseline_period_sales));
    }
    line("Baseline sales", money(&c.baseline_sales));
    line("Incremental sales", money(&c.incremental_sales));
    line("Margin before subsidy (m)", rate(c.margin_before_subsidy));
    line("Naive ROAS", rate(c.naive_roas));
    line("Incremental ROI", rate(c.incremental_roi));
    let verdict = match c.verdict {
        Some(SubsidyVerdict::Pays) => "pays",
        Some(SubsidyVerdict::DoesNotPay) => "does not pay",
        None => "—",
    };
    line("Verdict", verdict.to_string());
    if let Some(why) = c.no_verdict {
        let text = match why {
            NoVerdict::SeasonPeak => {
                "a sales festival (618, 11.11, 12.12, Tết) falls in one of the periods"
            }
            NoVerdict::SeasonApart => "the baseline lies in another part of the year",
            NoVerdict::BaselineSubsidised => "the baseline period carried subsidies too",
        };
        println!("  No verdict: {text}; give a hold-out group's sales with --baseline-sales.");
    }
    if c.baseline_sales.is_none() {
        println!("  No orders in the baseline period: give --baseline-from/--baseline-to or --baseline-sales.");
    }
    if let Some(o) = c.order_level_subsidy.filter(|o| !o.value().is_zero()) {
        println!(
            "  Order-level vouchers of {} are not tied to a SKU and are not counted.",
            o.0.to_output()
        );
    }
    warn_missing_costs(&c.missing_cost_skus, "m is overstated");
}
