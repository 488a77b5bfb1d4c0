// Stores (账号矩阵): every store side by side with its own figures from the engine.

import { call } from "../api.js";
import { h, table } from "../dom.js";
import { t } from "../i18n.js";
import { money, ratio, percent, isNegative } from "../format.js";
import { range } from "../state.js";
import { dropZone } from "./common.js";

export async function render(root, ctx) {
  root.append(h("div", { class: "view-head" }, h("h1", { i18n: "nav.stores" })));
  const stores = await call("stores");
  if (!stores.length) {
    root.append(dropZone(ctx));
    return;
  }
  const r = range();
  const rows = await Promise.all(stores.map(async (s) => {
    try {
      const sum = await call("summary", { filter: { from: r.from, to: r.to, store: s.name } });
      const c = (sum.currencies || [])[0] || null;
      return { ...s, c };
    } catch (e) {
      return { ...s, c: null, error: e };
    }
  }));
  const m = (k) => (row) => (row.c ? money(row.c[k], row.currency) : "—");
  root.append(h("section", { class: "card", "data-testid": "stores-table" }, table([
    { label: t("stores.col.store"), render: (s) => h("strong", { text: s.name }) },
    { label: t("stores.col.platform"), render: (s) => t(`platform.${s.platform}`) },
    { label: t("stores.col.currency"), key: "currency" },
    { label: t("kpi.gmv"), num: true, render: m("gross_sales") },
    { label: t("kpi.net_sales"), num: true, render: m("net_sales") },
    { label: t("chart.ad_spend"), num: true, render: m("ad_spend") },
    { label: t("kpi.net_profit"), num: true, render: (s) => (s.c ? h("span", { class: isNegative(s.c.net_profit) ? "text-bad" : "text-good", text: money(s.c.net_profit, s.currency) }) : "—") },
    { label: t("kpi.net_margin"), num: true, render: (s) => (s.c ? percent(s.c.net_margin) : "—") },
    { label: t("kpi.store_roas"), num: true, render: (s) => (s.c ? ratio(s.c.store_roas) : "—") },
    { label: t("kpi.break_even_roas"), num: true, render: (s) => (s.c ? ratio(s.c.break_even_roas) : "—") },
  ], rows)));
}
