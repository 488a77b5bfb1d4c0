//! Platform formats as data: header aliases, column roles, grain, signs, status maps.
//! One table per export (`FormatSpec`); `detect` scores them against a file's headers and
//! `map` reads any of them with one generic importer.

mod ads;
mod costs;
mod douyin;
mod fee_sources;
mod jd;
mod lazada;
mod pdd;
mod settlement;
mod shopee;
mod shopee_br;
mod shopee_id;
mod shopee_income;
mod shopee_tw;
pub mod spec;
mod taobao;
mod tiktok;
mod tiktok_settlement;
mod traffic;
mod wallet;

pub use fee_sources::{fee_sources, FeeSource};
pub use spec::{
    AdRule, Col, DateOrder, Effect, FeeRule, FormatSpec, Grain, LineIdRule, ListRule, RefundRule,
    Role, SceneFee, Settle, Sign, StatusRule, Target, WithdrawalRule,
};

/// Every known format, most specific first (ties in detection go to the earlier one).
pub static ALL: &[FormatSpec<'static>] = &[
    shopee::ORDERS,
    shopee_id::ORDERS,
    shopee_tw::ORDERS,
    shopee_br::ORDERS,
    tiktok::ORDERS,
    lazada::ORDERS,
    douyin::ORDERS,
    pdd::ORDERS,
    taobao::ORDERS,
    taobao::ORDER_ITEMS,
    jd::ORDERS,
    ads::QIANCHUAN,
    ads::WANXIANGTAI,
    ads::PDD_ADS,
    ads::SHOPEE_ADS,
    ads::TIKTOK_ADS,
    traffic::SYCM,
    traffic::COMPASS,
    traffic::SHOPEE,
    traffic::TIKTOK,
    traffic::LAZADA,
    settlement::DOUYIN_FUNDS,
    tiktok_settlement::SETTLEMENT,
    tiktok_settlement::WITHDRAWALS,
    settlement::LAZADA_FINANCE,
    shopee_income::INCOME,
    shopee_income::ADJUSTMENTS,
    wallet::SHOPEE_WALLET,
    wallet::DOUYIN_ACCOUNT,
    costs::SKU_COSTS,
    costs::FIXED_COSTS,
];

/// The built-in format table with this id. A file's own table (built in, or made from a
/// user's column mapping) travels in its `Detected::spec`; nothing is looked up globally.
pub fn by_id(id: &str) -> Option<&'static FormatSpec<'static>> {
    ALL.iter().find(|s| s.id == id)
}
