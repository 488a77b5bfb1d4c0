// Dashboard: KPI cards, the GMV → net profit waterfall and the monthly trend, per currency.

import { call, filterArg } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { money, ratio, percent, isNegative, dateRange } from "../format.js";
import { filter, compareFilter, state } from "../state.js";
import { dropZone, kpi, charts, chartCard, currencyHead } from "./common.js";

function missingCount(m) {
  if (!m) return 0;
  if (Array.isArray(m)) return m.length;
  if (Array.isArray(m.skus)) return m.skus.length;
  if (typeof m.count === "number") return m.count;
  return 0;
}

function kpis(c, prev) {
  const vs = (key, fmt) => (prev ? `${t("compare.short")} ${fmt(prev[key], prev.currency)}` : null);
  const tone = (v) => (v === null || v === undefined ? "" : isNegative(v) ? "bad" : "good");
  return h("div", { class: "kpis" },
    kpi("gmv", money(c.gross_sales, c.currency), { sub: vs("gross_sales", money) }),
    kpi("net_sales", money(c.net_sales, c.currency), { sub: vs("net_sales", money) }),
    kpi("net_profit", money(c.net_profit, c.currency), { tone: tone(c.net_profit), sub: vs("net_profit", money) }),
    kpi("net_margin", percent(c.net_margin), { tone: tone(c.net_margin), sub: vs("net_margin", percent) }),
    kpi("store_roas", ratio(c.store_roas), { sub: vs("store_roas", ratio) }),
    kpi("profit_roi", percent(c.profit_roi), { tone: tone(c.profit_roi), sub: vs("profit_roi", percent) }),
    kpi("break_even_roas", ratio(c.break_even_roas), { sub: vs("break_even_roas", ratio) }));
}

export async function render(root, ctx) {
  const stores = await call("stores");
  if (!stores.length) {
    root.append(dropZone(ctx, { hero: true }));
    return;
  }
  const f = filter();
  const cf = compareFilter();
  const [summary, prev, missing, ch] = await Promise.all([
    call("summary", { filter: filterArg(f) }),
    cf ? call("summary", { filter: filterArg(cf) }).catch(() => null) : Promise.resolve(null),
    call("missing_costs", { filter: filterArg(f) }).catch(() => null),
    charts("dashboard_charts", { filter: f }),
  ]);

  root.append(h("div", { class: "view-head" },
    h("h1", { i18n: "nav.dashboard" }),
    h("span", { class: "muted", text: dateRange(summary.from, summary.to) })));

  const nMissing = missingCount(missing);
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
    const p = prev && prev.currencies ? prev.currencies.find((x) => x.currency === c.currency) : null;
    const svgs = ch && ch.currencies ? ch.currencies.find((x) => x.currency === c.currency) : null;
    root.append(h("section", { class: "currency-block", "data-testid": `currency-${c.currency}`, "data-currency": c.currency },
      summary.currencies.length > 1 || state.store === "" ? currencyHead(c.currency, c.stores) : null,
      kpis(c, p),
      h("div", { class: "grid-2" },
        chartCard("dashboard.waterfall", svgs && svgs.waterfall, "chart-waterfall"),
        chartCard("dashboard.trend", svgs && svgs.trend, "chart-trend"))));
  }
  if (ch && ch.error && ch.error.code !== "unavailable") {
    root.append(h("p", { class: "muted small", text: `${t("chart.unavailable")}: ${ch.error.message}` }));
  }
}
