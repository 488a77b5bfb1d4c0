//! Charts as SVG strings, drawn with `plotters` (SVG backend, no font files: text is laid out
//! by the viewer — the window's webview, or typst with the report's fonts). Each chart takes
//! plain data — labels and exact `Decimal` amounts (`monthly_trend` reads the engine's monthly
//! figures directly) — plus a [`Style`] (palette, number separators, translated labels). Amounts become `f64` only as
//! drawing coordinates; every printed figure is formatted from the exact decimal.

mod matrix;
mod response;
mod roas;
mod trend;
mod waterfall;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

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
    pub fn light() -> Palette {
        Palette {
            background: (255, 255, 255),
            text: (22, 32, 44),
            muted: (90, 103, 120),
            grid: (226, 231, 238),
            total: (31, 59, 99),
            good: (30, 127, 79),
            bad: (214, 69, 50),
            accent: (201, 146, 20),
            series: [(31, 59, 99), (30, 127, 79), (214, 69, 50), (201, 146, 20)],
        }
    }

    pub fn dark() -> Palette {
        Palette {
            background: (24, 32, 42),
            text: (230, 235, 241),
            muted: (160, 173, 189),
            grid: (51, 65, 82),
            total: (126, 172, 232),
            good: (88, 201, 139),
            bad: (255, 138, 122),
            accent: (242, 193, 78),
            series: [
                (126, 172, 232),
                (88, 201, 139),
                (255, 138, 122),
                (242, 193, 78),
            ],
        }
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
        let v = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
        let text = crate::model::format_fixed(v, dp);
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.as_str()),
        };
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(self.group);
            }
            grouped.push(ch);
        }
        match frac {
            Some(f) => format!("{sign}{grouped}{}{f}", self.decimal),
            None => format!("{sign}{grouped}"),
        }
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

/// Horizontal-bar charts (waterfall, ROAS by channel): a value axis along x with `x_labels`
/// ticks in the style's number format, no y mesh (each row is labelled by its bar).
pub(crate) fn draw_value_axis<DB: plotters::prelude::DrawingBackend>(
    chart: &mut plotters::chart::ChartContext<
        '_,
        DB,
        plotters::coord::cartesian::Cartesian2d<
            plotters::coord::types::RangedCoordf64,
            plotters::coord::types::RangedCoordf64,
        >,
    >,
    style: &Style,
    x_labels: usize,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    use plotters::prelude::*;
    let p = &style.palette;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(x_labels)
        .x_label_formatter(&|v| style.tick(*v))
        .label_style((FONT, 12).into_font().color(&rgb(p.muted)))
        .axis_style(rgb(p.grid))
        .bold_line_style(rgb(p.grid))
        .light_line_style(TRANSPARENT)
        .draw()?;
    Ok(())
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
