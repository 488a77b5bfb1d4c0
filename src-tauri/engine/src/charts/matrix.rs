//! Product matrix: each SKU by sales share (x) and contribution margin (y), with the store
//! medians as the quadrant lines (metrics.md §7).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;

use super::{coord, draw_axes, render, rgb, ChartError, Frame, Style, FONT};

#[derive(Debug, Clone, PartialEq)]
pub struct MatrixPoint {
    pub label: String,
    /// Sales share, 0..1.
    pub share: Decimal,
    /// Contribution margin (may be negative).
    pub margin: Decimal,
    /// Quadrant index (0 star, 1 traffic driver, 2 profit niche, 3 drop): the colour.
    pub quadrant: usize,
}

/// `axis`: [x label, y label]; `medians`: (share, margin) quadrant lines.
pub fn product_matrix(
    points: &[MatrixPoint],
    medians: Option<(Decimal, Decimal)>,
    axis: [&str; 2],
    style: &Style,
) -> Result<String, ChartError> {
    let p = &style.palette;
    let xmax = points.iter().map(|m| coord(m.share)).fold(0.05, f64::max) * 1.12;
    let ymin = points.iter().map(|m| coord(m.margin)).fold(0.0, f64::min);
    let ymax = points.iter().map(|m| coord(m.margin)).fold(0.1, f64::max);
    let span = ymax - ymin;
    let (y0, y1) = (ymin - span * 0.08, ymax + span * 0.1);
    let pct = |v: f64| format!("{}%", style.tick(v * 100.0));
    let colors = [p.good, p.series[0], p.accent, p.bad];
    let frame = Frame {
        height: 380,
        margin: 12,
        margin_top: 12,
        margin_right: 24,
        x_label_area: 44,
        y_label_area: 64,
        x: 0f64..xmax,
        y: y0..y1,
    };
    render(style, frame, |root, chart| {
        draw_axes(chart, style, &|v| pct(*v), axis[0], Some(axis[1]))?;
        if let Some((mx, my)) = medians {
            let (mx, my) = (coord(mx), coord(my));
            let line = rgb(p.muted).stroke_width(1);
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(mx, y0), (mx, y1)],
                line,
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, my), (xmax, my)],
                line,
            )))?;
        }
        let ts = (FONT, 12)
            .into_font()
            .color(&rgb(p.text))
            .pos(Pos::new(HPos::Left, VPos::Center));
        for m in points {
            let at = (coord(m.share), coord(m.margin));
            let color = rgb(colors[m.quadrant % colors.len()]);
            chart.draw_series(std::iter::once(Circle::new(at, 6, color.filled())))?;
        }
        // Labels already placed, as (left, top, right, bottom) pixel boxes.
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        for i in labelled(points) {
            let m = &points[i];
            let at = (coord(m.share), coord(m.margin));
            let (x, y) = chart.backend_coord(&at);
            let (left, right) = (x + 9, x + 9 + label_width(&m.label));
            // SKUs with the same figures would print over each other: step the label
            // down or up a line until it is clear of the ones already drawn; a label with no
            // free place is left to the hover (the page names every dot).
            let free = [0, 14, -14, 28, -28].into_iter().find(|dy| {
                let (top, bottom) = (y + dy - 7, y + dy + 7);
                !placed
                    .iter()
                    .any(|b| left < b.2 && right > b.0 && top < b.3 && bottom > b.1)
            });
            let Some(dy) = free else { continue };
            placed.push((left, y + dy - 7, right, y + dy + 7));
            root.draw(&Text::new(m.label.clone(), (left, y + dy), ts.clone()))?;
        }
        Ok(())
    })
}

/// How many dots carry a printed label: the biggest sellers; the rest are named on hover.
pub const LABELLED: usize = 12;

/// The indexes of the points to label, biggest sales share first (at most [`LABELLED`]).
fn labelled(points: &[MatrixPoint]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..points.len())
        .filter(|&i| !points[i].label.is_empty())
        .collect();
    idx.sort_by(|&a, &b| points[b].share.cmp(&points[a].share));
    idx.truncate(LABELLED);
    idx
}

/// Rough pixel width of a 12 px label: wide (CJK) characters count double.
fn label_width(s: &str) -> i32 {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 12 } else { 7 })
        .sum()
}
