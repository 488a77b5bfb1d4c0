//! The report's charts: the review's figures handed to `crate::charts` (plotters → SVG), in
//! the report's language and number marks, on the light palette (paper is white).

use rust_decimal::Decimal;

use super::format;
use super::i18n::{t, Lang};
use crate::charts::{
    self, ChartError, MatrixPoint, Palette, ProfitStep, RoasBar, Style, WaterfallStep,
};
use crate::metrics::{CurrencyMonths, CurrencyProducts, ProductRow, SpendResponse};
use crate::model::Rate;

/// Drawing width in SVG pixels: the page's text width (≈178 mm) shows it at ≈ 10 pt text.
const WIDTH: u32 = 720;

/// How many SKUs the product matrix names (the largest by sales); the rest are dots.
const MATRIX_LABELS: usize = 12;

pub(crate) fn style(lang: Lang) -> Style {
    let (group, decimal) = format::marks(lang);
    let mut s = Style::new(Palette::light(), group, decimal);
    s.width = WIDTH;
    s
}

/// The waterfall of `crate::charts::profit_steps`, each step labelled by `label` and its
/// value followed by its share of `gmv` (the first step, GMV itself, needs none).
pub(crate) fn waterfall(
    steps: &[ProfitStep],
    label: impl Fn(&str) -> String,
    gmv: Decimal,
    dp: u32,
    lang: Lang,
) -> Result<String, ChartError> {
    let notes: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| match i {
            0 => String::new(),
            _ => format::percent(Rate::ratio(s.amount, gmv).map(Rate::value), lang),
        })
        .collect();
    let steps: Vec<WaterfallStep> = steps
        .iter()
        .map(|s| WaterfallStep {
            label: label(s.id),
            amount: s.amount,
            kind: s.kind,
        })
        .collect();
    charts::waterfall_noted(&steps, &notes, dp, &style(lang))
}

/// Net sales, net profit and ad spend per month.
pub(crate) fn monthly(cm: &CurrencyMonths, lang: Lang) -> Result<String, ChartError> {
    let labels = ["metric.net_sales", "metric.net_profit", "metric.ad_spend"].map(|k| t(lang, k));
    charts::monthly_trend(cm, labels, &style(lang))
}

/// Channel ROAS bars against the break-even line.
pub(crate) fn roas(
    bars: &[RoasBar],
    break_even: Option<Rate>,
    lang: Lang,
) -> Result<String, ChartError> {
    charts::roas_bars(
        bars,
        break_even.map(Rate::value),
        &t(lang, "note.break_even_line"),
        &style(lang),
    )
}

/// One channel's daily spend-response curve with today's spend and the suggested ceiling.
pub(crate) fn response(r: &SpendResponse, lang: Lang) -> Result<String, ChartError> {
    let labels = [
        t(lang, "chart.daily_spend"),
        t(lang, "col.current_spend"),
        t(lang, "col.ceiling"),
    ];
    charts::spend_response(
        &charts::response_curve(r),
        [&labels[0], &labels[1], &labels[2]],
        r.currency.minor_units(),
        &style(lang),
    )
}

/// The product matrix: SKUs by sales share and contribution margin, the engine's medians as
/// quadrant lines; only the largest SKUs are named.
pub(crate) fn matrix(cp: &CurrencyProducts, lang: Lang) -> Result<String, ChartError> {
    let mut by_sales: Vec<&ProductRow> = cp.products.iter().collect();
    by_sales.sort_by_key(|p| std::cmp::Reverse(p.net_sales.value()));
    let points: Vec<MatrixPoint> = by_sales
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let label = if i < MATRIX_LABELS {
                super::build::sku(&p.sku, lang)
            } else {
                String::new()
            };
            charts::matrix_point(p, label)
        })
        .collect();
    let medians = cp
        .median_share
        .zip(cp.median_margin)
        .map(|(a, b)| (a.value(), b.value()));
    let axis = [
        t(lang, "col.sales_share"),
        t(lang, "metric.contribution_margin"),
    ];
    charts::product_matrix(&points, medians, [&axis[0], &axis[1]], &style(lang))
}
