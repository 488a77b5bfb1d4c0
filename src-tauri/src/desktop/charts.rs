//! Chart commands: ask the engine for figures, hand them to `fupan_engine::charts` as plain
//! data, return SVG strings per currency. Labels come from the page (its i18n files).

use std::collections::HashMap;

use fupan_engine::charts::{self, Palette, RoasBar, StepKind, Style, WaterfallStep};
use fupan_engine::metrics::{self, CurrencySummary, Verdict};
use fupan_engine::model::Currency;
use fupan_engine::ErrorDto;
use serde::Serialize;
use tauri::State;

use super::state::{decimal, AppState, FilterArg};

#[derive(Debug, Default, Serialize)]
pub struct CurrencyCharts {
    pub currency: Option<Currency>,
    pub waterfall: Option<String>,
    pub trend: Option<String>,
    pub roas: Option<String>,
    pub response: Option<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Charts {
    pub currencies: Vec<CurrencyCharts>,
}

struct Labels(HashMap<String, String>);

impl Labels {
    fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

fn style(theme: &str, currency: Currency) -> Style {
    Style::for_currency(Palette::for_theme(theme), currency)
}

/// GMV → refunds → net sales → COGS → each fee kind → contribution → ads → fixed → net profit.
fn waterfall_steps(c: &CurrencySummary, l: &Labels) -> Vec<WaterfallStep> {
    let step = |key: &str, amount, kind| WaterfallStep {
        label: l.get(key),
        amount,
        kind,
    };
    let mut steps = vec![
        step("gross_sales", c.gross_sales.value(), StepKind::Total),
        step("refunds", c.refunds.value(), StepKind::Decrease),
        step("net_sales", c.net_sales.value(), StepKind::Total),
        step("cogs", c.cogs.value(), StepKind::Decrease),
    ];
    for (kind, amount) in &c.fees {
        if !amount.value().is_zero() {
            steps.push(step(kind.as_str(), amount.value(), StepKind::Decrease));
        }
    }
    steps.push(step(
        "contribution",
        c.contribution.value(),
        StepKind::Total,
    ));
    steps.push(step("ad_spend", c.ad_spend.value(), StepKind::Decrease));
    if !c.fixed_costs.value().is_zero() {
        steps.push(step(
            "fixed_costs",
            c.fixed_costs.value(),
            StepKind::Decrease,
        ));
    }
    steps.push(step("net_profit", c.net_profit.value(), StepKind::Total));
    steps
}

#[tauri::command]
pub async fn dashboard_charts(
    state: State<'_, AppState>,
    filter: FilterArg,
    theme: String,
    labels: HashMap<String, String>,
) -> Result<Charts, ErrorDto> {
    let f = filter.to_filter()?;
    let l = Labels(labels);
    state.with_ledger(|ledger| {
        let summary = metrics::summary(ledger, &f)?;
        let monthly = metrics::monthly(ledger, &f)?;
        let mut out = Charts::default();
        for c in &summary.currencies {
            let st = style(&theme, c.currency);
            let dp = c.currency.minor_units();
            let waterfall = charts::waterfall(&waterfall_steps(c, &l), dp, &st)?;
            let trend = match monthly.currencies.iter().find(|m| m.currency == c.currency) {
                Some(m) if !m.months.is_empty() => {
                    let labels = ["net_sales", "net_profit", "ad_spend"].map(|k| l.get(k));
                    Some(charts::monthly_trend(m, labels, &st)?)
                }
                _ => None,
            };
            out.currencies.push(CurrencyCharts {
                currency: Some(c.currency),
                waterfall: Some(waterfall),
                trend,
                ..CurrencyCharts::default()
            });
        }
        Ok(out)
    })
}

#[tauri::command]
pub async fn channel_charts(
    state: State<'_, AppState>,
    filter: FilterArg,
    theme: String,
    labels: HashMap<String, String>,
    assist_coef: String,
) -> Result<Charts, ErrorDto> {
    let f = filter.to_filter()?;
    let k = decimal(&assist_coef, "attribution coefficient")?;
    let l = Labels(labels);
    state.with_ledger(|ledger| {
        let report = metrics::channels(ledger, &f, k)?;
        let mut out = Charts::default();
        for c in &report.currencies {
            if c.channels.is_empty() {
                continue;
            }
            let several_stores = c.channels.iter().any(|r| r.store != c.channels[0].store);
            let bars: Vec<RoasBar> = c
                .channels
                .iter()
                .map(|r| {
                    let name = l.get(&format!("channel_{}", r.channel));
                    RoasBar {
                        label: if several_stores {
                            format!("{name} · {}", r.store)
                        } else {
                            name
                        },
                        roas: r.roas.map(|x| x.value()),
                        scale: r.verdict == Some(Verdict::Scale),
                    }
                })
                .collect();
            let be = c.break_even_roas.map(|x| x.value());
            let svg =
                charts::roas_bars(&bars, be, &l.get("break_even"), &style(&theme, c.currency))?;
            out.currencies.push(CurrencyCharts {
                currency: Some(c.currency),
                roas: Some(svg),
                ..CurrencyCharts::default()
            });
        }
        Ok(out)
    })
}
