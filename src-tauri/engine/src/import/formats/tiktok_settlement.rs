//! TikTok Shop settlement ("income_<stamp>(UTC+…).xlsx"), sheet `Order details` /
//! `Chi tiết đơn hàng`, and its `Withdrawal records` / `Lịch sử rút tiền` sheet.
//!
//! Checked against: the real 65-column Indonesian header row (formats.md "Real header rows"
//! — English headers in every market, trailing spaces, an empty header cell, the
//! `Ajustment amount` typo); the VN English and Vietnamese names of columns 1–47 and the
//! Vietnamese tail (settlement-formats.md §3, sources [A]/[B] there); `Transaction type` /
//! `Order/Adjustment ID` of a Malaysian file ([C]). The column roles are formats.md "Column
//! roles — TikTok Shop settlement". Deductions are negative, so costs are `Negated`: a
//! positive value (a refund after settlement) is a credit of the same kind.

use super::spec::*;
use crate::model::{Channel, FeeKind, Platform, ReportKind, SettlementKind, TaxKind};
use FeeKind::*;
use Role::*;

/// Parents whose children are left (settlement-formats.md §3 "Parent / child columns"):
/// the shipping total, the affiliate commissions that include the creator's PIT.
const SHIPPING_PARENT: &[&str] = &[
    "Shipping cost",
    "Seller shipping fee",
    "Phí vận chuyển của người bán",
];

const fn cost(kind: FeeKind, aliases: &'static [&'static str]) -> Col<'static> {
    col(Fee(kind), aliases).sign(Sign::Negated)
}

/// Rows whose `Type` is not `Order` are adjustments: their amount is `Ajustment amount`
/// (negative = taken from the seller). A type not listed is `other` when it is a cost.
const ADJUSTMENT_TYPES: &[(&str, Target)] = &[
    ("GMV Payment for TikTok Ads", Target::Ad(Channel::TiktokAds)),
    (
        "GMV thanh toán cho Quảng cáo TikTok",
        Target::Ad(Channel::TiktokAds),
    ),
    ("reimbursement", Target::Fee(Other)),
    ("compensation", Target::Fee(Other)),
    ("Bồi thường", Target::Fee(Other)),
    ("Các khoản giảm trừ do người bán chịu", Target::Fee(Other)),
];

pub const SETTLEMENT: FormatSpec = FormatSpec {
    id: "tiktok_shop.settlement",
    platforms: &[Platform::TiktokShop],
    report: ReportKind::Settlement,
    grain: Grain::Fees,
    sheet_hints: &["Order details", "Chi tiết đơn hàng"],
    file_hints: &["income", "settlement"],
    columns: &[
        col(
            OrderId,
            &["Order/adjustment ID", "Order/Adjustment ID", "ID đơn hàng/điều chỉnh"],
        )
        .req(),
        col(RowType, &["Type", "Transaction type", "Loại giao dịch"]).req(),
        // Older files (and this importer's first fixture) had `Statement date`.
        col(
            Date,
            &[
                "Order settled time",
                "Thời gian quyết toán đơn hàng",
                "Statement date",
            ],
        )
        .req(),
        col(Currency, &["Currency", "Đơn vị tiền tệ"]),
        col(Settled, &["Total settlement amount", "Tổng số tiền quyết toán"]).sign(Sign::AsIs),
        col(
            Adjusted,
            &["Ajustment amount", "Adjustment amount", "Số tiền điều chỉnh"],
        )
        .sign(Sign::AsIs),
        col(RelatedOrder, &["Related order ID", "ID đơn hàng liên quan"]),
        // platform_commission
        cost(PlatformCommission, &["Platform commission fee"]),
        cost(
            PlatformCommission,
            &["TikTok Shop commission fee", "Phí hoa hồng của TikTok Shop"],
        ),
        cost(PlatformCommission, &["Referral fee"]),
        cost(PlatformCommission, &["Dynamic commission"]),
        // affiliate_commission: the parents (before-PIT + the creator's PIT)
        cost(
            AffiliateCommission,
            &["Affiliate Commission", "Hoa hồng liên kết"],
        ),
        cost(
            AffiliateCommission,
            &["Affiliate partner commission", "Hoa hồng của đối tác liên kết"],
        ),
        cost(
            AffiliateCommission,
            &[
                "Affiliate Shop Ads commission",
                "Hoa hồng liên kết Quảng cáo cửa hàng",
            ],
        ),
        cost(
            AffiliateCommission,
            &[
                "Affiliate Partner shop ads commission",
                "Hoa hồng quảng cáo cửa hàng của Đối tác liên kết",
            ],
        ),
        // ASSUMED (settlement-formats.md lists them beside the parents, not under them):
        // a deposit is a cost, its refund a credit.
        cost(
            AffiliateCommission,
            &["Affiliate commission deposit", "Tiền cọc hoa hồng liên kết"],
        ),
        cost(
            AffiliateCommission,
            &["Affiliate commission refund", "Hoàn hoa hồng liên kết"],
        ),
        // payment_fee
        cost(PaymentFee, &["Payment Fee"]),
        cost(PaymentFee, &["Transaction fee", "Phí giao dịch"]),
        // service_fee: every "… service fee" and the per-order programme fees
        cost(ServiceFee, &["Pre-order service fee"]),
        cost(ServiceFee, &["Mall service fee"]),
        cost(ServiceFee, &["Shipping Fee Program service fee"]),
        cost(
            ServiceFee,
            &["Bonus cashback service fee", "Phí dịch vụ hoàn tiền thưởng"],
        ),
        cost(
            ServiceFee,
            &[
                "LIVE Specials service fee",
                "Phí dịch vụ Ưu đãi đặc biệt trên LIVE",
            ],
        ),
        cost(
            ServiceFee,
            &["Voucher Xtra service fee", "Phí dịch vụ Voucher Xtra"],
        ),
        cost(ServiceFee, &["Order processing fee", "Phí xử lý đơn hàng"]),
        cost(
            ServiceFee,
            &["EAMS Program service fee", "Phí dịch vụ Chương trình EAMS"],
        ),
        cost(
            ServiceFee,
            &["Brands Crazy Deals/Flash Sale service fee", "Flash Sale service fee"],
        ),
        cost(ServiceFee, &["Phí dịch vụ Flash Sale"]),
        cost(ServiceFee, &["SFP service fee", "Phí dịch vụ SFP"]),
        cost(ServiceFee, &["SFR service fee", "Phí dịch vụ SFR"]),
        cost(ServiceFee, &["Dilayani Tokopedia fee"]),
        cost(ServiceFee, &["Dilayani Tokopedia handling fee"]),
        cost(
            ServiceFee,
            &[
                "PayLater program fee",
                "TikTok PayLater program fee",
                "Phí chương trình TikTok PayLater",
            ],
        ),
        cost(
            ServiceFee,
            &["Campaign resource fee", "Phí nguồn lực chiến dịch"],
        ),
        cost(ServiceFee, &["Installation service fee"]),
        cost(ServiceFee, &["Platform special service fee"]),
        cost(ServiceFee, &["Fee per item sold"]),
        cost(
            ServiceFee,
            &["Gói dịch vụ được quản lý (phí mỗi đơn hàng)"],
        ),
        cost(ServiceFee, &["Distance item fee from Horizon+ Program"]),
        // shipping: the parent, else (older files) the children it sums
        cost(Shipping, SHIPPING_PARENT),
        col(Fee(Shipping), &["Shipping"])
            .sign(Sign::NegativeOnly)
            .unless(SHIPPING_PARENT),
        cost(
            Shipping,
            &["Actual return shipping fee", "Phí vận chuyển trả hàng thực tế"],
        )
        .unless(SHIPPING_PARENT),
        // subsidy: the seller's share of co-funded vouchers, net of its refund
        cost(
            Subsidy,
            &[
                "Seller co-funded voucher discount",
                "Giảm giá voucher đồng chi trả của người bán",
            ],
        ),
        cost(
            Subsidy,
            &[
                "Refund of seller co-funded voucher discount",
                "Hoàn tiền giảm giá voucher đồng chi trả của người bán",
            ],
        ),
        cost(Other, &["Smart Promotion fee"]),
        // ad spend
        col(AdFee(Channel::TiktokAds), &["GMV Max ad fee", "Phí quảng cáo GMV Max"])
            .sign(Sign::Negated),
        // the seller's withheld taxes (metrics.md §9); ≤ 0 in the file
        col(
            Tax(TaxKind::Vat),
            &["VAT withheld by TikTok Shop", "Thuế GTGT do TikTok Shop khấu trừ"],
        )
        .sign(Sign::Negated),
        col(Tax(TaxKind::Vat), &["Thuế bán hàng của voucher GMV Max"]).sign(Sign::Negated),
        col(
            Tax(TaxKind::IncomeTax),
            &["PIT withheld by TikTok Shop", "Thuế TNCN do TikTok Shop khấu trừ"],
        )
        .sign(Sign::Negated),
        col(Tax(TaxKind::IncomeTax), &["Article 22 Income Tax withheld"]).sign(Sign::Negated),
        // Known, never read: revenue, totals (`Total Fees` includes the taxes), the children
        // of the parents above (the affiliate PIT is the creator's tax), informational
        // columns.
        col(
            Marker,
            &[
                "Order created time",
                "Thời gian tạo đơn hàng",
                "Total Revenue",
                "Tổng doanh thu",
                "Subtotal after seller discounts",
                "Tổng phụ sau giảm giá của người bán",
                "Subtotal before discounts",
                "Tổng phụ trước giảm giá",
                "Seller discounts",
                "Giảm giá của người bán",
                "Refund subtotal after seller discounts",
                "Tổng phụ của khoản hoàn tiền sau giảm giá của người bán",
                "Refund subtotal before seller discounts",
                "Tổng phụ hoàn tiền trước giảm giá của người bán",
                "Refund of seller discounts",
                "Khoản hoàn tiền giảm giá của người bán",
                "Total Fees",
                "Tổng phí",
            ],
        ),
        col(
            Marker,
            &[
                "Shipping costs passed on to the logistics provider",
                "Replacement shipping fee (passed on to the customer)",
                "Exchange shipping fee (passed on to the customer)",
                "Shipping cost borne by the platform",
                "Shipping cost paid by the customer",
                "Refunded shipping cost paid by the customer",
                "Return shipping costs (passed on to the customer)",
                "Shipping cost subsidy",
                "Distance shipping fee from Horizon+ Program",
                "Actual shipping fee",
                "Phí vận chuyển thực tế",
                "Platform shipping fee discount",
                "Chiết khấu phí vận chuyển của nền tảng",
                "Customer shipping fee",
                "Chi phí vận chuyển của khách hàng",
                "Refunded customer shipping fee",
                "Phí vận chuyển của khách hàng được hoàn lại",
                "SFR reimbursement",
                "Hoàn phí SFR",
                "Failed delivery subsidy",
                "Trợ cấp giao hàng không thành công",
                "Shipping subsidy",
                "Trợ giá vận chuyển",
            ],
        ),
        col(
            Marker,
            &[
                "Affiliate commission before PIT (personal income tax)",
                "Hoa hồng liên kết trước thuế TNCN (thuế thu nhập cá nhân)",
                "Personal income tax withheld from affiliate commission",
                "Thuế TNCN đã khấu trừ",
                "Affiliate Shop Ads commission before PIT",
                "Hoa hồng của Quảng cáo cửa hàng liên kết trước thuế TNCN",
                "Personal income tax withheld from affiliate Shop Ads commission",
                "Thuế thu nhập cá nhân đã được khấu trừ vào khoản hoa hồng của Quảng cáo cửa hàng liên kết",
            ],
        ),
        col(
            Marker,
            &[
                "Customer payment",
                "Khách thanh toán",
                "Customer refund",
                "Tiền hoàn của khách",
                "Platform discounts",
                "Giảm giá của nền tảng",
                "Refund of platform discounts",
                "Hoàn tiền giảm giá của nền tảng",
                "Platform co-funded voucher discounts",
                "Giảm giá voucher đồng chi trả của nền tảng",
                "Refund of platform co-funded voucher discounts",
                "Hoàn tiền giảm giá voucher đồng chi trả của nền tảng",
                "Seller shipping cost discount",
                "Giảm phí vận chuyển của người bán",
                "Estimated package weight (g)",
                "Actual package weight (g)",
                "Trọng lượng kiện hàng ước tính",
                "Trọng lượng kiện hàng được tính phí",
                "Shopping center items",
                "Order Source",
            ],
        ),
    ],
    fees: Some(FeeRule {
        rank: 2,
        prefix: "settlement",
        names: &[],
        scene: None,
        row_types: &["Order", "Đơn hàng"],
        other_rows: Some(ADJUSTMENT_TYPES),
        settle: Settle::Column(SettlementKind::Order),
        replace: false,
    }),
    companions: &["tiktok_shop.withdrawals"],
    ..LINES
};

/// Sheet `Withdrawal records` (`Type | Reference ID | Request time | Amount | Status |
/// Success time | Bank account`, settlement-formats.md §3 [B]); every row is a transfer to
/// the bank. The Vietnamese names of `Lịch sử rút tiền` are unknown: only the sheet name is
/// hinted. The amount's sign is not documented: its magnitude.
pub const WITHDRAWALS: FormatSpec = FormatSpec {
    id: "tiktok_shop.withdrawals",
    platforms: &[Platform::TiktokShop],
    report: ReportKind::Settlement,
    grain: Grain::Withdrawals,
    sheet_hints: &["Withdrawal records", "Lịch sử rút tiền"],
    file_hints: &["income", "settlement"],
    columns: &[
        col(Reference, &["Reference ID"]).req(),
        col(Date, &["Request time"]).req(),
        col(Amount, &["Amount"]).req(),
        col(Status, &["Status"]),
        col(Marker, &["Type", "Success time", "Bank account"]),
    ],
    withdrawals: Some(WithdrawalRule {
        types: &[],
        prefix: "withdrawal",
    }),
    ..LINES
};
