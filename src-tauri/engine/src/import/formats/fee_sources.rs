//! The fee classification the importer applies, read back from the format tables: every
//! source fee column, fee name or scene and the cost kind it becomes (shown on the Costs
//! screen so a merchant can see where each platform fee lands).

use serde::Serialize;

use super::spec::{Role, Target};
use super::ALL;
use crate::model::Platform;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeSource {
    /// The format table ("douyin.funds").
    pub format: &'static str,
    pub platform: Option<Platform>,
    /// The column header(s), fee name or scene text as the export writes it.
    pub source: String,
    /// A fee kind id, "ad:{channel}" (ad spend in a statement) or "ignored" (not a cost).
    pub target: String,
}

/// Every fee source of every known format, in table order.
pub fn fee_sources() -> Vec<FeeSource> {
    let mut out = Vec::new();
    for spec in ALL {
        let mut push = |source: String, target: String| {
            out.push(FeeSource {
                format: spec.id,
                platform: spec.platforms.first().copied(),
                source,
                target,
            })
        };
        for c in spec.columns {
            match c.role {
                Role::Fee(kind) => push(c.aliases.join(" / "), kind.as_str().to_string()),
                Role::AdFee(ch) => push(c.aliases.join(" / "), format!("ad:{}", ch.as_str())),
                _ => {}
            }
        }
        if let Some(rule) = spec.fees {
            for (name, target) in rule.names.iter().chain(rule.other_rows.unwrap_or(&[])) {
                let t = match target {
                    Target::Fee(k) => k.as_str().to_string(),
                    Target::Ad(ch) => format!("ad:{}", ch.as_str()),
                    Target::Ignore => "ignored".to_string(),
                };
                push((*name).to_string(), t);
            }
            if let Some(scene) = rule.scene {
                push(scene.contains.to_string(), scene.kind.as_str().to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_columns_fee_names_and_scenes_with_their_kinds() {
        let all = fee_sources();
        let find = |format: &str, source: &str| {
            all.iter()
                .find(|f| f.format == format && f.source == source)
                .map(|f| f.target.as_str())
        };
        // formats.md: Douyin 动账明细 — 平台服务费 is the platform's commission, 运费险 rows are
        // shipping insurance; Lazada sponsored products are ad spend, item price is revenue.
        assert_eq!(
            find("douyin.funds", "平台服务费"),
            Some("platform_commission")
        );
        assert_eq!(find("douyin.funds", "运费险"), Some("shipping_insurance"));
        assert_eq!(
            find("lazada.finance", "Sponsored Product Fee"),
            Some("ad:lazada_ads")
        );
        assert_eq!(find("lazada.finance", "Item Price Credit"), Some("ignored"));
        assert_eq!(
            find("shopee_vn.orders", "Phí cố định"),
            Some("platform_commission")
        );
        assert!(all.iter().all(|f| !f.source.is_empty()));
    }
}
