// Dashboard: KPI cards, the GMV → net profit waterfall and the trend (by day for two months
// or less, else by month), per currency.

import { call, filterArg } from "../api.js";
import { h } from "../dom.js";
import { t, lang } from "../i18n.js";
import { money, ratio, percent, number, isNegative, dateRange } from "../format.js";
import { filter, state } from "../state.js";
import { wireMarks } from "../drill.js";
import { dropZone, kpi, chartLabels, chartCard, currencyHead } from "./common.js";
import { provisionalBadge } from "./cash.js";

const PERCENT_KPIS = new Set(["net_margin"]);
const MONEY_KPIS = new Set(["gross_sales", "net_sales", "net_profit"]);

/** "▲ 12.5%" under a KPI: the engine's change against the comparison period. */
function deltaNode(kpiId, d, currency, withKey) {
  if (!d) return null;
  if (d.change === null || d.change === undefined) {
    return h("div", { class: "kpi-delta muted", "data-testid": `delta-${kpiId}`, text: `${t("compare.no_base")} · ${t(withKey)}` });
  }
  const arrow = isNegative(d.change) ? "▼" : /^[0.]+$/.test(d.change.replace("-", "")) ? "＝" : "▲";
  const abs = d.change.replace(/^-/, "");
  let main;
  if (MONEY_KPIS.has(kpiId)) main = d.change_pct !== null ? percent(d.change_pct.replace(/^-/, "")) : money(abs, currency);
  else if (PERCENT_KPIS.has(kpiId)) main = t("compare.points", { v: number(Number(abs) * 100, 1) });
  else main = ratio(abs);
  const dir = arrow === "▲" ? "dir-up" : arrow === "▼" ? "dir-down" : "";
  const tone = `${d.better === true ? "up-good" : d.better === false ? "up-bad" : ""} ${dir}`;
  const base = MONEY_KPIS.has(kpiId) ? money(d.base, currency) : PERCENT_KPIS.has(kpiId) ? percent(d.base) : ratio(d.base);
  return h("div", { class: `kpi-delta num ${tone}`, "data-testid": `delta-${kpiId}`, title: `${t("compare.base")}: ${base}` },
    h("span", { class: "delta-arrow", "aria-hidden": "true", text: arrow }), " ",
    h("span", { class: "delta-value", text: main }), " ",
    h("span", { class: "delta-vs", text: t(withKey) }));
}

function kpis(c, cmp, f) {
  const deltas = cmp ? Object.fromEntries(cmp.deltas.map((d) => [d.kpi, d])) : {};
  const withKey = state.compare === "last_year" ? "compare.vs_last_year" : "compare.vs_previous";
  const tone = (v) => (v === null || v === undefined ? "" : isNegative(v) ? "bad" : "good");
  const card = (id, label, value, fig, extra = {}) => kpi(label, value, {
    ...extra,
    delta: cmp ? deltaNode(id, deltas[id], c.currency, withKey) : null,
    drill: { figure: fig, currency: c.currency, filter: f },
  });
  return h("div", { class: "kpis" },
    card("gross_sales", "gmv", money(c.gross_sales, c.currency), "gross_sales"),
    // UV value (net sales per visitor) under net sales; "—" until a traffic report is imported.
    card("net_sales", "net_sales", money(c.net_sales, c.currency), "net_sales",
      { sub: `${t("kpi.uv_value")} ${money(c.uv_value, c.currency)}` }),
    card("net_profit", "net_profit", money(c.net_profit, c.currency), "net_profit", { tone: tone(c.net_profit) }),
    afterTax(c, tone),
    card("net_margin", "net_margin", percent(c.net_margin), "net_margin", { tone: tone(c.net_margin) }),
    card("store_roas", "store_roas", ratio(c.store_roas), "store_roas"),
    card("profit_roi", "profit_roi", ratio(c.profit_roi), "profit_roi", { tone: tone(c.profit_roi) }),
    card("break_even_roas", "break_even_roas", ratio(c.break_even_roas), "break_even_roas"));
}

/** Profit after tax beside net profit (metrics.md §9); an estimate in it is said so. */
function afterTax(c, tone) {
  const x = c.taxes;
  const est = x.estimated && !/^-?[0.]+$/.test(x.estimated);
  const sub = `${t("kpi.taxes")} ${money(x.total, c.currency)}${est ? ` · ${t("tax.incl_estimate", { v: money(x.estimated, c.currency) })}` : ""}`;
  return kpi("profit_after_tax", money(c.profit_after_tax, c.currency), { sub, tone: tone(c.profit_after_tax) });
}

/** Waterfall bars open the rows behind each step (fee kinds by their own id). */
function waterfallCard(svgs, c, f) {
  const card = chartCard("dashboard.waterfall", svgs && svgs.waterfall, "chart-waterfall");
  if (svgs && svgs.marks && svgs.marks.length) {
    const amounts = { ...c.fees, ...c, taxes: c.taxes.total };
    wireMarks(card, "rect", svgs.marks, {
      title: (m) => `${t(`chart.${m}`)}: ${money(amounts[m], c.currency)} · ${t("drill.hint")}`,
      drill: (m) => ({ figure: m, currency: c.currency, filter: f, title: t(`chart.${m}`) }),
    });
  }
  return card;
}

export async function render(root, ctx) {
  const f = filter();
  const withPeriod = state.compare !== "none" && state.mode !== "all" ? state.compare : null;
  // One `dashboard` call (the summary and the charts drawn from it), in parallel with the
  // store list and the comparison: each figure is computed once per refresh.
  const [stores, dash, cmp] = await Promise.all([
    call("stores"),
    call("dashboard", { filter: filterArg(f), theme: state.theme, lang: lang(), labels: chartLabels() }),
    withPeriod ? call("compare", { filter: filterArg(f), with: withPeriod }).catch(() => null) : Promise.resolve(null),
  ]);
  if (!stores.length) {
    root.append(dropZone(ctx, { hero: true }));
    return;
  }
  const { summary, charts: ch } = dash;

  root.append(h("div", { class: "view-head" },
    h("h1", { i18n: "nav.dashboard" }),
    h("span", { class: "muted" }, dateRange(summary.from, summary.to),
      cmp && cmp.base_from ? h("span", { class: "compare-range", "data-testid": "compare-range", text: ` · ${t("compare.base")}: ${dateRange(cmp.base_from, cmp.base_to)}` }) : null)));

  const nMissing = summary.currencies.reduce((n, c) => n + c.missing_cost_skus.length, 0);
  if (nMissing > 0) {
    root.append(h("div", { class: "alert alert-warn", role: "status", "data-testid": "missing-costs" },
      h("span", { class: "alert-ico", "aria-hidden": "true", text: "⚠" }),
      h("div", {},
        h("strong", { text: t("dashboard.missing_costs", { n: nMissing }) }), " ",
        h("a", { href: "#/costs", i18n: "dashboard.missing_costs_link" }))));
  }

  if (!summary.currencies || !summary.currencies.length) {
    root.append(h("div", { class: "card muted", i18n: "dashboard.no_data_period" }));
    return;
  }
  for (const c of summary.currencies) {
    const p = cmp && cmp.currencies ? cmp.currencies.find((x) => x.currency === c.currency) : null;
    const svgs = ch.currencies.find((x) => x.currency === c.currency);
    root.append(h("section", { class: "currency-block", "data-testid": `currency-${c.currency}`, "data-currency": c.currency },
      summary.currencies.length > 1 || state.store === "" ? currencyHead(c.currency, c.stores) : null,
      provisionalBadge(c),
      kpis(c, p, f),
      h("div", { class: "grid-2" },
        waterfallCard(svgs, c, f),
        chartCard(svgs && svgs.trend_daily ? "dashboard.trend_daily" : "dashboard.trend", svgs && svgs.trend, "chart-trend"))));
  }
}
