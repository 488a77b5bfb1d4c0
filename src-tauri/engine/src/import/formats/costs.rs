//! Cost sheets the merchant keeps (any xlsx/csv, any platform): SKU unit costs and fixed
//! monthly costs.
//!
//! Checked against: formats.md "SKU costs sheet" (the merchant's own sheet: no platform).

use super::spec::*;
use crate::model::ReportKind;
use Role::*;

/// formats.md "SKU costs sheet": SKU (商家编码, Mã SKU), unit_cost (成本, 单位成本, Giá vốn),
/// optional valid_from (生效日期, Từ ngày) and currency. Without a date the cost holds from
/// 1970-01-01.
pub const SKU_COSTS: FormatSpec = FormatSpec {
    id: "generic.sku_costs",
    platforms: &[],
    report: ReportKind::SkuCosts,
    grain: Grain::SkuCosts,
    file_hints: &["cost", "成本", "giá vốn", "gia_von"],
    columns: &[
        col(Sku, &["SKU", "sku", "商家编码", "Mã SKU"]).req(),
        col(UnitCost, &["unit_cost", "成本", "单位成本", "Giá vốn"]).req(),
        col(ValidFrom, &["valid_from", "生效日期", "Từ ngày"]),
        // Needed only for a SKU sold in two currencies (or not sold yet): the others take
        // the currency of the stores that sell them (cli.md Additions).
        col(
            Currency,
            &["币种", "货币", "Tiền tệ", "Loại tiền", "Currency"],
        ),
    ],
    ..LINES
};

/// Fixed monthly costs (rent, salaries, tools, warehouse): month, item, amount, optionally the
/// store (blank: `--store`, else all stores of the currency) and the currency. The month may
/// be any date (its month counts). An amount's sign is ignored: a cost is a cost.
pub const FIXED_COSTS: FormatSpec = FormatSpec {
    id: "generic.fixed_costs",
    platforms: &[],
    report: ReportKind::FixedCosts,
    grain: Grain::FixedCosts,
    file_hints: &["fixed", "固定", "费用", "chi phí", "chi_phi", "cố định"],
    columns: &[
        col(
            Month,
            &["月份", "月", "日期", "Tháng", "Ngày", "Month", "Date"],
        )
        .req(),
        col(
            CostItem,
            &[
                "费用项目",
                "项目",
                "类别",
                "费用类别",
                "费用类型",
                "成本项目",
                "Khoản mục",
                "Loại chi phí",
                "Khoản chi phí",
                "Hạng mục",
                "Item",
                "Kind",
                "Category",
            ],
        )
        .req(),
        col(
            Amount,
            &[
                "金额",
                "金额(元)",
                "金额（元）",
                "费用金额",
                "Số tiền",
                "Amount",
            ],
        )
        .req(),
        col(
            Store,
            &[
                "店铺",
                "店铺名称",
                "店名",
                "Cửa hàng",
                "Gian hàng",
                "Shop",
                "Store",
            ],
        ),
        col(
            Currency,
            &["币种", "货币", "Tiền tệ", "Loại tiền", "Currency"],
        ),
    ],
    ..LINES
};
