//! Taxes (§9) and settlement/cash (§10) over order lines, fees, settlements, withdrawals and
//! tax rows written straight into the ledger (aggregates rebuilt as an import would).
//! Every expected figure is worked out by hand in the comments.

use super::*;
use crate::db::{rebuild_aggregates, DaySpan};
use crate::metrics::{cash, store_matrix, unsettled_orders};
use crate::model::{FlatBase, TaxRegime};

struct Rows<'a> {
    l: &'a Ledger,
    imp: i64,
}

impl Rows<'_> {
    fn new(l: &Ledger) -> Rows<'_> {
        Rows { l, imp: import(l) }
    }

    /// One order line; `f` the refunded fraction, `sd` the seller discount.
    #[allow(clippy::too_many_arguments)]
    fn line(
        &self,
        st: StoreId,
        order: &str,
        d: &str,
        list: Decimal,
        f: Decimal,
        sd: Decimal,
        cancelled: bool,
    ) {
        self.l
            .conn()
            .execute(
                "INSERT INTO order_lines (import_id, store_id, order_id, line_id, sku, day,
                    cancelled, qty, list_amount, seller_discount, platform_discount,
                    refund_fraction, refund_amount, refund_qty, subsidy_net)
                 VALUES (?1, ?2, ?3, '1', 'SKU', ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11, ?12)",
                params![
                    self.imp,
                    st.0,
                    order,
                    d,
                    cancelled,
                    s(dec!(1)),
                    s(list),
                    s(sd),
                    f.to_string(),
                    s(f * list),
                    s(f),
                    s((Decimal::ONE - f) * sd)
                ],
            )
            .unwrap();
    }

    #[allow(clippy::too_many_arguments)]
    fn fee(
        &self,
        st: StoreId,
        order: &str,
        d: &str,
        kind: &str,
        amount: Decimal,
        rank: i64,
        superseded: bool,
    ) {
        self.l
            .conn()
            .execute(
                "INSERT INTO fees (import_id, store_id, order_id, day, kind, amount, reference,
                    rank, superseded, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3 || ?7, ?7, ?8, ?5)",
                params![self.imp, st.0, order, d, kind, s(amount), rank, superseded],
            )
            .unwrap();
    }

    fn settlement(&self, st: StoreId, order: &str, d: &str, kind: &str, amount: Decimal) {
        self.l
            .conn()
            .execute(
                "INSERT INTO settlements (import_id, store_id, order_id, day, kind, amount,
                    reference)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3 || ?4 || ?6)",
                params![self.imp, st.0, order, d, kind, s(amount)],
            )
            .unwrap();
    }

    fn tax(&self, st: StoreId, order: &str, d: &str, kind: &str, amount: Decimal) {
        self.l
            .conn()
            .execute(
                "INSERT INTO tax_rows (import_id, store_id, order_id, day, kind, amount,
                    reference)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3 || ?4)",
                params![self.imp, st.0, order, d, kind, s(amount)],
            )
            .unwrap();
    }

    fn withdrawal(&self, st: StoreId, d: &str, amount: Decimal) {
        self.l
            .conn()
            .execute(
                "INSERT INTO withdrawals (import_id, store_id, day, amount, reference)
                 VALUES (?1, ?2, ?3, ?4, ?3)",
                params![self.imp, st.0, d, s(amount)],
            )
            .unwrap();
    }
}

fn rebuild(l: &mut Ledger, st: StoreId) {
    let tx = l.conn_mut().transaction().unwrap();
    rebuild_aggregates(
        &tx,
        st,
        DaySpan {
            from: day("2026-01-01"),
            to: day("2026-12-31"),
        },
    )
    .unwrap();
    tx.commit().unwrap();
}

/// TikTok store T (judged on settlement) and Shopee store S (order export only), VND.
/// T's orders: O1 Jan 10 1,000,000 unsettled; O2 Feb 20 500,000 − 50,000 discount, settled
/// only on Apr 2; O3 Mar 10 300,000 half refunded, discount 20,000 (10,000 left after the
/// refund) → owed 140,000; O4 Mar 20 200,000 unsettled (younger than the 15-day delay);
/// O5 Mar 5 400,000 settled Mar 15 (360,000) and a refund after settlement Mar 25
/// (−30,000), commission 20,000 in the export but 40,000 in the settlement, shipping 1 ₫
/// in the settlement only, payment fee 5,000 in the export only; O6 Feb 25 600,000 settled
/// Mar 3 (550,000); O7 Mar 8 fully refunded; O8 Mar 12 cancelled; a settlement of an order
/// no export lists (X9, Mar 20, 70,000) and an ad-payment adjustment (Mar 18, −25,000).
/// S: one order Mar 2, 250,000.
fn cash_fixture() -> (Ledger, StoreId, StoreId) {
    let mut l = Ledger::open_in_memory().unwrap();
    let t = l
        .ensure_store("T", Platform::TiktokShop, Currency::VND)
        .unwrap()
        .id;
    let sh = l
        .ensure_store("S", Platform::ShopeeVn, Currency::VND)
        .unwrap()
        .id;
    let r = Rows::new(&l);
    let z = Decimal::ZERO;
    r.line(t, "O1", "2026-01-10", dec!(1000000), z, z, false);
    r.line(t, "O2", "2026-02-20", dec!(500000), z, dec!(50000), false);
    r.line(
        t,
        "O3",
        "2026-03-10",
        dec!(300000),
        dec!(0.5),
        dec!(20000),
        false,
    );
    r.line(t, "O4", "2026-03-20", dec!(200000), z, z, false);
    r.line(t, "O5", "2026-03-05", dec!(400000), z, z, false);
    r.line(t, "O6", "2026-02-25", dec!(600000), z, z, false);
    r.line(t, "O7", "2026-03-08", dec!(100000), dec!(1), z, false);
    r.line(t, "O8", "2026-03-12", dec!(999000), z, z, true);
    r.line(sh, "S1", "2026-03-02", dec!(250000), z, z, false);
    r.fee(
        t,
        "O5",
        "2026-03-05",
        "platform_commission",
        dec!(20000),
        1,
        true,
    );
    r.fee(t, "O5", "2026-03-05", "payment_fee", dec!(5000), 1, false);
    r.fee(
        t,
        "O5",
        "2026-03-15",
        "platform_commission",
        dec!(40000),
        2,
        false,
    );
    r.fee(t, "O5", "2026-03-15", "shipping", dec!(1), 2, false);
    r.settlement(t, "O5", "2026-03-15", "order", dec!(360000));
    r.settlement(t, "O5", "2026-03-25", "order", dec!(-30000));
    r.settlement(t, "O6", "2026-03-03", "order", dec!(550000));
    r.settlement(t, "X9", "2026-03-20", "order", dec!(70000));
    r.settlement(t, "O2", "2026-04-02", "order", dec!(400000));
    r.settlement(t, "", "2026-03-18", "adjustment", dec!(-25000));
    r.withdrawal(t, "2026-03-28", dec!(800000));
    r.withdrawal(t, "2026-04-05", dec!(100000));
    // Withheld: O5 1 % + 0.5 % of 400,000, given back 300 + 150 on its refund; O6 6,000 +
    // 3,000; a February row outside March.
    r.tax(t, "O5", "2026-03-15", "vat", dec!(4000));
    r.tax(t, "O5", "2026-03-15", "income_tax", dec!(2000));
    r.tax(t, "O5", "2026-03-25", "vat", dec!(-300));
    r.tax(t, "O5", "2026-03-25", "income_tax", dec!(-150));
    r.tax(t, "O6", "2026-03-03", "vat", dec!(6000));
    r.tax(t, "O6", "2026-03-03", "income_tax", dec!(3000));
    r.tax(t, "O6", "2026-02-27", "vat", dec!(1000));
    rebuild(&mut l, t);
    rebuild(&mut l, sh);
    (l, t, sh)
}

fn march() -> Filter {
    Filter {
        from: Some(day("2026-03-01")),
        to: Some(day("2026-03-31")),
        store: None,
    }
}

#[test]
fn cash_of_a_month_to_the_dong() {
    let (l, _, _) = cash_fixture();
    let j = serde_json::to_value(cash(&l, &march()).unwrap()).unwrap();
    let c = &j["currencies"][0];
    assert_eq!(c["currency"], "VND");
    // Settled in March: 360,000 − 30,000 (O5) + 550,000 (O6) + 70,000 (X9) = 950,000;
    // O5's rows are for a March order (330,000), the rest earlier/unknown (620,000).
    assert_eq!(c["settled"], "950000");
    assert_eq!(c["settled_for_period_orders"], "330000");
    assert_eq!(c["settled_for_earlier_orders"], "620000");
    assert_eq!(c["adjustments"], "-25000");
    assert_eq!(c["withdrawals"], "800000");
    // Owed as of Mar 31: O1 1,000,000 (80 days), O2 450,000 (39 days; settled only Apr 2),
    // O3 140,000 (21 days). O4 is 11 days old (< 15), O7 refunded, O8 cancelled.
    assert_eq!(
        c["unsettled"],
        json!({"orders": 3, "value": "1590000",
               "by_age": {"15-30": "140000", "30-60": "450000", "60+": "1000000"}})
    );
    // O5's commission 20,000 → 40,000; shipping 0 → 1 ₫ is within the minor unit; the
    // payment fee is not in the settlement, so not compared.
    assert_eq!(
        c["fee_drift"],
        json!([{"store": "T", "order": "O5", "kind": "platform_commission",
                "order_export": "20000", "settlement": "40000"}])
    );
    // March orders of T not settled by any date: O3 140,000 + O4 200,000 = 340,000 of T's
    // March net sales 150,000 + 200,000 + 400,000 + 0 = 750,000 → 0.4533.
    assert_eq!(c["provisional"], true);
    assert_eq!(c["unsettled_share"], "0.4533");
    let stores = c["stores"].as_array().unwrap();
    assert_eq!(stores[0]["store"], "T");
    assert_eq!(stores[0]["judged"], true);
    assert_eq!(stores[0]["reason"], serde_json::Value::Null);
    assert_eq!(stores[0]["unsettled_orders"], 3);
    assert_eq!(stores[1]["store"], "S");
    assert_eq!(stores[1]["judged"], false);
    assert_eq!(stores[1]["reason"], "no_settlement_files");
    assert_eq!(stores[1]["unsettled_value"], "0");
    // Sold (judged stores) vs settled per month.
    assert_eq!(
        c["months"],
        json!([{"month": "2026-03", "net_sales": "750000", "settled": "950000"}])
    );
}

#[test]
fn a_late_settlement_counts_once_the_period_reaches_it() {
    let (l, _, _) = cash_fixture();
    // As of Apr 30: O2 is settled (Apr 2); O4 (41 days) now owed in 30-60.
    let f = Filter {
        from: Some(day("2026-04-01")),
        to: Some(day("2026-04-30")),
        store: None,
    };
    let c = &cash(&l, &f).unwrap().currencies[0];
    assert_eq!(c.settled.0.to_output(), "400000");
    assert_eq!(c.settled_for_earlier_orders.0.to_output(), "400000");
    assert_eq!(c.withdrawals.0.to_output(), "100000");
    assert_eq!(c.unsettled.orders, 3); // O1, O3, O4
    assert_eq!(c.unsettled.value.0.to_output(), "1340000");
    assert_eq!(c.unsettled.by_age["30-60"].0.to_output(), "340000");
    assert_eq!(c.unsettled.by_age["60+"].0.to_output(), "1000000");
    // The drill-down lists the same orders, oldest first, and one bucket on its own.
    let all = unsettled_orders(&l, &f, Currency::VND, None).unwrap();
    let ids: Vec<&str> = all.iter().map(|o| o.order.as_str()).collect();
    assert_eq!(ids, ["O1", "O3", "O4"]);
    assert_eq!(all[1].age_days, 51);
    let mid = unsettled_orders(&l, &f, Currency::VND, Some("30-60")).unwrap();
    assert_eq!(mid.len(), 2);
    assert!(unsettled_orders(&l, &f, Currency::VND, Some("9")).is_err());
}

/// The Cash view counts owed orders per day (`owed_days`: `agg_open_day` and the orders
/// settled after the day) where the drill-down lists them one by one (`owed`): the two agree
/// on every day of the fixture's months, settled later or not.
#[test]
fn owed_per_day_agrees_with_the_orders_listed_one_by_one() {
    let (l, t, _) = cash_fixture();
    let store = (l.stores().unwrap().into_iter())
        .find(|s| s.id == t)
        .unwrap();
    let mut checked_later = false;
    for as_of in (0..120).map(|d| day("2026-01-01") + chrono::Days::new(d)) {
        let listed = super::super::cash::owed(&l, &store, as_of).unwrap();
        let due_by = as_of - chrono::Days::new(15);
        let days = super::super::settlement::owed_days(&l, &store, due_by, as_of).unwrap();
        let mut by_day: Vec<(NaiveDate, i64, Decimal)> = Vec::new();
        for o in &listed {
            match by_day.last_mut() {
                Some(d) if d.0 == o.day => (d.1, d.2) = (d.1 + 1, d.2 + o.value),
                _ => by_day.push((o.day, 1, o.value)),
            }
        }
        let counted: Vec<(NaiveDate, i64, Decimal)> =
            days.iter().map(|d| (d.day, d.orders, d.value)).collect();
        assert_eq!(counted, by_day, "as of {as_of}");
        // O2 (Feb 20) is settled on Apr 2 only: owed from Mar 7 to Apr 1.
        checked_later |= listed.iter().any(|o| o.order == "O2");
    }
    assert!(checked_later);
}

#[test]
fn a_store_without_settlements_is_not_judged() {
    let (l, _, _) = cash_fixture();
    let f = Filter {
        store: Some("S".into()),
        ..march()
    };
    let c = &cash(&l, &f).unwrap().currencies[0];
    assert_eq!(c.unsettled.orders, 0);
    assert_eq!(c.unsettled_share, None);
    assert_eq!(c.stores[0].reason, Some("no_settlement_files"));
    // Provisional only through the window: the latest date S knows is Mar 2.
    let s = summary(&l, &f).unwrap().currencies.remove(0);
    assert!(s.provisional);
    assert_eq!(s.unsettled_share, None);
    let jan = Filter {
        from: Some(day("2026-01-01")),
        to: Some(day("2026-01-31")),
        store: Some("S".into()),
    };
    assert!(!summary(&l, &jan).unwrap().currencies[0].provisional);
}

#[test]
fn summary_taxes_and_profit_after_tax() {
    let (l, _, sh) = cash_fixture();
    // S estimates 2 % of its net sales (flat): 250,000 × 0.02 = 5,000 income tax.
    l.set_tax_regime(
        sh,
        TaxRegime::Flat {
            rate: dec!(0.02),
            base: FlatBase::NetSales,
        },
    )
    .unwrap();
    let j = serde_json::to_value(summary(&l, &march()).unwrap()).unwrap();
    let c = &j["currencies"][0];
    // Withheld in March: VAT 4,000 − 300 + 6,000 = 9,700; PIT 2,000 − 150 + 3,000 = 4,850.
    assert_eq!(
        c["taxes"],
        json!({"vat": "9700", "income_tax": "9850", "withheld": "14550",
               "estimated": "5000", "total": "19550"})
    );
    // Net sales 750,000 (T) + 250,000 (S); fees: commission 40,000 (the settlement's
    // replaces the export's), shipping 1, payment 5,000, subsidy 10,000 (O3) → 55,001.
    // net_profit 944,999 − taxes 19,550 = 925,449. Hidden costs hold no tax.
    assert_eq!(c["net_sales"], "1000000");
    assert_eq!(c["hidden_costs"], "55001");
    assert_eq!(c["net_profit"], "944999");
    assert_eq!(c["profit_after_tax"], "925449");
    assert_eq!(c["provisional"], true);
    assert_eq!(c["unsettled_share"], "0.4533");
    assert_eq!(
        c["tax_estimates"],
        json!([{"store": "S", "regime": "flat", "rate": "0.02", "base": "net_sales",
                "kind": "income_tax", "amount": "5000"}])
    );
    // The store matrix carries each store's own taxes.
    let m = serde_json::to_value(store_matrix(&l, &march()).unwrap()).unwrap();
    let rows = m["currencies"][0]["stores"].as_array().unwrap();
    let t = rows.iter().find(|r| r["store"] == "T").unwrap();
    assert_eq!(t["taxes"]["total"], "14550");
    let s_row = rows.iter().find(|r| r["store"] == "S").unwrap();
    assert_eq!(s_row["taxes"]["estimated"], "5000");
    assert_eq!(s_row["profit_after_tax"], "245000");
}

#[test]
fn cn_small_scale_vat_by_whole_months_pro_rated_like_fixed_costs() {
    let mut l = Ledger::open_in_memory().unwrap();
    let c = l
        .ensure_store("C", Platform::Taobao, Currency::CNY)
        .unwrap()
        .id;
    let r = Rows::new(&l);
    let z = Decimal::ZERO;
    r.line(c, "J", "2026-01-10", dec!(150000), z, z, false);
    r.line(c, "F", "2026-02-10", dec!(80000), z, z, false);
    rebuild(&mut l, c);
    l.set_tax_regime(
        c,
        TaxRegime::CnSmallScale {
            rate: dec!(0.01),
            exemption: dec!(100000),
        },
    )
    .unwrap();
    let est = |from: &str, to: &str| {
        let f = Filter {
            from: Some(day(from)),
            to: Some(day(to)),
            store: None,
        };
        summary(&l, &f).unwrap().currencies[0].taxes
    };
    // January: 150,000 / 1.01 × 0.01 = 1,485.148514… → 1485.15; February 80,000 ≤ 100,000.
    assert_eq!(
        est("2026-01-01", "2026-01-31").estimated.0.to_output(),
        "1485.15"
    );
    assert_eq!(est("2026-02-01", "2026-02-28").vat.0.to_output(), "0.00");
    // Jan 16 – Feb 28: January's VAT × 16/31 = 766.528265… → 766.53, February none.
    let cut = est("2026-01-16", "2026-02-28");
    assert_eq!(cut.vat.0.to_output(), "766.53");
    assert_eq!(cut.withheld.0.to_output(), "0.00");
    // Flat 10 % of net profit instead: January's profit 150,000 (no costs) → 15,000.
    l.set_tax_regime(
        c,
        TaxRegime::Flat {
            rate: dec!(0.1),
            base: FlatBase::NetProfit,
        },
    )
    .unwrap();
    let t = est("2026-01-01", "2026-01-31");
    assert_eq!(t.income_tax.0.to_output(), "15000.00");
    assert_eq!(t.total.0.to_output(), "15000.00");
    // vn_household adds no estimate.
    l.set_tax_regime(
        c,
        TaxRegime::VnHousehold {
            threshold: TaxRegime::VN_THRESHOLD,
        },
    )
    .unwrap();
    assert_eq!(est("2026-01-01", "2026-01-31").total.0.to_output(), "0.00");
}

#[test]
fn tax_view_sets_revenue_beside_the_threshold() {
    let (l, t, _) = cash_fixture();
    l.set_tax_regime(
        t,
        TaxRegime::VnHousehold {
            threshold: dec!(500000),
        },
    )
    .unwrap();
    let f = Filter {
        from: Some(day("2026-01-01")),
        to: Some(day("2026-12-31")),
        store: None,
    };
    let v = serde_json::to_value(crate::metrics::tax_view(&l, &f).unwrap()).unwrap();
    let c = &v["currencies"][0];
    // Withheld per platform and month: Feb 1,000 VAT; Mar 9,700 VAT and 4,850 PIT.
    assert_eq!(
        c["withheld_by_month"],
        json!([
            {"platform": "tiktok_shop", "month": "2026-02", "vat": "1000", "income_tax": "0"},
            {"platform": "tiktok_shop", "month": "2026-03", "vat": "9700", "income_tax": "4850"}
        ])
    );
    // T's year: net sales 1,000,000 + 500,000 + 150,000 + 200,000 + 400,000 + 600,000 + 0
    // = 2,850,000 over a 500,000 threshold: 15,550 withheld × 500,000 / 2,850,000
    // = 2,728.07… → 2728.
    let ts = &c["stores"][0];
    assert_eq!(ts["regime"], "vn_household");
    assert_eq!(ts["revenue"], "2850000");
    assert_eq!(ts["withheld_vat"], "10700");
    assert_eq!(ts["withheld_income_tax"], "4850");
    assert_eq!(ts["threshold"], "500000");
    assert_eq!(ts["withheld_under_threshold"], "2728");
    assert_eq!(ts["estimate"], serde_json::Value::Null);
    // S (VND, no regime): the default 500,000,000 threshold; nothing withheld.
    let ss = &c["stores"][1];
    assert_eq!(ss["regime"], "none");
    assert_eq!(ss["threshold"], "500000000");
    assert_eq!(ss["withheld_under_threshold"], "0");
}

#[test]
fn the_tax_bar_drills_to_the_withheld_rows() {
    let (l, _, _) = cash_fixture();
    let fig = crate::metrics::Figure::parse("taxes").unwrap();
    let p = crate::metrics::drill(&l, &march(), Currency::VND, &fig, 0).unwrap();
    assert_eq!(p.source, "tax_rows");
    // March: O5's four rows and O6's two (the February row is outside).
    assert_eq!(p.total_rows, 6);
    let first = &p.rows[0];
    assert_eq!(first[0].as_deref(), Some("2026-03-03"));
    assert_eq!(first[4].as_deref(), Some("income_tax"));
    assert_eq!(first[5].as_deref(), Some("3000"));
}
