//! Settlement, income, wallet and fund-flow files (issues 15, 18, 19): the money ledger they
//! write — fees per kind and ad spend (`summary --json`), withheld taxes, settlements and
//! withdrawals (schema 6 tables, read directly) — to the minor unit, hand-computed in
//! tests/fixtures/README.md "Settlements, taxes, cash".

mod common;

use common::*;
use rust_decimal::Decimal;

/// `(key, Σ amount)` of the current rows of a money table, grouped by `key` (SQL), amounts
/// as exact decimals of the stored 1/10,000 units.
fn sums(db: &TempDb, table: &str, key: &str) -> Vec<(String, Decimal)> {
    let ledger = fupan_engine::Ledger::open(&db.path).expect("open ledger");
    let sql = format!(
        "SELECT {key}, SUM(amount), COUNT(*) FROM {table} WHERE is_current = 1
         GROUP BY 1 ORDER BY 1"
    );
    let mut stmt = ledger.conn().prepare(&sql).expect("prepare");
    let rows = stmt
        .query_map(rusqlite::params![], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .expect("query")
        .map(|r| {
            let (k, v) = r.expect("row");
            (k, Decimal::new(v, 4).normalize())
        })
        .collect();
    rows
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

#[track_caller]
fn assert_sums(got: Vec<(String, Decimal)>, want: &[(&str, &str)], ctx: &str) {
    let want: Vec<(String, Decimal)> = want.iter().map(|(k, v)| (k.to_string(), dec(v))).collect();
    assert_eq!(got, want, "{ctx}");
}

/// The fee kinds (in `FEE_KINDS` order) and ad spend of one currency of the store's summary.
#[track_caller]
fn assert_fees(db: &TempDb, store: &str, currency: &str, fees: [&str; 8], ad: &str, ctx: &str) {
    let doc = db.summary(Some(store), None, None);
    let cur = TempDb::currency_of(&doc, currency);
    for (kind, want) in FEE_KINDS.iter().zip(fees) {
        assert_str(&cur["fees"], kind, want, &format!("{ctx}: {kind}"));
    }
    assert_str(cur, "ad_spend", ad, &format!("{ctx}: ad_spend"));
}

fn count(db: &TempDb, sql: &str) -> i64 {
    let ledger = fupan_engine::Ledger::open(&db.path).expect("open ledger");
    let n = ledger
        .conn()
        .query_row(sql, rusqlite::params![], |r| r.get(0))
        .expect("count");
    n
}

const TT_ID: &str = "tiktok_shop/income_20260201000000-20260228235959(UTC+7).xlsx";
const TT_VN_EN: &str = "tiktok_shop/income_20260301000000-20260331235959(UTC+7).xlsx";
const TT_VI: &str = "tiktok_shop/income_20260401000000-20260430235959(UTC+7)_vi.xlsx";

/// The real 65-column Indonesian layout: IDR from `Currency`, parents not children, an
/// order settled twice, ad payments, reimbursements, Article 22 income tax, withdrawals.
#[test]
fn tiktok_settlement_indonesia_65_columns() {
    const STORE: &str = "TikTok ID Shop";
    let db = TempDb::new();
    let f = db.import_fixture(TT_ID, STORE);
    let ctx = "TikTok ID settlement";
    assert_str(&f, "format", "tiktok_shop.settlement", ctx);
    assert_str(&f, "report", "settlement", ctx);
    // The store's currency is the file's `Currency` (IDR): the summary has it.
    // 6 Order-details rows + 2 withdrawals
    assert_int(&f, "rows", 8, ctx);
    assert_str(&f, "date_from", "2026-02-10", ctx);
    assert_str(&f, "date_to", "2026-02-26", ctx);
    assert_fees(
        &db,
        STORE,
        "IDR",
        [
            "17000",  // commission 12000 + dynamic 2000 + 6000 − 3000 (refund)
            "3000",   // Voucher Xtra service fee
            "5000",   // payment 4000 + 2000 − 1000
            "10000",  // Affiliate Commission
            "13000",  // Shipping cost 8000 + 5000 (its sub-columns not added)
            "0",      // shipping insurance
            "6000",   // Seller co-funded voucher discount
            "-20000", // reimbursements: credits 12000 + 8000
        ],
        "35000", // GMV Max ad fee 5000 + GMV Payment for TikTok Ads 30000
        ctx,
    );
    assert_sums(
        sums(&db, "tax_rows", "kind"),
        &[("income_tax", "1250")], // Article 22: 1000 + 500 − 250
        ctx,
    );
    assert_sums(
        sums(&db, "settlements", "kind"),
        // orders 155000 + 86500 − 47750; adjustments −30000 + 12000 + 8000
        &[("adjustment", "-10000"), ("order", "193750")],
        ctx,
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM settlements WHERE order_id = '580000000000000002'
             AND kind = 'order' AND is_current = 1"
        ),
        2,
        "{ctx}: the order settled twice is two facts"
    );
    assert_sums(
        sums(&db, "settlements", "label"),
        &[
            ("GMV Payment for TikTok Ads", "-30000"),
            ("Logistics reimbursement", "8000"),
            ("Order", "193750"),
            ("Platform reimbursement", "12000"),
        ],
        ctx,
    );
    assert_sums(
        sums(&db, "withdrawals", "status"),
        &[("Success", "160000")],
        ctx,
    );

    // Re-import: nothing new; undo takes every money fact away.
    let again = db.import_fixture(TT_ID, STORE);
    assert_int(&again, "added", 0, "re-import");
    assert_int(&again, "updated", 0, "re-import");
    assert_int(&again, "duplicates", 8, "re-import");
    let id = db.imports()[0]["id"]
        .as_i64()
        .unwrap_or_default()
        .to_string();
    let first = db.imports()[1]["id"]
        .as_i64()
        .unwrap_or_default()
        .to_string();
    for undo in [id, first] {
        let out = db.run(&["undo", &undo]);
        assert!(out.status.success(), "undo {undo}: {out:?}");
    }
    for table in ["tax_rows", "settlements", "withdrawals"] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table}")),
            0,
            "{table} after undo"
        );
    }
}

/// Vietnam in English: `Seller shipping fee` and the affiliate commissions are parents
/// (their children, the creator's PIT included, are not added); VAT and PIT withheld.
#[test]
fn tiktok_settlement_vietnam_english_with_vat_and_pit() {
    let db = TempDb::new();
    let f = db.import_fixture(TT_VN_EN, TIKTOK);
    let ctx = "TikTok VN (English) settlement";
    assert_int(&f, "rows", 7, ctx); // 5 rows + 2 withdrawals
    assert_fees(
        &db,
        TIKTOK,
        "VND",
        [
            "52000",  // commission 40000 + 20000 − 8000
            "6000",   // SFP service fee
            "26000",  // Transaction fee 20000 + 10000 − 4000
            "66000",  // Affiliate Commission 55000 + Shop Ads 11000 (PIT of creators inside)
            "29000",  // Seller shipping fee 15000 + 8000 + 6000 (children not added)
            "0",      // shipping insurance
            "0",      // subsidy
            "-25000", // Logistics reimbursement
        ],
        "150000", // GMV Payment for TikTok Ads
        ctx,
    );
    assert_sums(
        sums(&db, "tax_rows", "kind"),
        // VAT 10000 + 5000 − 2000; PIT 5000 + 2500 − 1000 (given back on the refund)
        &[("income_tax", "6500"), ("vat", "13000")],
        ctx,
    );
    assert_sums(
        sums(&db, "settlements", "kind"),
        &[("adjustment", "-125000"), ("order", "1101500")],
        ctx,
    );
    assert_sums(
        sums(&db, "withdrawals", "status"),
        &[("Processing", "300000"), ("Success", "800000")],
        ctx,
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM tax_rows WHERE amount < 0 AND order_id = '581000000000000002'"
        ),
        2,
        "{ctx}: the refund's VAT and PIT are negative tax rows"
    );
}

/// Vietnam in Vietnamese: sheet `Chi tiết đơn hàng`, Vietnamese names and type texts.
#[test]
fn tiktok_settlement_vietnamese_headers() {
    const STORE: &str = "TikTok VN Shop (vi)";
    let db = TempDb::new();
    let f = db.import_fixture(TT_VI, STORE);
    let ctx = "TikTok VN (Vietnamese) settlement";
    assert_str(&f, "format", "tiktok_shop.settlement", ctx);
    assert_int(&f, "rows", 4, ctx);
    assert_fees(
        &db,
        STORE,
        "VND",
        [
            "30000",  // Phí hoa hồng của TikTok Shop
            "4000",   // Phí dịch vụ Voucher Xtra
            "15000",  // Phí giao dịch
            "22000",  // Hoa hồng liên kết (its before-PIT and PIT children not added)
            "12000",  // Phí vận chuyển của người bán
            "0",      // shipping insurance
            "0",      // subsidy
            "-10000", // Bồi thường … −15000; Các khoản giảm trừ do người bán chịu +5000
        ],
        "89000", // Phí quảng cáo GMV Max 9000 + GMV thanh toán cho Quảng cáo TikTok 80000
        ctx,
    );
    assert_sums(
        sums(&db, "tax_rows", "kind"),
        &[("income_tax", "3750"), ("vat", "7500")],
        ctx,
    );
    assert_sums(
        sums(&db, "settlements", "kind"),
        &[("adjustment", "-70000"), ("order", "646750")], // −80000 + 15000 − 5000
        ctx,
    );
}

/// Shopee VN income, later header variant: NTTD top-up is Shopee Ads spend, PiShip a
/// service fee, taxes are tax rows (a refund gives tax back), payouts are settlements.
#[test]
fn shopee_income_taxes_settlements_and_nttd() {
    let db = TempDb::new();
    let f = db.import_fixture(
        "shopee_vn/Income.đã phát hành.vn.20260201_20260228.xlsx",
        SHOPEE,
    );
    let ctx = "Shopee income (Feb)";
    assert_str(&f, "format", "shopee_vn.income", ctx);
    assert_int(&f, "rows", 3, ctx); // 2 Order rows + 1 adjustment
    assert_fees(
        &db,
        SHOPEE,
        "VND",
        [
            "20000", // Phí cố định
            "11620", // Phí Dịch Vụ 10000 + Phí dịch vụ PiShip "-1620"
            "8000",  // Phí xử lý giao dịch
            "0", "3000", // adjustment: Điều chỉnh phí vận chuyển
            "0", "10000", // Mã ưu đãi do Người Bán chịu
            "0",
        ],
        "50000", // Phí dịch vụ hiển thị NTTD (từ doanh thu đơn hàng)
        ctx,
    );
    assert_sums(
        sums(&db, "tax_rows", "kind"),
        // GTGT −5000 withheld, +1000 given back; TNCN −2500, +500 (Sku rows' −500 not read)
        &[("income_tax", "2000"), ("vat", "4000")],
        ctx,
    );
    assert_sums(
        sums(&db, "settlements", "kind"),
        &[("adjustment", "-3000"), ("order", "303500")], // 402000 − 98500
        ctx,
    );
}

/// Shopee VN wallet: only `Rút Tiền` rows are read (withdrawals), the rest is income
/// already counted — no fee, no ad spend.
#[test]
fn shopee_wallet_withdrawals() {
    let db = TempDb::new();
    let f = db.import_fixture(
        "shopee_vn/my_balance_transaction_report.shopee.20260201_20260228.xlsx",
        SHOPEE,
    );
    let ctx = "Shopee wallet";
    assert_str(&f, "format", "shopee_vn.wallet", ctx);
    assert_int(&f, "rows", 4, ctx);
    assert_sums(
        sums(&db, "withdrawals", "status"),
        &[("Hoàn thành", "300000"), ("Đang xử lý", "3500")], // −300000, "-3.500"
        ctx,
    );
    for table in ["settlements", "tax_rows", "fees", "ad_days"] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table}")),
            0,
            "{table}"
        );
    }
    let again = db.import_fixture(
        "shopee_vn/my_balance_transaction_report.shopee.20260201_20260228.xlsx",
        SHOPEE,
    );
    assert_int(&again, "added", 0, "wallet re-import");
}

/// Douyin 动账明细, newer 40-column header with 动帐流水号: fees as before, settlements of
/// 货款结算入账 (+) and 退款-结算后退款-退用户 (−).
#[test]
fn douyin_fund_flow_40_columns_settles_orders() {
    let db = TempDb::new();
    let f = db.import_fixture("douyin/1772467200_资金流水明细_202602.csv", DOUYIN);
    let ctx = "Douyin 资金流水 (40 columns)";
    assert_str(&f, "format", "douyin.funds", ctx);
    assert_int(&f, "rows", 3, ctx);
    assert_fees(
        &db,
        DOUYIN,
        "CNY",
        [
            "10.00", // 平台服务费 15.00 − 5.00
            "0.00", "0.00", "8.00", // 佣金 12.00 − 4.00
            "0.00", "2.00", // 退换货运费险 出账
            "0.00", "3.00", // 站外推广费
        ],
        "0.00",
        ctx,
    );
    assert_sums(
        sums(&db, "settlements", "label"),
        &[("货款结算入账", "300"), ("退款-结算后退款-退用户", "-100")],
        ctx,
    );
}

/// The first 动账明细 fixture keeps its fees and now settles its orders:
/// 117.20 + 45.15 − 45.15 + 191.45 + 81.55 = 390.20.
#[test]
fn douyin_fund_flow_fixture_settlements() {
    let db = TempDb::new();
    db.import_fixture("douyin/fund_flow_orders.csv", DOUYIN);
    assert_sums(
        sums(&db, "settlements", "kind"),
        &[("order", "390.2")],
        "Douyin 动账明细",
    );
}

/// Douyin 账户流水: 提现 −800.00 and −450.50 go to the bank, 提现退票 +200.00 comes back.
#[test]
fn douyin_account_ledger_withdrawals() {
    let db = TempDb::new();
    let f = db.import_fixture("douyin/账户流水_202602.csv", DOUYIN);
    let ctx = "Douyin 账户流水";
    assert_str(&f, "format", "douyin.account", ctx);
    assert_int(&f, "rows", 4, ctx);
    assert_sums(
        sums(&db, "withdrawals", "reference"),
        &[
            ("LS202602100002", "800"),
            ("LS202602110003", "-200"),
            ("LS202602200004", "450.5"),
        ],
        ctx,
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM fees"), 0, "{ctx}: no fees");
}

/// Lazada Account Statement CSV (`;`, `Amount(Include Tax)` with signs and commas).
#[test]
fn lazada_account_statement_fees_and_ads() {
    let db = TempDb::new();
    let f = db.import_fixture("lazada/Seacd_statement_VN2026W06.csv", LAZADA);
    let ctx = "Lazada statement";
    assert_str(&f, "format", "lazada.finance", ctx);
    assert_int(&f, "rows", 7, ctx);
    assert_fees(
        &db,
        LAZADA,
        "VND",
        [
            "8000", // Commission 10000 − Reversal Commission 2000
            "0", "4000", "0", "5000", "0", "8000", "0",
        ],
        "20000", // Sponsored Product Fee
        ctx,
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM tax_rows"),
        0,
        "{ctx}: VAT/WHT not taxes"
    );
    // The order's lines of statement VN2026W06: 200000 − 10000 − 4000 − 5000 − 8000 + 2000.
    assert_sums(
        sums(&db, "settlements", "reference"),
        &[("VN2026W06:300000000000001", "175000")],
        ctx,
    );
}

/// Two names of one account merged: the money facts move with the store.
#[test]
fn merging_stores_moves_money_facts() {
    let db = TempDb::new();
    db.import_fixture(TT_VN_EN, TIKTOK);
    db.import_fixture(TT_VN_EN, "TikTok VN Shop 2");
    let mut ledger = fupan_engine::Ledger::open(&db.path).expect("open");
    let stores = ledger.stores().expect("stores");
    let id_of = |name: &str| {
        stores
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id)
            .unwrap_or_else(|| panic!("no store {name}"))
    };
    let (from, into) = (id_of("TikTok VN Shop 2"), id_of(TIKTOK));
    ledger.merge_stores(from, into).expect("merge");
    drop(ledger);
    assert_sums(
        sums(&db, "settlements", "kind"),
        &[("adjustment", "-125000"), ("order", "1101500")],
        "after merge: one current version of each",
    );
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT store_id) FROM withdrawals"),
        1,
        "withdrawals moved"
    );
}
