use rust_decimal_macros::dec;

use super::*;
use crate::model::Currency;

fn style() -> Style {
    Style::for_currency(Palette::light(), Currency::CNY)
}

fn step(label: &str, amount: rust_decimal::Decimal, kind: StepKind) -> WaterfallStep {
    WaterfallStep {
        label: label.into(),
        amount,
        kind,
    }
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

#[test]
fn amounts_are_grouped_per_currency() {
    assert_eq!(style().amount(dec!(1234.5), 2), "1,234.50");
    assert_eq!(style().amount(dec!(-1234567.891), 2), "-1,234,567.89");
    let vnd = Style::for_currency(Palette::dark(), Currency::VND);
    assert_eq!(vnd.amount(dec!(1234567), 0), "1.234.567");
    assert_eq!(vnd.amount(dec!(999), 0), "999");
}

#[test]
fn waterfall_has_one_bar_per_step_with_labels_and_values() {
    let steps = vec![
        step("GMV", dec!(13000000), StepKind::Total),
        step("退款 <refunds>", dec!(1300000), StepKind::Decrease),
        step("运费险", dec!(50000.5), StepKind::Decrease),
        step("Net profit", dec!(50000), StepKind::Total),
    ];
    let svg = waterfall(&steps, 2, &style()).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    for label in [
        "GMV",
        "退款 &lt;refunds&gt;",
        "运费险",
        "Net profit",
        "13,000,000.00",
        "−50,000.50",
    ] {
        assert!(svg.contains(label), "missing {label}");
    }
    // Background + four bars (no bare `<` from user text).
    assert!(count(&svg, "<rect") >= 5);
    assert!(!svg.contains("<refunds>"));
}

#[test]
fn negative_net_profit_is_drawn_in_the_bad_colour() {
    let steps = vec![
        step("GMV", dec!(100), StepKind::Total),
        step("Ads", dec!(150), StepKind::Decrease),
        step("Net profit", dec!(-50), StepKind::Total),
    ];
    let svg = waterfall(&steps, 2, &style()).unwrap();
    assert!(svg.contains("-50.00"));
    assert!(
        svg.contains("#D64532") || svg.contains("#d64532"),
        "bad colour used"
    );
}

#[test]
fn trend_draws_each_series_and_month() {
    let months: Vec<String> = (1..=6).map(|m| format!("2026-{m:02}")).collect();
    let series = vec![
        TrendSeries {
            label: "Net sales".into(),
            values: vec![
                dec!(100),
                dec!(120),
                dec!(90),
                dec!(150),
                dec!(160),
                dec!(170),
            ],
        },
        TrendSeries {
            label: "Net profit".into(),
            values: vec![dec!(10), dec!(-5), dec!(3), dec!(20), dec!(25), dec!(30)],
        },
    ];
    let svg = trend_lines(&months, &series, &style()).unwrap();
    for label in ["Net sales", "Net profit", "2026-01", "2026-06"] {
        assert!(svg.contains(label), "missing {label}");
    }
    // Two series lines, plus grid lines.
    assert!(count(&svg, "<polyline") >= 2);
    assert_eq!(count(&svg, "<circle"), 12);
}

#[test]
fn roas_bars_mark_break_even_and_verdicts() {
    let bars = vec![
        RoasBar {
            label: "直通车".into(),
            roas: Some(dec!(3.4615)),
            scale: true,
        },
        RoasBar {
            label: "Shopee Ads".into(),
            roas: Some(dec!(1.2)),
            scale: false,
        },
        RoasBar {
            label: "Idle".into(),
            roas: None,
            scale: false,
        },
    ];
    let svg = roas_bars(&bars, Some(dec!(2.2222)), "Break-even", &style()).unwrap();
    for label in [
        "直通车",
        "Shopee Ads",
        "Idle",
        "3.46",
        "1.20",
        "Break-even 2.22",
        "—",
    ] {
        assert!(svg.contains(label), "missing {label}");
    }
    assert!(svg.contains("#1E7F4F") || svg.contains("#1e7f4f"));
}

#[test]
fn spend_response_marks_current_and_optimal_spend() {
    let c = ResponseCurve {
        observed: vec![(dec!(1000), dec!(3000)), (dec!(5000), dec!(6000))],
        curve: (1..=10)
            .map(|i| {
                (
                    dec!(600) * rust_decimal::Decimal::from(i),
                    dec!(1500) * rust_decimal::Decimal::from(i),
                )
            })
            .collect(),
        current_spend: Some(dec!(5000)),
        optimal_spend: Some(dec!(2300)),
    };
    let svg = spend_response(&c, ["Daily spend", "Current", "Best"], 2, &style()).unwrap();
    for label in ["Daily spend", "Current 5,000.00", "Best 2,300.00"] {
        assert!(svg.contains(label), "missing {label}");
    }
    assert_eq!(count(&svg, "<circle"), 2);
}

#[test]
fn product_matrix_labels_every_sku() {
    let pts = vec![
        MatrixPoint {
            label: "SKU-A".into(),
            share: dec!(0.5),
            margin: dec!(0.4),
            quadrant: 0,
        },
        MatrixPoint {
            label: "SKU-B".into(),
            share: dec!(0.3),
            margin: dec!(-0.1),
            quadrant: 1,
        },
        MatrixPoint {
            label: "SKU-C".into(),
            share: dec!(0.2),
            margin: dec!(0.2),
            quadrant: 3,
        },
    ];
    let svg = product_matrix(
        &pts,
        Some((dec!(0.3), dec!(0.2))),
        ["Sales share", "Margin"],
        &style(),
    )
    .unwrap();
    for label in ["SKU-A", "SKU-B", "SKU-C", "Sales share", "Margin"] {
        assert!(svg.contains(label), "missing {label}");
    }
    assert_eq!(count(&svg, "<circle"), 3);
}

#[test]
fn empty_inputs_still_draw() {
    assert!(waterfall(&[], 2, &style()).unwrap().contains("<svg"));
    assert!(trend_lines(&[], &[], &style()).unwrap().contains("<svg"));
    assert!(roas_bars(&[], None, "Break-even", &style())
        .unwrap()
        .contains("<svg"));
    assert!(
        spend_response(&ResponseCurve::default(), ["a", "b", "c"], 0, &style())
            .unwrap()
            .contains("<svg")
    );
    assert!(product_matrix(&[], None, ["x", "y"], &style())
        .unwrap()
        .contains("<svg"));
}

#[test]
fn monthly_trend_labels_months_back_from_the_last_and_names_series() {
    use crate::metrics::{Amount, CurrencyMonths, MonthFigures};
    let a = |v: i64| Amount::new(Decimal::from(v), Currency::CNY);
    let months = (1..=12)
        .map(|m| MonthFigures {
            month: format!("2026-{m:02}"),
            gross_sales: a(100 * m),
            net_sales: a(90 * m),
            net_profit: a(10 * m - 50),
            ad_spend: a(20),
            store_roas: None,
        })
        .collect();
    let cm = CurrencyMonths {
        currency: Currency::CNY,
        months,
    };
    let labels = ["净销售额".to_string(), "净利润".into(), "广告花费".into()];
    let svg = monthly_trend(&cm, labels, &style()).unwrap();
    for want in ["净销售额", "净利润", "广告花费", "2026-12", "2026-02"] {
        assert!(svg.contains(want), "missing {want}");
    }
    // Twelve months, at most eight labels: every second month counted back from December,
    // so November never crowds December.
    for gone in ["2026-11", "2026-01"] {
        assert!(!svg.contains(gone), "{gone} should be skipped");
    }
}

#[test]
fn matrix_labels_of_equal_skus_do_not_overprint() {
    let p = |label: &str| MatrixPoint {
        label: label.into(),
        share: dec!(0.2),
        margin: dec!(1),
        quadrant: 0,
    };
    let svg = product_matrix(&[p("SKU-A"), p("SKU-B")], None, ["x", "y"], &style()).unwrap();
    // The y attribute of the <text> that holds `label`.
    let y_of = |label: &str| {
        let at = svg.find(label).unwrap();
        let open = svg[..at].rfind("<text").unwrap();
        let attr = &svg[open..at];
        let start = attr.find(" y=\"").unwrap() + 4;
        attr[start..start + attr[start..].find('"').unwrap()].to_string()
    };
    assert_ne!(y_of("SKU-A"), y_of("SKU-B"));
}

#[test]
fn waterfall_notes_follow_their_values() {
    let steps = [
        step("GMV", dec!(1000), StepKind::Total),
        step("Refunds", dec!(250), StepKind::Decrease),
    ];
    let notes = [String::new(), "25.00%".to_string()];
    let svg = waterfall_noted(&steps, &notes, 2, &style()).unwrap();
    assert!(svg.contains("−250.00 (25.00%)"), "{svg}");
    assert!(!svg.contains("1,000.00 ("), "no note after GMV");
    assert_eq!(
        waterfall(&steps, 2, &style()).unwrap().matches('%').count(),
        0
    );
}

#[test]
fn matrix_labels_only_the_biggest_sellers_and_never_overprints() {
    // 30 SKUs: shares 0.001 … 0.030. Only the 12 biggest (SKU-19 … SKU-30) may be printed;
    // every dot is still drawn (the page names the rest on hover).
    let pts: Vec<MatrixPoint> = (1..=30)
        .map(|i| MatrixPoint {
            label: format!("SKU-{i:02}"),
            share: Decimal::new(i, 3),
            margin: dec!(0.2),
            quadrant: 0,
        })
        .collect();
    let svg = product_matrix(&pts, None, ["x", "y"], &style()).unwrap();
    assert_eq!(count(&svg, "<circle"), 30);
    for i in 1..=18 {
        assert!(
            !svg.contains(&format!("\nSKU-{i:02}\n")),
            "SKU-{i:02} is labelled"
        );
    }
    assert!(svg.contains("\nSKU-30\n"), "the biggest seller is labelled");
    // Same margin, shares 1/1000 apart (~17 px): labels left where they fall would overlap.
    // Those printed are stepped apart: no two 6-character boxes (42 × 14 px) intersect.
    let at = |t: &str, attr: &str| -> i32 {
        let v = t
            .split(&format!(" {attr}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next());
        v.and_then(|v| v.parse::<f64>().ok())
            .map_or(0, |v| v as i32)
    };
    let boxes: Vec<(i32, i32)> = svg
        .split("<text")
        .filter(|t| t.contains("\nSKU-"))
        .map(|t| (at(t, "x"), at(t, "y")))
        .collect();
    assert!(!boxes.is_empty() && boxes.len() <= super::matrix::LABELLED);
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(
                (a.0 - b.0).abs() >= 42 || (a.1 - b.1).abs() >= 14,
                "labels at {a:?} and {b:?} overlap"
            );
        }
    }
}
