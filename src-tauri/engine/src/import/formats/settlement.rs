//! Fee statements: Douyin 动账明细, TikTok Shop settlement, Lazada finance (long format).
//! Costs are positive in the ledger; these files write deductions as negative numbers.

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
/// not costs. Reference 动账流水号 when present, else "settlement:{order}".
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
        col(Reference, &["动账流水号"]),
        col(Fee(PlatformCommission), &["平台服务费"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["佣金"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["服务商佣金"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["招商服务费"]).sign(Sign::Negated),
        col(Fee(Other), &["渠道分成"]).sign(Sign::Negated),
        col(Fee(Other), &["其他分成"]).sign(Sign::Negated),
        col(Fee(Other), &["站外推广费"]).sign(Sign::Negated),
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
        row_type: None,
        replace: false,
    }),
    ..FEES
};

/// formats.md "TikTok Shop settlement": sheet "Order details", rows with Type = Order;
/// deductions negative; `Shipping` is a cost only when negative. Date `Statement date`.
/// Header names are those of the English export (VN localisation UNVERIFIED).
pub const TIKTOK_SETTLEMENT: FormatSpec = FormatSpec {
    id: "tiktok_shop.settlement",
    platforms: &[Platform::TiktokShop],
    sheet_hints: &["Order details"],
    file_hints: &["income", "settlement"],
    columns: &[
        col(OrderId, &["Order/adjustment ID"]).req(),
        col(RowType, &["Type"]).req(),
        col(Date, &["Statement date"]).req(),
        col(Fee(PlatformCommission), &["TikTok Shop commission fee"]).sign(Sign::Negated),
        col(Fee(PlatformCommission), &["Referral fee"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["Affiliate commission"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["Affiliate partner commission"]).sign(Sign::Negated),
        col(Fee(AffiliateCommission), &["Affiliate Shop Ads commission"]).sign(Sign::Negated),
        col(Fee(PaymentFee), &["Transaction fee"]).sign(Sign::Negated),
        col(Fee(PaymentFee), &["Payment fee"]).sign(Sign::Negated),
        col(Fee(ServiceFee), &["SFP service fee"]).sign(Sign::Negated),
        col(Fee(ServiceFee), &["Fee per item sold"]).sign(Sign::Negated),
        col(Fee(ServiceFee), &["LIVE Specials service fee"]).sign(Sign::Negated),
        col(Fee(ServiceFee), &["Voucher Xtra service fee"]).sign(Sign::Negated),
        col(Fee(ServiceFee), &["Bonus cashback service fee"]).sign(Sign::Negated),
        col(Fee(Shipping), &["Actual return shipping fee"]).sign(Sign::Negated),
        col(Fee(Shipping), &["Shipping"]).sign(Sign::NegativeOnly),
        col(Fee(Other), &["Smart Promotion fee"]).sign(Sign::Negated),
        col(Marker, &["Total settlement amount"]),
        col(Marker, &["Total fees"]),
    ],
    fees: Some(FeeRule {
        rank: 2,
        prefix: "settlement",
        names: &[],
        scene: None,
        row_type: Some("Order"),
        replace: false,
    }),
    ..FEES
};

/// formats.md "Lazada finance": long format, one row per fee line, pivot on `Fee Name`;
/// amounts signed (deductions negative), so `Reversal …` / `Adjustments …` rows of a kind
/// are credits of it. `Sponsored Product Fee` is ad spend of lazada_ads (summed per day).
/// Header names beyond Transaction Date / Fee Name / Amount are UNVERIFIED.
pub const LAZADA_FINANCE: FormatSpec = FormatSpec {
    id: "lazada.finance",
    platforms: &[Platform::Lazada],
    file_hints: &["transaction", "finance", "statement"],
    columns: &[
        col(Date, &["Transaction Date", "transactionDate"]).req(),
        col(FeeName, &["Fee Name", "feeName"]).req(),
        col(Amount, &["Amount", "amount"]).req().sign(Sign::Negated),
        col(OrderId, &["Order No.", "Order Number", "orderNumber"]),
        col(Reference, &["Transaction Number", "transactionNumber"]),
        col(Marker, &["Transaction Type", "Statement", "Paid Status"]),
    ],
    fees: Some(FeeRule {
        rank: 2,
        prefix: "settlement",
        names: &[
            ("Sponsored Product Fee", Target::Ad(Channel::LazadaAds)),
            ("Shipping Fee (Paid By Customer)", Target::Ignore),
            ("Shipping Fee Paid by Seller", Target::Fee(Shipping)),
            ("Item Price Credit", Target::Ignore),
            ("Promotional Charges Vouchers", Target::Fee(Subsidy)),
            ("Payment Fee", Target::Fee(PaymentFee)),
            ("Commission", Target::Fee(PlatformCommission)),
        ],
        scene: None,
        row_type: None,
        replace: false,
    }),
    ..FEES
};
