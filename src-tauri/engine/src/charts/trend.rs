//! Monthly trend: one line per series (net sales, net profit, ad spend…) over the months.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;

use super::{coord, padded, render, rgb, themed, Area, Chart, ChartError, Frame, Style, FONT};

#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    pub label: String,
    /// One value per month, in the order of `months`.
    pub values: Vec<Decimal>,
}

/// `months` are the x labels ("2026-01"); each series must have one value per month.
pub fn trend_lines(
    months: &[String],
    series: &[TrendSeries],
    style: &Style,
) -> Result<String, ChartError> {
    let frame = trend_frame(months.len().max(1), series);
    let (y0, width) = (frame.y.start, frame.x.end);
    render(style, frame, |root, chart| {
        themed(
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(0)
                .y_labels(5)
                .y_label_formatter(&|v| style.tick(*v)),
            style,
        )
        .draw()?;
        month_labels(root, chart, style, months, y0)?;
        if y0 < 0.0 {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(-0.5, 0.0), (width, 0.0)],
                rgb(style.palette.muted).stroke_width(1),
            )))?;
        }
        draw_series(root, chart, style, series)
    })
}

/// `m` months side by side (one unit each), the values' range padded around 0.
fn trend_frame(m: usize, series: &[TrendSeries]) -> Frame {
    let all = series
        .iter()
        .flat_map(|s| s.values.iter().map(|v| coord(*v)));
    let lo = all.clone().fold(0.0, f64::min);
    let hi = all.fold(0.0, f64::max);
    let (y0, y1) = padded(lo, hi);
    Frame {
        height: 300,
        margin: 10,
        margin_top: 34,
        margin_right: 20,
        x_label_area: 28,
        y_label_area: 84,
        x: -0.5f64..(m as f64 - 0.5),
        y: y0..y1,
    }
}

/// The month labels under the x axis (at height `y0`), at most 8 of them.
fn month_labels(
    root: &Area<'_>,
    chart: &Chart<'_, '_>,
    style: &Style,
    months: &[String],
    y0: f64,
) -> Result<(), ChartError> {
    let every = months.len().max(1).div_ceil(8);
    let xs = (FONT, 12)
        .into_font()
        .color(&rgb(style.palette.muted))
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (i, label) in months.iter().enumerate() {
        // Counted back from the last month, so it is always labelled and labels never crowd.
        if (months.len() - 1 - i).is_multiple_of(every) {
            let (x, y) = chart.backend_coord(&(i as f64, y0));
            root.draw(&Text::new(label.clone(), (x, y + 6), xs.clone()))?;
        }
    }
    Ok(())
}

/// Each series as a line with dots, and its swatch and name in the legend above the plot.
fn draw_series(
    root: &Area<'_>,
    chart: &mut Chart<'_, '_>,
    style: &Style,
    series: &[TrendSeries],
) -> Result<(), ChartError> {
    let p = &style.palette;
    let mut legend_x = 90;
    for (k, s) in series.iter().enumerate() {
        let color = rgb(p.series[k % p.series.len()]);
        let pts: Vec<(f64, f64)> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64, coord(*v)))
            .collect();
        chart.draw_series(LineSeries::new(pts.clone(), color.stroke_width(3)))?;
        chart.draw_series(pts.iter().map(|pt| Circle::new(*pt, 4, color.filled())))?;
        root.draw(&Rectangle::new(
            [(legend_x, 12), (legend_x + 14, 24)],
            color.filled(),
        ))?;
        let ls = (FONT, 13)
            .into_font()
            .color(&rgb(p.text))
            .pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(s.label.clone(), (legend_x + 20, 18), ls))?;
        legend_x += 40 + 9 * s.label.chars().count() as i32;
    }
    Ok(())
}

/// The monthly trend of a currency: net sales, net profit and ad spend per month. `labels`
/// name those three series in the reader's language.
pub fn monthly_trend(
    m: &crate::metrics::CurrencyMonths,
    labels: [String; 3],
    style: &Style,
) -> Result<String, ChartError> {
    // A daily series ("2026-03-05") is labelled by month and day: the year would crowd it.
    let months: Vec<String> = m
        .months
        .iter()
        .map(|x| match x.month.len() {
            10 => x.month[5..].to_string(),
            _ => x.month.clone(),
        })
        .collect();
    type Pick = fn(&crate::metrics::MonthFigures) -> Decimal;
    let picks: [Pick; 3] = [
        |x| x.net_sales.value(),
        |x| x.net_profit.value(),
        |x| x.ad_spend.value(),
    ];
    let series: Vec<TrendSeries> = labels
        .into_iter()
        .zip(picks)
        .map(|(label, pick)| TrendSeries {
            label,
            values: m.months.iter().map(pick).collect(),
        })
        .collect();
    trend_lines(&months, &series, style)
}
