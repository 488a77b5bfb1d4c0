//! Fee statements: Douyin 动账明细, Lazada finance (long format); TikTok Shop's settlement
//! is `tiktok_settlement.rs`. Costs are positive in the ledger; these files write
//! deductions as negative numbers.

use super::spec::*;
use crate::model::{Channel, FeeKind, Platform, ReportKind};
use FeeKind::*;
use Role::*;

const FEES: FormatSpec = FormatSpec {
    report: ReportKind::Settlement,
    grain: Grain::Fees,
    ..LINES
};

/// formats.md "Douyin 动账明细": fee columns hold deductions as negative numbers (−x is a
/// cost x, a positive value a credit); a row whose 动账场景 contains 运费险 is
/// shipping_insurance of the unsigned 动账金额 (出账 cost, 入账 credit). Other columns are
/// not costs. Reference 动账流水号 (older files: 动帐流水号) when present, else
/// "settlement:{order}". Columns as settlement-formats.md §5(a) (newer 39–40 and older 30
/// columns). A 货款结算入账 row settles its order for the signed 动账金额 (入账 +), a
/// 退款-结算后退款-退用户 row takes it back (出账 −): settlement rows (metrics.md §10).
pub const DOUYIN_FUNDS: FormatSpec = FormatSpec {
    id: "douyin.funds",
    platforms: &[Platform::Douyin],
    file_hints: &["动账", "资金", "账单"],
    columns: &[
        col(Date, &["动账时间"]).req(),
        col(Direction, &["动账方向"]).req(),
        col(Amount, &["动账金额", "动账金额(元)"]).req(),
        col(Scene, &["动账场景"]),
        col(OrderId, &["订单号", "关联订单号"]),
        col(Reference, &["动账流水号", "动帐流水号"]),
        col(Fee(PlatformCommission), &["平台服务费"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["佣金"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["服务商佣金"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["招商服务费"]).sign(Sign::Negated),
        col(Fee(Other), &["渠道分成"]).sign(Sign::Negated),
        col(Fee(Other), &["其他分成"]).sign(Sign::Negated),
        col(Fee(Other), &["站外推广费"]).sign(Sign::Negated),
    ],
    // settlement-formats.md §5(a): the order's amounts and the subsidies the platform,
    // talents and banks paid toward it are what was settled, not costs of the shop.
    ignore: &[
        "订单实付应结",
        "运费实付",
        "实际平台补贴_运费",
        "实际平台补贴",
        "其他平台补贴",
        "以旧换新抵扣",
        "政府补贴平台垫资",
        "实际达人补贴",
        "实际抖音支付补贴",
        "实际抖音月付营销补贴",
        "银行补贴",
        "订单退款",
        "免佣金额",
    ],
    fees: Some(FeeRule {
        rank: 2,
        prefix: "settlement",
        names: &[],
        scene: Some(SceneFee {
            contains: "运费险",
            kind: ShippingInsurance,
            cost: "出账",
            credit: "入账",
        }),
        row_types: &[],
        other_rows: None,
        settle: Settle::Scenes {
            scenes: &["货款结算入账", "退款-结算后退款-退用户"],
            plus: "入账",
            minus: "出账",
        },
        replace: false,
    }),
    ..FEES
};

/// formats.md "Lazada finance": long format, one row per fee line, pivot on `Fee Name`;
/// amounts signed (deductions negative), so `Reversal …` / `Adjustments …` rows of a kind
/// are credits of it. `Sponsored Product Fee` is ad spend of lazada_ads (summed per day).
/// Headers: the legacy 22-column Transaction Overview and the current `;` Account
/// Statement CSV (settlement-formats.md §4 (a), (b)); `VAT in Amount` / `VAT Amount` is the
/// VAT inside a fee and `WHT Amount` withholding on Lazada's own fees (TH/PH): neither is a
/// tax withheld from the seller's sales, so both are known and not read. How Vietnam's
/// Decree 117 withholding appears is not documented: nothing is guessed. Settlements: the
/// signed lines of one order in one statement (`Statement Number`, legacy `Statement`)
/// sum to what that statement paid for it (item price credit less fees), dated on its
/// latest line; reference "{statement}:{order}".
pub const LAZADA_FINANCE: FormatSpec = FormatSpec {
    id: "lazada.finance",
    platforms: &[Platform::Lazada],
    file_hints: &["transaction", "finance", "statement"],
    columns: &[
        col(Date, &["Transaction Date", "transactionDate"]).req(),
        col(FeeName, &["Fee Name", "feeName"]).req(),
        col(
            Amount,
            &[
                "Amount",
                "amount",
                "Amount(Include Tax)",
                "Est Release Amount(Include Tax)",
            ],
        )
        .req()
        .sign(Sign::Negated),
        // The same amount as signed: an order's lines of one statement sum to its payout.
        col(
            Settled,
            &[
                "Amount",
                "amount",
                "Amount(Include Tax)",
                "Est Release Amount(Include Tax)",
            ],
        )
        .sign(Sign::AsIs),
        col(Statement, &["Statement Number", "Statement"]),
        col(OrderId, &["Order No.", "Order Number", "orderNumber"]),
        col(Reference, &["Transaction Number", "transactionNumber"]),
        col(Marker, &["Transaction Type", "Paid Status", "Details"]),
        col(
            Marker,
            &[
                "Seller SKU",
                "Lazada SKU",
                "Order Item No.",
                "Order Line ID",
            ],
        ),
        col(
            Marker,
            &[
                "VAT in Amount",
                "VAT Amount",
                "WHT Amount",
                "WHT included in Amount",
            ],
        ),
        col(
            Marker,
            &[
                "Statement Period",
                "Release Status",
                "Release Date",
                "Order Creation Date",
                "Order Status",
                "Order Item Status",
                "Product Name",
                "Short Code",
                "ShortCode",
                "Comment",
                "Shipping Provider",
                "Shipping Speed",
                "Shipment Type",
                "Reference",
                "PaymentRefId",
            ],
        ),
    ],
    fees: Some(FeeRule {
        rank: 2,
        prefix: "settlement",
        names: &[
            ("Sponsored Product Fee", Target::Ad(Channel::LazadaAds)),
            ("Shipping Fee (Paid By Customer)", Target::Ignore),
            ("Shipping Fee Paid by Seller", Target::Fee(Shipping)),
            ("Item Price Credit", Target::Ignore),
            ("Reversal Item Price", Target::Ignore),
            ("Promotional Charges Bundles", Target::Fee(Subsidy)),
            ("Sponsored Affiliates", Target::Fee(AffiliateCommission)),
            ("Promotional Charges Vouchers", Target::Fee(Subsidy)),
            ("Payment Fee", Target::Fee(PaymentFee)),
            ("Commission", Target::Fee(PlatformCommission)),
        ],
        scene: None,
        row_types: &[],
        other_rows: None,
        settle: Settle::PerStatement,
        replace: false,
    }),
    ..FEES
};
