//! Issue 17, case 10: a CSV saved as UTF-16 without a byte-order mark was called "binary
//! data". It is recognised by its zero high bytes and read.

mod common;

use common::TempDb;

#[test]
fn a_utf16_csv_without_a_bom_imports() {
    let db = TempDb::new();
    // A PDD export (formats.md header), two orders: 10.00 + 25.50 = 35.50.
    let text = "商品\t订单号\t订单状态\t商品总价(元)\t店铺优惠折扣(元)\t商品数量(件)\t订单成交时间\t\
                商家编码-规格维度\t售后状态\r\n\
                T恤\t260110-000000000000001\t已收货\t10.00\t0.00\t1\t2026-01-10 10:00:00\tA\t无售后或售后取消\r\n\
                T恤\t260110-000000000000002\t已收货\t25.50\t0.00\t1\t2026-01-11 10:00:00\tB\t无售后或售后取消\r\n";
    for (name, bytes) in [
        (
            "orders_utf16le.csv",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "orders_utf16be.csv",
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
    ] {
        let db = TempDb {
            dir: tempfile::tempdir().unwrap(),
            path: db.dir.path().join(format!("{name}.db")),
        };
        let file = db.dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = db.json(&[
            "import",
            "--store",
            "拼多多店",
            "--json",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out["files"][0]["rows"], 2, "{name}: {out}");
        let s = db.json(&["summary", "--json"]);
        assert_eq!(s["currencies"][0]["gross_sales"], "35.50", "{name}: {s}");
    }
}
