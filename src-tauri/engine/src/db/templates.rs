//! Column-mapping templates (`mapping_templates`): a mapping the user made for an unknown
//! file, by name, with the signature of the header row it was made for. Stored as JSON; the
//! mapping's type is the importer's (`import::mapping::ColumnMapping`), not this layer's.

use rusqlite::{params, Connection, OptionalExtension};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

fn parse<M: DeserializeOwned>(json: String) -> Result<M> {
    serde_json::from_str(&json)
        .map_err(|e| Error::Internal(format!("a saved column mapping is unreadable: {e}")))
}

/// Save (or replace) the template `name` for headers of `signature`.
pub fn save_template<M: Serialize>(
    conn: &Connection,
    name: &str,
    signature: &str,
    mapping: &M,
) -> Result<()> {
    let json = serde_json::to_string(mapping).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO mapping_templates (name, header_signature, mapping_json, created_at)
         VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%S', 'now'))
         ON CONFLICT (name) DO UPDATE SET header_signature = excluded.header_signature,
             mapping_json = excluded.mapping_json, created_at = excluded.created_at",
        params![name, signature, json],
    )?;
    Ok(())
}

/// The template called `name`.
pub fn template_named<M: DeserializeOwned>(conn: &Connection, name: &str) -> Result<Option<M>> {
    conn.query_row(
        "SELECT mapping_json FROM mapping_templates WHERE name = ?1",
        [name],
        |r| r.get::<_, String>(0),
    )
    .optional()?
    .map(parse)
    .transpose()
}

/// The newest template made for headers of `signature`.
pub fn template_for<M: DeserializeOwned>(conn: &Connection, signature: &str) -> Result<Option<M>> {
    conn.query_row(
        "SELECT mapping_json FROM mapping_templates WHERE header_signature = ?1
         ORDER BY created_at DESC, id DESC LIMIT 1",
        [signature],
        |r| r.get::<_, String>(0),
    )
    .optional()?
    .map(parse)
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    #[test]
    fn saved_by_name_found_by_signature_and_replaced() {
        let ledger = Ledger::open_in_memory().unwrap();
        let c = ledger.conn();
        let mut m: serde_json::Value = serde_json::from_str(
            r#"{"name": "ERP", "report": "sku_costs", "columns": {"Code": "sku", "Cost": "unit_cost"}}"#,
        )
        .unwrap();
        assert_eq!(template_for::<serde_json::Value>(c, "sig").unwrap(), None);
        save_template(c, "ERP", "sig", &m).unwrap();
        assert_eq!(template_named(c, "ERP").unwrap().as_ref(), Some(&m));
        assert_eq!(template_for(c, "sig").unwrap().as_ref(), Some(&m));
        m["columns"]["From"] = "valid_from".into();
        save_template(c, "ERP", "sig2", &m).unwrap();
        assert_eq!(
            template_for::<serde_json::Value>(c, "sig").unwrap(),
            None,
            "replaced by name"
        );
        assert_eq!(template_for(c, "sig2").unwrap(), Some(m));
        assert_eq!(
            template_named::<serde_json::Value>(c, "nope").unwrap(),
            None
        );
    }
}
