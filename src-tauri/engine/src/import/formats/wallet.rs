//! Wallet and account ledgers: only their transfers to the bank are read (withdrawals,
//! metrics.md §10); every other row moves money the settlement files already count.

use super::spec::*;
use crate::model::{Platform, ReportKind};
use Role::*;

const WALLET: FormatSpec = FormatSpec {
    report: ReportKind::Settlement,
    grain: Grain::Withdrawals,
    ..LINES
};

/// Shopee VN "Số dư TK Shopee" (`my_balance_transaction_report.shopee.*.xlsx`, sheet
/// `Transaction Report`, header ~row 18 under title, summary and `Chi tiết giao dịch`
/// rows): settlement-formats.md §2, the 8-column VN header [B]. `Số tiền` is signed
/// (negative = out), so a `Rút Tiền` of −x sends x to the bank. No transaction id: the
/// reference is the time (to the second) and the amount.
pub const SHOPEE_WALLET: FormatSpec = FormatSpec {
    id: "shopee_vn.wallet",
    platforms: &[Platform::ShopeeVn],
    sheet_hints: &["Transaction Report"],
    file_hints: &["my_balance_transaction_report", "balance"],
    columns: &[
        col(Date, &["Ngày"]).req(),
        col(RowType, &["Loại giao dịch"]).req(),
        col(Amount, &["Số tiền"]).req().sign(Sign::Negated),
        col(Status, &["Trạng thái"]),
        col(Marker, &["Dòng tiền"]),
        col(
            Marker,
            &["Chi tiết", "Mã đơn hàng", "Số dư Ví sau giao dịch"],
        ),
    ],
    withdrawals: Some(WithdrawalRule {
        types: &["Rút Tiền"],
        prefix: "wallet",
    }),
    ..WALLET
};

/// Douyin 账户流水 (带余额), settlement-formats.md §5(b) [B]: `动账金额(元)` is signed (a
/// 支出 is negative): 提现 of −x sends x to the bank, 提现退票 (a bounced transfer, +x)
/// takes it back.
pub const DOUYIN_ACCOUNT: FormatSpec = FormatSpec {
    id: "douyin.account",
    platforms: &[Platform::Douyin],
    file_hints: &["账户流水", "流水"],
    columns: &[
        col(Reference, &["动账流水号", "动帐流水号"]).req(),
        col(Date, &["动账时间"]).req(),
        col(Amount, &["动账金额(元)"]).req().sign(Sign::Negated),
        col(RowType, &["动账场景"]).req(),
        col(Marker, &["账户方向"]),
        col(
            Marker,
            &["关联订单号", "关联子订单号", "账户余额(元)", "备注"],
        ),
    ],
    withdrawals: Some(WithdrawalRule {
        types: &["提现", "提现退票"],
        prefix: "withdrawal",
    }),
    ..WALLET
};
