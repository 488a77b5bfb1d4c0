//! Shopee Vietnam income report (Tài chính → Doanh thu, "Income.đã phát hành.vn.*.xlsx"):
//! the settlement of each paid-out order, refining the order export's fee estimates.
//!
//! Header names are those of the real export (formats.md; the full list as read by an
//! open-source parser of these files). ASSUMED where formats.md is silent: fees are dated on
//! `Ngày hoàn thành thanh toán` (the payout, like the other platforms' statement dates).
//! Every money column keeps its sign (settlement-formats.md §1 and §6: fees and taxes are
//! negative = charged/withheld; a refund's positive fee gives the fee back, so it reduces
//! fees — "never take abs() of a fee column"); the shipping columns that net to zero for the seller (`Phí vận chuyển thực tế`, `…Người
//! mua trả`, `…được trợ giá từ Shopee`) are not read, their signs varying by file; the
//! Adjustment sheet's `Loại điều chỉnh | Mô tả` texts are matched by the patterns below.

use super::spec::*;
use crate::model::{Channel, FeeKind, Platform, ReportKind, SettlementKind, TaxKind};
use FeeKind::*;
use Role::*;

/// A deduction column: negative in the file = a cost, positive = given back (a credit).
const fn cost(kind: FeeKind, aliases: &'static [&'static str]) -> Col<'static> {
    col(Fee(kind), aliases).sign(Sign::Negated)
}

/// Sheet "Doanh thu": title rows above the header (row 3 in current files); one `Order` row
/// per order followed by its `Sku` rows (`Đơn hàng / Sản phẩm`): only Order rows are read.
/// Deductions are negative (`cost`: −x is a cost x, +x a credit). An order repeated in the
/// file is a correction: the later row wins. `Mã giao dịch` is a row counter, not an id: references are
/// "income:{order}".
pub const INCOME: FormatSpec = FormatSpec {
    id: "shopee_vn.income",
    platforms: &[Platform::ShopeeVn],
    report: ReportKind::Settlement,
    grain: Grain::Fees,
    sheet_hints: &["Doanh thu", "Income"],
    file_hints: &["income", "doanh thu", "doanh_thu"],
    columns: &[
        col(OrderId, &["Mã đơn hàng"]).req(),
        col(RowType, &["Đơn hàng / Sản phẩm"]).req(),
        col(Date, &["Ngày hoàn thành thanh toán"]).req(),
        cost(PlatformCommission, &["Phí cố định"]),
        // Never together with the `Service Fee Details` sheet (it details this column).
        cost(ServiceFee, &["Phí Dịch Vụ"]),
        cost(PaymentFee, &["Phí thanh toán", "Phí xử lý giao dịch"]),
        cost(AffiliateCommission, &["Phí hoa hồng Tiếp thị liên kết"]),
        // The seller-protection fee (Shopee's SELLER_PROTECTION_FEE), not a shipping charge.
        cost(ServiceFee, &["Phí dịch vụ PiShip"]),
        cost(
            Shipping,
            &["Phí vận chuyển trả hàng (đơn Trả hàng/hoàn tiền)"],
        ),
        cost(
            Shipping,
            &["Phí vận chuyển trả hàng (đơn giao không thành công)"],
        ),
        cost(Shipping, &["Phí vận chuyển - Người bán hỗ trợ"]),
        cost(Subsidy, &["Mã ưu đãi do Người Bán chịu"]),
        cost(Subsidy, &["Mã ưu đãi Đồng Tài Trợ do Người Bán chịu"]),
        cost(Subsidy, &["Mã hoàn xu do Người Bán chịu"]),
        cost(Subsidy, &["Mã hoàn xu Đồng Tài Trợ do Người Bán chịu"]),
        // NTTD: an automatic top-up of the ads wallet out of order revenue (renamed in
        // 2026): money moved to Shopee Ads, counted as its ad spend, not as a fee.
        col(
            AdFee(Channel::ShopeeAds),
            &[
                "Mức Nạp Tiền Tự Động (từ doanh thu đơn hàng)",
                "Phí dịch vụ hiển thị NTTD (từ doanh thu đơn hàng)",
            ],
        )
        .sign(Sign::Negated),
        // Withheld taxes (metrics.md §9): negative = withheld, positive = given back.
        col(Tax(TaxKind::Vat), &["Thuế GTGT"]).sign(Sign::Negated),
        col(Tax(TaxKind::IncomeTax), &["Thuế TNCN"]).sign(Sign::Negated),
        // What was paid out for the order, after its fees and taxes.
        col(Settled, &["Tổng tiền đã thanh toán"]).sign(Sign::AsIs),
        col(Marker, &["Mã giao dịch"]),
        col(Marker, &["Ngày đặt hàng"]),
        col(Marker, &["Giá sản phẩm"]),
        col(Marker, &["Số tiền hoàn lại"]),
    ],
    fees: Some(FeeRule {
        rank: 2,
        prefix: "income",
        names: &[],
        scene: None,
        row_types: &["Order"],
        other_rows: None,
        settle: Settle::Column(SettlementKind::Order),
        replace: true,
    }),
    companions: &["shopee_vn.adjustments"],
    ..LINES
};

/// Sheet "Adjustment" of the same workbook: metadata and a summary above the section
/// "Chi tiết danh sách giao dịch điều chỉnh", whose header row moves (~row 13); a trailing
/// "Tổng cộng". One row per adjustment: integer VND, negative for deductions (−x is a cost
/// x, a positive amount a credit). An unknown adjustment type is `other` when it is a cost
/// and ignored when it is a credit (compensation paid to the seller). References
/// "adjustment:{order}", repeats of an order "#2"….
pub const ADJUSTMENTS: FormatSpec = FormatSpec {
    id: "shopee_vn.adjustments",
    platforms: &[Platform::ShopeeVn],
    report: ReportKind::Settlement,
    grain: Grain::Fees,
    sheet_hints: &["Adjustment"],
    file_hints: &["income", "adjustment"],
    columns: &[
        col(Date, &["Ngày hoàn thành điều chỉnh đơn hàng"]).req(),
        col(FeeName, &["Loại điều chỉnh | Mô tả", "Loại điều chỉnh"]).req(),
        col(Amount, &["Số tiền điều chỉnh"])
            .req()
            .sign(Sign::Negated),
        col(OrderId, &["Mã đơn hàng liên quan"]),
        col(Settled, &["Số tiền điều chỉnh"]).sign(Sign::AsIs),
        col(Marker, &["Lý do điều chỉnh"]),
        col(Marker, &["Mã giao dịch"]),
        col(Marker, &["Ngày hoàn thành thanh toán"]),
    ],
    fees: Some(FeeRule {
        rank: 2,
        prefix: "adjustment",
        names: &[
            ("vận chuyển", Target::Fee(Shipping)),
            ("phí cố định", Target::Fee(PlatformCommission)),
            ("phí dịch vụ", Target::Fee(ServiceFee)),
            ("phí thanh toán", Target::Fee(PaymentFee)),
            ("phí xử lý giao dịch", Target::Fee(PaymentFee)),
            ("tiếp thị liên kết", Target::Fee(AffiliateCommission)),
        ],
        scene: None,
        row_types: &[],
        other_rows: None,
        settle: Settle::Column(SettlementKind::Adjustment),
        replace: false,
    }),
    ..LINES
};
