// Products: the product matrix (sales share × contribution margin) and per-SKU figures.
// Matrix dots and table rows open the SKU's order lines.

import { call, filterArg } from "../api.js";
import { h, table } from "../dom.js";
import { t } from "../i18n.js";
import { money, percent, number } from "../format.js";
import { filter } from "../state.js";
import { openDrill, wireMarks } from "../drill.js";
import { charts, chartCard, unavailable, currencyHead } from "./common.js";
import { storeLabel } from "../store_label.js";

/** "TS-RED-M · Áo thun cotton": the SKU code with the name the exports give it. */
function skuName(sku, r) {
  return [sku || t("products.no_sku"), r && r.product].filter(Boolean).join(" · ");
}

function skuDrill(sku, currency, f) {
  return { figure: `sku:${sku}`, currency, filter: f, title: sku || t("products.no_sku") };
}

/** 复购率 where the exports carry a buyer id; otherwise say why there is none. */
function repurchaseLine(r) {
  if (!r) return null;
  return h("p", { class: "small", "data-testid": "repurchase" },
    h("strong", { i18n: "products.repurchase" }), " ",
    r.buyers ? h("span", { class: "num", text: t("products.repurchase_value", { rate: percent(r.repurchase_rate), repeat: number(r.repeat_buyers, 0), buyers: number(r.buyers, 0) }) })
      : h("span", { class: "muted", i18n: "products.repurchase_none" }));
}

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
  const [ch, rep] = await Promise.all([
    charts("product_charts", { filter: f }),
    call("repurchase", { filter: filterArg(f) }).catch(() => []),
  ]);
  for (const cur of report.currencies || []) {
    const c = cur.currency;
    const svgOf = (store) => (ch && ch.currencies ? ch.currencies.find((x) => x.currency === c && (x.store || null) === store) : null);
    root.append(h("section", { class: "stack" },
      currencyHead(c, []),
      h("p", { class: "muted small", i18n: "products.intro" }),
      repurchaseLine(rep.find((r) => r.currency === c))));
    // Several stores of the currency: each store's SKUs against its own medians.
    const parts = cur.by_store && cur.by_store.length ? cur.by_store : [cur];
    for (const part of parts) root.append(productSection(part, svgOf(part.store || null), c, f, ch && ch.error));
  }
}

/** One matrix and its table: a store's SKUs (or the currency's, with one store). */
function productSection(cur, svgs, c, f, error) {
  const bySku = Object.fromEntries((cur.products || []).map((r) => [r.sku, r]));
  const matrix = chartCard("products.matrix", svgs && svgs.matrix, "chart-matrix", { error });
  if (svgs && svgs.matrix && svgs.marks) {
    wireMarks(matrix, "circle", svgs.marks, {
      title: (sku) => {
        const r = bySku[sku] || {};
        return `${skuName(sku, r)} — ${t("products.col.share")} ${percent(r.sales_share)} · ${t("products.col.margin")} ${percent(r.contribution_margin)} · ${t("products.col.net_sales")} ${money(r.net_sales, c)}`;
      },
      drill: (sku) => skuDrill(sku, c, cur.store ? { ...f, store: cur.store } : f),
    });
  }
  return h("section", { class: "stack", "data-testid": "product-section" },
    cur.store ? h("h2", { class: "store-head", text: t("products.store_matrix", { store: storeLabel(cur.store) }) }) : null,
    matrix,
    h("section", { class: "card" }, table([
      { label: t("products.col.sku"), render: (r) => h("div", { class: "cell-stack" },
        h("span", { text: r.sku || t("products.no_sku") }),
        r.product ? h("span", { class: "small muted product-name", title: r.product, text: r.product }) : null) },
      { label: t("products.col.quadrant"), render: (r) => (r.quadrant ? t(`quadrant.${r.quadrant}`) : "—") },
      { label: t("products.col.stage"), render: (r) => (r.stage ? t(`stage.${r.stage}`) : "—") },
      { label: t("products.col.units"), num: true, render: (r) => number(r.units) },
      { label: t("products.col.net_sales"), num: true, render: (r) => money(r.net_sales, c) },
      { label: t("products.col.share"), help: t("help.share"), num: true, render: (r) => percent(r.sales_share) },
      { label: t("products.col.margin"), help: t("help.contribution_margin"), num: true, render: (r) => (r.cost_missing ? h("span", { class: "pill warn", title: t("costs.missing_help"), text: t("products.cost_missing") }) : percent(r.contribution_margin)) },
      { label: t("drill.rows"), render: (r) => h("button", { type: "button", class: "btn btn-small", "data-testid": "sku-rows",
        "aria-label": `${t("drill.hint")}: ${r.sku || t("products.no_sku")}`, onclick: () => openDrill(skuDrill(r.sku, c, cur.store ? { ...f, store: cur.store } : f)) }, h("span", { i18n: "drill.open" })) },
    ], cur.products || [])));
}
