//! The shape of a format table. A `FormatSpec` says which headers (in every known language and
//! version) play which ROLE, how rows group into records, and how a platform's conventions
//! (status texts, signs, list-price rules, per-order columns) translate into the ledger.

pub use crate::import::clean::DateOrder;
use crate::model::{Channel, Currency, FeeKind, Platform, ReportKind, SettlementKind, TaxKind};

/// What a column means to the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    OrderId,
    /// The line's own id (Lazada `orderItemId`, Douyin `子订单编号`, TikTok `SKU ID`).
    LineId,
    /// The text whose occurrence number within the order makes the line id (Shopee SKU).
    LineKey,
    Date,
    Sku,
    Product,
    Qty,
    Status,
    RefundStatus,
    ReturnedQty,
    RefundAmount,
    PaidAmount,
    UnitPrice,
    ListAmount,
    /// Subtracted from unit price × qty (Shopee: the shop's own price cut).
    ListDeduction,
    SellerDiscount,
    PlatformDiscount,
    /// A shop-funded discount of the whole order, shared over its lines by list amount.
    OrderDiscount,
    /// A cost column of this kind.
    Fee(FeeKind),
    /// A withheld-tax column of this kind (positive after its sign rule = withheld).
    Tax(TaxKind),
    /// A column that is ad spend of this channel (TikTok `GMV Max ad fee`).
    AdFee(Channel),
    /// What the platform paid for the row (TikTok `Total settlement amount`), as signed.
    Settled,
    /// An adjustment row's amount, as signed (TikTok `Ajustment amount`).
    Adjusted,
    /// The order an adjustment row is about (TikTok `Related order ID`).
    RelatedOrder,
    /// The statement (payout) a row belongs to (Lazada `Statement Number`).
    Statement,
    ShopName,
    /// The buyer's account id: stored only as a salted hash (repurchase rate).
    BuyerId,
    // ads
    Campaign,
    /// The column whose text picks the channel (万相台 `场景名字`).
    Scene,
    Spend,
    Impressions,
    Clicks,
    Sales,
    Orders,
    Collects,
    AddToCarts,
    // store traffic
    /// Unique visitors of the store that day.
    Visitors,
    PageViews,
    // SKU costs
    UnitCost,
    ValidFrom,
    // fixed-cost sheets
    Month,
    CostItem,
    Store,
    Currency,
    // settlements / fee statements
    /// The fact's own id in its source (transaction number).
    Reference,
    /// Long format: the text naming the fee of the row (Lazada `Fee Name`).
    FeeName,
    /// The row's amount (long format, or a scene rule's unsigned amount).
    Amount,
    /// 入账 / 出账: the sign of an unsigned `Amount`.
    Direction,
    /// The row type; only rows of `FeeRule::row_type` are read (TikTok `Type` = Order).
    RowType,
    /// Recognised (raises the detection score), never read.
    Marker,
}

/// Sign convention of a money column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// The value as it stands: a positive number is a cost.
    AsIs,
    /// Deductions are negative: −x is a cost x, a positive value is a credit.
    Negated,
    /// The file's sign is not reliable: take the magnitude.
    Magnitude,
    /// Only a negative value is a cost (its magnitude); a positive one is not a fee.
    NegativeOnly,
}

/// One logical column: its role and every header it has been seen under. A built-in table's
/// text is `'static`; a mapped table's (`mapping::MappedFormat`) borrows the user's headers.
#[derive(Debug, Clone, Copy)]
pub struct Col<'a> {
    pub role: Role,
    pub aliases: &'a [&'a str],
    /// The format is not this file without it.
    pub required: bool,
    /// Repeated on every line of an order: read on the order's first line only.
    pub once: bool,
    pub sign: Sign,
    /// Not read when the file has any of these headers: a child column whose parent (the
    /// sum of its children) the format reads instead (TikTok `Actual return shipping fee`
    /// under `Seller shipping fee`).
    pub unless: &'static [&'static str],
}

/// A column of `role` known under `aliases` (optional, per row, magnitude).
pub const fn col<'a>(role: Role, aliases: &'a [&'a str]) -> Col<'a> {
    Col {
        role,
        aliases,
        required: false,
        once: false,
        sign: Sign::Magnitude,
        unless: &[],
    }
}

impl<'a> Col<'a> {
    pub const fn req(self) -> Col<'a> {
        Col {
            required: true,
            ..self
        }
    }
    pub const fn once(self) -> Col<'a> {
        Col { once: true, ..self }
    }
    pub const fn sign(self, sign: Sign) -> Col<'a> {
        Col { sign, ..self }
    }
    pub const fn unless(self, unless: &'static [&'static str]) -> Col<'a> {
        Col { unless, ..self }
    }
}

/// How rows become records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    /// One row per order line (or per order: then the line id is the order id).
    Lines,
    /// One row per ad day (per day × campaign).
    Ads,
    /// One row per SKU cost.
    SkuCosts,
    /// One row per store day of traffic (visitors, page views).
    Traffic,
    /// One row per fixed monthly cost (month, item, amount; optional store, currency).
    FixedCosts,
    /// One row per settlement line / order statement: fee rows (`FeeRule`).
    Fees,
    /// One row per item of an order (a companion file: SKU, qty and price of orders whose
    /// export has one row per order). Item id by `line_id`, amount by `list`.
    Items,
    /// One row per wallet transaction: the rows of `WithdrawalRule::types` are withdrawals,
    /// the others are read and left (their money is counted by the settlement files).
    Withdrawals,
}

/// Where a line's id comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineIdRule {
    /// The `LineId` column.
    Column,
    /// `LineKey` text + "#" + its occurrence number within the order (1, 2, …).
    Occurrence,
    /// One row per order: the line id is the order id.
    Order,
}

/// How the line's list amount (selling price × qty) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRule {
    /// The `ListAmount` column.
    Column,
    /// `UnitPrice` × qty.
    UnitTimesQty,
    /// `UnitPrice` × qty − `ListDeduction`.
    UnitTimesQtyLess,
    /// `ListAmount` − `ListDeduction` (TikTok Shop: the seller's own discount is price).
    ColumnLess,
}

/// How the refunded share f is read (before status rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundRule {
    /// Only status texts say anything.
    StatusOnly,
    /// `ReturnedQty` / qty.
    ReturnedQty,
    /// `RefundAmount` / `PaidAmount`.
    AmountShare,
}

/// What a status text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Cancelled,
    /// Cancelled unless a refund was recorded (Taobao `交易关闭`: closed after a full refund
    /// is a refunded sale, closed unpaid is a cancellation).
    CancelledUnlessRefunded,
    /// The whole line was refunded (f = 1) unless a quantity/amount rule said otherwise.
    Refunded,
    /// Explicitly no refund (a withdrawn request).
    NoRefund,
}

/// A status text of the `Status` or `RefundStatus` column (compared trimmed, NFC,
/// case-insensitively).
#[derive(Debug, Clone, Copy)]
pub struct StatusRule<'a> {
    pub role: Role,
    pub text: &'a str,
    pub effect: Effect,
}

pub const fn status(role: Role, text: &'static str, effect: Effect) -> StatusRule<'static> {
    StatusRule { role, text, effect }
}

/// Ad report settings.
#[derive(Debug, Clone, Copy)]
pub struct AdRule {
    pub channel: Channel,
    /// Rows whose `Scene` text equals this go to the second channel instead.
    pub scene_channel: Option<(&'static str, Channel)>,
    /// Attribution window in days.
    pub window_days: i64,
}

/// What a long-format fee name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Fee(FeeKind),
    /// Ad spend of this channel, summed per day.
    Ad(Channel),
    /// Revenue or a transfer: not a cost.
    Ignore,
}

/// Rows whose `Scene` text contains `contains` are a fee of `kind` of the unsigned
/// `Amount`: a `cost` direction is a cost, a `credit` direction a credit.
#[derive(Debug, Clone, Copy)]
pub struct SceneFee {
    pub contains: &'static str,
    pub kind: FeeKind,
    pub cost: &'static str,
    pub credit: &'static str,
}

/// Where a fee statement's settlement rows (metrics.md §10) come from.
#[derive(Debug, Clone, Copy)]
pub enum Settle {
    /// The file says nothing about what was paid.
    None,
    /// The `Settled` column of each row of the rule's `row_types` (kind as given: Shopee's
    /// Adjustment sheet holds only adjustments); rows of `other_rows` are adjustments of
    /// their `Adjusted` amount (else `Settled`), labelled with their type.
    Column(SettlementKind),
    /// Rows whose `Scene` is one of `scenes` settle an order: the unsigned `Amount`, plus
    /// for the direction `plus`, minus for `minus` (Douyin 货款结算入账 / 结算后退款).
    Scenes {
        scenes: &'static [&'static str],
        plus: &'static str,
        minus: &'static str,
    },
    /// Long format: an order's `Settled` lines of one `Statement` sum to what that statement
    /// paid for it (Lazada), dated on its latest line.
    PerStatement,
}

/// Wallet exports (grain `Withdrawals`).
#[derive(Debug, Clone, Copy)]
pub struct WithdrawalRule {
    /// `RowType` texts of withdrawals (compared trimmed, case-insensitively); empty: every
    /// row is one (TikTok `Withdrawal records`).
    pub types: &'static [&'static str],
    /// Reference prefix when the file has no `Reference` column.
    pub prefix: &'static str,
}

/// Fee statements (grain `Fees`).
#[derive(Debug, Clone, Copy)]
pub struct FeeRule {
    /// 2 for settlements: they supersede an order export's rank-1 figures.
    pub rank: u8,
    /// Reference prefix when the file has no `Reference` column ("settlement:{order}").
    pub prefix: &'static str,
    /// Long format: `FeeName` patterns (contained, case-insensitive; first match wins).
    /// An unknown name is `other` when it is a cost and ignored when it is a credit.
    pub names: &'static [(&'static str, Target)],
    pub scene: Option<SceneFee>,
    /// Rows whose `RowType` text is one of these are an order's rows (TikTok `Type` =
    /// Order / Đơn hàng, Shopee `Đơn hàng / Sản phẩm` = Order); empty: every row is.
    pub row_types: &'static [&'static str],
    /// Rows of another type: None = not read (Shopee `Sku` rows); Some = adjustments, their
    /// type text matched like a long-format fee name (TikTok `GMV Payment for TikTok Ads`).
    pub other_rows: Option<&'static [(&'static str, Target)]>,
    pub settle: Settle,
    /// A derived reference seen again in the file replaces the earlier row (a correction,
    /// Shopee income) instead of being a further fact ("#2").
    pub replace: bool,
}

/// A platform export format, as data. `'a` is the life of its columns' and status texts:
/// `'static` for the built-in tables, a lent borrow for a user's mapping.
#[derive(Debug, Clone, Copy)]
pub struct FormatSpec<'a> {
    /// Stable id, e.g. "shopee_vn.orders".
    pub id: &'static str,
    /// Platforms using this format; the first is the default. Empty = any (SKU cost sheets).
    pub platforms: &'static [Platform],
    pub report: ReportKind,
    /// Sheet names that hold the data (a hint: raises the score; other sheets still tried).
    pub sheet_hints: &'static [&'static str],
    /// Fragments of file names typical for the export (a hint, lower-cased compare).
    pub file_hints: &'static [&'static str],
    pub grain: Grain,
    /// The row under the header explains the columns (TikTok): skipped when it is not data.
    pub description_row: bool,
    /// None: the platform's default currency.
    pub currency: Option<Currency>,
    pub columns: &'a [Col<'a>],
    pub line_id: LineIdRule,
    pub list: ListRule,
    pub refund: RefundRule,
    pub statuses: &'a [StatusRule<'a>],
    pub ads: Option<AdRule>,
    pub fees: Option<FeeRule>,
    /// Labels of a key/value row above the header giving the report's period (Shopee Ads
    /// `Khoảng thời gian`): the date of rows without a `Date` value, a range booked on its
    /// last day.
    pub period_labels: &'static [&'static str],
    /// Formats read from the workbook's other sheets along with this one (Shopee income:
    /// the Adjustment sheet), each where its header is found.
    pub companions: &'static [&'static str],
    /// Headers the format knows and deliberately does not read (ids, addresses, totals that
    /// restate other columns, revenue): not reported as unmapped money columns
    /// (`map::unmapped`). A platform's new fee column is then the only kind reported.
    pub ignore: &'static [&'static str],
    /// How slashed dates of this export are ordered when a value does not say (12/03/2026).
    pub date_order: DateOrder,
    pub withdrawals: Option<WithdrawalRule>,
}

/// A line-grain spec's defaults; each table overrides what differs.
pub const LINES: FormatSpec<'static> = FormatSpec {
    id: "",
    platforms: &[],
    report: ReportKind::Orders,
    sheet_hints: &[],
    file_hints: &[],
    grain: Grain::Lines,
    description_row: false,
    currency: None,
    columns: &[],
    line_id: LineIdRule::Column,
    list: ListRule::Column,
    refund: RefundRule::StatusOnly,
    statuses: &[],
    ads: None,
    fees: None,
    period_labels: &[],
    companions: &[],
    ignore: &[],
    date_order: DateOrder::DayFirst,
    withdrawals: None,
};

impl<'a> FormatSpec<'a> {
    pub fn cols(&self, role: Role) -> impl Iterator<Item = &'a Col<'a>> + '_ {
        self.columns.iter().filter(move |c| c.role == role)
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.cols(role).next().is_some()
    }

    pub fn default_platform(&self) -> Platform {
        self.platforms.first().copied().unwrap_or(Platform::Generic)
    }

    pub fn currency_for(&self, platform: Platform) -> Currency {
        self.currency.unwrap_or_else(|| platform.default_currency())
    }

    /// Whether `header` (normalised) is one of this format's aliases.
    pub fn knows(&self, header: &str) -> bool {
        self.columns
            .iter()
            .any(|c| c.aliases.iter().any(|a| alias_name(a) == header))
    }

    /// A format that lists costs: a fee statement, or an order list with fee columns. A money
    /// column nobody reads in such a file may be a new cost (`map::unmapped`).
    pub fn bears_fees(&self) -> bool {
        self.grain == Grain::Fees || self.columns.iter().any(|c| matches!(c.role, Role::Fee(_)))
    }
}

/// An alias "Name#2" names the 2nd column headed "Name" (exports with two columns of one
/// name, Shopee BR `Desconto do vendedor`): (name, Some(2)). A plain alias: (alias, None).
pub fn split_occurrence(alias: &str) -> (&str, Option<usize>) {
    if let Some((name, n)) = alias.rsplit_once('#') {
        if !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = n.parse::<usize>() {
                if n > 0 {
                    return (name, Some(n));
                }
            }
        }
    }
    (alias, None)
}

/// The header name of an alias (without its occurrence number).
pub fn alias_name(alias: &str) -> &str {
    split_occurrence(alias).0
}
