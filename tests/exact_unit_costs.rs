//! Issue 17, case 8: unit costs were rounded to 4 decimals on the way in (0.01234 × 100,000
//! units gave COGS 1230.00). They are stored exactly now and rounded only for output.

mod common;

use common::TempDb;

#[test]
fn a_unit_cost_of_0_01234_times_100000_units_is_1234_of_cogs() {
    let db = TempDb::new();
    // One PDD order of 100,000 screws at 0.05 each = 5000.00 (formats.md header).
    let orders = db.dir.path().join("orders.csv");
    std::fs::write(
        &orders,
        "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),商品数量(件),订单成交时间,\
         商家编码-规格维度,售后状态\n\
         螺丝,260110-000000000000001,已收货,5000.00,0.00,100000,2026-01-10 10:00:00,SCREW-M3,\
         无售后或售后取消\n",
    )
    .unwrap();
    let costs = db.dir.path().join("sku_costs.csv");
    std::fs::write(&costs, "SKU,成本\nSCREW-M3,0.01234\n").unwrap();
    db.json(&[
        "import",
        "--store",
        "拼多多店",
        "--json",
        orders.to_str().unwrap(),
    ]);
    db.json(&[
        "import",
        "--store",
        "拼多多店",
        "--json",
        costs.to_str().unwrap(),
    ]);
    let s = db.json(&["summary", "--json"]);
    // 0.01234 × 100,000 = 1234 exactly (1/10,000 units would have kept 0.0123 → 1230.00).
    assert_eq!(s["currencies"][0]["cogs"], "1234.00", "{s}");
    assert_eq!(s["currencies"][0]["gross_sales"], "5000.00", "{s}");
}
