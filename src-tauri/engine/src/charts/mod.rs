//! Charts as SVG strings, drawn with `plotters` (SVG backend, no font files: text is laid out
//! by the viewer — the window's webview, or typst with the report's fonts). Each chart takes
//! plain data — labels and exact `Decimal` amounts (`monthly_trend` reads the engine's monthly
//! figures directly) — plus a [`Style`] (palette, number separators, translated labels). Amounts become `f64` only as
//! drawing coordinates; every printed figure is formatted from the exact decimal.

mod figures;
mod matrix;
mod response;
mod roas;
mod trend;
mod waterfall;

use std::ops::Range;

use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub use figures::{
    matrix_point, profit_steps, quadrant_index, response_curve, ProfitStep, FIGURE_LABELS,
};
pub use matrix::{product_matrix, MatrixPoint};
pub use response::{spend_response, ResponseCurve};
pub use roas::{roas_bars, RoasBar};
pub use trend::{monthly_trend, trend_lines, TrendSeries};
pub use waterfall::{waterfall, waterfall_noted, StepKind, WaterfallStep};

/// Colours of one theme, as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    pub background: (u8, u8, u8),
    pub text: (u8, u8, u8),
    pub muted: (u8, u8, u8),
    pub grid: (u8, u8, u8),
    pub total: (u8, u8, u8),
    pub good: (u8, u8, u8),
    pub bad: (u8, u8, u8),
    pub accent: (u8, u8, u8),
    /// Line colours for series, in order.
    pub series: [(u8, u8, u8); 4],
}

impl Palette {
    /// A palette whose series are, in order, its total, good, bad and accent colours.
    const fn of(base: [(u8, u8, u8); 4], marks: [(u8, u8, u8); 4]) -> Palette {
        let [background, text, muted, grid] = base;
        let [total, good, bad, accent] = marks;
        Palette {
            background,
            text,
            muted,
            grid,
            total,
            good,
            bad,
            accent,
            series: marks,
        }
    }

    pub fn light() -> Palette {
        Palette::of(
            [
                (255, 255, 255),
                (22, 32, 44),
                (90, 103, 120),
                (226, 231, 238),
            ],
            [(31, 59, 99), (30, 127, 79), (214, 69, 50), (201, 146, 20)],
        )
    }

    pub fn dark() -> Palette {
        Palette::of(
            [(24, 32, 42), (230, 235, 241), (160, 173, 189), (51, 65, 82)],
            [
                (126, 172, 232),
                (88, 201, 139),
                (255, 138, 122),
                (242, 193, 78),
            ],
        )
    }

    /// "dark" → dark, anything else → light.
    pub fn for_theme(theme: &str) -> Palette {
        if theme == "dark" {
            Palette::dark()
        } else {
            Palette::light()
        }
    }
}

/// Everything about how a chart reads: colours, digit grouping and the words on it.
#[derive(Debug, Clone)]
pub struct Style {
    pub palette: Palette,
    /// Thousands separator ("," for CNY, "." for VND).
    pub group: char,
    /// Decimal separator ("." for CNY, "," for VND).
    pub decimal: char,
    pub width: u32,
}

impl Style {
    pub fn new(palette: Palette, group: char, decimal: char) -> Style {
        Style {
            palette,
            group,
            decimal,
            width: 640,
        }
    }

    /// Numbers in the marks of the UI language (zh, vi, en): one style per language, the same
    /// as the page's and the report's (vi 1.234,5; zh/en 1,234.5).
    pub fn for_language(palette: Palette, lang: &str) -> Style {
        match lang {
            "vi" => Style::new(palette, '.', ','),
            _ => Style::new(palette, ',', '.'),
        }
    }

    /// Money of `currency` written the way its merchants read it (1,234.50 / 1.234.567).
    pub fn for_currency(palette: Palette, currency: crate::model::Currency) -> Style {
        use crate::model::Currency;
        match currency {
            Currency::VND | Currency::IDR => Style::new(palette, '.', ','),
            _ => Style::new(palette, ',', '.'),
        }
    }

    /// An exact amount with `dp` decimals and digit grouping.
    pub fn amount(&self, value: Decimal, dp: u32) -> String {
        crate::model::format_grouped(value, dp, self.group, self.decimal)
    }

    /// An axis tick (a drawing coordinate, already approximate): grouped, no decimals unless small.
    pub fn tick(&self, v: f64) -> String {
        let dp = if v.abs() < 10.0 && v.fract().abs() > 1e-9 {
            1
        } else {
            0
        };
        self.amount(Decimal::from_f64_retain(v).unwrap_or_default(), dp)
    }
}

pub(crate) const FONT: &str = "sans-serif";

/// A drawing coordinate from an exact amount.
pub(crate) fn coord(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

pub(crate) fn rgb(c: (u8, u8, u8)) -> plotters::style::RGBColor {
    plotters::style::RGBColor(c.0, c.1, c.2)
}

/// A chart error: drawing failed (never expected with the SVG backend).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chart: {0}")]
pub struct ChartError(pub String);

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>>
    for ChartError
{
    fn from(e: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

impl From<ChartError> for crate::Error {
    fn from(e: ChartError) -> Self {
        crate::Error::Internal(e.0)
    }
}

/// The drawing area and the f64 cartesian chart every chart here draws on.
pub(crate) type Area<'s> = DrawingArea<SVGBackend<'s>, Shift>;
pub(crate) type Chart<'a, 's> =
    ChartContext<'a, SVGBackend<'s>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
type Mesh<'a, 'b, 's> = MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, SVGBackend<'s>>;

/// A chart's frame: height and spacing in pixels (the width is the style's) and value ranges.
pub(crate) struct Frame {
    pub height: u32,
    pub margin: u32,
    pub margin_top: u32,
    pub margin_right: u32,
    pub x_label_area: u32,
    pub y_label_area: u32,
    pub x: Range<f64>,
    pub y: Range<f64>,
}

impl Frame {
    /// The frame of a horizontal-bar chart: one unit of height per row, rows labelled on
    /// the left in a `y_label_area` wide column, value ticks below.
    pub fn rows(
        height: u32,
        margin_top: u32,
        y_label_area: u32,
        x: Range<f64>,
        rows: f64,
    ) -> Frame {
        Frame {
            height,
            margin: 10,
            margin_top,
            margin_right: 18,
            x_label_area: 26,
            y_label_area,
            x,
            y: 0f64..rows,
        }
    }
}

/// One chart as an SVG string: the frame on the palette's background, then `draw` on it —
/// the one place every chart is set up and finished.
pub(crate) fn render(
    style: &Style,
    frame: Frame,
    draw: impl FnOnce(&Area<'_>, &mut Chart<'_, '_>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (style.width, frame.height)).into_drawing_area();
        root.fill(&rgb(style.palette.background))?;
        let mut chart = ChartBuilder::on(&root)
            .margin(frame.margin)
            .margin_top(frame.margin_top)
            .margin_right(frame.margin_right)
            .x_label_area_size(frame.x_label_area)
            .y_label_area_size(frame.y_label_area)
            .build_cartesian_2d(frame.x, frame.y)?;
        draw(&root, &mut chart)?;
        root.present()?;
    }
    Ok(svg)
}

/// The look every chart's mesh shares: muted 12 px labels, grid-coloured axis and lines,
/// no light lines. Callers set what differs (labels, formatters), then `draw()`.
pub(crate) fn themed<'m, 'a, 'b, 's>(
    mesh: &'m mut Mesh<'a, 'b, 's>,
    style: &Style,
) -> &'m mut Mesh<'a, 'b, 's> {
    let p = &style.palette;
    mesh.label_style((FONT, 12).into_font().color(&rgb(p.muted)))
        .axis_style(rgb(p.grid))
        .bold_line_style(rgb(p.grid))
        .light_line_style(TRANSPARENT)
}

/// The two value axes of a scatter or curve chart: five ticks each written by `tick`, the
/// x axis described by `x_desc` and the y axis by `y_desc` when given.
pub(crate) fn draw_axes(
    chart: &mut Chart<'_, '_>,
    style: &Style,
    tick: &dyn Fn(&f64) -> String,
    x_desc: &str,
    y_desc: Option<&str>,
) -> Result<(), ChartError> {
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(5)
        .y_labels(5)
        .x_label_formatter(tick)
        .y_label_formatter(tick)
        .x_desc(x_desc)
        .axis_desc_style((FONT, 13).into_font().color(&rgb(style.palette.text)));
    if let Some(d) = y_desc {
        mesh.y_desc(d);
    }
    themed(&mut mesh, style).draw()?;
    Ok(())
}

/// Horizontal-bar charts (waterfall, ROAS by channel) with `rows` rows and `x_labels` value
/// ticks: the frame, a value axis along x in the style's number format, no y mesh (each row
/// is labelled by its bar, see `row_label`).
pub(crate) fn render_rows(
    style: &Style,
    frame: Frame,
    x_labels: usize,
    draw: impl FnOnce(&Area<'_>, &mut Chart<'_, '_>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    render(style, frame, |root, chart| {
        themed(
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(0)
                .x_labels(x_labels)
                .x_label_formatter(&|v| style.tick(*v)),
            style,
        )
        .draw()?;
        draw(root, chart)
    })
}

/// A row's label, right-aligned left of the plot at height `mid`.
pub(crate) fn row_label(
    root: &Area<'_>,
    chart: &Chart<'_, '_>,
    style: &Style,
    mid: f64,
    label: &str,
) -> Result<(i32, i32), ChartError> {
    let (lx, ly) = chart.backend_coord(&(chart.x_range().start, mid));
    let ts = (FONT, 14)
        .into_font()
        .color(&rgb(style.palette.text))
        .pos(Pos::new(HPos::Right, VPos::Center));
    root.draw(&Text::new(label.to_string(), (lx - 8, ly), ts))?;
    Ok((lx, ly))
}

/// A padded range around `lo..hi` that includes 0.
pub(crate) fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let lo = lo.min(0.0);
    let hi = hi.max(0.0);
    let span = (hi - lo).max(1.0);
    (
        if lo < 0.0 { lo - span * 0.06 } else { 0.0 },
        hi + span * 0.08,
    )
}

#[cfg(test)]
mod tests;
