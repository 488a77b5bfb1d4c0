//! The merchant's fee kind mapping: a platform's fee source (export column, fee name or
//! scene) may count under another kind than its format's (`fee_kind_overrides`). Figures read
//! the kind through `FEE_KIND` over `FEE_KIND_JOIN`; a change rebuilds the daily fee sums
//! (`agg_fee_day`, the only aggregate that reads the merchant's kind) of every store of the
//! platform in the same transaction, so every figure follows at once, and clearing the
//! override restores the earlier figures exactly.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{DaySpan, Ledger};
use crate::error::{Error, Result};
use crate::model::Amount;
use crate::model::{Currency, FeeKind, Platform, Scaled, StoreId};

/// SQL joined to fees (alias `f`) so that `FEE_KIND` is the kind a fee counts under: the
/// platform's override of its source, else the kind its format gave it. (A join, not a
/// correlated subquery: the aggregate rebuild of a large import stays as fast.)
pub(crate) const FEE_KIND_JOIN: &str = "JOIN stores fs ON fs.id = f.store_id
    LEFT JOIN fee_kind_overrides fk ON fk.platform = fs.platform AND fk.source = f.source
         AND f.source <> ''";
pub(crate) const FEE_KIND: &str = "COALESCE(fk.kind, f.kind)";

/// One fee source of one platform as the ledger holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeSourceUse {
    pub platform: Platform,
    /// "" for fees imported before sources were kept (they cannot be remapped).
    pub source: String,
    /// The format's kind; None for an override of a source the ledger no longer holds.
    pub default_kind: Option<FeeKind>,
    /// The merchant's kind, when set.
    #[serde(rename = "override")]
    pub override_kind: Option<FeeKind>,
    /// The kind its amounts count under.
    pub kind: FeeKind,
    /// What it adds to the figures (current, not superseded), per currency.
    pub amounts: Vec<SourceAmount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceAmount {
    pub currency: Currency,
    pub amount: Amount,
}

fn parsed<T: std::str::FromStr<Err = String>>(i: usize, s: String) -> rusqlite::Result<T> {
    s.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

impl Ledger {
    /// Every fee source in the ledger (and every override), by platform, source and kind.
    pub fn fee_sources_seen(&self) -> Result<Vec<FeeSourceUse>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT fs.platform, f.source, f.kind, fk.kind, fs.currency,
                    SUM(CASE WHEN f.superseded = 0 THEN f.amount ELSE 0 END)
             FROM fees f {FEE_KIND_JOIN}
             WHERE f.is_current = 1
             GROUP BY fs.platform, f.source, f.kind, fs.currency
             UNION ALL
             SELECT k.platform, k.source, NULL, k.kind, NULL, NULL FROM fee_kind_overrides k
             WHERE NOT EXISTS (SELECT 1 FROM fees f JOIN stores s ON s.id = f.store_id
                   WHERE s.platform = k.platform AND f.source = k.source AND f.is_current = 1)
             ORDER BY 1, 2, 3, 5"
        ))?;
        let rows = stmt.query_map([], |r| {
            let default: Option<String> = r.get(2)?;
            let over: Option<String> = r.get(3)?;
            let amount = match (r.get::<_, Option<String>>(4)?, r.get::<_, Option<i64>>(5)?) {
                (Some(c), Some(v)) => {
                    let currency: Currency = parsed(4, c)?;
                    Some(SourceAmount {
                        currency,
                        amount: Amount::new(Scaled(v).to_decimal(), currency),
                    })
                }
                _ => None,
            };
            Ok((
                parsed::<Platform>(0, r.get(0)?)?,
                r.get::<_, String>(1)?,
                default.map(|d| parsed::<FeeKind>(2, d)).transpose()?,
                over.map(|o| parsed::<FeeKind>(3, o)).transpose()?,
                amount,
            ))
        })?;
        let mut out: Vec<FeeSourceUse> = Vec::new();
        for row in rows {
            let (platform, source, default_kind, override_kind, amount) = row?;
            let same = out.last_mut().filter(|u| {
                u.platform == platform && u.source == source && u.default_kind == default_kind
            });
            let use_ = match same {
                Some(u) => u,
                None => {
                    let kind = override_kind.or(default_kind).unwrap_or(FeeKind::Other);
                    out.push(FeeSourceUse {
                        platform,
                        source,
                        default_kind,
                        override_kind,
                        kind,
                        amounts: Vec::new(),
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            use_.amounts.extend(amount);
        }
        Ok(out)
    }

    /// Count `source` of `platform` under `kind` in every figure (None, or its format's own
    /// kind: clear the override). Returns whether anything changed. The source must be in the
    /// ledger, or already overridden (so a typo is an error, and a stale override can go).
    pub fn set_fee_kind(
        &mut self,
        platform: Platform,
        source: &str,
        kind: Option<FeeKind>,
    ) -> Result<bool> {
        let tx = self.conn_mut().transaction()?;
        let defaults: Vec<String> = tx
            .prepare(
                "SELECT DISTINCT f.kind FROM fees f JOIN stores s ON s.id = f.store_id
                 WHERE s.platform = ?1 AND f.source = ?2 AND f.source <> '' AND f.is_current = 1",
            )?
            .query_map(params![platform.as_str(), source], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let current: Option<String> = tx
            .query_row(
                "SELECT kind FROM fee_kind_overrides WHERE platform = ?1 AND source = ?2",
                params![platform.as_str(), source],
                |r| r.get(0),
            )
            .optional()?;
        if defaults.is_empty() && current.is_none() {
            return Err(Error::NotFound(format!(
                "no fee source {source:?} on {platform} in the ledger (`fupan fees` lists them)"
            )));
        }
        // Mapping a source to the kind its format already gives it is no override.
        let kind = kind.filter(|k| !(defaults.len() == 1 && defaults[0] == k.as_str()));
        if current.as_deref() == kind.map(FeeKind::as_str) {
            return Ok(false);
        }
        match kind {
            Some(k) => tx.execute(
                "INSERT INTO fee_kind_overrides (platform, source, kind) VALUES (?1, ?2, ?3)
                 ON CONFLICT (platform, source) DO UPDATE SET kind = excluded.kind",
                params![platform.as_str(), source, k.as_str()],
            )?,
            None => tx.execute(
                "DELETE FROM fee_kind_overrides WHERE platform = ?1 AND source = ?2",
                params![platform.as_str(), source],
            )?,
        };
        // Every day of every store of the platform that holds the source.
        let spans: Vec<(i64, Option<String>, Option<String>)> = tx
            .prepare(
                "SELECT s.id, MIN(f.day), MAX(f.day) FROM stores s
                 JOIN fees f ON f.store_id = s.id AND f.source = ?2
                 WHERE s.platform = ?1 GROUP BY s.id",
            )?
            .query_map(params![platform.as_str(), source], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (store, from, to) in spans {
            if let (Some(from), Some(to)) = (from, to) {
                let day = |d: &str| crate::model::parse_day(d);
                let span = DaySpan {
                    from: day(&from)?,
                    to: day(&to)?,
                };
                super::aggregates::rebuild_fee_days(&tx, StoreId(store), span)?;
            }
        }
        tx.commit()?;
        Ok(true)
    }
}
