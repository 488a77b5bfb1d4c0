//! Line ids made from a key and its occurrence number within the order: real exports repeat
//! one SKU on two rows of an order (Shopee promotion prices, Taobao items), and the n-th row
//! of a key must get the same id on every import of the file.

use std::collections::HashMap;

use super::values::{Bad, Bound};
use crate::import::formats::{LineIdRule, Role};
use crate::import::read::Cell;

#[derive(Default)]
pub struct Occurrences {
    /// order id → key → rows seen so far.
    seen: HashMap<String, HashMap<String, u32>>,
}

impl Occurrences {
    /// The id the next row of `key` in `order` gets: "{key}#{n}".
    pub fn next_id(&self, order: &str, key: &str) -> String {
        let n = self
            .seen
            .get(order)
            .and_then(|keys| keys.get(key))
            .map_or(1, |n| n + 1);
        format!("{key}#{n}")
    }

    /// The row's line id by the spec's `LineIdRule`, and the key to `count` once the row is
    /// emitted (occurrence ids only).
    pub fn line_id(
        &self,
        b: &Bound,
        cells: &[Cell],
        order: &str,
    ) -> Result<(String, Option<String>), Bad> {
        Ok(match b.spec.line_id {
            LineIdRule::Column => {
                let id = b
                    .id(cells, Role::LineId)?
                    .ok_or_else(|| b.empty(Role::LineId, "the line id"))?;
                (id, None)
            }
            LineIdRule::Order => (order.to_string(), None),
            LineIdRule::Occurrence => {
                let k = b.id(cells, Role::LineKey)?.unwrap_or_default();
                (self.next_id(order, &k), Some(k))
            }
        })
    }

    /// Forget every order (they are finished).
    pub fn clear(&mut self) {
        self.seen.clear();
    }

    /// Count a row of `key` in `order` (after it was emitted).
    pub fn count(&mut self, order: &str, key: String) {
        *self
            .seen
            .entry(order.to_string())
            .or_default()
            .entry(key)
            .or_default() += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_repeats_per_order() {
        let mut o = Occurrences::default();
        assert_eq!(o.next_id("A", "SKU"), "SKU#1");
        o.count("A", "SKU".into());
        assert_eq!(o.next_id("A", "SKU"), "SKU#2");
        assert_eq!(o.next_id("B", "SKU"), "SKU#1");
        o.count("A", "SKU".into());
        assert_eq!(o.next_id("A", "SKU"), "SKU#3");
        assert_eq!(o.next_id("A", ""), "#1");
    }
}
