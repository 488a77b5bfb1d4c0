//! Fee-statement grain: one row → fee rows of its wide fee columns, of its long-format fee
//! name, or of a scene rule (Douyin 运费险). Ad spend in a statement (Lazada sponsored
//! products) is summed per channel and day and emitted at the end.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::values::{same_text, Bad, Bound};
use crate::error::Result;
use crate::import::formats::{FeeRule, Role, Target};
use crate::import::read::Cell;
use crate::import::LedgerSink;
use crate::model::{AdDay, Channel, FeeKind, FeeRow};

/// Everything read from one row, before anything is emitted.
pub struct FeeLines {
    day: NaiveDate,
    order: Option<String>,
    base: String,
    /// The reference was made up from the order (no transaction id): count repeats.
    derived: bool,
    /// (kind, source column / fee name / scene, amount).
    fees: Vec<(FeeKind, String, Decimal)>,
    ad: Option<(Channel, Decimal)>,
}

impl FeeLines {
    pub fn day(&self) -> NaiveDate {
        self.day
    }
}

#[derive(Default)]
pub struct Fees {
    /// Occurrences of (reference, kind) so far: repeats get "#2", "#3"… (stable across
    /// re-imports of the same statement).
    refs: HashMap<(String, FeeKind), u32>,
    ads: BTreeMap<(Channel, NaiveDate), Decimal>,
    /// Correctable rows, latest version of each reference, in first-seen order.
    held: Vec<FeeLines>,
    held_at: HashMap<String, usize>,
}

impl Fees {
    /// Read one row (of the rule's row type: `Bound::wanted_row`).
    pub fn read(&self, b: &Bound, cells: &[Cell], rule: &FeeRule) -> Result<FeeLines, Bad> {
        let day = b
            .date(cells, Role::Date)?
            .ok_or_else(|| b.empty(Role::Date, "the date"))?;
        let order = b.id(cells, Role::OrderId)?;
        let (base, derived) = match b.id(cells, Role::Reference)? {
            Some(r) => (r, false),
            None => {
                let of = order.clone().unwrap_or_else(|| day.to_string());
                (format!("{}:{of}", rule.prefix), true)
            }
        };
        let mut fees = Vec::new();
        for kind in FeeKind::ALL {
            for (source, v) in b.money_by_column(cells, Role::Fee(*kind), |_| true)? {
                fees.push((*kind, source.to_string(), v));
            }
        }
        let mut ad = None;
        if let Some(name) = b.text(cells, Role::FeeName) {
            let amount = b.money(cells, Role::Amount, true)?.unwrap_or_default();
            let lower = name.to_lowercase();
            let target = rule
                .names
                .iter()
                .find(|(pattern, _)| lower.contains(&pattern.to_lowercase()));
            // The source is the table's name for a known fee, the export's for an unknown one.
            match target {
                Some((pattern, Target::Fee(kind))) => {
                    fees.push((*kind, pattern.to_string(), amount))
                }
                Some((_, Target::Ad(channel))) => ad = Some((*channel, amount)),
                Some((_, Target::Ignore)) => {}
                None if amount > Decimal::ZERO => fees.push((FeeKind::Other, name, amount)),
                None => {}
            }
        }
        if let (Some(scene), Some(text)) = (rule.scene, b.text(cells, Role::Scene)) {
            if text.contains(scene.contains) {
                let amount = b
                    .money(cells, Role::Amount, true)?
                    .unwrap_or_default()
                    .abs();
                let dir = b.text(cells, Role::Direction).unwrap_or_default();
                let source = scene.contains.to_string();
                if same_text(&dir, scene.cost) {
                    fees.push((scene.kind, source, amount));
                } else if same_text(&dir, scene.credit) {
                    fees.push((scene.kind, source, -amount));
                } else {
                    let mut bad = b.empty(Role::Direction, "the direction");
                    bad.value = dir;
                    bad.reason = format!("direction must be {} or {}", scene.cost, scene.credit);
                    return Err(bad);
                }
            }
        }
        fees.retain(|(_, _, v)| !v.is_zero());
        Ok(FeeLines {
            day,
            order,
            base,
            derived,
            fees,
            ad,
        })
    }

    /// Write a row read by `read`. Returns false when the row is held back instead: a
    /// correctable row (`FeeRule::replace`) is written by `finish`, once, in its latest
    /// version, so a re-import finds every row a duplicate.
    pub fn emit(&mut self, r: FeeLines, rule: &FeeRule, sink: &mut dyn LedgerSink) -> Result<bool> {
        if rule.replace && r.derived {
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
                    let n = if r.derived && !rule.replace {
                        let n = self.refs.entry((r.base.clone(), kind)).or_insert(0);
                        *n += 1;
                        *n
                    } else {
                        1
                    };
                    let reference = if n == 1 {
                        r.base.clone()
                    } else {
                        format!("{}#{n}", r.base)
                    };
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
        if let Some((channel, spend)) = r.ad {
            *self.ads.entry((channel, r.day)).or_default() += spend;
        }
        Ok(())
    }

    /// The held-back rows (each followed by its `end_row`), then the ad spend found in the
    /// statement, one day per channel.
    pub fn finish(mut self, rule: Option<&FeeRule>, sink: &mut dyn LedgerSink) -> Result<()> {
        if let Some(rule) = rule {
            for r in std::mem::take(&mut self.held) {
                self.write(r, rule, sink)?;
                sink.end_row();
            }
        }
        for ((channel, day), spend) in self.ads {
            sink.ad_day(AdDay {
                spend,
                ..AdDay::empty(channel, String::new(), day, 1)
            })?;
        }
        Ok(())
    }
}
