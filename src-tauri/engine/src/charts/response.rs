//! Spend-response curve of one channel: observed days, the fitted curve, today's spend and
//! the profit-maximising spend (metrics.md §4), each marked with a labelled vertical line.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;

use super::{coord, draw_axes, padded, render, rgb, ChartError, Frame, Style, FONT};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponseCurve {
    /// Observed (daily spend, sales) points.
    pub observed: Vec<(Decimal, Decimal)>,
    /// Points of the fitted curve, by increasing spend.
    pub curve: Vec<(Decimal, Decimal)>,
    pub current_spend: Option<Decimal>,
    pub optimal_spend: Option<Decimal>,
}

/// `labels`: [x axis, current, optimal] in the UI language.
pub fn spend_response(
    c: &ResponseCurve,
    labels: [&str; 3],
    dp: u32,
    style: &Style,
) -> Result<String, ChartError> {
    let p = &style.palette;
    let pts = c.observed.iter().chain(&c.curve);
    let xmax = pts
        .clone()
        .map(|(s, _)| coord(*s))
        .chain(c.current_spend.map(coord))
        .chain(c.optimal_spend.map(coord))
        .fold(1.0, f64::max);
    let ymax = pts.map(|(_, v)| coord(*v)).fold(1.0, f64::max);
    let (_, x1) = padded(0.0, xmax);
    let (_, y1) = padded(0.0, ymax);
    let frame = Frame {
        height: 320,
        margin: 10,
        margin_top: 30,
        margin_right: 24,
        x_label_area: 44,
        y_label_area: 84,
        x: 0f64..x1,
        y: 0f64..y1,
    };
    render(style, frame, |root, chart| {
        draw_axes(chart, style, &|v| style.tick(*v), labels[0], None)?;
        let dot = rgb(p.series[0]).mix(0.55);
        chart.draw_series(
            c.observed
                .iter()
                .map(|(s, v)| Circle::new((coord(*s), coord(*v)), 4, dot.filled())),
        )?;
        let line: Vec<(f64, f64)> = c
            .curve
            .iter()
            .map(|(s, v)| (coord(*s), coord(*v)))
            .collect();
        chart.draw_series(LineSeries::new(line, rgb(p.series[0]).stroke_width(3)))?;
        let marks = [
            (c.current_spend, labels[1], p.bad),
            (c.optimal_spend, labels[2], p.good),
        ];
        for (k, (spend, label, color)) in marks.into_iter().enumerate() {
            let Some(s) = spend else { continue };
            let x = coord(s);
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, y1)],
                rgb(color).stroke_width(2),
            )))?;
            let (bx, by) = chart.backend_coord(&(x, y1));
            let ts = (FONT, 13)
                .into_font()
                .color(&rgb(color))
                .pos(Pos::new(HPos::Center, VPos::Bottom));
            let text = format!("{label} {}", style.amount(s, dp));
            root.draw(&Text::new(text, (bx, by - 4 - 15 * k as i32 % 30), ts))?;
        }
        Ok(())
    })
}
