//! The `fupan` command line: parses arguments, calls the engine, prints tables or the JSON
//! contract of `shared/docs/cli.md`, and maps errors to exit codes (2 bad input, 1 internal).

mod args;
mod cash;
mod channels;
mod costs;
mod fees;
mod history;
mod import;
mod report;
mod stores;
mod subsidy;
mod summary;
mod tax;
mod term;
mod vocabulary;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Parser;
use fupan_engine::db::{Access, LockWaitHook};
use fupan_engine::{Error, Ledger, Result};

pub use args::{CashCommand, Cli, Command};

const SUBCOMMANDS: &[&str] = &[
    "import",
    "costs",
    "fees",
    "summary",
    "channels",
    "subsidy",
    "stores",
    "cash",
    "tax",
    "report",
    "imports",
    "undo",
    "backup",
    "restore",
    "vocabulary",
    "help",
];

/// True when the arguments ask for the CLI: a subcommand or a flag. Bare file paths (as the
/// desktop's "Open with" passes them) and no arguments open the window.
pub fn is_cli_invocation(args: &[OsString]) -> bool {
    args.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        a.starts_with('-') || SUBCOMMANDS.contains(&a.as_ref())
    })
}

/// `fupan fees | head`: when the reader of stdout goes away, `println!` panics on the broken
/// pipe. Rust ignores SIGPIPE (and this crate has no unsafe code to restore it), so end
/// quietly with the status a shell gives a process killed by SIGPIPE (128 + 13) instead of a
/// panic message. Output is printed after the ledger's transaction, so nothing is cut short.
fn quiet_when_the_reader_leaves() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map_or("", String::as_str);
        if text.contains("failed printing to stdout") && text.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info)
    }));
}

pub fn main(args: Vec<OsString>) -> ExitCode {
    quiet_when_the_reader_leaves();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" to clap that exit 0.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Reported(code)) => ExitCode::from(code),
        Err(e) => {
            eprintln!("fupan: {}", term::safe(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// What a command does with the ledger: figures and lists only read it (never creating or
/// migrating one); the rest write.
fn access(command: &Command) -> Access {
    match command {
        Command::Imports(_)
        | Command::Summary(_)
        | Command::Channels(_)
        | Command::Subsidy(_)
        | Command::Stores(_)
        | Command::Report(_)
        | Command::Backup { .. } => Access::Read,
        Command::Fees(args) if args.action.is_none() => Access::Read,
        Command::Tax(args) if args.action.is_none() => Access::Read,
        Command::Cash(args) => match &args.action {
            None | Some(CashCommand::Delay { days: None, .. }) => Access::Read,
            Some(_) => Access::Write,
        },
        Command::Restore { .. } => Access::Restore,
        _ => Access::Write,
    }
}

fn ledger_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => fupan_engine::db::default_db_path(),
    }
}

fn open_ledger(cli: &Cli, path: &Path) -> Result<Ledger> {
    let mut ledger = Ledger::open_as(path, access(&cli.command))?;
    let hook: LockWaitHook = Arc::new(Mutex::new(|| {
        eprintln!("fupan: another import is running, waiting…");
    }));
    ledger.on_lock_wait(hook)?;
    Ok(ledger)
}

fn run(cli: Cli) -> Result<()> {
    // The vocabulary is the engine's, not the data file's: no ledger is opened, no log kept.
    if let Command::Vocabulary(args) = &cli.command {
        return vocabulary::run(args);
    }
    let path = ledger_path(&cli)?;
    let result = run_on(&cli, &path);
    match &result {
        // Import and undo log their own lines (files, counts, ids); commands that only read
        // log nothing.
        Ok(()) if access(&cli.command) == Access::Write && !logs_itself(&cli.command) => {
            crate::applog::changed(cli.command.name());
        }
        Err(Error::Reported(_)) => {}
        _ => crate::applog::outcome(cli.command.name(), &result),
    }
    result
}

/// Commands whose success the log already shows with its own line (`applog`).
fn logs_itself(command: &Command) -> bool {
    matches!(
        command,
        Command::Import(_) | Command::Undo { .. } | Command::Restore { .. }
    )
}

fn run_on(cli: &Cli, path: &Path) -> Result<()> {
    let fresh = !path.exists();
    let mut ledger = open_ledger(cli, path)?;
    // Only beside a ledger that is there: a mistyped --db gets no log folder either.
    crate::applog::init(path);
    let done = dispatch(cli, &mut ledger);
    if done.is_err() && fresh && ledger.is_blank()? {
        // A refused first import leaves no empty ledger behind: "nothing written" holds for
        // a --db that did not exist too.
        drop(ledger);
        discard_blank_ledger(path);
    }
    done
}

/// Remove a ledger this run created and left blank, with SQLite's side files.
fn discard_blank_ledger(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

fn dispatch(cli: &Cli, ledger: &mut Ledger) -> Result<()> {
    match &cli.command {
        Command::Imports(out) => history::list(ledger, out.json),
        Command::Summary(args) => summary::run(ledger, args),
        Command::Channels(args) => channels::run(ledger, args),
        Command::Subsidy(args) => subsidy::run(ledger, args),
        Command::Stores(args) => stores::run(ledger, args),
        Command::Cash(args) => cash::run(ledger, args),
        Command::Tax(args) => tax::run(ledger, args),
        Command::Report(args) => report::run(ledger, args),
        Command::Costs(cmd) => costs::run(ledger, cmd),
        Command::Fees(args) => fees::run(ledger, args),
        Command::Import(args) => import::run(ledger, args),
        Command::Undo { import_id } => import::undo(ledger, *import_id),
        Command::Backup { file } => {
            ledger.backup_to(file)?;
            crate::applog::file_done("backup", file);
            println!("Backed up to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            ledger.restore_from(file)?;
            crate::applog::file_done("restore", file);
            println!("Restored from {}", file.display());
            Ok(())
        }
        Command::Vocabulary(args) => vocabulary::run(args),
    }
}

/// Print a value as the JSON contract (one document on stdout).
fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    println!("{text}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn subcommands_and_flags_mean_cli_paths_mean_window() {
        assert!(is_cli_invocation(&os(&["fupan", "summary"])));
        assert!(is_cli_invocation(&os(&["fupan", "--version"])));
        assert!(is_cli_invocation(&os(&[
            "fupan", "--db", "x.db", "imports"
        ])));
        assert!(!is_cli_invocation(&os(&["fupan"])));
        assert!(!is_cli_invocation(&os(&[
            "fupan",
            "/home/me/Order.all.xlsx"
        ])));
    }

    #[test]
    fn every_subcommand_is_known_to_the_dispatcher() {
        use clap::CommandFactory;
        for sub in Cli::command().get_subcommands() {
            assert!(SUBCOMMANDS.contains(&sub.get_name()), "{}", sub.get_name());
        }
    }
}
