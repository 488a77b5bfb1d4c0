//! Issue 17, case 10: control characters in a SKU (or a store or file name) reached the
//! terminal raw — an ESC sequence in an export could recolour or clear the screen. The CLI
//! prints them escaped (`\u{1b}`).

mod common;

use common::TempDb;

#[test]
fn control_characters_in_a_sku_never_reach_the_terminal_raw() {
    let db = TempDb::new();
    let file = db.dir.path().join("orders.csv");
    // A SKU with ESC [2J (clear screen) and a BEL, in a PDD export (formats.md header).
    std::fs::write(
        &file,
        "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),商品数量(件),订单成交时间,\
         商家编码-规格维度,售后状态\n\
         T恤,260110-000000000000001,已收货,10.00,0.00,1,2026-01-10 10:00:00,\
         SKU\u{1b}[2J\u{7},无售后或售后取消\n",
    )
    .unwrap();
    db.json(&[
        "import",
        "--store",
        "拼多多店",
        "--json",
        file.to_str().unwrap(),
    ]);
    // The table lists the SKU without a cost.
    let out = db.run(&["summary"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("SKU\\u{1b}[2J\\u{7}"), "{text}");
    // JSON escapes them by its own rules.
    let out = db.run(&["summary", "--json"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}
