//! Wallet-export grain: rows of a withdrawal type become `Withdrawal`s (TikTok `Withdrawal
//! records`, Shopee `Rút Tiền`, Douyin 提现); other rows are read and left — the money they
//! move is counted from the settlement files.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::values::{Bad, Bound};
use crate::import::formats::{Role, WithdrawalRule};
use crate::import::read::Cell;
use crate::model::Withdrawal;

#[derive(Default)]
pub struct Wallet {
    /// Occurrences of a made-up reference (no transaction id in the file): "#2", "#3"….
    refs: HashMap<String, u32>,
}

impl Wallet {
    /// The row's withdrawal, None for a row of another type.
    pub fn read(
        &mut self,
        b: &Bound,
        cells: &[Cell],
        rule: &WithdrawalRule,
    ) -> Result<Option<Withdrawal>, Bad> {
        if rule.types.is_empty() && b.text(cells, Role::Amount).is_none() {
            return Ok(None); // a list's padding
        }
        if !b.is_type(cells, rule.types) {
            return Ok(None);
        }
        let day = b
            .date(cells, Role::Date)?
            .ok_or_else(|| b.empty(Role::Date, "the date"))?;
        let amount: Decimal = b
            .money(cells, Role::Amount, true)?
            .ok_or_else(|| b.empty(Role::Amount, "the amount"))?;
        let reference = match b.id(cells, Role::Reference)? {
            Some(r) => r,
            None => {
                // The time as written (to the second) and the amount name the transfer.
                let when = b.text(cells, Role::Date).unwrap_or_default();
                let base = format!("{}:{when}:{amount}", rule.prefix);
                let n = self.refs.entry(base.clone()).or_insert(0);
                *n += 1;
                if *n == 1 {
                    base
                } else {
                    format!("{base}#{n}")
                }
            }
        };
        Ok(Some(Withdrawal {
            day,
            amount,
            status: b.text(cells, Role::Status).unwrap_or_default(),
            reference,
        }))
    }
}
