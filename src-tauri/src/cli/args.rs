//! The command line of `shared/docs/cli.md`, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "fupan",
    version,
    about = "Fupan 复盘 — true profit and ROI from your platform exports",
    long_about = "Fupan 复盘 — true profit and ROI from your platform exports.\n\
                  Run without a subcommand to open the desktop app."
)]
pub struct Cli {
    /// The database file (default: the app's own, in the OS app-data dir).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import platform and ad-console exports (xlsx, xls, xlsb, ods, csv, zip).
    Import(ImportArgs),
    /// SKU unit costs and fixed monthly costs.
    #[command(subcommand)]
    Costs(CostsCommand),
    /// Fee sources (export columns, fee names) and the cost kind each counts under.
    Fees(FeesArgs),
    /// Full-store figures for a period: sales, hidden costs, profit, ROAS, break-even.
    Summary(PeriodArgs),
    /// Per-channel ROAS, ROI, profit ROI and verdict against break-even.
    Channels(ChannelsArgs),
    /// Did a subsidy pay? Incremental ROI against a before period or a hold-out (补贴增量ROI).
    Subsidy(SubsidyArgs),
    /// The stores side by side (账号矩阵), totalled per currency, never across currencies.
    Stores(PeriodArgs),
    /// What the platforms paid (settled), still owe (unsettled by age), fee drift and
    /// withdrawals to the bank (对账 / đối soát). `fupan cash delay` lists each platform's
    /// settlement delay; `fupan cash delay --platform P --days N` sets one.
    Cash(CashArgs),
    /// Each store's tax regime (`fupan tax` lists them; `fupan tax set …` chooses one).
    Tax(TaxArgs),
    /// The year-end review (年终复盘) as PDF, HTML or xlsx.
    Report(ReportArgs),
    /// The import history.
    Imports(JsonArg),
    /// Copy the whole database to FILE (safe while the app is open).
    Backup { file: PathBuf },
    /// Replace the database with a backup, after verifying it.
    Restore { file: PathBuf },
    /// Undo one import, restoring the exact previous state.
    Undo {
        /// The id shown by `fupan imports`.
        import_id: i64,
    },
    /// Every id the CLI, the JSON and the window share: platforms, channels, fee kinds,
    /// currencies, mapping fields, tax regimes, verdicts, error codes.
    Vocabulary(VocabularyArgs),
}

impl Command {
    /// The subcommand's name (the log names each action by it).
    pub fn name(&self) -> &'static str {
        match self {
            Command::Import(_) => "import",
            Command::Costs(_) => "costs",
            Command::Fees(_) => "fees",
            Command::Summary(_) => "summary",
            Command::Channels(_) => "channels",
            Command::Subsidy(_) => "subsidy",
            Command::Stores(_) => "stores",
            Command::Cash(_) => "cash",
            Command::Tax(_) => "tax",
            Command::Report(_) => "report",
            Command::Imports(_) => "imports",
            Command::Backup { .. } => "backup",
            Command::Restore { .. } => "restore",
            Command::Undo { .. } => "undo",
            Command::Vocabulary(_) => "vocabulary",
        }
    }
}

#[derive(Debug, Args)]
pub struct VocabularyArgs {
    /// Print JSON (the stable contract) instead of a list.
    #[arg(long)]
    pub json: bool,
    /// Print the page's ES module (ui/js/vocab.js).
    #[arg(long, conflicts_with = "json")]
    pub js: bool,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON (the stable contract) instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Store (shop) name, when the export does not carry it.
    #[arg(long)]
    pub store: Option<String>,
    /// Platform id (`fupan vocabulary` lists them).
    #[arg(long)]
    pub platform: Option<String>,
    /// Read files nobody recognises with a column mapping: a saved template's NAME, or a
    /// FILE.json ({"name", "report", "columns": {header: field}, …}); a named one is saved
    /// and reused automatically for files with the same headers.
    #[arg(long, value_name = "NAME|FILE.json")]
    pub mapping: Option<String>,
    /// Import the readable rows of a file that has unreadable ones, and list those rows
    /// (without it such a file is refused).
    #[arg(long)]
    pub skip_bad_rows: bool,
    #[command(flatten)]
    pub out: JsonArg,
}

#[derive(Debug, Subcommand)]
pub enum CostsCommand {
    /// Import a cost sheet: SKU unit costs (SKU, unit cost[, valid from]) or fixed monthly
    /// costs (month, item, amount[, store][, currency]).
    Import {
        file: PathBuf,
        /// SKU costs: the store whose currency they are in (needed when several currencies
        /// exist). Fixed costs: the store of the rows that name none (else all stores).
        #[arg(long)]
        store: Option<String>,
    },
    /// Set a fixed monthly cost (rent, salaries, tools…).
    Fixed {
        #[arg(long)]
        store: Option<String>,
        /// The month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// What the cost is (rent, salaries, tools…).
        #[arg(long)]
        kind: String,
        /// The amount in the store's currency.
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
    },
}

#[derive(Debug, Args)]
pub struct FeesArgs {
    #[command(subcommand)]
    pub action: Option<FeesCommand>,
    #[command(flatten)]
    pub out: JsonArg,
}

#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// Count a platform's fee source under another kind (every figure is recomputed).
    Set {
        /// Platform id (`fupan vocabulary` lists them).
        #[arg(long)]
        platform: String,
        /// The source as `fupan fees` lists it.
        #[arg(long)]
        source: String,
        /// Fee kind id (`fupan vocabulary` lists them).
        #[arg(long)]
        kind: String,
    },
    /// Count a fee source under its format's kind again.
    Reset {
        #[arg(long)]
        platform: String,
        #[arg(long)]
        source: String,
    },
}

#[derive(Debug, Args)]
pub struct PeriodArgs {
    #[arg(long)]
    pub store: Option<String>,
    /// First day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    pub to: Option<String>,
    #[command(flatten)]
    pub out: JsonArg,
}

#[derive(Debug, Args)]
pub struct ChannelsArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Weight of assisted conversions, 0 (last click) … 1.
    #[arg(long, default_value = "0")]
    pub assist_coef: String,
}

#[derive(Debug, Args)]
pub struct SubsidyArgs {
    /// The subsidy period: --from and --to are required.
    #[command(flatten)]
    pub period: PeriodArgs,
    /// First day of the baseline ("before") period; default: as many days just before.
    #[arg(long, requires = "baseline_to", conflicts_with = "baseline_sales")]
    pub baseline_from: Option<String>,
    /// Last day of the baseline period (its sales are scaled to the subsidy period's length).
    #[arg(long, requires = "baseline_from", conflicts_with = "baseline_sales")]
    pub baseline_to: Option<String>,
    /// A hold-out group's sales, already scaled to the subsidised group's size.
    #[arg(long, allow_hyphen_values = true)]
    pub baseline_sales: Option<String>,
    /// A SKU the subsidy ran on (repeat for several); default: the whole store.
    #[arg(long = "sku", value_name = "SKU")]
    pub skus: Vec<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CashArgs {
    #[command(subcommand)]
    pub action: Option<CashCommand>,
    #[command(flatten)]
    pub period: PeriodArgs,
}

#[derive(Debug, Subcommand)]
pub enum CashCommand {
    /// Each platform's settlement delay: days after the order date within which it normally
    /// pays (default 15); an older order with no settlement counts as unsettled.
    Delay {
        /// Platform id (taobao, tmall, douyin, jd, pdd, shopee_vn, tiktok_shop, lazada).
        #[arg(long, requires = "days")]
        platform: Option<String>,
        /// The new delay in days, 0 to 365.
        #[arg(long, requires = "platform", allow_hyphen_values = true)]
        days: Option<String>,
        #[command(flatten)]
        out: JsonArg,
    },
}

#[derive(Debug, Args)]
pub struct TaxArgs {
    #[command(subcommand)]
    pub action: Option<TaxCommand>,
    #[command(flatten)]
    pub out: JsonArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum RegimeArg {
    None,
    VnHousehold,
    CnSmallScale,
    Flat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum FlatBaseArg {
    NetSales,
    NetProfit,
}

#[derive(Debug, Subcommand)]
pub enum TaxCommand {
    /// Choose a store's tax regime; its estimates are always labelled "estimate".
    Set {
        /// The store's name (every store of that name).
        #[arg(long)]
        store: String,
        #[arg(long, value_enum)]
        regime: RegimeArg,
        /// cn_small_scale: VAT rate in percent (default 1 = 1 %).
        #[arg(long)]
        rate: Option<String>,
        /// cn_small_scale: monthly net sales free of VAT (default 100000).
        #[arg(long)]
        exemption: Option<String>,
        /// vn_household: the year's tax-free revenue (default 500000000).
        #[arg(long)]
        threshold: Option<String>,
        /// flat: the percentage (e.g. 1.5 = 1.5 %).
        #[arg(long)]
        flat_pct: Option<String>,
        /// flat: what the percentage is of (default net_sales).
        #[arg(long, value_enum)]
        flat_base: Option<FlatBaseArg>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lang {
    Zh,
    Vi,
    En,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(long)]
    pub year: i32,
    #[arg(long)]
    pub store: Option<String>,
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// FILE.pdf, FILE.html or FILE.xlsx
    #[arg(long)]
    pub out: PathBuf,
}
