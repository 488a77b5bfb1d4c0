//! The engine's layers run one way (ARCHITECTURE.md, "Invariants worth knowing"):
//!
//! ```text
//! model, error  ←  db  ←  import, metrics  ←  charts  ←  report
//! ```
//!
//! A module may name (`crate::…`, `super::super::…` is not used) only its own layer and the
//! layers below it. Unit tests (`#[cfg(test)]` items, `tests.rs`, `tests_*.rs` and `tests/`) may
//! reach higher to check a lower layer end to end; production code may not. This test reads
//! the sources, so a new upward `use` fails `cargo test` (and `scripts/test.sh`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each top-level module of the engine and the modules it may use besides itself; the base
/// (`model`, `error`, `error_reason`) is open to every layer.
const LAYERS: &[(&str, &[&str])] = &[
    ("error", &[]),
    ("error_reason", &[]),
    ("model", &[]),
    ("db", &[]),
    ("import", &["db"]),
    ("metrics", &["db"]),
    ("charts", &["db", "metrics"]),
    ("report", &["db", "metrics", "charts"]),
];

const BASE: &[&str] = &["error", "error_reason", "model"];

/// The crate root's re-exports, by the module they come from (`lib.rs`).
const ROOT_NAMES: &[(&str, &str)] = &[
    ("Ledger", "db"),
    ("Error", "error"),
    ("ErrorDto", "error"),
    ("ErrorKind", "error"),
    ("Location", "error"),
    ("Result", "error"),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read source dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "tests") {
                sources(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "rs") && !is_test_file(&p) {
            out.push(p);
        }
    }
}

/// Unit-test files (ARCHITECTURE.md "Conventions"): `tests.rs`, `tests_<topic>.rs`.
fn is_test_file(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s == "tests" || s.starts_with("tests_"))
}

/// The source without its `#[cfg(test)]` items (the attribute, then everything up to the end
/// of the item's braces or its `;`).
fn without_tests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let end = match (item.find('{'), item.find(';')) {
            (Some(open), semi) if semi.is_none_or(|s| open < s) => {
                let mut depth = 0usize;
                let mut close = item.len();
                for (i, c) in item[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                close = open + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                close
            }
            (_, Some(semi)) => semi + 1,
            _ => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The top-level modules a source names through `crate::…` (with the root's re-exports
/// resolved), skipping comments.
fn modules_named(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` groups: each name counts.
            if name.is_empty() && after.starts_with('{') {
                let group = after[1..].split('}').next().unwrap_or("");
                found.extend(
                    group
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap_or("").trim().to_string()),
                );
            } else {
                found.push(name);
            }
            rest = after;
        }
    }
    found
        .into_iter()
        .filter(|n| !n.is_empty())
        .map(|n| {
            ROOT_NAMES
                .iter()
                .find(|(name, _)| *name == n)
                .map_or(n, |(_, m)| m.to_string())
        })
        .collect()
}

#[test]
fn lower_layers_never_use_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let allowed: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut upward = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        let Some(may) = allowed.get(top.as_str()) else {
            // lib.rs (the crate root) names everything.
            continue;
        };
        let text = std::fs::read_to_string(f).expect("read source");
        for m in modules_named(&without_tests(&text)) {
            if m != top && !may.contains(&m.as_str()) && !BASE.contains(&m.as_str()) {
                upward.push(format!("{}: uses crate::{m}", rel.display()));
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "a lower layer uses a higher one (ARCHITECTURE.md, \"Invariants worth knowing\"):\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_checker_sees_grouped_and_rooted_names_and_skips_tests() {
    let code = "use crate::{db::Ledger, metrics};\nlet x = crate::Ledger::open;\n\
                #[cfg(test)]\nmod tests { use crate::report; }\n// crate::charts in a comment\n";
    assert_eq!(
        modules_named(&without_tests(code)),
        vec!["db", "metrics", "db"]
    );
}

/// No hidden global state (ARCHITECTURE.md, "Invariants worth knowing"): nothing is leaked to
/// `'static` and no process-wide cache can be written; what an import needs travels in its
/// values (a user's mapped format in its `Detected`).
#[test]
fn no_leaked_or_process_wide_mutable_state() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read source");
        for line in without_tests(&text).lines() {
            let code = line.split("//").next().unwrap_or("");
            let global_mut = code.contains("static ")
                && ["Mutex", "RwLock", "RefCell", "AtomicPtr"]
                    .iter()
                    .any(|t| code.contains(t));
            if code.contains("Box::leak") || global_mut {
                let rel = f.strip_prefix(&src).expect("under src");
                found.push(format!("{}: {}", rel.display(), code.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "hidden global state:\n{}",
        found.join("\n")
    );
}
