//! Binding a spec's columns to a header row, and reading one row's values by role.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::unmapped;
use crate::error::{Error, Location, Result};
use crate::import::clean::DateStyle;
use crate::import::formats::{Col, FormatSpec, ListRule, Role, Sign};
use crate::import::read::Cell;
use crate::model::{Currency, MAX_STORED};

use crate::import::{clean, header};

/// A value that cannot be read: becomes `Error::BadCell` or a `Skipped` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Bad {
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// The spec's columns located in one header row.
pub struct Bound<'a> {
    pub spec: &'a FormatSpec<'a>,
    pub columns: header::Columns,
    /// Parallel to `spec.columns`: the column index when the header is present.
    index: Vec<Option<usize>>,
    pub currency: Currency,
    /// Columns no role reads that may hold a new cost (`unmapped`).
    pub unread: Vec<usize>,
    /// The file's order of day and month, once a value has shown it.
    dates: DateStyle,
}

impl<'a> Bound<'a> {
    /// Locate every column; a missing required one is `Error::MissingColumn`.
    pub fn new(
        spec: &'a FormatSpec<'a>,
        cells: &[Cell],
        currency: Currency,
        at: &Location,
    ) -> Result<Bound<'a>> {
        let columns = header::Columns::new(cells);
        let found: Vec<Option<(usize, bool)>> = spec
            .columns
            .iter()
            .map(|c| {
                // A child column is left when its parent is there (`Col::unless`).
                if c.aliases.is_empty()
                    || (!c.unless.is_empty() && columns.find(c.unless).is_some())
                {
                    None
                } else {
                    columns.find_bound(c.aliases)
                }
            })
            .collect();
        let index: Vec<Option<usize>> = found.iter().map(|f| f.map(|(i, _)| i)).collect();
        let missing: Vec<&str> = spec
            .columns
            .iter()
            .zip(&index)
            .filter(|(c, i)| c.required && i.is_none())
            .filter_map(|(c, _)| c.aliases.first().copied())
            .collect();
        if !missing.is_empty() {
            return Err(Error::MissingColumn {
                at: at.clone(),
                column: missing.join(", "),
            });
        }
        // A column the format reads by name that appears twice is ambiguous: which one holds
        // the data? (A format that knows the twins names them by position: "Name#2".)
        let dups = columns.duplicates();
        if let Some(d) = found
            .iter()
            .flatten()
            .filter(|(_, positional)| !positional)
            .map(|&(i, _)| &columns.headers()[i])
            .find(|h| dups.contains(h))
        {
            return Err(Error::BadFile {
                at: Location {
                    column: Some(d.clone()),
                    ..at.clone()
                },
                reason: "this column appears twice in the header; keep one and import again".into(),
            });
        }
        let unread = if spec.bears_fees() {
            unmapped::candidates(spec, &columns, &index)
        } else {
            Vec::new()
        };
        Ok(Bound {
            spec,
            columns,
            index,
            currency,
            unread,
            dates: DateStyle::new(spec.date_order),
        })
    }

    pub fn has(&self, role: Role) -> bool {
        self.present(role).next().is_some()
    }

    /// (column index, column) of every present column of `role`, in spec order.
    fn present(&self, role: Role) -> impl Iterator<Item = (usize, &'a Col<'a>)> + '_ {
        let spec = self.spec;
        spec.columns
            .iter()
            .zip(&self.index)
            .filter(move |(c, _)| c.role == role)
            .filter_map(|(c, i)| i.map(|i| (i, c)))
    }

    fn bad(&self, i: usize, cell: &Cell, reason: String) -> Bad {
        Bad {
            column: self.columns.headers().get(i).cloned().unwrap_or_default(),
            value: show(cell),
            reason,
        }
    }

    /// Whether the format reads the row: a fee statement without adjustments reads only its
    /// order rows (`FeeRule::row_types`).
    pub fn wanted_row(&self, cells: &[Cell]) -> bool {
        match self.spec.fees {
            Some(rule) if rule.other_rows.is_none() => self.is_type(cells, rule.row_types),
            _ => true,
        }
    }

    /// Whether the row's `RowType` text is one of `types` (empty: any row is).
    pub fn is_type(&self, cells: &[Cell], types: &[&str]) -> bool {
        types.is_empty()
            || self
                .text(cells, Role::RowType)
                .is_some_and(|t| types.iter().any(|want| same_text(want, &t)))
    }

    /// The first non-empty id-like value of `role` (ids, SKUs): cleaned of tabs, quotes, ="…".
    pub fn id(&self, cells: &[Cell], role: Role) -> Result<Option<String>, Bad> {
        for (i, _) in self.present(role) {
            let cell = cell_at(cells, i);
            match clean::id(cell) {
                Ok(Some(v)) => return Ok(Some(v)),
                Ok(None) => {}
                Err(e) => return Err(self.bad(i, cell, e.reason)),
            }
        }
        Ok(None)
    }

    /// The first non-empty text of `role`.
    pub fn text(&self, cells: &[Cell], role: Role) -> Option<String> {
        self.present(role)
            .find_map(|(i, _)| clean::text(cell_at(cells, i)))
    }

    /// Sum of the money columns of `role` with their sign convention; `first_of_order` false
    /// leaves out per-order columns already counted. None when every cell is empty.
    pub fn money(
        &self,
        cells: &[Cell],
        role: Role,
        first_of_order: bool,
    ) -> Result<Option<Decimal>, Bad> {
        self.money_where(cells, role, self.currency, |once| first_of_order || !once)
    }

    /// `money` read as amounts of `currency` (not the file's: a row that says its currency).
    pub fn money_in(
        &self,
        cells: &[Cell],
        role: Role,
        currency: Currency,
    ) -> Result<Option<Decimal>, Bad> {
        self.money_where(cells, role, currency, |_| true)
    }

    fn money_where(
        &self,
        cells: &[Cell],
        role: Role,
        currency: Currency,
        read: impl Fn(bool) -> bool,
    ) -> Result<Option<Decimal>, Bad> {
        let parts = self.money_columns(cells, role, currency, read)?;
        Ok((!parts.is_empty()).then(|| parts.iter().map(|(_, v)| *v).sum()))
    }

    /// Each non-empty money column of `role` whose once-per-order flag passes `read`, with
    /// its sign convention applied, named by its first alias (the fee's source: a name that
    /// stays the same whichever header variant the file used).
    pub fn money_by_column(
        &self,
        cells: &[Cell],
        role: Role,
        read: impl Fn(bool) -> bool,
    ) -> Result<Vec<(&'a str, Decimal)>, Bad> {
        self.money_columns(cells, role, self.currency, read)
    }

    fn money_columns(
        &self,
        cells: &[Cell],
        role: Role,
        currency: Currency,
        read: impl Fn(bool) -> bool,
    ) -> Result<Vec<(&'a str, Decimal)>, Bad> {
        let mut out = Vec::new();
        for (i, c) in self.present(role) {
            if !read(c.once) {
                continue;
            }
            let cell = cell_at(cells, i);
            let v = clean::money(cell, currency).map_err(|e| self.bad(i, cell, e.reason))?;
            if let Some(v) = v.filter(|v| v.abs() > Decimal::from(MAX_STORED)) {
                // Said here, where the row and column are known (not when it is stored).
                let why = format!("{v} is too large to store (Fupan keeps amounts up to 10^12)");
                return Err(self.bad(i, cell, why));
            }
            if let Some(v) = v {
                let v = match c.sign {
                    Sign::AsIs => v,
                    Sign::Negated => -v,
                    Sign::Magnitude => v.abs(),
                    Sign::NegativeOnly => (-v).max(Decimal::ZERO),
                };
                out.push((c.aliases.first().copied().unwrap_or_default(), v));
            }
        }
        Ok(out)
    }

    /// The present columns of `role` (first aliases) joined by " + ": the source of a fee
    /// derived from their sum (the order-level discount).
    pub fn source_of(&self, role: Role) -> String {
        let names: Vec<&str> = self
            .present(role)
            .filter_map(|(_, c)| c.aliases.first().copied())
            .collect();
        names.join(" + ")
    }

    /// The line's selling price × qty by the spec's `ListRule` (per-order columns only on
    /// the order's first line).
    pub fn list_amount(
        &self,
        cells: &[Cell],
        qty: Decimal,
        first_of_order: bool,
    ) -> Result<Decimal, Bad> {
        let money = |role| {
            self.money(cells, role, first_of_order)
                .map(|v| v.unwrap_or_default())
        };
        // A price, not a sum: the first price column with a value (Shopee TW: the
        // activity price, else the original one).
        let unit = || -> Result<Decimal, Bad> {
            let read = |once: bool| first_of_order || !once;
            let prices = self.money_columns(cells, Role::UnitPrice, self.currency, read)?;
            Ok(prices.first().map(|(_, v)| *v).unwrap_or_default())
        };
        Ok(match self.spec.list {
            ListRule::Column => money(Role::ListAmount)?,
            ListRule::UnitTimesQty => unit()? * qty,
            ListRule::UnitTimesQtyLess => unit()? * qty - money(Role::ListDeduction)?,
            ListRule::ColumnLess => money(Role::ListAmount)? - money(Role::ListDeduction)?,
        })
    }

    /// The first non-empty plain number of `role` (quantities).
    pub fn decimal(&self, cells: &[Cell], role: Role) -> Result<Option<Decimal>, Bad> {
        self.first(cells, role, |c| clean::decimal(c).map_err(|e| e.reason))
    }

    /// The first non-empty quantity of `role`. A negative one is refused: returns arrive as
    /// statuses and refund columns, so a negative count means a misread column.
    pub fn quantity(&self, cells: &[Cell], role: Role) -> Result<Option<Decimal>, Bad> {
        self.first(cells, role, |c| match clean::decimal(c) {
            Ok(Some(d)) if d < Decimal::ZERO => Err("a quantity cannot be negative".into()),
            Ok(Some(d)) if d > Decimal::from(MAX_STORED) => {
                Err(format!("{d} is too large to store as a quantity"))
            }
            r => r.map_err(|e| e.reason),
        })
    }

    /// The first non-empty count of `role` (clicks, orders).
    pub fn integer(&self, cells: &[Cell], role: Role) -> Result<Option<i64>, Bad> {
        self.first(cells, role, |c| clean::integer(c).map_err(|e| e.reason))
    }

    /// The first non-empty count of `role` that cannot be negative (visitors, page views).
    pub fn count(&self, cells: &[Cell], role: Role) -> Result<Option<i64>, Bad> {
        self.first(cells, role, |c| match clean::integer(c) {
            Ok(Some(n)) if n < 0 => Err("a count cannot be negative".into()),
            r => r.map_err(|e| e.reason),
        })
    }

    /// A date; slashed dates are read in the file's order of day and month (`DateStyle`).
    pub fn date(&self, cells: &[Cell], role: Role) -> Result<Option<NaiveDate>, Bad> {
        self.first(cells, role, |c| self.dates.date(c).map_err(|e| e.reason))
    }

    /// The first day of the month of `role` ("2026-03", "2026年3月", a date).
    pub fn month(&self, cells: &[Cell], role: Role) -> Result<Option<NaiveDate>, Bad> {
        self.first(cells, role, |c| clean::month(c).map_err(|e| e.reason))
    }

    /// The currency of `role`: an ISO code ("CNY", "vnd") or a common mark (¥, 元, ₫, đ).
    pub fn currency_of(&self, cells: &[Cell], role: Role) -> Result<Option<Currency>, Bad> {
        self.first(cells, role, |c| {
            let Some(t) = clean::text(c) else {
                return Ok(None);
            };
            let named = match header::normalize(&t).to_lowercase().as_str() {
                "¥" | "￥" | "元" | "rmb" | "人民币" => Some(Currency::CNY),
                "₫" | "đ" | "vnđ" | "越南盾" => Some(Currency::VND),
                _ => None,
            };
            named.map(Some).map_or_else(|| t.parse().map(Some), Ok)
        })
    }

    /// The header of the first present column of `role` ("" when the file has none).
    pub fn header_of(&self, role: Role) -> String {
        self.empty(role, "").column
    }

    /// A date or a date range "20260803至20260809" (a plain date is a one-day range).
    pub fn date_range(
        &self,
        cells: &[Cell],
        role: Role,
    ) -> Result<Option<(NaiveDate, NaiveDate)>, Bad> {
        self.first(cells, role, |c| match clean::date(c) {
            Ok(d) => Ok(d.map(|d| (d, d))),
            Err(_) => clean::date_range(c).map_err(|e| e.reason),
        })
    }

    fn first<T>(
        &self,
        cells: &[Cell],
        role: Role,
        read: impl Fn(&Cell) -> Result<Option<T>, String>,
    ) -> Result<Option<T>, Bad> {
        for (i, _) in self.present(role) {
            let cell = cell_at(cells, i);
            match read(cell) {
                Ok(Some(v)) => return Ok(Some(v)),
                Ok(None) => {}
                Err(reason) => return Err(self.bad(i, cell, reason)),
            }
        }
        Ok(None)
    }

    /// A required value that is empty.
    /// On the last row of a text file: a status that is the start of a status the format
    /// knows, but not one itself (`退款成功` cut to `退`), is a row cut off, not "no refund".
    pub fn cut_status(&self, cells: &[Cell]) -> Option<Bad> {
        let known = self.spec.statuses;
        known.iter().find_map(|s| {
            let (i, _) = self.present(s.role).next()?;
            let text = clean::text(cell_at(cells, i))?;
            let cut = s.text.starts_with(text.as_str())
                && !known
                    .iter()
                    .any(|o| o.role == s.role && same_text(o.text, &text));
            cut.then(|| {
                let why = format!(
                    "the status looks cut off (the file ends inside \"{}\"?)",
                    s.text
                );
                self.bad(i, cell_at(cells, i), why)
            })
        })
    }

    pub fn empty(&self, role: Role, what: &str) -> Bad {
        let column = self
            .present(role)
            .next()
            .and_then(|(i, _)| self.columns.headers().get(i).cloned())
            .unwrap_or_default();
        Bad {
            column,
            value: String::new(),
            reason: format!("{what} is empty"),
        }
    }
}

fn cell_at(cells: &[Cell], i: usize) -> &Cell {
    cells.get(i).unwrap_or(&Cell::Empty)
}

/// A cell as the merchant would see it, for messages.
pub fn show(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => f.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::DateTime(d) => d.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

/// Status texts compare trimmed, NFC and case-insensitively.
pub fn same_text(a: &str, b: &str) -> bool {
    header::normalize(a).to_lowercase() == header::normalize(b).to_lowercase()
}
