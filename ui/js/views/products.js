// Products: the product matrix (sales share × contribution margin) and per-SKU figures.

import { call, filterArg } from "../api.js";
import { h, table } from "../dom.js";
import { t } from "../i18n.js";
import { money, percent, number } from "../format.js";
import { filter } from "../state.js";
import { charts, chartCard, unavailable, currencyHead } from "./common.js";

export async function render(root) {
  root.append(h("div", { class: "view-head" }, h("h1", { i18n: "nav.products" })));
  const f = filter();
  let report;
  try {
    report = await call("products", { filter: filterArg(f) });
  } catch (e) {
    root.append(h("p", { class: "muted", i18n: "products.intro" }), unavailable(e));
    return;
  }
  const ch = await charts("product_charts", { filter: f });
  for (const cur of report.currencies || []) {
    const svgs = ch && ch.currencies ? ch.currencies.find((x) => x.currency === cur.currency) : null;
    const c = cur.currency;
    root.append(h("section", { class: "stack" },
      currencyHead(c, []),
      chartCard("products.matrix", svgs && svgs.matrix, "chart-matrix"),
      h("section", { class: "card" }, table([
        { label: t("products.col.sku"), render: (r) => r.sku || t("products.no_sku") },
        { label: t("products.col.name"), render: (r) => r.name || r.product || "—" },
        { label: t("products.col.quadrant"), render: (r) => (r.quadrant ? t(`quadrant.${r.quadrant}`) : "—") },
        { label: t("products.col.stage"), render: (r) => (r.stage ? t(`stage.${r.stage}`) : "—") },
        { label: t("products.col.units"), num: true, render: (r) => number(r.units) },
        { label: t("products.col.net_sales"), num: true, render: (r) => money(r.net_sales, c) },
        { label: t("products.col.share"), num: true, render: (r) => percent(r.sales_share) },
        { label: t("products.col.margin"), num: true, render: (r) => percent(r.contribution_margin) },
        { label: t("products.col.hidden_share"), num: true, render: (r) => percent(r.hidden_cost_share) },
      ], cur.products || []))));
  }
}
