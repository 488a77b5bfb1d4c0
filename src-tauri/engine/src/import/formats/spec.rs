//! The shape of a format table. A `FormatSpec` says which headers (in every known language and
//! version) play which ROLE, how rows group into records, and how a platform's conventions
//! (status texts, signs, list-price rules, per-order columns) translate into the ledger.

pub use crate::import::clean::DateOrder;
use crate::model::{Channel, Currency, FeeKind, Platform, ReportKind};

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

/// One logical column: its role and every header it has been seen under.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub role: Role,
    pub aliases: &'static [&'static str],
    /// The format is not this file without it.
    pub required: bool,
    /// Repeated on every line of an order: read on the order's first line only.
    pub once: bool,
    pub sign: Sign,
}

/// A column of `role` known under `aliases` (optional, per row, magnitude).
pub const fn col(role: Role, aliases: &'static [&'static str]) -> Col {
    Col {
        role,
        aliases,
        required: false,
        once: false,
        sign: Sign::Magnitude,
    }
}

impl Col {
    pub const fn req(self) -> Col {
        Col {
            required: true,
            ..self
        }
    }
    pub const fn once(self) -> Col {
        Col { once: true, ..self }
    }
    pub const fn sign(self, sign: Sign) -> Col {
        Col { sign, ..self }
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
pub struct StatusRule {
    pub role: Role,
    pub text: &'static str,
    pub effect: Effect,
}

pub const fn status(role: Role, text: &'static str, effect: Effect) -> StatusRule {
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
    /// Only rows whose `RowType` text is this are data (TikTok `Type` = Order, Shopee
    /// `Đơn hàng / Sản phẩm` = Order); other rows are not counted.
    pub row_type: Option<&'static str>,
    /// A derived reference seen again in the file replaces the earlier row (a correction,
    /// Shopee income) instead of being a further fact ("#2").
    pub replace: bool,
}

/// A platform export format, as data.
#[derive(Debug, Clone, Copy)]
pub struct FormatSpec {
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
    pub columns: &'static [Col],
    pub line_id: LineIdRule,
    pub list: ListRule,
    pub refund: RefundRule,
    pub statuses: &'static [StatusRule],
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
}

/// A line-grain spec's defaults; each table overrides what differs.
pub const LINES: FormatSpec = FormatSpec {
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
};

impl FormatSpec {
    pub fn cols(&self, role: Role) -> impl Iterator<Item = &'static Col> + '_ {
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
