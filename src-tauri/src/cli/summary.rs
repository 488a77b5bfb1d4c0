//! `fupan summary`: store figures per currency as the JSON contract or an aligned table.

use chrono::NaiveDate;
use fupan_engine::metrics::{self, Amount, CurrencySummary, Filter, MissingCost};
use fupan_engine::model::Rate;
use fupan_engine::{Error, Ledger, Result};

use super::args::PeriodArgs;

pub(super) fn day(flag: &str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    value
        .as_deref()
        .map(|v| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
                Error::InvalidArgument(format!("{flag} {v:?} is not a date (YYYY-MM-DD)"))
            })
        })
        .transpose()
}

/// The engine's filter from `--store/--from/--to`.
pub(super) fn filter(args: &PeriodArgs) -> Result<Filter> {
    Ok(Filter {
        from: day("--from", &args.from)?,
        to: day("--to", &args.to)?,
        store: args.store.clone(),
    })
}

/// A ratio for the table: 4 decimals, "—" when it does not exist.
pub(super) fn rate(r: Option<Rate>) -> String {
    r.map_or_else(|| "—".to_string(), Rate::to_output)
}

/// `s` padded with spaces to `width` terminal columns (CJK characters take two).
pub(super) fn pad(s: &str, width: usize) -> String {
    let wide = |c: char| {
        matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
    };
    let used: usize = s.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(used)))
}

pub(super) fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "no data yet".to_string(),
    }
}

pub fn run(ledger: &Ledger, args: &PeriodArgs) -> Result<()> {
    let s = metrics::summary(ledger, &filter(args)?)?;
    if args.out.json {
        return super::print_json(&s);
    }
    println!("Period: {}", period(s.from, s.to));
    if s.currencies.is_empty() {
        println!("No stores yet. Try: fupan import Order.all.xlsx");
    }
    for c in &s.currencies {
        print_currency(c);
    }
    Ok(())
}

fn print_currency(c: &CurrencySummary) {
    println!();
    println!(
        "{} — {}",
        c.currency,
        super::term::safe(&c.stores.join(", "))
    );
    let line = |label: &str, value: String| println!("  {label:<28}{value:>18}");
    let money = |a: &Amount| a.0.to_output();
    line("Orders", c.orders.to_string());
    line("Units", c.units.normalize().to_string());
    line("Gross sales", money(&c.gross_sales));
    line("Refunds", money(&c.refunds));
    line("Net sales", money(&c.net_sales));
    line("COGS", money(&c.cogs));
    for (kind, amount) in &c.fees {
        line(&format!("  {kind}"), money(amount));
    }
    line("Hidden costs", money(&c.hidden_costs));
    line("Contribution", money(&c.contribution));
    line("Contribution margin", rate(c.contribution_margin));
    line("Ad spend", money(&c.ad_spend));
    line("Fixed costs", money(&c.fixed_costs));
    line("Net profit", money(&c.net_profit));
    line("Net margin", rate(c.net_margin));
    line("Marketing spend", money(&c.marketing_spend));
    line("Store ROAS", rate(c.store_roas));
    line("Profit ROI", rate(c.profit_roi));
    line("Break-even ROAS", rate(c.break_even_roas));
    line("Taxes withheld", money(&c.taxes.withheld));
    for e in &c.tax_estimates {
        line(&format!("Tax estimate, {}", e.store), money(&e.amount));
        println!(
            "    estimate — {}",
            super::tax::words(&e.regime, c.currency)
        );
    }
    line("Taxes (VAT)", money(&c.taxes.vat));
    line("Taxes (income tax)", money(&c.taxes.income_tax));
    line("Taxes total", money(&c.taxes.total));
    line("Profit after tax", money(&c.profit_after_tax));
    if let Some(visitors) = c.visitors {
        line("Visitors", visitors.to_string());
        line("UV value", c.uv_value.as_ref().map_or("—".into(), money));
        line("Store conversion", rate(c.store_cvr));
    }
    warn_missing_costs(&c.missing_cost_skus, "their COGS is unknown");
    println!("{}", provisional_line(c.provisional, c.unsettled_share));
}

/// Whether the figures may still move (refunds, settlements open), and how much is unpaid.
pub(super) fn provisional_line(provisional: bool, share: Option<Rate>) -> String {
    let share = share.map(|r| {
        format!(
            "{} % of net sales not settled yet",
            (r.value() * rust_decimal::Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        )
    });
    match (provisional, share) {
        (true, Some(s)) => format!("  Provisional — {s}"),
        (true, None) => "  Provisional — refunds and settlements may still change it".into(),
        (false, _) => "  Final — past the refund and settlement window".into(),
    }
}

/// The SKUs sold without a unit cost, with what that does to the figures shown.
pub(super) fn warn_missing_costs(missing: &[MissingCost], effect: &str) {
    if missing.is_empty() {
        return;
    }
    let skus: Vec<_> = missing.iter().map(|m| super::term::safe(&m.sku)).collect();
    println!(
        "  Warning: {} SKU(s) sold without a unit cost ({effect}): {}",
        skus.len(),
        skus.join(", ")
    );
    println!("  Add them with: fupan costs import COSTS.xlsx");
}
