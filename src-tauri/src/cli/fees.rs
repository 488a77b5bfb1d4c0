//! `fupan fees`: the fee sources in the ledger and the kind each counts under; `set` and
//! `reset` change the merchant's mapping (the engine recomputes every figure).

use fupan_engine::db::FeeSourceUse;
use fupan_engine::model::{FeeKind, Platform};
use fupan_engine::{Error, Ledger, Result};
use serde::Serialize;

use super::args::{FeesArgs, FeesCommand};

#[derive(Serialize)]
struct FeesJson<'a> {
    sources: &'a [FeeSourceUse],
}

pub fn run(ledger: &mut Ledger, args: &FeesArgs) -> Result<()> {
    match &args.action {
        None => list(ledger, args.out.json),
        Some(FeesCommand::Set {
            platform,
            source,
            kind,
        }) => {
            let kind: FeeKind = kind.parse().map_err(Error::InvalidArgument)?;
            set(ledger, platform, source, Some(kind))
        }
        Some(FeesCommand::Reset { platform, source }) => set(ledger, platform, source, None),
    }
}

fn set(ledger: &mut Ledger, platform: &str, source: &str, kind: Option<FeeKind>) -> Result<()> {
    let platform: Platform = platform.parse().map_err(Error::InvalidArgument)?;
    let changed = ledger.set_fee_kind(platform, source, kind)?;
    let now = ledger
        .fee_sources_seen()?
        .into_iter()
        .find(|u| u.platform == platform && u.source == source)
        .map(|u| u.kind);
    match (changed, now) {
        (false, _) => println!("{platform} {source:?}: unchanged"),
        (true, Some(k)) => println!("{platform} {source:?} now counts as {k}; figures recomputed"),
        (true, None) => println!("{platform} {source:?}: override removed"),
    }
    Ok(())
}

fn list(ledger: &Ledger, json: bool) -> Result<()> {
    let sources = ledger.fee_sources_seen()?;
    if json {
        return super::print_json(&FeesJson { sources: &sources });
    }
    if sources.is_empty() {
        println!("No fees yet. Import an order export or a settlement first.");
        return Ok(());
    }
    let shown = |source: &str| -> String {
        if source.is_empty() {
            "(not recorded)".into()
        } else {
            source.into()
        }
    };
    // Sources are export column names, some long: the column is as wide as the longest.
    let w = sources
        .iter()
        .map(|u| shown(&u.source).chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    println!(
        "{:<11}  {:<w$}  {:<20}  {:<21}  amount",
        "platform", "source", "default kind", "counts as"
    );
    for u in &sources {
        let source = shown(&u.source);
        let default = u.default_kind.map_or("-", FeeKind::as_str);
        let mark = if u.override_kind.is_some() { " *" } else { "" };
        let amounts: Vec<String> = u.amounts.iter().map(|a| a.amount.0.to_string()).collect();
        println!(
            "{:<11}  {:<w$}  {:<20}  {:<21}  {}",
            u.platform.as_str(),
            source,
            default,
            format!("{}{mark}", u.kind),
            amounts.join(", ")
        );
    }
    println!("* set by `fupan fees set`; `fupan fees reset` restores the default kind.");
    Ok(())
}
