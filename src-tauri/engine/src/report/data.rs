//! The facts of a year-end review, gathered only through the metrics API (no formulas here):
//! the year's summary, monthly figures, channels with their spend-response fits, products,
//! SKUs missing a cost, the same summary for the previous year when it has data, and each
//! store on its own when there are several.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::lessons::{lessons, Lesson};
use crate::db::Ledger;
use crate::error::{Error, Result};
use crate::metrics::query::month_spans;
use crate::metrics::{
    cash, channels, missing_costs, products, spend_response, subsidy, summary, summary_and_monthly,
    tax_view, Baseline, CashReport, ChannelsReport, CurrencyProducts, CurrencySubsidy,
    CurrencySummary, Filter, MissingCost, Monthly, SpendResponse, Summary, TaxView,
};
use crate::model::Currency;

/// Everything the report shows; every renderer reads only this.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearReview {
    pub year: i32,
    /// The `--store` filter, when one was given.
    pub store: Option<String>,
    pub produced: NaiveDate,
    pub summary: Summary,
    /// The previous year, only when it has any figure.
    pub last_year: Option<Summary>,
    pub monthly: Monthly,
    /// The previous year's months, only when that year has any figure.
    pub last_monthly: Option<Monthly>,
    /// Last-click attribution (assist coefficient 0), as the channels screen defaults to.
    pub channels: ChannelsReport,
    /// The spend-response fit (marginal ROAS, profit-maximising daily spend) of every channel
    /// row of `channels`, in the same order.
    pub responses: Vec<SpendResponse>,
    /// Per-SKU figures: matrix quadrant, lifecycle stage, contribution.
    pub products: Vec<CurrencyProducts>,
    pub missing_costs: Vec<MissingCost>,
    /// One summary per store, when the report covers several stores (账号矩阵).
    pub stores: Vec<StoreYear>,
    pub lessons: Vec<Lesson>,
    /// Per currency that paid any subsidy: its month with the most subsidy checked against
    /// the month before (metrics.md §6).
    pub subsidy_months: Vec<SubsidyMonth>,
    /// The tax page: withheld per platform and month, revenue beside the threshold.
    pub taxes: TaxView,
    /// The money-received page: settled per month, unsettled at year end, fee drift.
    pub cash: CashReport,
}

/// The subsidy check of one month against the previous month, scaled to its days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubsidyMonth {
    /// "YYYY-MM".
    pub month: String,
    /// The baseline month, "YYYY-MM".
    pub baseline_month: Option<String>,
    pub check: CurrencySubsidy,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreYear {
    pub store: String,
    pub summary: CurrencySummary,
}

impl YearReview {
    /// Gather the review of `year` (optionally one store). A year without any figure is a bad
    /// input (exit 2): there is nothing to review.
    pub fn gather(
        ledger: &Ledger,
        year: i32,
        store: Option<&str>,
        produced: NaiveDate,
    ) -> Result<YearReview> {
        let f = year_filter(year, store)?;
        // One read of the year for both (the dashboard's way; equal to the two queries).
        let (summary, months) = summary_and_monthly(ledger, &f)?;
        if !summary.currencies.iter().any(has_figures) {
            return Err(Error::NotFound(format!("no data for {year} to review")));
        }
        let last = year_of(ledger, year - 1, store)?;
        let (last_year, last_monthly) = last
            .filter(|(s, _)| s.currencies.iter().any(has_figures))
            .unzip();
        let channels = channels(ledger, &f, Decimal::ZERO)?;
        let mut responses = Vec::new();
        for row in channels.currencies.iter().flat_map(|c| &c.channels) {
            responses.push(spend_response(ledger, &f, &row.store, &row.channel)?);
        }
        let mut review = YearReview {
            year,
            store: store.map(str::to_string),
            produced,
            monthly: months,
            last_monthly,
            channels,
            responses,
            products: products(ledger, &f)?,
            missing_costs: missing_costs(ledger, &f)?,
            stores: store_years(ledger, &summary, year)?,
            summary,
            last_year,
            lessons: Vec::new(),
            subsidy_months: subsidy_months(ledger, &f)?,
            taxes: tax_view(ledger, &f)?,
            cash: cash(ledger, &f)?,
        };
        review.lessons = lessons(&review);
        Ok(review)
    }

    /// The currencies reported, in the summary's order.
    pub fn currencies(&self) -> Vec<Currency> {
        self.summary.currencies.iter().map(|c| c.currency).collect()
    }

    pub fn this_year(&self, cur: Currency) -> Option<&CurrencySummary> {
        self.summary.currencies.iter().find(|c| c.currency == cur)
    }

    /// The spend-response fit of one channel row.
    pub fn response(&self, store: &str, channel: &str) -> Option<&SpendResponse> {
        self.responses
            .iter()
            .find(|r| r.store == store.trim() && r.channel == channel)
    }

    pub fn subsidy_month(&self, cur: Currency) -> Option<&SubsidyMonth> {
        self.subsidy_months.iter().find(|m| m.check.currency == cur)
    }

    pub fn previous(&self, cur: Currency) -> Option<&CurrencySummary> {
        let last = self.last_year.as_ref()?;
        last.currencies
            .iter()
            .find(|c| c.currency == cur)
            .filter(|c| has_figures(c))
    }

    /// Every store name covered, in order.
    /// The stores as the cover names them: one named by a platform id (older ledgers) shows
    /// the platform's display name, never the id.
    pub fn store_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for c in &self.summary.currencies {
            for s in &c.stores {
                let shown = s
                    .parse::<crate::model::Platform>()
                    .map_or_else(|_| s.clone(), |p| p.display_name().to_string());
                if !names.contains(&shown) {
                    names.push(shown);
                }
            }
        }
        names
    }
}

fn year_filter(year: i32, store: Option<&str>) -> Result<Filter> {
    let day = |m, d| {
        NaiveDate::from_ymd_opt(year, m, d)
            .ok_or_else(|| Error::InvalidArgument(format!("year {year} is out of range")))
    };
    Ok(Filter {
        from: Some(day(1, 1)?),
        to: Some(day(12, 31)?),
        store: store.map(str::to_string),
    })
}

/// A year's summary and months, from one read.
fn year_of(ledger: &Ledger, year: i32, store: Option<&str>) -> Result<Option<(Summary, Monthly)>> {
    match year_filter(year, store) {
        Ok(f) => summary_and_monthly(ledger, &f).map(Some),
        Err(_) => Ok(None), // a year before the calendar's range has no data
    }
}

/// Whether a currency's summary holds any figure at all (sales, costs or ads).
pub(crate) fn has_figures(c: &CurrencySummary) -> bool {
    let f = &c.figures;
    !(f.gross_sales.is_zero()
        && f.hidden_costs.is_zero()
        && f.ad_spend.is_zero()
        && f.cogs.is_zero()
        && f.fixed_costs.is_zero())
}

/// Each store's own summary, when the report covers more than one store.
fn store_years(ledger: &Ledger, s: &Summary, year: i32) -> Result<Vec<StoreYear>> {
    let mut out = Vec::new();
    let names: usize = s.currencies.iter().map(|c| c.stores.len()).sum();
    if names < 2 {
        return Ok(out);
    }
    for c in &s.currencies {
        for name in &c.stores {
            let f = year_filter(year, Some(name))?;
            for cs in summary(ledger, &f)?.currencies {
                if cs.currency == c.currency && !out.iter().any(|o: &StoreYear| o.store == *name) {
                    out.push(StoreYear {
                        store: name.clone(),
                        summary: cs,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Each currency's month with the most subsidy (ties: the earlier), checked against the
/// previous month.
fn subsidy_months(ledger: &Ledger, f: &Filter) -> Result<Vec<SubsidyMonth>> {
    let (Some(from), Some(to)) = (f.from, f.to) else {
        return Ok(Vec::new());
    };
    let ym = |d: NaiveDate| d.format("%Y-%m").to_string();
    let mut best: Vec<SubsidyMonth> = Vec::new();
    for (a, b) in month_spans(from, to) {
        let month = Filter {
            from: Some(a),
            to: Some(b),
            store: f.store.clone(),
        };
        let r = subsidy(ledger, &month, &Baseline::PreviousPeriod, &[])?;
        for c in r.currencies {
            let cost = c.subsidy_cost.value();
            if cost <= Decimal::ZERO {
                continue;
            }
            let m = SubsidyMonth {
                month: ym(a),
                baseline_month: r.baseline_from.map(ym),
                check: c,
            };
            match best
                .iter_mut()
                .find(|b| b.check.currency == m.check.currency)
            {
                Some(b) if b.check.subsidy_cost.value() < cost => *b = m,
                Some(_) => {}
                None => best.push(m),
            }
        }
    }
    Ok(best)
}
