//! SKU cost sheets the merchant keeps (any xlsx/csv, any platform).

use super::spec::*;
use crate::model::ReportKind;
use Role::*;

/// formats.md "SKU costs sheet": SKU (商家编码, Mã SKU), unit_cost (成本, 单位成本, Giá vốn),
/// optional valid_from (生效日期, Từ ngày). Without a date the cost holds from 1970-01-01.
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
    ],
    ..LINES
};
