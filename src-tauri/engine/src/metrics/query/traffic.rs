//! Store traffic over a period (metrics.md §7): visitors and page views of the stores' days,
//! and the orders and net sales of those same store days, so UV value and conversion never
//! divide one store's (or day's) sales by another's visitors.

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;

use super::{day_params, day_range};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::products::{store_cvr, uv_value};
use crate::model::{Rate, Scaled};

/// Sums over the store days that have a traffic report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TrafficTotals {
    /// Visitor-days: the daily reports' visitors added up (a visitor of two days counts
    /// twice — the daily exports do not say who came back).
    pub visitors: i64,
    pub page_views: i64,
    /// Orders and net sales (gross − refunds) of the days with traffic.
    pub orders: i64,
    pub net_sales: Decimal,
}

impl TrafficTotals {
    /// The totals of two disjoint periods (every field is a sum).
    pub fn merge(a: Option<TrafficTotals>, b: Option<TrafficTotals>) -> Option<TrafficTotals> {
        match (a, b) {
            (Some(a), Some(b)) => Some(TrafficTotals {
                visitors: a.visitors + b.visitors,
                page_views: a.page_views + b.page_views,
                orders: a.orders + b.orders,
                net_sales: a.net_sales + b.net_sales,
            }),
            (a, b) => a.or(b),
        }
    }

    /// UV价值 = net sales / visitors (see `products::uv_value`).
    pub fn uv_value(&self) -> Option<Decimal> {
        uv_value(self.net_sales, self.visitors)
    }

    pub fn store_cvr(&self) -> Option<Rate> {
        store_cvr(self.orders, self.visitors)
    }
}

/// The traffic of stores `ids` (an SQL list) in the period; `None` when none was imported.
pub(crate) fn traffic_totals(
    ledger: &Ledger,
    ids: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Option<TrafficTotals>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT COUNT(*), SUM(t.visitors), SUM(t.page_views), SUM(a.orders),
                SUM(a.gross), SUM(a.refunds)
         FROM traffic_days t
         LEFT JOIN agg_store_day a ON a.store_id = t.store_id AND a.day = t.day
         WHERE t.is_current = 1 AND t.store_id IN ({ids}) AND {}",
        day_range("t.day")
    );
    let [f, t] = day_params(from, to);
    let row = ledger.conn().query_row(&sql, params![f, t], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    let (days, visitors, page_views, orders, gross, refunds) = row;
    if days == 0 {
        return Ok(None);
    }
    Ok(Some(TrafficTotals {
        visitors: visitors.unwrap_or(0),
        page_views: page_views.unwrap_or(0),
        orders: orders.unwrap_or(0),
        net_sales: Scaled::from_sql_sum(gross) - Scaled::from_sql_sum(refunds),
    }))
}
