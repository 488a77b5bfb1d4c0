//! Fee-statement grain: one row → fee rows of its wide fee columns, of its long-format fee
//! name, or of a scene rule (Douyin 运费险). Ad spend in a statement (Lazada sponsored
//! products) is summed per channel and day and emitted at the end.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::finished::Finished;
use super::values::{same_text, Bad, Bound};
use crate::error::Result;
use crate::import::formats::{FeeRule, Role, Settle, Target};
use crate::import::read::Cell;
use crate::import::LedgerSink;
use crate::model::{AdDay, Channel, FeeKind, FeeRow, Settlement, SettlementKind, TaxKind, TaxRow};

/// Everything read from one row, before anything is emitted.
pub struct FeeLines {
    day: NaiveDate,
    /// The order the row's fees are of (None for an adjustment row).
    order: Option<String>,
    base: String,
    /// The reference was made up from the order (no transaction id): count repeats.
    derived: bool,
    /// (kind, source column / fee name / scene, amount).
    fees: Vec<(FeeKind, String, Decimal)>,
    ads: Vec<(Channel, Decimal)>,
    /// (kind, source columns, amount): one per kind.
    taxes: Vec<(TaxKind, String, Decimal)>,
    /// What the row settled (kind, label, amount as paid to the seller).
    settled: Option<(SettlementKind, String, Decimal)>,
    /// The settlement's order (an adjustment's related order).
    settled_order: Option<String>,
    /// Base of the settlement and tax references: "{transaction or order id}@{day}".
    settle_base: String,
    /// (statement, order, signed amount) of a line summed per statement (`PerStatement`).
    statement_line: Option<(String, String, Decimal)>,
}

impl FeeLines {
    pub fn day(&self) -> NaiveDate {
        self.day
    }
}

#[derive(Default)]
pub struct Fees {
    /// Hold every correctable row to the end of the file (`FeeRule::replace`); otherwise
    /// they are written as read, betting that the file lists each reference once.
    whole_file: bool,
    /// Streaming: the correctable references written so far. One seen again (a correction
    /// in the same file) sends the file back to be read with `whole_file`.
    written: Finished,
    /// Occurrences of (reference, kind) so far: repeats get "#2", "#3"… (stable across
    /// re-imports of the same statement).
    refs: HashMap<(String, FeeKind), u32>,
    /// Occurrences of a settlement base so far (an order settled twice on one day).
    settle_refs: HashMap<String, u32>,
    ads: BTreeMap<(Channel, NaiveDate), Decimal>,
    /// (statement, order) → (latest day, Σ amount): `Settle::PerStatement`.
    statements: BTreeMap<(String, String), (NaiveDate, Decimal)>,
    /// `whole_file`: correctable rows, latest version of each reference, in first-seen order.
    held: Vec<FeeLines>,
    held_at: HashMap<String, usize>,
}

/// The target of the first pattern `name` contains (case-insensitive).
fn target_of(
    table: &'static [(&'static str, Target)],
    name: &str,
) -> Option<&'static (&'static str, Target)> {
    let lower = name.to_lowercase();
    table
        .iter()
        .find(|(pattern, _)| lower.contains(&pattern.to_lowercase()))
}

impl Fees {
    pub fn new(whole_file: bool) -> Fees {
        Fees {
            whole_file,
            ..Fees::default()
        }
    }

    /// Streaming: this correctable row's reference was written already (a correction later
    /// in the file), so the file must be read again with `whole_file`.
    pub fn revisits(&self, r: &FeeLines, rule: &FeeRule) -> bool {
        !self.whole_file && rule.replace && r.derived && self.written.contains(&r.base)
    }

    /// Read one row (of the rule's row type: `Bound::wanted_row`).
    pub fn read(&self, b: &Bound, cells: &[Cell], rule: &FeeRule) -> Result<FeeLines, Bad> {
        let day = b
            .date(cells, Role::Date)?
            .ok_or_else(|| b.empty(Role::Date, "the date"))?;
        let order = b.id(cells, Role::OrderId)?;
        let transaction = b.id(cells, Role::Reference)?;
        let settle_base = format!(
            "{}@{day}",
            transaction.as_deref().or(order.as_deref()).unwrap_or("row")
        );
        let (base, derived) = match transaction {
            Some(r) => (r, false),
            None => {
                let of = order.clone().unwrap_or_else(|| day.to_string());
                (format!("{}:{of}", rule.prefix), true)
            }
        };
        let mut r = FeeLines {
            day,
            order: order.clone(),
            base,
            derived,
            fees: Vec::new(),
            ads: Vec::new(),
            taxes: Vec::new(),
            settled: None,
            settled_order: order,
            settle_base,
            statement_line: None,
        };
        if b.is_type(cells, rule.row_types) {
            read_order_row(b, cells, rule, &mut r)?;
        } else if let Some(types) = rule.other_rows {
            read_adjustment(b, cells, rule, types, &mut r)?;
        }
        r.fees.retain(|(_, _, v)| !v.is_zero());
        r.taxes.retain(|(_, _, v)| !v.is_zero());
        r.ads.retain(|(_, v)| !v.is_zero());
        Ok(r)
    }

    /// Write a row read by `read`. Returns false when the row is held back instead: with
    /// `whole_file` a correctable row (`FeeRule::replace`) is written by `finish`, once, in
    /// its latest version, so a re-import finds every row a duplicate. Streaming writes it
    /// now (`revisits` has checked it is the first of its reference): a 1M-line year's
    /// income report held 367 MiB of rows to the end.
    pub fn emit(&mut self, r: FeeLines, rule: &FeeRule, sink: &mut dyn LedgerSink) -> Result<bool> {
        if rule.replace && r.derived && !self.whole_file {
            self.written.insert(&r.base);
        } else if rule.replace && r.derived {
            match self.held_at.get(&r.base) {
                Some(&i) => self.held[i] = r,
                None => {
                    self.held_at.insert(r.base.clone(), self.held.len());
                    self.held.push(r);
                }
            }
            return Ok(false);
        }
        self.write(r, rule, sink)?;
        Ok(true)
    }

    fn write(&mut self, r: FeeLines, rule: &FeeRule, sink: &mut dyn LedgerSink) -> Result<()> {
        // A derived reference is counted once per row and kind (the sources of one kind in a
        // row share it and differ by source), so references stay those of schema 1.
        let mut numbered: Vec<(FeeKind, String)> = Vec::new();
        for (kind, source, amount) in r.fees {
            let reference = match numbered.iter().find(|(k, _)| *k == kind) {
                Some((_, reference)) => reference.clone(),
                None => {
                    let counted = r.derived && !rule.replace;
                    let reference = self.fee_reference(&r.base, kind, counted);
                    numbered.push((kind, reference.clone()));
                    reference
                }
            };
            sink.fee(FeeRow {
                order_id: r.order.clone(),
                day: r.day,
                kind,
                amount,
                reference,
                rank: rule.rank,
                source,
            })?;
        }
        for (channel, spend) in r.ads {
            *self.ads.entry((channel, r.day)).or_default() += spend;
        }
        if let Some((statement, order, amount)) = r.statement_line {
            let e = self
                .statements
                .entry((statement, order))
                .or_insert((r.day, Decimal::ZERO));
            e.0 = e.0.max(r.day);
            e.1 += amount;
        }
        if r.taxes.is_empty() && r.settled.is_none() {
            return Ok(());
        }
        let reference = self.settle_reference(r.settle_base, rule.replace);
        for (kind, source, amount) in r.taxes {
            sink.tax_row(TaxRow {
                order_id: r.order.clone(),
                day: r.day,
                kind,
                amount,
                reference: reference.clone(),
                source,
            })?;
        }
        if let Some((kind, label, amount)) = r.settled {
            sink.settlement(Settlement {
                order_id: r.settled_order,
                day: r.day,
                kind,
                label,
                amount,
                reference,
            })?;
        }
        Ok(())
    }

    /// A fee's reference: the row's base, numbered `#n` from the second time a derived base
    /// of this kind is seen in the file (`counted`), so that rows sharing a base stay apart.
    fn fee_reference(&mut self, base: &str, kind: FeeKind, counted: bool) -> String {
        let n = if counted {
            let n = self.refs.entry((base.to_string(), kind)).or_insert(0);
            *n += 1;
            *n
        } else {
            1
        };
        numbered(base, n)
    }

    /// A settlement's (and its taxes') reference, numbered as `fee_reference` unless the file
    /// replaces what it lists (`replace`: one row per key).
    fn settle_reference(&mut self, base: String, replace: bool) -> String {
        if replace {
            return base;
        }
        let n = self.settle_refs.entry(base.clone()).or_insert(0);
        *n += 1;
        numbered(&base, *n)
    }

    /// The held-back rows (each followed by its `end_row`), then the orders' settlements per
    /// statement and the ad spend found in the statement, one day per channel.
    pub fn finish(mut self, rule: Option<&FeeRule>, sink: &mut dyn LedgerSink) -> Result<()> {
        if let Some(rule) = rule {
            for r in std::mem::take(&mut self.held) {
                self.write(r, rule, sink)?;
                sink.end_row();
            }
        }
        for ((statement, order), (day, amount)) in self.statements {
            sink.settlement(Settlement {
                reference: format!("{statement}:{order}"),
                order_id: Some(order),
                day,
                kind: SettlementKind::Order,
                label: statement,
                amount,
            })?;
        }
        for ((channel, day), spend) in self.ads {
            sink.ad_day(AdDay {
                spend,
                ..AdDay::empty(channel, AdDay::SETTLEMENT_CAMPAIGN.into(), day, 1)
            })?;
        }
        Ok(())
    }
}

/// An order's row: its fee, tax and ad columns, long-format fee name, scene rule and what it
/// settled.
fn read_order_row(b: &Bound, cells: &[Cell], rule: &FeeRule, r: &mut FeeLines) -> Result<(), Bad> {
    read_columns(b, cells, r)?;
    read_fee_name(b, cells, rule, r)?;
    read_scene(b, cells, rule, r)?;
    read_settled(b, cells, rule, r)
}

/// The row's fee, tax and ad-fee columns (a wide statement).
fn read_columns(b: &Bound, cells: &[Cell], r: &mut FeeLines) -> Result<(), Bad> {
    for kind in FeeKind::ALL {
        for (source, v) in b.money_by_column(cells, Role::Fee(*kind), |_| true)? {
            r.fees.push((*kind, source.to_string(), v));
        }
    }
    for kind in TaxKind::ALL {
        let cols = b.money_by_column(cells, Role::Tax(kind), |_| true)?;
        if !cols.is_empty() {
            let source: Vec<&str> = cols.iter().map(|(s, _)| *s).collect();
            let amount = cols.iter().map(|(_, v)| *v).sum();
            r.taxes.push((kind, source.join(" + "), amount));
        }
    }
    for channel in Channel::ALL {
        if let Some(v) = b.money(cells, Role::AdFee(*channel), true)? {
            r.ads.push((*channel, v));
        }
    }
    Ok(())
}

/// A long-format row: its `FeeName` classified by the rule's names.
fn read_fee_name(b: &Bound, cells: &[Cell], rule: &FeeRule, r: &mut FeeLines) -> Result<(), Bad> {
    let Some(name) = b.text(cells, Role::FeeName) else {
        return Ok(());
    };
    let amount = b.money(cells, Role::Amount, true)?.unwrap_or_default();
    // The source is the table's name for a known fee, the export's for an unknown one.
    match target_of(rule.names, &name) {
        Some((pattern, Target::Fee(kind))) => r.fees.push((*kind, pattern.to_string(), amount)),
        Some((_, Target::Ad(channel))) => r.ads.push((*channel, amount)),
        Some((_, Target::Ignore)) => {}
        None if amount > Decimal::ZERO => r.fees.push((FeeKind::Other, name, amount)),
        None => {}
    }
    Ok(())
}

/// A row of the rule's scene (`FeeRule::scene`): a fee of its unsigned amount, a cost or a
/// credit by its direction.
fn read_scene(b: &Bound, cells: &[Cell], rule: &FeeRule, r: &mut FeeLines) -> Result<(), Bad> {
    let (Some(scene), Some(text)) = (rule.scene, b.text(cells, Role::Scene)) else {
        return Ok(());
    };
    if text.contains(scene.contains) {
        let amount = b
            .money(cells, Role::Amount, true)?
            .unwrap_or_default()
            .abs();
        let source = scene.contains.to_string();
        let credit = direction(b, cells, scene.cost, scene.credit)?;
        r.fees
            .push((scene.kind, source, if credit { -amount } else { amount }));
    }
    Ok(())
}

/// What the row settled, by the rule's `Settle`.
fn read_settled(b: &Bound, cells: &[Cell], rule: &FeeRule, r: &mut FeeLines) -> Result<(), Bad> {
    match rule.settle {
        Settle::None => {}
        Settle::Column(kind) => {
            if let Some(v) = b.money(cells, Role::Settled, true)? {
                let label = match kind {
                    SettlementKind::Order => b.text(cells, Role::RowType),
                    SettlementKind::Adjustment => b.text(cells, Role::FeeName),
                };
                r.settled = Some((kind, label.unwrap_or_default(), v));
            }
        }
        Settle::Scenes {
            scenes,
            plus,
            minus,
        } => {
            let scene = b.text(cells, Role::Scene).unwrap_or_default();
            if scenes.iter().any(|s| same_text(s, &scene)) {
                let amount = b
                    .money(cells, Role::Amount, true)?
                    .unwrap_or_default()
                    .abs();
                let paid = direction(b, cells, minus, plus)?;
                let signed = if paid { amount } else { -amount };
                r.settled = Some((SettlementKind::Order, scene, signed));
            }
        }
        Settle::PerStatement => {
            let statement = b.text(cells, Role::Statement);
            let amount = b.money(cells, Role::Settled, true)?;
            if let (Some(s), Some(o), Some(v)) = (statement, r.order.clone(), amount) {
                r.statement_line = Some((s, o, v));
            }
        }
    }
    Ok(())
}

/// Whether the row's `Direction` is `second` (true) or `first` (false); another text is bad.
fn direction(b: &Bound, cells: &[Cell], first: &str, second: &str) -> Result<bool, Bad> {
    let dir = b.text(cells, Role::Direction).unwrap_or_default();
    if same_text(&dir, second) {
        Ok(true)
    } else if same_text(&dir, first) {
        Ok(false)
    } else {
        let mut bad = b.empty(Role::Direction, "the direction");
        bad.value = dir;
        bad.reason = format!("direction must be {first} or {second}");
        Err(bad)
    }
}

/// A row of another type (TikTok `GMV Payment for TikTok Ads`, `Platform reimbursement`): a
/// settlement of kind adjustment, and the ad spend, fee or credit its type names (an unknown
/// type is `other` when it is a cost, nothing when it is a credit). Its fees belong to no
/// order: they must not supersede an order export's fees.
fn read_adjustment(
    b: &Bound,
    cells: &[Cell],
    rule: &FeeRule,
    types: &'static [(&'static str, Target)],
    r: &mut FeeLines,
) -> Result<(), Bad> {
    let label = b.text(cells, Role::RowType).unwrap_or_default();
    let paid = match b.money(cells, Role::Adjusted, true)? {
        Some(v) => v,
        None => b.money(cells, Role::Settled, true)?.unwrap_or_default(),
    };
    let cost = -paid;
    match target_of(types, &label) {
        Some((pattern, Target::Fee(kind))) => r.fees.push((*kind, pattern.to_string(), cost)),
        Some((_, Target::Ad(channel))) => r.ads.push((*channel, cost)),
        Some((_, Target::Ignore)) => {}
        None if cost > Decimal::ZERO => r.fees.push((FeeKind::Other, label.clone(), cost)),
        None => {}
    }
    r.order = None;
    r.settled_order = b.id(cells, Role::RelatedOrder)?;
    if matches!(rule.settle, Settle::Column(_)) {
        r.settled = Some((SettlementKind::Adjustment, label, paid));
    }
    Ok(())
}

/// `base` for the first, `base#n` for the n-th.
fn numbered(base: &str, n: u32) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base}#{n}")
    }
}
