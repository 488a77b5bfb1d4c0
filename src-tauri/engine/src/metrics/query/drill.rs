//! Drill-down: the ledger rows behind a figure, one page at a time, so every number the
//! window shows can be traced to the rows it sums (product.md: "every number drills down").
//!
//! Which rows a figure opens (same filters as the figure itself: current, non-cancelled
//! facts, fees not superseded, the longest attribution window of ad days):
//! - order lines: gross/net sales, COGS, contribution, net profit/margin, break-even
//!   (`refunds`: the refunded lines only; `sku:X`: one SKU's lines);
//! - fee rows: a fee kind (`subsidy` adds the order lines' seller-funded discounts), or
//!   `hidden_costs` for every fee row;
//! - ad days: ad spend, full-store ROAS, true ROI, marketing spend; `channel:X` one channel;
//! - fixed costs: the monthly entries with the share the period carries;
//! - tax rows: `taxes` / `profit_after_tax` (what platforms withheld; estimates have no rows).

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use serde::Serialize;

use super::totals::{prorate, COUNTED_AD_DAY};
use super::{day_params, parse_day, resolve, CurrencyScope, Filter};
use crate::db::costs::UnitCost;
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::Amount;
use crate::model::{Channel, Currency, FeeKind, Rate, Scaled};

/// Rows per page: small IPC payloads whatever the ledger's size.
pub const PAGE_SIZE: i64 = 100;

/// What to drill into, parsed from the page's figure id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    OrderLines,
    Refunds,
    Sku(String),
    Fees(Option<FeeKind>),
    AdDays(Option<Channel>),
    FixedCosts,
    TaxRows,
}

impl Figure {
    pub fn parse(id: &str) -> Result<Figure> {
        let id = id.trim();
        if let Some(sku) = id.strip_prefix("sku:") {
            return Ok(Figure::Sku(sku.to_string()));
        }
        if let Some(ch) = id.strip_prefix("channel:") {
            return ch
                .parse()
                .map(|c| Figure::AdDays(Some(c)))
                .map_err(|_| Error::InvalidArgument(format!("unknown channel {ch:?}")));
        }
        let kind = id.strip_prefix("fee:").unwrap_or(id);
        if let Ok(k) = kind.parse::<FeeKind>() {
            return Ok(Figure::Fees(Some(k)));
        }
        Ok(match id {
            "gross_sales" | "net_sales" | "cogs" | "contribution" | "net_profit" | "net_margin"
            | "break_even_roas" => Figure::OrderLines,
            "refunds" => Figure::Refunds,
            "hidden_costs" => Figure::Fees(None),
            "ad_spend" | "store_roas" | "profit_roi" | "marketing_spend" => Figure::AdDays(None),
            "fixed_costs" => Figure::FixedCosts,
            "taxes" | "profit_after_tax" => Figure::TaxRows,
            other => {
                return Err(Error::InvalidArgument(format!(
                    "no rows behind the figure {other:?}"
                )))
            }
        })
    }
}

/// How the page shows a column's values (the engine already rounded money).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Date,
    Text,
    Number,
    Money,
    Ratio,
    FeeKind,
    Channel,
    TaxKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub kind: ColumnKind,
}

/// One page of rows; `rows[i][j]` is the value of `columns[j]` (null: none, e.g. no cost).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrillPage {
    pub currency: Currency,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// order_lines | fees | ad_days | fixed_costs | tax_rows
    pub source: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Option<String>>>,
    pub total_rows: i64,
    pub page: i64,
    pub page_size: i64,
}

const fn col(key: &'static str, kind: ColumnKind) -> Column {
    Column { key, kind }
}

use ColumnKind as K;

const LINE_COLUMNS: [Column; 11] = [
    col("day", K::Date),
    col("store", K::Text),
    col("order_id", K::Text),
    col("sku", K::Text),
    col("product", K::Text),
    col("qty", K::Number),
    col("list_amount", K::Money),
    col("refunds", K::Money),
    col("seller_discount", K::Money),
    col("unit_cost", K::Money),
    col("cogs", K::Money),
];
const FEE_COLUMNS: [Column; 6] = [
    col("day", K::Date),
    col("store", K::Text),
    col("order_id", K::Text),
    col("reference", K::Text),
    col("kind", K::FeeKind),
    col("amount", K::Money),
];
const AD_COLUMNS: [Column; 10] = [
    col("day", K::Date),
    col("store", K::Text),
    col("channel", K::Channel),
    col("campaign", K::Text),
    col("window", K::Number),
    col("spend", K::Money),
    col("clicks", K::Number),
    col("orders", K::Number),
    col("platform_sales", K::Money),
    col("roas", K::Ratio),
];
const FIXED_COLUMNS: [Column; 5] = [
    col("month", K::Text),
    col("store", K::Text),
    col("kind", K::Text),
    col("amount", K::Money),
    col("counted", K::Money),
];

const TAX_COLUMNS: [Column; 6] = [
    col("day", K::Date),
    col("store", K::Text),
    col("order_id", K::Text),
    col("reference", K::Text),
    col("kind", K::TaxKind),
    col("amount", K::Money),
];

type Row = Vec<Option<String>>;

/// Page `page` (0-based) of the rows behind `figure` in `currency` over the filter.
pub fn drill(
    ledger: &Ledger,
    f: &Filter,
    currency: Currency,
    figure: &Figure,
    page: i64,
) -> Result<DrillPage> {
    let scope = resolve(ledger, f)?;
    let page = page.max(0);
    let mut out = DrillPage {
        currency,
        from: scope.from,
        to: scope.to,
        source: "order_lines",
        columns: Vec::new(),
        rows: Vec::new(),
        total_rows: 0,
        page,
        page_size: PAGE_SIZE,
    };
    let Some(cs) = scope.currencies.iter().find(|c| c.currency == currency) else {
        return Ok(out); // no store of that currency under the filter: nothing behind it
    };
    let p = day_params(scope.from, scope.to);
    let (source, columns, (total, rows)) = match figure {
        Figure::OrderLines | Figure::Refunds | Figure::Sku(_) => (
            "order_lines",
            LINE_COLUMNS.to_vec(),
            order_lines(ledger, cs, &p, figure, page)?,
        ),
        Figure::Fees(kind) => (
            "fees",
            FEE_COLUMNS.to_vec(),
            fees(ledger, cs, &p, *kind, page)?,
        ),
        Figure::AdDays(ch) => (
            "ad_days",
            AD_COLUMNS.to_vec(),
            ads(ledger, cs, &p, *ch, page)?,
        ),
        Figure::FixedCosts => (
            "fixed_costs",
            FIXED_COLUMNS.to_vec(),
            fixed(ledger, cs, scope.from, scope.to, page)?,
        ),
        Figure::TaxRows => (
            "tax_rows",
            TAX_COLUMNS.to_vec(),
            taxes(ledger, cs, &p, page)?,
        ),
    };
    out.source = source;
    out.columns = columns;
    out.total_rows = total;
    out.rows = rows;
    Ok(out)
}

fn money(v: Option<i64>, c: Currency) -> Option<String> {
    v.map(|v| Amount::new(Scaled(v).to_decimal(), c).0.to_output())
}

fn qty(v: i64) -> String {
    Scaled(v).to_decimal().normalize().to_string()
}

/// Runs `SELECT COUNT(*)` over `sql` and then one page of it.
fn paged(
    ledger: &Ledger,
    sql: &str,
    order: &str,
    p: &[Option<String>; 2],
    extra: Option<&str>,
    page: i64,
    row: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<Row>,
) -> Result<(i64, Vec<Row>)> {
    let conn = ledger.conn();
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM ({sql})"),
        params![p[0], p[1], extra],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!("{sql} ORDER BY {order} LIMIT ?4 OFFSET ?5"))?;
    let rows = stmt
        .query_map(params![p[0], p[1], extra, PAGE_SIZE, page * PAGE_SIZE], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total, rows))
}

fn order_lines(
    ledger: &Ledger,
    cs: &CurrencyScope,
    p: &[Option<String>; 2],
    figure: &Figure,
    page: i64,
) -> Result<(i64, Vec<Row>)> {
    let (which, sku) = match figure {
        Figure::Refunds => ("AND o.refund_amount <> 0 AND ?3 IS NULL", None),
        Figure::Sku(s) => ("AND COALESCE(o.sku, '') = ?3", Some(s.as_str())),
        _ => ("AND ?3 IS NULL", None),
    };
    let cur = cs.currency;
    let sql = format!(
        "SELECT o.day, s.name, o.order_id, o.sku, o.product, o.qty, o.list_amount,
                o.refund_amount, o.seller_discount, o.qty - o.refund_qty,
                (SELECT c.unit_cost FROM sku_costs c
                 WHERE c.currency = '{code}' AND c.sku = COALESCE(o.sku, '') AND c.valid_from <= o.day
                 ORDER BY c.valid_from DESC LIMIT 1) AS unit_cost, o.line_id
         FROM order_lines o JOIN stores s ON s.id = o.store_id
         WHERE o.store_id IN ({ids}) AND o.is_current = 1 AND o.cancelled = 0
           AND (?1 IS NULL OR o.day >= ?1) AND (?2 IS NULL OR o.day <= ?2) {which}",
        code = cur.code(),
        ids = cs.ids_sql(),
    );
    paged(ledger, &sql, "1, 3, 12", p, sku, page, |r| {
        let net_units: i64 = r.get(9)?;
        let unit: Option<UnitCost> = r.get(10)?;
        let cogs = unit.map(|UnitCost(u)| u * Scaled(net_units).to_decimal());
        Ok(vec![
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            Some(qty(r.get(5)?)),
            money(r.get(6)?, cur),
            money(r.get(7)?, cur),
            money(r.get(8)?, cur),
            unit.map(|UnitCost(u)| Amount::new(u, cur).0.to_output()),
            cogs.map(|v| Amount::new(v, cur).0.to_output()),
        ])
    })
}

fn fees(
    ledger: &Ledger,
    cs: &CurrencyScope,
    p: &[Option<String>; 2],
    kind: Option<FeeKind>,
    page: i64,
) -> Result<(i64, Vec<Row>)> {
    let ids = cs.ids_sql();
    // Seller-funded discounts on order lines are part of the subsidy figure (metrics.md §2).
    // Fees by the kind they count under (the merchant's mapping of their source).
    let (fee_kind, join) = (crate::db::FEE_KIND, crate::db::FEE_KIND_JOIN);
    let sql = format!(
        "SELECT x.day, s.name, x.order_id, x.reference, x.kind, x.amount FROM (
            SELECT f.day, f.store_id, f.order_id, f.reference, {fee_kind} AS kind, f.amount
            FROM fees f {join}
            WHERE f.store_id IN ({ids}) AND f.is_current = 1 AND f.superseded = 0
              AND (?1 IS NULL OR f.day >= ?1) AND (?2 IS NULL OR f.day <= ?2)
              AND (?3 IS NULL OR {fee_kind} = ?3)
            UNION ALL
            SELECT o.day, o.store_id, o.order_id, COALESCE(o.sku, ''), 'subsidy', o.subsidy_net
            FROM order_lines o
            WHERE o.store_id IN ({ids}) AND o.is_current = 1 AND o.cancelled = 0
              AND o.subsidy_net <> 0 AND (?3 IS NULL OR ?3 = 'subsidy')
              AND (?1 IS NULL OR o.day >= ?1) AND (?2 IS NULL OR o.day <= ?2)
         ) x JOIN stores s ON s.id = x.store_id"
    );
    let cur = cs.currency;
    paged(
        ledger,
        &sql,
        "1, 3, 4, 5",
        p,
        kind.map(FeeKind::as_str),
        page,
        |r| reference_row(r, cur),
    )
}

fn ads(
    ledger: &Ledger,
    cs: &CurrencyScope,
    p: &[Option<String>; 2],
    channel: Option<Channel>,
    page: i64,
) -> Result<(i64, Vec<Row>)> {
    let sql = format!(
        "SELECT a.day, s.name, a.channel, a.campaign, a.window_days, a.spend, a.clicks,
                a.platform_orders, a.platform_sales
         FROM ad_days a JOIN stores s ON s.id = a.store_id
         WHERE a.store_id IN ({}) AND (?1 IS NULL OR a.day >= ?1) AND (?2 IS NULL OR a.day <= ?2)
           AND (?3 IS NULL OR a.channel = ?3) AND {COUNTED_AD_DAY}",
        cs.ids_sql()
    );
    let cur = cs.currency;
    paged(
        ledger,
        &sql,
        "1, 2, 3, 4",
        p,
        channel.map(Channel::as_str),
        page,
        |r| {
            let (spend, sales): (i64, i64) = (r.get(5)?, r.get(8)?);
            let roas = Rate::ratio(Scaled(sales).to_decimal(), Scaled(spend).to_decimal());
            Ok(vec![
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                Some(r.get::<_, i64>(4)?.to_string()),
                money(Some(spend), cur),
                Some(r.get::<_, i64>(6)?.to_string()),
                Some(r.get::<_, i64>(7)?.to_string()),
                money(Some(sales), cur),
                roas.map(Rate::to_output),
            ])
        },
    )
}

fn taxes(
    ledger: &Ledger,
    cs: &CurrencyScope,
    p: &[Option<String>; 2],
    page: i64,
) -> Result<(i64, Vec<Row>)> {
    let sql = format!(
        "SELECT t.day, s.name, t.order_id, t.reference, t.kind, t.amount
         FROM tax_rows t JOIN stores s ON s.id = t.store_id
         WHERE t.store_id IN ({}) AND t.is_current = 1 AND ?3 IS NULL
           AND (?1 IS NULL OR t.day >= ?1) AND (?2 IS NULL OR t.day <= ?2)",
        cs.ids_sql()
    );
    let cur = cs.currency;
    paged(ledger, &sql, "1, 3, 4, 5", p, None, page, |r| {
        reference_row(r, cur)
    })
}

/// A fee's or a withheld tax's row: day, store, order, reference, kind as text, then its
/// amount (`FEE_COLUMNS`, `TAX_COLUMNS`).
fn reference_row(r: &rusqlite::Row<'_>, cur: Currency) -> rusqlite::Result<Row> {
    Ok(vec![
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        money(r.get(5)?, cur),
    ])
}

/// Fixed costs are few (a handful a month): paged in Rust with the same rule as the figure.
fn fixed(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    page: i64,
) -> Result<(i64, Vec<Row>)> {
    let (Some(from), Some(to)) = (from, to) else {
        return Ok((0, Vec::new()));
    };
    let ym = |d: NaiveDate| d.format("%Y-%m").to_string();
    let ids: Vec<i64> = cs.stores.iter().map(|s| s.id.0).collect();
    let rows: Vec<Row> = ledger
        .fixed_costs(Some(cs.currency))?
        .into_iter()
        .filter(|r| r.month >= ym(from) && r.month <= ym(to))
        .filter(|r| match r.store_id {
            Some(id) => ids.contains(&id.0),
            None => !cs.only_store,
        })
        .map(|r| -> Result<Row> {
            let first = parse_day(&format!("{}-01", r.month))?;
            let counted = prorate(r.amount, first, from, to);
            let am = |v: Decimal| Some(Amount::new(v, cs.currency).0.to_output());
            Ok(vec![
                Some(r.month),
                r.store,
                Some(r.kind),
                am(r.amount),
                am(counted),
            ])
        })
        .collect::<Result<_>>()?;
    let total = rows.len() as i64;
    let start = usize::try_from(page * PAGE_SIZE).unwrap_or(usize::MAX);
    Ok((
        total,
        rows.into_iter()
            .skip(start)
            .take(PAGE_SIZE as usize)
            .collect(),
    ))
}
