//! The report's charts: the review's figures handed to `crate::charts` (plotters → SVG), in
//! the report's language and number marks, on the light palette (paper is white).

use rust_decimal::Decimal;

use super::format;
use super::i18n::{t, Lang};
use crate::charts::{
    self, ChartError, MatrixPoint, Palette, ResponseCurve, RoasBar, StepKind, Style, WaterfallStep,
};
use crate::metrics::products::{median, Quadrant};
use crate::metrics::{CurrencyMonths, ProductRow, SpendResponse};
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

/// Waterfall steps as (label, signed step, is a running total) → the plotters waterfall, each
/// value followed by its share of `gmv` (the first step, GMV itself, needs none).
pub(crate) fn waterfall(
    steps: &[(String, Decimal, bool)],
    gmv: Decimal,
    dp: u32,
    lang: Lang,
) -> Result<String, ChartError> {
    let notes: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(i, (_, v, _))| match i {
            0 => String::new(),
            _ => format::percent(Rate::ratio(v.abs(), gmv).map(Rate::value), lang),
        })
        .collect();
    let steps: Vec<WaterfallStep> = steps
        .iter()
        .map(|(label, v, total)| {
            let (amount, kind) = match (*total, v.is_sign_negative()) {
                (true, _) => (*v, StepKind::Total),
                (false, true) => (-*v, StepKind::Decrease),
                (false, false) => (*v, StepKind::Increase),
            };
            WaterfallStep {
                label: label.clone(),
                amount,
                kind,
            }
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
    let curve = ResponseCurve {
        observed: r.observed.iter().map(|p| (p.spend, p.sales)).collect(),
        curve: r.curve.clone(),
        current_spend: r.current_spend,
        optimal_spend: r.optimal_spend,
    };
    let labels = [
        t(lang, "chart.daily_spend"),
        t(lang, "col.current_spend"),
        t(lang, "col.ceiling"),
    ];
    charts::spend_response(
        &curve,
        [&labels[0], &labels[1], &labels[2]],
        r.currency.minor_units(),
        &style(lang),
    )
}

/// The product matrix: SKUs by sales share and contribution margin, the medians as quadrant
/// lines (as the engine placed them); only the largest SKUs are named.
pub(crate) fn matrix(rows: &[ProductRow], lang: Lang) -> Result<String, ChartError> {
    let rate = |r: Option<Rate>| r.map_or(Decimal::ZERO, Rate::value);
    let mut by_sales: Vec<&ProductRow> = rows.iter().collect();
    by_sales.sort_by_key(|p| std::cmp::Reverse(p.net_sales.value()));
    let points: Vec<MatrixPoint> = by_sales
        .iter()
        .enumerate()
        .map(|(i, p)| MatrixPoint {
            label: if i < MATRIX_LABELS {
                super::build::sku(&p.sku, lang)
            } else {
                String::new()
            },
            share: rate(p.sales_share),
            margin: rate(p.contribution_margin),
            quadrant: match p.quadrant {
                Some(Quadrant::Star) | None => 0,
                Some(Quadrant::TrafficDriver) => 1,
                Some(Quadrant::ProfitNiche) => 2,
                Some(Quadrant::DropCandidate) => 3,
            },
        })
        .collect();
    let shares: Vec<Decimal> = points.iter().map(|p| p.share).collect();
    let margins: Vec<Decimal> = points.iter().map(|p| p.margin).collect();
    let medians = median(&shares).zip(median(&margins));
    let axis = [
        t(lang, "col.sales_share"),
        t(lang, "metric.contribution_margin"),
    ];
    charts::product_matrix(&points, medians, [&axis[0], &axis[1]], &style(lang))
}
