//! Order-line grain: one row → one `OrderLine`, plus its fees (per-order columns once per
//! order, per-line columns per line)
//! and order-level seller discounts shared over the order's lines (emitted when the order
//! ends). State is per order: occurrence counters and a small discount accumulator, held
//! for the current order only while the file lists each order's lines together (streaming),
//! or for every order when it does not (`whole_file`).

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::finished::Finished;
use super::occurrence::Occurrences;
use super::values::{same_text, Bad, Bound};
use crate::error::Result;
use crate::import::formats::{Effect, RefundRule, Role};
use crate::import::read::Cell;
use crate::import::LedgerSink;
use crate::model::{FeeKind, FeeRow, OrderLine, OrderStatus};

#[derive(Default)]
struct OrderState {
    day: Option<NaiveDate>,
    /// The order-level seller discount, read on the order's first line, and its column.
    discount: Decimal,
    discount_source: String,
    /// Σ list and Σ f × list over the order's non-cancelled lines.
    list: Decimal,
    refunded_list: Decimal,
    live: bool,
}

/// Everything read from one row, before anything is emitted (a bad cell emits nothing).
pub struct LineRow<'a> {
    line: OrderLine,
    fees: Vec<LineFee<'a>>,
    /// The order-level discount and its column.
    discount: Option<(Decimal, String)>,
    key: Option<String>,
    /// The buyer's raw id, hashed by the sink before the line is written.
    buyer: Option<String>,
}

/// A fee column's amount on one line.
struct LineFee<'a> {
    kind: FeeKind,
    /// The column it was read from (the fee's `source`).
    source: &'a str,
    amount: Decimal,
    /// A per-line column (keyed by the line), else a per-order one (keyed by the order).
    per_line: bool,
}

impl LineRow<'_> {
    pub fn day(&self) -> NaiveDate {
        self.line.day
    }
}

#[derive(Default)]
pub struct Lines {
    /// Keep every order's state to the end of the file; otherwise an order is finished as
    /// soon as a row of another order comes.
    whole_file: bool,
    orders: HashMap<String, OrderState>,
    keys: Occurrences,
    /// Order ids in first-seen order, for a stable output.
    seen: Vec<String>,
    /// Streaming: the orders finished so far.
    finished: Finished,
}

impl Lines {
    pub fn new(whole_file: bool) -> Lines {
        Lines {
            whole_file,
            ..Lines::default()
        }
    }

    /// Streaming: this row's order was finished already (the file lists its lines apart),
    /// so the file must be read again with `whole_file`.
    pub fn revisits(&self, order_id: &str) -> bool {
        !self.whole_file && !self.orders.contains_key(order_id) && self.finished.contains(order_id)
    }

    /// Read one data row whose order id is `order_id`.
    pub fn read<'a>(
        &self,
        b: &'a Bound<'a>,
        cells: &[Cell],
        order_id: String,
    ) -> Result<LineRow<'a>, Bad> {
        let first = !self.orders.contains_key(&order_id);
        let day = b
            .date(cells, Role::Date)?
            .ok_or_else(|| b.empty(Role::Date, "the date"))?;
        let qty = b.quantity(cells, Role::Qty)?.unwrap_or(Decimal::ONE);
        let money = |role| b.money(cells, role, first).map(|v| v.unwrap_or_default());

        let (line_id, key) = self.keys.line_id(b, cells, &order_id)?;
        let list_amount = b.list_amount(cells, qty, first)?;

        let effects = effects(b, cells);
        let f = refund_fraction(b, cells, qty, first, &effects)?;
        let cancelled = effects.contains(&Effect::Cancelled)
            || (effects.contains(&Effect::CancelledUnlessRefunded) && f.is_zero());
        let mut fees = line_fees(b, cells, first)?;
        // metrics.md §1: what an order export lists on a cancelled order was never paid.
        if cancelled {
            fees.clear();
        }
        let discount = if first && b.has(Role::OrderDiscount) {
            Some((
                money(Role::OrderDiscount)?,
                b.source_of(Role::OrderDiscount),
            ))
        } else {
            None
        };

        let line = OrderLine {
            order_id,
            line_id,
            sku: b.id(cells, Role::Sku)?,
            product: b.text(cells, Role::Product),
            qty,
            day,
            status: if cancelled {
                OrderStatus::Cancelled
            } else {
                OrderStatus::Paid
            },
            list_amount,
            seller_discount: money(Role::SellerDiscount)?,
            platform_discount: money(Role::PlatformDiscount)?,
            refund_fraction: f,
            buyer_hash: None,
        };
        Ok(LineRow {
            line,
            fees,
            discount,
            key,
            buyer: b.text(cells, Role::BuyerId),
        })
    }

    /// Emit a row read by `read` and remember what the order needs.
    pub fn emit(&mut self, row: LineRow, sink: &mut dyn LedgerSink) -> Result<()> {
        let LineRow {
            mut line,
            fees,
            discount,
            key,
            buyer,
        } = row;
        if let Some(raw) = buyer {
            line.buyer_hash = sink.buyer_hash(&raw)?;
        }
        if !self.orders.contains_key(&line.order_id) {
            if !self.whole_file {
                self.flush(sink)?;
            }
            self.seen.push(line.order_id.clone());
        }
        if let Some(k) = key {
            self.keys.count(&line.order_id, k);
        }
        let state = self.orders.entry(line.order_id.clone()).or_default();
        state.day.get_or_insert(line.day);
        if let Some((d, source)) = discount {
            state.discount = d;
            state.discount_source = source;
        }
        if line.status != OrderStatus::Cancelled {
            state.live = true;
            state.list += line.list_amount;
            state.refunded_list += line.refund_fraction * line.list_amount;
        }
        for LineFee {
            kind,
            source,
            amount,
            per_line,
        } in fees
        {
            let reference = if per_line {
                format!("order:{}/{}", line.order_id, line.line_id)
            } else {
                format!("order:{}", line.order_id)
            };
            sink.fee(FeeRow {
                order_id: Some(line.order_id.clone()),
                day: line.day,
                kind,
                amount,
                reference,
                rank: 1,
                source: source.to_string(),
            })?;
        }
        sink.order_line(line)
    }

    /// At the end of the file.
    pub fn finish(mut self, sink: &mut dyn LedgerSink) -> Result<()> {
        self.flush(sink)
    }

    /// Finish the orders held: each one's shop-funded order-level discount, net of the
    /// order's refunded share: (1 − Σ f × list / Σ list) × discount, as a subsidy fee.
    /// Fully cancelled orders have none.
    fn flush(&mut self, sink: &mut dyn LedgerSink) -> Result<()> {
        self.keys.clear();
        for id in std::mem::take(&mut self.seen) {
            let Some(s) = self.orders.remove(&id) else {
                continue;
            };
            if !self.whole_file {
                self.finished.insert(&id);
            }
            let Some(day) = s.day else { continue };
            if !s.live || s.discount.is_zero() {
                continue;
            }
            let f = s.refunded_list.checked_div(s.list).unwrap_or_default();
            sink.fee(FeeRow {
                reference: format!("order:{id}"),
                order_id: Some(id),
                day,
                kind: FeeKind::Subsidy,
                amount: (Decimal::ONE - f) * s.discount,
                rank: 1,
                source: s.discount_source,
            })?;
        }
        // These fees are the order's, not the next row's: they count in no row.
        sink.end_rows(0);
        Ok(())
    }
}

/// What the row's status texts mean (cancelled, refunded, …), by the format's status map.
fn effects(b: &Bound, cells: &[Cell]) -> Vec<Effect> {
    [Role::Status, Role::RefundStatus]
        .into_iter()
        .filter_map(|role| b.text(cells, role).map(|t| (role, t)))
        .flat_map(|(role, t)| {
            b.spec
                .statuses
                .iter()
                .filter(move |s| s.role == role && same_text(s.text, &t))
                .map(|s| s.effect)
        })
        .collect()
}

/// The refunded share f of the line, in [0, 1]: by the format's refund rule, else 1 when the
/// status says refunded (and not "no refund"), else 0.
fn refund_fraction(
    b: &Bound,
    cells: &[Cell],
    qty: Decimal,
    first: bool,
    effects: &[Effect],
) -> Result<Decimal, Bad> {
    let by_rule = match b.spec.refund {
        RefundRule::StatusOnly => None,
        RefundRule::ReturnedQty => b
            .decimal(cells, Role::ReturnedQty)?
            .and_then(|r| r.checked_div(qty)),
        RefundRule::AmountShare => {
            let refund = b.money(cells, Role::RefundAmount, true)?;
            let paid = b.money(cells, Role::PaidAmount, first)?.unwrap_or_default();
            refund.and_then(|r| r.checked_div(paid))
        }
    };
    let f = match by_rule {
        Some(x) if x > Decimal::ZERO => x,
        _ if effects.contains(&Effect::Refunded) && !effects.contains(&Effect::NoRefund) => {
            Decimal::ONE
        }
        _ => Decimal::ZERO,
    };
    Ok(f.clamp(Decimal::ZERO, Decimal::ONE))
}

/// The line's fees. A per-order column (read on the order's first line) is one fee of the
/// order; a per-line column is each line's own fee, keyed by the line so that two lines of
/// an order never overwrite each other.
fn line_fees<'a>(b: &'a Bound<'a>, cells: &[Cell], first: bool) -> Result<Vec<LineFee<'a>>, Bad> {
    let mut fees = Vec::new();
    for kind in FeeKind::ALL {
        let role = Role::Fee(*kind);
        for per_line in [false, true] {
            if !per_line && !first {
                continue;
            }
            for (source, amount) in b.money_by_column(cells, role, |once| once != per_line)? {
                if !amount.is_zero() {
                    fees.push(LineFee {
                        kind: *kind,
                        source,
                        amount,
                        per_line,
                    });
                }
            }
        }
    }
    Ok(fees)
}
