//! Channel ROAS against the store's break-even ROAS: one horizontal bar per channel, green
//! when the engine's verdict is "scale", red when "fix or cut", and the break-even line.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;

use super::{coord, padded, render_rows, rgb, row_label, ChartError, Frame, Style, FONT};

#[derive(Debug, Clone, PartialEq)]
pub struct RoasBar {
    pub label: String,
    /// None when the channel had no spend (nothing drawn, "—" printed).
    pub roas: Option<Decimal>,
    /// The engine's verdict: true for "scale".
    pub scale: bool,
}

/// `break_even_label` is the translated word ("Break-even"), printed with the value.
pub fn roas_bars(
    bars: &[RoasBar],
    break_even: Option<Decimal>,
    break_even_label: &str,
    style: &Style,
) -> Result<String, ChartError> {
    let p = &style.palette;
    let n = bars.len().max(1);
    let height = 70 + 32 * n as u32;
    let hi = bars
        .iter()
        .filter_map(|b| b.roas.map(coord))
        .chain(break_even.map(coord))
        .fold(1.0, f64::max);
    let (x0, x1) = padded(0.0, hi);
    let nf = n as f64;
    let frame = Frame::rows(height, 30, 250, x0..x1, nf);
    render_rows(style, frame, 6, |root, chart| {
        let value_style = (FONT, 13)
            .into_font()
            .color(&rgb(p.text))
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (i, b) in bars.iter().enumerate() {
            let top = nf - i as f64 - 0.2;
            let bottom = nf - i as f64 - 0.8;
            let mid = (top + bottom) / 2.0;
            let (lx, ly) = row_label(root, chart, style, mid, &b.label)?;
            let Some(r) = b.roas else {
                root.draw(&Text::new("—", (lx + 6, ly), value_style.clone()))?;
                continue;
            };
            let color = if b.scale { rgb(p.good) } else { rgb(p.bad) };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, bottom), (coord(r), top)],
                color.filled(),
            )))?;
            let (vx, vy) = chart.backend_coord(&(coord(r), mid));
            root.draw(&Text::new(
                style.amount(r, 2),
                (vx + 6, vy),
                value_style.clone(),
            ))?;
        }
        if let Some(be) = break_even {
            let x = coord(be);
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, 0.0), (x, nf)],
                rgb(p.accent).stroke_width(3),
            )))?;
            let (bx, by) = chart.backend_coord(&(x, nf));
            let s = (FONT, 13)
                .into_font()
                .color(&rgb(p.text))
                .pos(Pos::new(HPos::Center, VPos::Bottom));
            root.draw(&Text::new(
                format!("{break_even_label} {}", style.amount(be, 2)),
                (bx, by - 4),
                s,
            ))?;
        }
        Ok(())
    })
}
