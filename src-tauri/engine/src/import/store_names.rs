//! Which store a file belongs to: the name the merchant gave, else the shop the export names,
//! else the one last given for the platform's files (settings `store_name.<platform>`), else
//! the platform's display name — never its id.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Detected, ImportOptions};
use crate::error::Result;
use crate::model::Platform;

/// The store a file belongs to: `--store` (the name the merchant gave), else named in the
/// export, else the name last given for this platform's files, else the platform's display
/// name (never its id).
pub(super) fn store_name(
    detected: &Detected,
    opts: &ImportOptions,
    conn: Option<&Connection>,
) -> String {
    opts.store
        .clone()
        .or_else(|| detected.store_name.clone())
        .or_else(|| conn.and_then(|c| remembered_store(c, detected.platform).ok().flatten()))
        .unwrap_or_else(|| detected.platform.display_name().to_string())
}

/// Which of `store_name`'s sources gave the name (`Preview::store_source`).
pub(super) fn store_source(
    detected: &Detected,
    opts: &ImportOptions,
    conn: Option<&Connection>,
) -> &'static str {
    if opts.store.is_some() {
        "given"
    } else if detected.store_name.is_some() {
        "file"
    } else if conn.is_some_and(|c| {
        remembered_store(c, detected.platform)
            .ok()
            .flatten()
            .is_some()
    }) {
        "remembered"
    } else {
        "platform"
    }
}

fn store_setting(platform: Platform) -> String {
    format!("store_name.{}", platform.as_str())
}

/// The store name last given for a platform's files that name no shop.
pub(super) fn remembered_store(conn: &Connection, platform: Platform) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [store_setting(platform)],
            |r| r.get(0),
        )
        .optional()?)
}

/// Remember the name the merchant gave a file that names no shop, for the platform's next
/// files (settings `store_name.<platform>`).
pub(super) fn remember_store(
    conn: &Connection,
    detected: &Detected,
    opts: &ImportOptions,
) -> Result<()> {
    if let (Some(name), None) = (opts.store.as_deref(), &detected.store_name) {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![store_setting(detected.platform), name.trim()],
        )?;
    }
    Ok(())
}
