//! Chart commands: ask the engine for figures, hand them to `fupan_engine::charts` as plain
//! data, return SVG strings per currency. Labels come from the page (its i18n files).

use std::collections::HashMap;

use fupan_engine::charts::{self, MatrixPoint, Palette, RoasBar, Style, WaterfallStep};
use fupan_engine::metrics::{
    self, Amount, CurrencyProducts, CurrencySummary, Saturation, Summary, Verdict,
};
use fupan_engine::model::{Currency, Rate};
use fupan_engine::ErrorDto;
use serde::Serialize;
use tauri::State;

use super::state::{decimal, AppState, FilterArg};

#[derive(Debug, Default, Serialize)]
pub struct CurrencyCharts {
    pub currency: Option<Currency>,
    /// The store a product matrix is of, when the currency's stores are drawn apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    pub waterfall: Option<String>,
    pub trend: Option<String>,
    pub roas: Option<String>,
    pub response: Option<String>,
    pub matrix: Option<String>,
    /// The trend is drawn day by day (a period of two months or less), else by month.
    pub trend_daily: bool,
    /// What each drawn mark stands for, in drawing order (the page adds hover values and
    /// click-to-drill): waterfall bars → figure ids, matrix dots → SKUs.
    pub marks: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Charts {
    pub currencies: Vec<CurrencyCharts>,
}

pub struct Labels(pub HashMap<String, String>);

impl Labels {
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

/// How the page wants its charts: light/dark and the UI language, whose number marks every
/// chart uses (vi 1.234,5; zh/en 1,234.5). Without a language, the currency's own marks.
#[derive(Debug, Clone, Copy)]
pub struct Look<'a> {
    pub theme: &'a str,
    pub lang: Option<&'a str>,
}

impl Look<'_> {
    fn style(&self, currency: Currency) -> Style {
        let palette = Palette::for_theme(self.theme);
        match self.lang {
            Some(lang) => Style::for_language(palette, lang),
            None => Style::for_currency(palette, currency),
        }
    }
}

fn look<'a>(theme: &'a str, lang: &'a Option<String>) -> Look<'a> {
    Look {
        theme,
        lang: lang.as_deref(),
    }
}

/// The engine's waterfall steps, labelled; marks are the steps' ids.
fn waterfall_steps(c: &CurrencySummary, l: &Labels) -> Vec<(String, WaterfallStep)> {
    charts::profit_steps(c)
        .into_iter()
        .map(|s| {
            let step = WaterfallStep {
                label: l.get(s.id),
                amount: s.amount,
                kind: s.kind,
            };
            (s.id.to_string(), step)
        })
        .collect()
}

/// Everything the dashboard shows for a period, from one pass over the ledger: the summary
/// (KPIs, SKUs without a cost) and the waterfall and trend drawn from it and its months —
/// one IPC round trip instead of three commands that each computed the summary.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    pub summary: Summary,
    pub charts: Charts,
}

pub fn dashboard_on(
    ledger: &fupan_engine::Ledger,
    f: &metrics::Filter,
    look: &Look,
    l: &Labels,
) -> fupan_engine::Result<Dashboard> {
    let (summary, monthly) = metrics::summary_and_monthly(ledger, f)?;
    // Two months or less: the trend day by day (a merchant reads a month by its days).
    let daily = metrics::daily(ledger, f)?;
    let trend_daily = daily.is_some();
    let monthly = daily.unwrap_or(monthly);
    let mut charts = Charts::default();
    for c in &summary.currencies {
        let st = look.style(c.currency);
        let dp = c.currency.minor_units();
        let (marks, steps): (Vec<String>, Vec<WaterfallStep>) =
            waterfall_steps(c, l).into_iter().unzip();
        let waterfall = charts::waterfall(&steps, dp, &st)?;
        let trend = match monthly.currencies.iter().find(|m| m.currency == c.currency) {
            Some(m) if !m.months.is_empty() => {
                let labels = ["net_sales", "net_profit", "ad_spend"].map(|k| l.get(k));
                Some(charts::monthly_trend(m, labels, &st)?)
            }
            _ => None,
        };
        charts.currencies.push(CurrencyCharts {
            currency: Some(c.currency),
            waterfall: Some(waterfall),
            trend,
            trend_daily,
            marks,
            ..CurrencyCharts::default()
        });
    }
    Ok(Dashboard { summary, charts })
}

#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
    filter: FilterArg,
    theme: String,
    lang: Option<String>,
    labels: HashMap<String, String>,
) -> Result<Dashboard, ErrorDto> {
    let f = filter.to_filter()?;
    let l = Labels(labels);
    state.with_ledger(|ledger| dashboard_on(ledger, &f, &look(&theme, &lang), &l))
}

#[tauri::command]
pub async fn channel_charts(
    state: State<'_, AppState>,
    filter: FilterArg,
    theme: String,
    lang: Option<String>,
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
            let svg = charts::roas_bars(
                &bars,
                be,
                &l.get("break_even"),
                &look(&theme, &lang).style(c.currency),
            )?;
            out.currencies.push(CurrencyCharts {
                currency: Some(c.currency),
                roas: Some(svg),
                ..CurrencyCharts::default()
            });
        }
        Ok(out)
    })
}

/// The product matrix of one currency; marks are the SKUs in drawing order.
fn matrix_chart(
    p: &CurrencyProducts,
    l: &Labels,
    st: &Style,
) -> fupan_engine::Result<CurrencyCharts> {
    let points: Vec<MatrixPoint> = p
        .products
        .iter()
        .map(|r| {
            let label = if r.sku.is_empty() {
                l.get("no_sku")
            } else {
                r.sku.clone()
            };
            charts::matrix_point(r, label)
        })
        .collect();
    let medians = p
        .median_share
        .zip(p.median_margin)
        .map(|(a, b)| (a.value(), b.value()));
    let svg = if points.is_empty() {
        None
    } else {
        let axis = [l.get("share"), l.get("margin")];
        Some(charts::product_matrix(
            &points,
            medians,
            [&axis[0], &axis[1]],
            st,
        )?)
    };
    Ok(CurrencyCharts {
        currency: Some(p.currency),
        store: p.store.clone(),
        matrix: svg,
        marks: p.products.iter().map(|r| r.sku.clone()).collect(),
        ..CurrencyCharts::default()
    })
}

#[tauri::command]
pub async fn product_charts(
    state: State<'_, AppState>,
    filter: FilterArg,
    theme: String,
    lang: Option<String>,
    labels: HashMap<String, String>,
) -> Result<Charts, ErrorDto> {
    let f = filter.to_filter()?;
    let l = Labels(labels);
    state.with_ledger(|ledger| {
        let mut out = Charts::default();
        for p in metrics::products(ledger, &f)? {
            let st = look(&theme, &lang).style(p.currency);
            out.currencies.push(matrix_chart(&p, &l, &st)?);
            // Several stores: each its own matrix, against its own medians.
            for sp in &p.by_store {
                out.currencies.push(matrix_chart(sp, &l, &st)?);
            }
        }
        Ok(out)
    })
}

/// The spend-response curve of one store's channel: the chart when the fit has its 7 days,
/// else why not (the page explains).
#[derive(Debug, Serialize)]
pub struct ResponseDto {
    pub currency: Currency,
    pub svg: Option<String>,
    /// Days with spend and sales (the fit needs `min_points`).
    pub points: usize,
    pub min_points: usize,
    pub current_spend: Option<Amount>,
    pub optimal_spend: Option<Amount>,
    pub current_marginal_roas: Option<Rate>,
    pub break_even_roas: Option<Rate>,
    /// Why there is no ceiling (`NoCeiling` code), and the largest daily spend seen.
    pub why: Option<metrics::NoCeiling>,
    pub max_spend: Option<Amount>,
}

pub fn response_on(
    ledger: &fupan_engine::Ledger,
    f: &metrics::Filter,
    store: &str,
    channel: &str,
    look: &Look,
    l: &Labels,
) -> fupan_engine::Result<ResponseDto> {
    let r = metrics::spend_response(ledger, f, store, channel)?;
    let cur = r.currency;
    let points = match r.fit {
        Saturation::Fit(fit) => fit.points,
        Saturation::NotEnoughData { points } => points,
    };
    let svg = match r.fit {
        Saturation::Fit(_) => {
            let curve = charts::response_curve(&r);
            let labels = [
                l.get("spend"),
                l.get("current_spend"),
                l.get("optimal_spend"),
            ];
            Some(charts::spend_response(
                &curve,
                [&labels[0], &labels[1], &labels[2]],
                cur.minor_units(),
                &look.style(cur),
            )?)
        }
        Saturation::NotEnoughData { .. } => None,
    };
    Ok(ResponseDto {
        currency: cur,
        svg,
        points,
        min_points: metrics::saturation::MIN_FIT_POINTS,
        current_spend: r.current_spend.map(|v| Amount::new(v, cur)),
        optimal_spend: r.optimal_spend.map(|v| Amount::new(v, cur)),
        current_marginal_roas: r.current_marginal_roas,
        break_even_roas: r.break_even_roas,
        why: r.why,
        max_spend: r.max_spend.map(|v| Amount::new(v, cur)),
    })
}

#[tauri::command]
pub async fn response_chart(
    state: State<'_, AppState>,
    filter: FilterArg,
    store: String,
    channel: String,
    theme: String,
    lang: Option<String>,
    labels: HashMap<String, String>,
) -> Result<ResponseDto, ErrorDto> {
    let f = filter.to_filter()?;
    let l = Labels(labels);
    state.with_ledger(|ledger| response_on(ledger, &f, &store, &channel, &look(&theme, &lang), &l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fupan_engine::model::Platform;
    use fupan_engine::Ledger;

    fn ads(days: u32) -> Ledger {
        let l = Ledger::open_in_memory().unwrap();
        let id = l
            .ensure_store("A", Platform::Douyin, Currency::CNY)
            .unwrap()
            .id
            .0;
        l.conn()
            .execute(
                "INSERT INTO imports (id, file_name, file_hash, platform, report, imported_at)
                 VALUES (1, 'a.csv', 'h', 'douyin', 'ads', '2026-02-01')",
                [],
            )
            .unwrap();
        for d in 1..=days {
            // Spend 100·d, sales 300·√d·100: more spend buys less.
            let spend = 1_000_000 * i64::from(d);
            let sales =
                [300, 424, 520, 600, 671, 735, 794, 849, 900][d as usize - 1] * 10_000 * 100;
            l.conn()
                .execute(
                    "INSERT INTO ad_days (import_id, store_id, channel, campaign, day, window_days,
                        spend, platform_sales) VALUES (1, ?1, 'qianchuan', '', ?2, 7, ?3, ?4)",
                    rusqlite_params(id, d, spend, sales),
                )
                .unwrap();
        }
        l
    }

    fn rusqlite_params(id: i64, d: u32, spend: i64, sales: i64) -> [String; 4] {
        [
            id.to_string(),
            format!("2026-01-{d:02}"),
            spend.to_string(),
            sales.to_string(),
        ]
    }

    #[test]
    fn dashboard_is_the_summary_and_the_charts_drawn_from_it() {
        // Store A (CNY): one line of 100.00 on 2026-01-10, no costs, fees or ads.
        let (_dir, state) = super::super::commands::tests::app();
        let f = metrics::Filter {
            from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2026, 1, 31),
            store: None,
        };
        let d = state
            .with_ledger(|l| dashboard_on(l, &f, &look("light", &None), &Labels(HashMap::new())))
            .unwrap();
        let v = serde_json::to_value(&d).unwrap();
        let c = &v["summary"]["currencies"][0];
        assert_eq!(
            (&c["gross_sales"], &c["net_profit"], &c["currency"]),
            (&"100.00".into(), &"100.00".into(), &"CNY".into())
        );
        let ch = &d.charts.currencies;
        assert_eq!(ch.len(), 1);
        // Zero fees and no fixed costs draw no step; the rest in waterfall order.
        assert_eq!(
            ch[0].marks,
            [
                "gross_sales",
                "refunds",
                "net_sales",
                "cogs",
                "contribution",
                "ad_spend",
                "net_profit"
            ]
        );
        assert!(ch[0]
            .waterfall
            .as_deref()
            .is_some_and(|s| s.starts_with("<svg")));
        // January alone (31 days ≤ 62): the trend day by day, its last day labelled "01-31",
        // each series labelled with its key when no label is given.
        assert!(ch[0].trend_daily);
        let trend = ch[0].trend.as_deref().unwrap();
        assert!(
            trend.contains("\n01-31\n") && trend.contains("net_profit"),
            "{trend}"
        );
        // The whole year: by month again.
        let year = metrics::Filter {
            to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
            ..f
        };
        let d = state
            .with_ledger(|l| dashboard_on(l, &year, &look("light", &None), &Labels(HashMap::new())))
            .unwrap();
        assert!(!d.charts.currencies[0].trend_daily);
        assert!(d.charts.currencies[0]
            .trend
            .as_deref()
            .is_some_and(|t| t.contains("\n2026-12\n")));
    }

    #[test]
    fn response_needs_seven_days_and_then_draws_the_curve() {
        let labels = Labels(HashMap::new());
        let f = metrics::Filter::default();
        let few = response_on(
            &ads(3),
            &f,
            "A",
            "qianchuan",
            &look("light", &None),
            &labels,
        )
        .unwrap();
        assert_eq!(
            (few.svg.is_none(), few.points, few.min_points),
            (true, 3, 7)
        );
        let many =
            response_on(&ads(9), &f, "A", "qianchuan", &look("dark", &None), &labels).unwrap();
        assert_eq!(many.points, 9);
        assert!(many.svg.as_deref().is_some_and(|s| s.starts_with("<svg")));
        // The latest day's spend is shown as today's: 9 × 100.
        assert_eq!(serde_json::to_value(many.current_spend).unwrap(), "900.00");
    }

    #[test]
    fn matrix_marks_are_the_skus_in_drawing_order() {
        use fupan_engine::metrics::products::Quadrant;
        use fupan_engine::metrics::ProductRow;
        use rust_decimal::Decimal;
        let row = |sku: &str, share: i64, margin: i64, q| ProductRow {
            sku: sku.into(),
            product: None,
            units: Decimal::ONE,
            net_sales: Amount::new(Decimal::ONE, Currency::CNY),
            contribution: Amount::new(Decimal::ONE, Currency::CNY),
            sales_share: Some(Rate(Decimal::new(share, 2))),
            contribution_margin: Some(Rate(Decimal::new(margin, 2))),
            quadrant: Some(q),
            stage: None,
            cost_missing: false,
        };
        let mut p = CurrencyProducts {
            currency: Currency::CNY,
            products: vec![
                row("MUG-01", 70, 40, Quadrant::Star),
                row("", 30, 10, Quadrant::DropCandidate),
            ],
            median_share: Some(Rate(Decimal::new(50, 2))),
            median_margin: Some(Rate(Decimal::new(25, 2))),
            stage_as_of: None,
            store: None,
            by_store: Vec::new(),
        };
        let labels = Labels(HashMap::from([(
            "no_sku".to_string(),
            "(无 SKU)".to_string(),
        )]));
        let st = look("light", &None).style(Currency::CNY);
        let c = matrix_chart(&p, &labels, &st).unwrap();
        assert_eq!(c.marks, ["MUG-01", ""]);
        let svg = c.matrix.unwrap();
        assert!(svg.contains("MUG-01") && svg.contains("(无 SKU)"), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        p.products.clear();
        let empty = matrix_chart(&p, &labels, &st).unwrap();
        assert_eq!((empty.matrix, empty.marks.len()), (None, 0));
    }
}
