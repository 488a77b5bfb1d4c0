//! `summary --json` (cli.md): store figures per currency for a period.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::settlement::provisional;
use super::taxes::{tax_sums, TaxEstimate};
pub use super::totals::MissingCost;
use super::totals::{totals, Totals};
use super::{resolve, CurrencyScope, Filter};
use crate::db::Ledger;
use crate::error::Result;
use crate::metrics::store::StoreFigures;
use crate::metrics::tax::{profit_after_tax, TaxSums, Taxes};
use crate::metrics::{serialize_units, Amount};
use crate::model::{Currency, FeeKind, Rate};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currencies: Vec<CurrencySummary>,
}

/// One currency's figures; field names and order are the cli.md contract, plus the extra
/// traffic keys (`visitors`, `page_views`, `uv_value`, `store_cvr`: `null` without a
/// traffic report; UV value and conversion over the store days that have one) and
/// `missing_cost_skus`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencySummary {
    pub currency: Currency,
    pub stores: Vec<String>,
    pub orders: i64,
    #[serde(serialize_with = "serialize_units")]
    pub units: Decimal,
    pub gross_sales: Amount,
    pub refunds: Amount,
    pub net_sales: Amount,
    pub cogs: Amount,
    pub fees: BTreeMap<FeeKind, Amount>,
    pub hidden_costs: Amount,
    pub contribution: Amount,
    pub contribution_margin: Option<Rate>,
    pub ad_spend: Amount,
    pub fixed_costs: Amount,
    pub net_profit: Amount,
    pub net_margin: Option<Rate>,
    pub marketing_spend: Amount,
    pub store_roas: Option<Rate>,
    pub profit_roi: Option<Rate>,
    pub break_even_roas: Option<Rate>,
    /// Visitor-days of the traffic reports (see `query::traffic`).
    pub visitors: Option<i64>,
    pub page_views: Option<i64>,
    /// UV价值: net sales per visitor.
    pub uv_value: Option<Amount>,
    /// Orders per visitor.
    pub store_cvr: Option<Rate>,
    /// SKUs sold without a valid unit cost (their COGS is unknown, not 0).
    pub missing_cost_skus: Vec<MissingCost>,
    /// metrics.md §9: withheld + estimated, by kind and basis.
    pub taxes: Taxes,
    /// net_profit − taxes.
    pub profit_after_tax: Amount,
    /// Each store's estimate with the regime (and settings) it follows: every estimated
    /// amount is labelled with its rule.
    pub tax_estimates: Vec<TaxEstimate>,
    /// metrics.md §10: the period's refunds and settlements are still open.
    pub provisional: bool,
    /// Share of the judged stores' net sales not settled yet; `null` when no store of the
    /// currency has settlement files.
    pub unsettled_share: Option<Rate>,
    /// The exact figures, for Rust callers (the report, channels).
    #[serde(skip)]
    pub figures: StoreFigures,
}

impl CurrencySummary {
    pub(crate) fn new(currency: Currency, stores: Vec<String>, t: Totals) -> CurrencySummary {
        let f = StoreFigures::compute(&t.inputs);
        let a = |v: Decimal| Amount::new(v, currency);
        CurrencySummary {
            currency,
            stores,
            orders: t.orders,
            units: t.units,
            gross_sales: a(f.gross_sales),
            refunds: a(f.refunds),
            net_sales: a(f.net_sales),
            cogs: a(f.cogs),
            fees: f.fees.iter().map(|(k, v)| (*k, a(*v))).collect(),
            hidden_costs: a(f.hidden_costs),
            contribution: a(f.contribution),
            contribution_margin: f.contribution_margin,
            ad_spend: a(f.ad_spend),
            fixed_costs: a(f.fixed_costs),
            net_profit: a(f.net_profit),
            net_margin: f.net_margin,
            marketing_spend: a(f.marketing_spend),
            store_roas: f.store_roas,
            profit_roi: f.profit_roi,
            break_even_roas: f.break_even_roas,
            visitors: t.traffic.map(|x| x.visitors),
            page_views: t.traffic.map(|x| x.page_views),
            uv_value: t.traffic.and_then(|x| x.uv_value()).map(a),
            store_cvr: t.traffic.and_then(|x| x.store_cvr()),
            missing_cost_skus: t.missing,
            taxes: Taxes::new(&TaxSums::default(), currency),
            profit_after_tax: a(f.net_profit),
            tax_estimates: Vec::new(),
            provisional: false,
            unsettled_share: None,
            figures: f,
        }
    }

    /// Adds the period's taxes and settlement state (they are not sums over days, so they
    /// are read for the whole period, after the day totals).
    pub(crate) fn with_money(
        mut self,
        ledger: &Ledger,
        cs: &CurrencyScope,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<CurrencySummary> {
        let (sums, estimates) = tax_sums(ledger, cs, from, to)?;
        self.taxes = Taxes::new(&sums, self.currency);
        self.profit_after_tax = Amount::new(
            profit_after_tax(self.figures.net_profit, &sums),
            self.currency,
        );
        self.tax_estimates = estimates;
        let p = provisional(ledger, cs, from, to)?;
        self.provisional = p.provisional;
        self.unsettled_share = p.unsettled_share;
        Ok(self)
    }
}

pub fn summary(ledger: &Ledger, f: &Filter) -> Result<Summary> {
    let scope = resolve(ledger, f)?;
    let mut currencies = Vec::new();
    for cs in &scope.currencies {
        currencies.push(currency_summary(ledger, cs, scope.from, scope.to)?);
    }
    Ok(Summary {
        from: scope.from,
        to: scope.to,
        currencies,
    })
}

/// The figures of one currency's stores over a period.
pub(crate) fn currency_summary(
    ledger: &Ledger,
    cs: &CurrencyScope,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<CurrencySummary> {
    let t = totals(ledger, cs, from, to)?;
    let names = cs.stores.iter().map(|s| s.name.clone()).collect();
    CurrencySummary::new(cs.currency, names, t).with_money(ledger, cs, from, to)
}

/// SKUs sold in the period with no unit cost valid on the sale day, per currency.
pub fn missing_costs(ledger: &Ledger, f: &Filter) -> Result<Vec<MissingCost>> {
    let scope = resolve(ledger, f)?;
    let mut out = Vec::new();
    for cs in &scope.currencies {
        out.extend(totals(ledger, cs, scope.from, scope.to)?.missing);
    }
    Ok(out)
}
