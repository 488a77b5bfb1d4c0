//! Acceptance tests of `fupan summary` on the full fixture dataset.
//! Every expected value is the hand computation of tests/fixtures/README.md (metrics.md §2–3
//! applied to formats.md "Column roles") — never a value copied from program output.

mod common;

use common::*;
use serde_json::Value;

const VND_TOTAL: Expect = Expect {
    orders: 13,
    units: 27,
    gross_sales: "3290000", // 1560000 + 910000 + 820000
    refunds: "555000",      // 300000 + 135000 + 120000
    net_sales: "2735000",
    cogs: "1177000",
    //     commission service  payment  affiliate shipping insurance subsidy other
    fees: ["119700", "61700", "36300", "0", "25000", "0", "57500", "0"],
    hidden_costs: "300200",
    contribution: "1257800",
    contribution_margin: Some("0.4599"), // 1257800 / 2735000 = 0.459890
    ad_spend: "0",
    fixed_costs: "0",
    net_profit: "1257800",
    net_margin: Some("0.4599"),
    marketing_spend: "57500",
    store_roas: None,
    profit_roi: Some("21.8748"),     // 1257800 / 57500 = 21.874783
    break_even_roas: Some("2.6157"), // 3290000 / 1257800 = 2.615678
};

/// README "CNY total": Douyin + Taobao (with its item file) + PDD + ads.
const CNY_TOTAL: Expect = Expect {
    orders: 12,             // 4 + 4 + 4
    units: 22,              // 8 + 7 + 7
    gross_sales: "1389.60", // 582.90 + 495.00 + 311.70
    refunds: "253.00",      // 59.00 + 149.00 + 45.00
    net_sales: "1136.60",   // 1389.60 − 253.00
    cogs: "455.50",         // 201.50 + 126.50 + 127.50
    fees: [
        "26.20", "0.00", "0.00", "41.50", "0.00", "2.50", "39.00", "9.00",
    ],
    hidden_costs: "118.20",              // 26.20 + 41.50 + 2.50 + 39.00 + 9.00
    contribution: "562.90",              // 1136.60 − 455.50 − 118.20
    contribution_margin: Some("0.4952"), // 562.90 / 1136.60 = 0.495249
    ad_spend: "212.90",                  // 111.50 + 36.90 + 34.00 + 30.50
    fixed_costs: "0.00",
    net_profit: "350.00",            // 562.90 − 212.90
    net_margin: Some("0.3079"),      // 350.00 / 1136.60 = 0.307936
    marketing_spend: "293.40",       // 212.90 + 41.50 + 39.00
    store_roas: Some("5.3387"),      // 1136.60 / 212.90 = 5.338657
    profit_roi: Some("1.1929"),      // 350.00 / 293.40 = 1.192911
    break_even_roas: Some("2.4686"), // 1389.60 / 562.90 = 2.468645
};

const SHOPEE_STORE: Expect = Expect {
    orders: 6,
    units: 13,
    gross_sales: "1560000",
    refunds: "300000",
    net_sales: "1260000",
    cogs: "577000",
    fees: ["119700", "61700", "36300", "0", "0", "0", "42500", "0"],
    hidden_costs: "260200",
    contribution: "422800",
    contribution_margin: Some("0.3356"),
    ad_spend: "0",
    fixed_costs: "0",
    net_profit: "422800",
    net_margin: Some("0.3356"),
    marketing_spend: "42500",
    store_roas: None,
    profit_roi: Some("9.9482"),
    break_even_roas: Some("3.6897"),
};

/// README "TikTok Shop": the seller's own discount is price (list = before − seller
/// discount), so no subsidy; the cancelled order's shipping seller discount is no cost.
const TIKTOK_STORE: Expect = Expect {
    orders: 3,
    units: 8,
    gross_sales: "910000",
    refunds: "135000",
    net_sales: "775000",
    cogs: "320000",
    fees: ["0", "0", "0", "0", "25000", "0", "0", "0"],
    hidden_costs: "25000",
    contribution: "430000",
    contribution_margin: Some("0.5548"), // 430000 / 775000 = 0.554839
    ad_spend: "0",
    fixed_costs: "0",
    net_profit: "430000",
    net_margin: Some("0.5548"),
    marketing_spend: "0",
    store_roas: None,
    profit_roi: None,                // no marketing spend
    break_even_roas: Some("2.1163"), // 910000 / 430000 = 2.116279
};

const LAZADA_STORE: Expect = Expect {
    orders: 4,
    units: 6,
    gross_sales: "820000",
    refunds: "120000",
    net_sales: "700000",
    cogs: "280000",
    fees: ["0", "0", "0", "0", "0", "0", "15000", "0"],
    hidden_costs: "15000",
    contribution: "405000",
    contribution_margin: Some("0.5786"),
    ad_spend: "0",
    fixed_costs: "0",
    net_profit: "405000",
    net_margin: Some("0.5786"),
    marketing_spend: "15000",
    store_roas: None,
    profit_roi: Some("27.0000"),
    break_even_roas: Some("2.0247"),
};

const DOUYIN_STORE: Expect = Expect {
    orders: 4,
    units: 8,
    gross_sales: "582.90",
    refunds: "59.00",
    net_sales: "523.90",
    cogs: "201.50",
    fees: [
        "26.20", "0.00", "0.00", "41.50", "0.00", "2.50", "30.00", "9.00",
    ],
    hidden_costs: "109.20",
    contribution: "213.20",
    contribution_margin: Some("0.4069"),
    ad_spend: "111.50",
    fixed_costs: "0.00",
    net_profit: "101.70",
    net_margin: Some("0.1941"),
    marketing_spend: "183.00",
    store_roas: Some("4.6987"),
    profit_roi: Some("0.5557"),
    break_even_roas: Some("2.7341"),
};

/// README "Taobao": the item file gives SKUs, so COGS = (30 + 12.50) [01-06] + 2 × 20 × ½
/// [01-16, f = 50/100] + 0 [f = 1] + 2 × 32 [01-28, after the 01-15 cost change] = 126.50.
const TAOBAO_STORE: Expect = Expect {
    orders: 4,
    units: 7,              // items 2 + 2 + 1 + 2
    gross_sales: "495.00", // 128 + 120 + 89 + 158
    refunds: "149.00",     // ½ × 120 + 1 × 89
    net_sales: "346.00",
    cogs: "126.50",
    fees: [
        "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00",
    ],
    hidden_costs: "0.00",
    contribution: "219.50",              // 346.00 − 126.50 − 0
    contribution_margin: Some("0.6344"), // 219.50 / 346.00 = 0.634393
    ad_spend: "70.90",                   // ztc 36.90 + wanxiangtai 34.00
    fixed_costs: "0.00",
    net_profit: "148.60",       // 219.50 − 70.90
    net_margin: Some("0.4295"), // 148.60 / 346.00 = 0.429480
    marketing_spend: "70.90",
    store_roas: Some("4.8801"),      // 346.00 / 70.90 = 4.880113
    profit_roi: Some("2.0959"),      // 148.60 / 70.90 = 2.095910
    break_even_roas: Some("2.2551"), // 495.00 / 219.50 = 2.255125
};

const PDD_STORE: Expect = Expect {
    orders: 4,
    units: 7,
    gross_sales: "311.70",
    refunds: "45.00",
    net_sales: "266.70",
    cogs: "127.50",
    fees: [
        "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "9.00", "0.00",
    ],
    hidden_costs: "9.00",
    contribution: "130.20",
    contribution_margin: Some("0.4882"),
    ad_spend: "30.50",
    fixed_costs: "0.00",
    net_profit: "99.70",
    net_margin: Some("0.3738"),
    marketing_spend: "39.50",
    store_roas: Some("8.7443"),
    profit_roi: Some("2.5241"),
    break_even_roas: Some("2.3940"),
};

/// Shopee, 2026-01-01..2026-01-15: orders A B D E (C cancelled); fees dated on order date.
const SHOPEE_FIRST_HALF: Expect = Expect {
    orders: 4,
    units: 11,
    gross_sales: "1300000",
    refunds: "300000",
    net_sales: "1000000",
    cogs: "470000",
    fees: ["92700", "48200", "28200", "0", "0", "0", "37500", "0"],
    hidden_costs: "206600",
    contribution: "323400",
    contribution_margin: Some("0.3234"),
    ad_spend: "0",
    fixed_costs: "0",
    net_profit: "323400",
    net_margin: Some("0.3234"),
    marketing_spend: "37500",
    store_roas: None,
    profit_roi: Some("8.6240"),
    break_even_roas: Some("4.0198"),
};

fn sorted_stores(cur: &Value) -> Vec<String> {
    let mut s: Vec<String> = cur["stores"]
        .as_array()
        .unwrap_or_else(|| panic!("stores[] in {cur}"))
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    s.sort();
    s
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn full_dataset_summary_per_currency_matches_hand_computation() {
    let db = full_db();
    let doc = db.summary(None, None, None);
    let currencies = doc["currencies"]
        .as_array()
        .unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(currencies.len(), 2, "one entry per currency: {doc:#}");

    let vnd = TempDb::currency_of(&doc, "VND");
    assert_eq!(sorted_stores(vnd), sorted(&[SHOPEE, TIKTOK, LAZADA]));
    assert_summary(vnd, &VND_TOTAL, "VND total");

    let cny = TempDb::currency_of(&doc, "CNY");
    assert_eq!(sorted_stores(cny), sorted(&[DOUYIN, TAOBAO, PDD]));
    assert_summary(cny, &CNY_TOTAL, "CNY total");
}

#[test]
fn summary_per_store_matches_hand_computation() {
    let db = full_db();
    for (store, currency, expect) in [
        (SHOPEE, "VND", &SHOPEE_STORE),
        (TIKTOK, "VND", &TIKTOK_STORE),
        (LAZADA, "VND", &LAZADA_STORE),
        (DOUYIN, "CNY", &DOUYIN_STORE),
        (TAOBAO, "CNY", &TAOBAO_STORE),
        (PDD, "CNY", &PDD_STORE),
    ] {
        let doc = db.summary(Some(store), None, None);
        let currencies = doc["currencies"]
            .as_array()
            .unwrap_or_else(|| panic!("{doc}"));
        assert_eq!(currencies.len(), 1, "{store}: one currency: {doc:#}");
        let cur = TempDb::currency_of(&doc, currency);
        assert_eq!(sorted_stores(cur), sorted(&[store]), "{store}");
        assert_summary(cur, expect, store);
    }
}

#[test]
fn summary_for_a_period_counts_only_its_days() {
    let db = full_db();
    let doc = db.summary(Some(SHOPEE), Some("2026-01-01"), Some("2026-01-15"));
    assert_str(&doc, "from", "2026-01-01", "period");
    assert_str(&doc, "to", "2026-01-15", "period");
    assert_summary(
        TempDb::currency_of(&doc, "VND"),
        &SHOPEE_FIRST_HALF,
        "Shopee 01-01..01-15",
    );

    // A period with no data: zero money, null ratios.
    let doc = db.summary(Some(SHOPEE), Some("2025-06-01"), Some("2025-06-30"));
    let vnd = TempDb::currency_of(&doc, "VND");
    assert_int(vnd, "orders", 0, "empty period");
    assert_str(vnd, "gross_sales", "0", "empty period");
    assert_str(vnd, "net_sales", "0", "empty period");
    assert_str_or_null(vnd, "contribution_margin", None, "empty period");
    assert_str_or_null(vnd, "net_margin", None, "empty period");
    assert_str_or_null(vnd, "store_roas", None, "empty period");
}

#[test]
fn import_order_does_not_change_the_summary() {
    let forward = full_db();

    let reverse = TempDb::new();
    let mut files: Vec<(&str, &str)> = DATASET.to_vec();
    files.reverse();
    import_files(&reverse, &files);
    import_costs(&reverse);

    // Interleaved: ads and settlements before the orders they relate to, duplicates mixed in.
    let mixed = TempDb::new();
    let mut files: Vec<(&str, &str)> = DATASET
        .iter()
        .copied()
        .filter(|(r, _)| r.starts_with("ads/") || r.contains("fund_flow") || r.contains("Detail"))
        .collect();
    files.extend(DATASET.iter().copied().filter(|(r, _)| {
        !(r.starts_with("ads/") || r.contains("fund_flow") || r.contains("Detail"))
    }));
    files.push(("shopee_vn/Order.all.20260101_20260131.xlsx", SHOPEE));
    files.push(("douyin/fund_flow_orders.csv", DOUYIN));
    import_files(&mixed, &files);
    import_costs(&mixed);

    let want = canonical(&forward.summary(None, None, None));
    assert_summary(TempDb::currency_of(&want, "VND"), &VND_TOTAL, "forward VND");
    assert_summary(TempDb::currency_of(&want, "CNY"), &CNY_TOTAL, "forward CNY");
    for (name, db) in [("reverse", &reverse), ("mixed", &mixed)] {
        assert_eq!(
            canonical(&db.summary(None, None, None)),
            want,
            "{name} order: whole summary"
        );
        for store in [SHOPEE, TIKTOK, LAZADA, DOUYIN, TAOBAO, PDD] {
            assert_eq!(
                canonical(&db.summary(Some(store), None, None)),
                canonical(&forward.summary(Some(store), None, None)),
                "{name} order: summary of {store}"
            );
        }
    }
}

#[test]
fn reimporting_everything_changes_nothing() {
    let db = full_db();
    let before = db.summary(None, None, None);
    for (rel, store) in DATASET {
        let f = db.import_fixture(rel, store);
        assert_int(&f, "added", 0, rel);
    }
    assert_eq!(canonical(&db.summary(None, None, None)), canonical(&before));
}

/// The Taobao item file, before or after its orders, gives the same COGS (126.50 by the
/// README); undoing it takes the SKUs away again (COGS 0.00, the orders untouched).
#[test]
fn taobao_item_file_splits_orders_by_sku_in_any_order_and_undoes() {
    const ORDERS: &str = "taobao/ExportOrderList202601.csv";
    const ITEMS: &str = "taobao/ExportOrderDetailList202601.csv";
    let cogs = |db: &TempDb| {
        let doc = db.summary(Some(TAOBAO), None, None);
        let cur = TempDb::currency_of(&doc, "CNY").clone();
        cur["cogs"].as_str().unwrap_or_default().to_string()
    };
    for files in [[ORDERS, ITEMS], [ITEMS, ORDERS]] {
        let db = TempDb::new();
        db.import_fixture(files[0], TAOBAO);
        db.costs_import("costs/sku_costs.xlsx", Some(TAOBAO));
        db.import_fixture(files[1], TAOBAO);
        assert_eq!(cogs(&db), "126.50", "{files:?}");
        let doc = db.summary(Some(TAOBAO), None, None);
        let cur = TempDb::currency_of(&doc, "CNY");
        assert_int(cur, "units", 7, "items 2 + 2 + 1 + 2");
        assert_str(cur, "gross_sales", "495.00", "the order file's 总金额");

        let items = db
            .imports()
            .into_iter()
            .find(|i| i["report"] == "order_items")
            .unwrap_or_else(|| panic!("item import in {:?}", db.imports()));
        let id = items["id"].as_i64().unwrap_or_default().to_string();
        let out = db.run(&["undo", &id]);
        assert!(out.status.success(), "undo {id}: {out:?}");
        assert_eq!(cogs(&db), "0.00", "{files:?}: undone items leave no SKU");
        assert_str(
            TempDb::currency_of(&db.summary(Some(TAOBAO), None, None), "CNY"),
            "net_sales",
            "346.00",
            "orders stay",
        );
    }
}

/// Shopee with its income report (README "Shopee VN — income report"): the settlement's
/// fees of orders A, B, D replace the order export's of the same kind; E, F, G keep theirs.
const SHOPEE_WITH_INCOME: Expect = Expect {
    orders: 6,
    units: 13,
    gross_sales: "1560000",
    refunds: "300000",
    net_sales: "1260000",
    cogs: "577000",
    fees: [
        "109700", // income 18500 + 16200 + 30000; export E F G 18000 + 12000 + 15000
        "56700",  // income 11100 + 8100 + 15000; export 9000 + 6000 + 7500
        "33800",  // income 7400 + 5400 + 7500; export 5400 + 3600 + 4500
        "9000",   // income A
        "34000",  // income D return shipping 22000 + adjustment A 12000
        "0", "50000", // income A 15000 + D 30000; export E 0 + F 5000
        "5000",  // adjustment G (income A's taxes are tax rows, not fees)
    ],
    hidden_costs: "298200",
    contribution: "384800",              // 1260000 − 577000 − 298200
    contribution_margin: Some("0.3054"), // 384800 / 1260000 = 0.305397
    ad_spend: "0",
    fixed_costs: "0",
    net_profit: "384800",
    net_margin: Some("0.3054"),
    marketing_spend: "59000", // 9000 + 50000
    store_roas: None,
    profit_roi: Some("6.5220"),      // 384800 / 59000 = 6.522034
    break_even_roas: Some("4.0541"), // 1560000 / 384800 = 4.054054
};

/// The income report alone, then with the order export before or after it: exact rows and
/// fees per kind; re-import adds nothing.
#[test]
fn shopee_income_report_refines_the_order_export_in_any_order() {
    let db = TempDb::new();
    let f = db.import_fixture(SHOPEE_INCOME, SHOPEE);
    let ctx = "Shopee income";
    assert_str(&f, "platform", "shopee_vn", ctx);
    assert_str(&f, "report", "settlement", ctx);
    assert_str(&f, "format", "shopee_vn.income", ctx);
    // 4 Order rows (SKU rows are not data) + 3 adjustments; the first row of order B is
    // replaced by its correction; the compensation is no cost but a settlement row: 6 rows
    // add facts.
    assert_int(&f, "rows", 7, ctx);
    assert_int(&f, "added", 6, ctx);
    assert_str(&f, "date_from", "2026-01-12", ctx);
    assert_str(&f, "date_to", "2026-01-28", ctx);
    let again = db.import_fixture(SHOPEE_INCOME, SHOPEE);
    assert_int(&again, "added", 0, "income re-import");
    assert_int(&again, "updated", 0, "income re-import");
    assert_int(&again, "duplicates", 6, "income re-import");

    let doc = db.summary(Some(SHOPEE), None, None);
    let fees = &TempDb::currency_of(&doc, "VND")["fees"];
    for (kind, want) in FEE_KINDS.iter().zip([
        "64700", // 18500 + 16200 (B corrected from 16000) + 30000
        "34200", // 11100 + 8100 + 15000
        "20300", // 7400 + 5400 + 7500
        "9000", "34000", "0", "45000", // subsidy 15000 + 30000
        "5000",  // adjustment G; the taxes 3700 + 1850 are tax rows
    ]) {
        assert_str(fees, kind, want, &format!("income alone: {kind}"));
    }

    for first_income in [true, false] {
        let db = TempDb::new();
        let order = "shopee_vn/Order.all.20260101_20260131.xlsx";
        let files = if first_income {
            [SHOPEE_INCOME, order]
        } else {
            [order, SHOPEE_INCOME]
        };
        for rel in files {
            db.import_fixture(rel, SHOPEE);
        }
        db.costs_import("costs/sku_costs_vi.csv", Some(SHOPEE));
        let doc = db.summary(Some(SHOPEE), None, None);
        assert_summary(
            TempDb::currency_of(&doc, "VND"),
            &SHOPEE_WITH_INCOME,
            &format!("orders + income, income first: {first_income}"),
        );
    }
}

/// JD orders (README "JD"): 5 SKU rows of 4 orders, one cancelled, one deleted.
#[test]
fn jd_orders_summary_matches_hand_computation() {
    const JD: &str = "京东小店";
    let db = TempDb::new();
    db.import_fixture("jd/ExportOrder_202601.csv", JD);
    db.costs_import("costs/sku_costs.xlsx", Some(JD));
    let doc = db.summary(Some(JD), None, None);
    let expect = Expect {
        orders: 2,
        units: 4,              // 2 + 1 (…001) + 1 (…003)
        gross_sales: "286.90", // 2 × 79.00 + 39.90 + 89.00
        refunds: "0.00",
        net_sales: "286.90",
        cogs: "105.50", // 2 × 30 + 12.50 (01-03) + 33 (TS-RED-L by 货号, 01-17)
        fees: [
            "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00",
        ],
        hidden_costs: "0.00",
        contribution: "181.40",              // 286.90 − 105.50
        contribution_margin: Some("0.6323"), // 181.40 / 286.90 = 0.632276
        ad_spend: "0.00",
        fixed_costs: "0.00",
        net_profit: "181.40",
        net_margin: Some("0.6323"),
        marketing_spend: "0.00",
        store_roas: None,
        profit_roi: None,
        break_even_roas: Some("1.5816"), // 286.90 / 181.40 = 1.581588
    };
    assert_summary(TempDb::currency_of(&doc, "CNY"), &expect, "JD");
}
