//! GMV → net profit waterfall, one horizontal bar per step (long labels read well in any
//! language): totals from zero, costs floating down from the running total.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;

use super::{coord, padded, render_rows, rgb, row_label, ChartError, Frame, Palette, Style, FONT};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// A level drawn from zero (GMV, net sales, contribution, net profit).
    Total,
    /// A cost taken off the running level.
    Decrease,
    /// Something added to the running level.
    Increase,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WaterfallStep {
    pub label: String,
    pub amount: Decimal,
    pub kind: StepKind,
}

/// The waterfall as an SVG string; `dp` is the currency's minor digits for the value labels.
pub fn waterfall(steps: &[WaterfallStep], dp: u32, style: &Style) -> Result<String, ChartError> {
    waterfall_noted(steps, &[], dp, style)
}

/// The waterfall with a note after each step's value (e.g. its share of GMV); `notes` are
/// matched to `steps` by position, a missing one prints nothing.
pub fn waterfall_noted(
    steps: &[WaterfallStep],
    notes: &[String],
    dp: u32,
    style: &Style,
) -> Result<String, ChartError> {
    let p = &style.palette;
    let n = steps.len().max(1);
    let height = 56 + 30 * n as u32;
    let bars = extents(steps);
    let lo = bars.iter().flat_map(|(a, b)| [*a, *b]).fold(0.0, f64::min);
    let hi = bars.iter().flat_map(|(a, b)| [*a, *b]).fold(0.0, f64::max);
    let (x0, x1) = padded(lo, hi);
    let nf = n as f64;
    let frame = Frame::rows(height, 10, 150, x0..x1, nf);
    render_rows(style, frame, 5, |root, chart| {
        for (i, (s, (a, b))) in steps.iter().zip(&bars).enumerate() {
            let top = nf - i as f64 - 0.16;
            let bottom = nf - i as f64 - 0.84;
            let color = bar_color(s, p);
            let (l, r) = (a.min(*b), a.max(*b));
            chart.draw_series(std::iter::once(Rectangle::new(
                [(l, bottom), (r, top)],
                color.filled(),
            )))?;
            if i + 1 < bars.len() {
                let next_top = top - 0.68;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(*b, bottom), (*b, next_top)],
                    rgb(p.muted).stroke_width(1),
                )))?;
            }
            let mid = (top + bottom) / 2.0;
            row_label(root, chart, style, mid, &s.label)?;
            let value = value_text(s, notes.get(i), dp, style);
            let (pl, _) = chart.backend_coord(&(l, mid));
            let (pr, py) = chart.backend_coord(&(r, mid));
            let text_w = 9 * value.chars().count() as i32;
            let inside = pr - pl > text_w + 12;
            // Outside the bar: to its right, or to its left when the right runs off the chart.
            let fits_right = pr + 6 + text_w <= style.width as i32;
            let (vx, anchor, fill) = if inside {
                (pr - 6, HPos::Right, rgb(p.background))
            } else if fits_right {
                (pr + 6, HPos::Left, rgb(p.text))
            } else {
                (pl - 6, HPos::Right, rgb(p.text))
            };
            let vstyle = (FONT, 13)
                .into_font()
                .color(&fill)
                .pos(Pos::new(anchor, VPos::Center));
            root.draw(&Text::new(value, (vx, py), vstyle))?;
        }
        Ok(())
    })
}

/// Each bar's (start, end) on the value axis: the running level kept exact in `Decimal`,
/// `f64` only as drawing coordinates.
fn extents(steps: &[WaterfallStep]) -> Vec<(f64, f64)> {
    let mut level = Decimal::ZERO;
    steps
        .iter()
        .map(|s| {
            let from = level;
            level = match s.kind {
                StepKind::Total => s.amount,
                StepKind::Decrease => level - s.amount,
                StepKind::Increase => level + s.amount,
            };
            let start = if s.kind == StepKind::Total {
                Decimal::ZERO
            } else {
                from
            };
            (coord(start), coord(level))
        })
        .collect()
}

/// Totals in the total colour (a loss in the bad one), costs bad, gains good.
fn bar_color(s: &WaterfallStep, p: &Palette) -> RGBAColor {
    match s.kind {
        StepKind::Total if s.amount < Decimal::ZERO => rgb(p.bad).to_rgba(),
        StepKind::Total => rgb(p.total).to_rgba(),
        StepKind::Decrease => rgb(p.bad).mix(0.8),
        StepKind::Increase => rgb(p.good).to_rgba(),
    }
}

/// The value printed by a bar: a cost with a minus sign, then its note if any.
fn value_text(s: &WaterfallStep, note: Option<&String>, dp: u32, style: &Style) -> String {
    let sign = if s.kind == StepKind::Decrease {
        "−"
    } else {
        ""
    };
    let value = format!("{sign}{}", style.amount(s.amount, dp));
    match note.filter(|n| !n.is_empty()) {
        Some(note) => format!("{value} ({note})"),
        None => value,
    }
}
