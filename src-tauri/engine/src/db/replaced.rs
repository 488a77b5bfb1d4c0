//! Costs set by imports (SKU unit costs, fixed costs) are plain values, not versioned facts:
//! an import overwrites them. So that undoing it restores the exact previous state, the first
//! time an import sets a key it records the value it replaced (or that there was none) and who
//! had set that value; undo puts the value back, or hands it to the later import that replaced
//! this one's value in turn (`*_replaced` tables, migration 003). An import that sets a key to
//! the value it already has takes it over the same way, so undo in any order is exact.

use rusqlite::types::{ToSql, Value};
use rusqlite::{params_from_iter, OptionalExtension, Transaction};

use crate::error::Result;
use crate::model::ImportId;

/// A cost table set by imports: its natural key, its value column and its replaced table.
/// Values compare as stored: fixed costs as integers of 1/10,000, SKU unit costs as their
/// exact decimal text (normalised by the writer, `migrations/007`).
pub(crate) struct CostTable {
    table: &'static str,
    replaced: &'static str,
    keys: &'static [&'static str],
    value: &'static str,
}

pub(crate) const FIXED_COSTS: CostTable = CostTable {
    table: "fixed_costs",
    replaced: "fixed_cost_replaced",
    keys: &["store_id", "currency", "month", "kind"],
    value: "amount",
};

pub(crate) const SKU_COSTS: CostTable = CostTable {
    table: "sku_costs",
    replaced: "sku_cost_replaced",
    keys: &["currency", "sku", "valid_from"],
    value: "unit_cost",
};

/// What setting a cost did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Set {
    Added,
    Updated,
    /// Already that value: counted as a duplicate, but the import holds it too.
    Same,
}

impl CostTable {
    /// "k1 IS ?1 AND k2 IS ?2 …" (IS: a NULL store id is a key too).
    fn by_key(&self) -> String {
        let each: Vec<String> = (self.keys.iter().enumerate())
            .map(|(i, k)| format!("{k} IS ?{}", i + 1))
            .collect();
        each.join(" AND ")
    }

    fn placeholders(from: usize, n: usize) -> String {
        let each: Vec<String> = (from..from + n).map(|i| format!("?{i}")).collect();
        each.join(", ")
    }

    /// Set the cost of `key` (values in `keys` order) to `value` for `import`.
    pub(crate) fn set(
        &self,
        tx: &Transaction<'_>,
        import: ImportId,
        key: &[&dyn ToSql],
        value: Value,
    ) -> Result<Set> {
        let (table, value_col, n) = (self.table, self.value, self.keys.len());
        let current: Option<(i64, Value, Option<i64>)> = tx
            .prepare_cached(&format!(
                "SELECT id, {value_col}, import_id FROM {table} WHERE {}",
                self.by_key()
            ))?
            .query_row(params_from_iter(key), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let cols = self.keys.join(", ");
        let (old, prior) = match &current {
            Some((_, v, i)) => (v.clone(), *i),
            None => (Value::Null, None),
        };
        let tail: [&dyn ToSql; 3] = [&import.0, &old, &prior];
        tx.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {} ({cols}, import_id, {value_col}, prior_import_id)
             VALUES ({})",
            self.replaced,
            Self::placeholders(1, n + 3)
        ))?
        .execute(params_from_iter(key.iter().chain(tail.iter())))?;
        match current {
            // The same value again: this import takes it over (and remembers the setter), so
            // undoing the import that set it first leaves it in place.
            Some((id, v, _)) if v == value => {
                tx.prepare_cached(&format!("UPDATE {table} SET import_id = ?2 WHERE id = ?1"))?
                    .execute(rusqlite::params![id, import.0])?;
                Ok(Set::Same)
            }
            Some((id, _, _)) => {
                tx.prepare_cached(&format!(
                    "UPDATE {table} SET {value_col} = ?2, import_id = ?3 WHERE id = ?1"
                ))?
                .execute(rusqlite::params![id, value, import.0])?;
                Ok(Set::Updated)
            }
            None => {
                let tail: [&dyn ToSql; 2] = [&value, &import.0];
                tx.prepare_cached(&format!(
                    "INSERT INTO {table} ({cols}, {value_col}, import_id) VALUES ({})",
                    Self::placeholders(1, n + 2)
                ))?
                .execute(params_from_iter(key.iter().chain(tail.iter())))?;
                Ok(Set::Added)
            }
        }
    }

    /// Take `import` out of the chain of values each key went through: a value it set goes
    /// back to the one it replaced (or away, if there was none); a later import that replaced
    /// its value now remembers the one before it.
    pub(crate) fn undo(&self, tx: &Transaction<'_>, import: ImportId) -> Result<()> {
        let (table, replaced, v) = (self.table, self.replaced, self.value);
        let same_key: Vec<String> = self
            .keys
            .iter()
            .map(|k| format!("r.{k} IS t.{k}"))
            .collect();
        let same_key = same_key.join(" AND ");
        for sql in [
            format!(
                "UPDATE {table} AS t SET {v} = r.{v}, import_id = r.prior_import_id
                 FROM {replaced} r
                 WHERE r.import_id = ?1 AND t.import_id = ?1 AND r.{v} IS NOT NULL AND {same_key}"
            ),
            format!("DELETE FROM {table} WHERE import_id = ?1"),
            format!(
                "UPDATE {replaced} AS t SET {v} = r.{v}, prior_import_id = r.prior_import_id
                 FROM {replaced} r
                 WHERE r.import_id = ?1 AND t.prior_import_id = ?1 AND t.import_id <> ?1
                   AND {same_key}"
            ),
            format!("DELETE FROM {replaced} WHERE import_id = ?1"),
        ] {
            tx.execute(&sql, [import.0])?;
        }
        Ok(())
    }
}
