// Stores (账号矩阵): every store side by side with its own figures from the engine, and the
// two fixes merchants need: rename a store, merge two names of one account.

import { call } from "../api.js";
import { h, table, toast, errorText } from "../dom.js";
import { t } from "../i18n.js";
import { money, ratio, percent, number, isNegative } from "../format.js";
import { range } from "../state.js";
import { dropZone, currencyHead } from "./common.js";
import { storeLabel } from "../store_label.js";
import { taxSettingsCard } from "./tax_settings.js";

function actions(s, stores, ctx) {
  const peers = stores.filter((o) => o.id !== s.id && o.platform === s.platform && o.currency === s.currency);
  const rename = h("button", { type: "button", class: "btn btn-small", "aria-label": t("stores.rename_store", { store: s.name }),
    onclick: async () => {
      const input = h("input", { type: "text", value: storeLabel(s.name), "aria-label": t("stores.new_name"), class: "rename-input" });
      const save = async () => {
        try {
          await call("rename_store", { id: s.id, name: input.value });
          toast(t("stores.renamed"));
          await ctx.refreshStores();
          ctx.refresh();
        } catch (e) {
          toast(errorText(e), "error", 8000);
        }
      };
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") save(); if (e.key === "Escape") ctx.refresh(); });
      rename.replaceWith(h("span", { class: "inline-edit" }, input,
        h("button", { type: "button", class: "btn btn-small btn-primary", onclick: save }, h("span", { i18n: "stores.save" }))));
      input.focus();
    } }, h("span", { i18n: "stores.rename" }));
  const merge = peers.length ? h("select", { class: "merge-select", "aria-label": t("stores.merge_into", { store: s.name }),
    onchange: async (e) => {
      const into = peers.find((p) => String(p.id) === e.target.value);
      if (!into) return;
      // Two steps (no window.confirm in the webview): say what happens, then a button.
      const doIt = h("button", { type: "button", class: "btn btn-small btn-danger", "data-testid": "merge-confirm", onclick: async () => {
        try {
          await call("merge_stores", { from: s.id, into: into.id });
          toast(t("stores.merged", { from: s.name, into: into.name }));
          await ctx.refreshStores();
          ctx.refresh();
        } catch (err) {
          toast(errorText(err), "error", 8000);
        }
      } }, h("span", { i18n: "stores.merge_do" }));
      e.target.replaceWith(h("span", { class: "merge-ask" },
        h("span", { class: "small", text: t("stores.merge_confirm", { from: s.name, into: into.name }) }), " ", doIt, " ",
        h("button", { type: "button", class: "btn btn-small", onclick: () => ctx.refresh() }, h("span", { i18n: "stores.cancel" }))));
    } },
    h("option", { value: "", text: t("stores.merge") }),
    peers.map((p) => h("option", { value: String(p.id), text: `→ ${p.name}` }))) : null;
  return h("span", { class: "btn-row" }, rename, merge);
}

export async function render(root, ctx) {
  root.append(h("div", { class: "view-head" }, h("h1", { i18n: "nav.stores" })));
  const stores = await call("stores");
  if (!stores.length) {
    root.append(dropZone(ctx));
    return;
  }
  const r = range();
  // The engine's store matrix: one row per store and each currency's total (never mixed).
  const matrix = await call("store_matrix", { filter: { from: r.from, to: r.to, store: null } });
  root.append(h("p", { class: "muted", i18n: "stores.help" }));
  for (const cur of matrix.currencies || []) {
    const c = cur.currency;
    const total = { ...cur.total, total: true, store: t("stores.total", { currency: c }) };
    const m = (k) => (row) => money(row[k], c);
    const hasTraffic = cur.total.visitors !== null && cur.total.visitors !== undefined;
    root.append(h("section", { class: "card", "data-testid": "stores-table" },
      currencyHead(c, cur.stores.map((s) => s.store)),
      table([
        // Platform under the name keeps the matrix readable at 1366 px, UV value in view.
        { label: t("stores.col.store"), render: (s) => h("div", {}, h("strong", { text: s.total ? s.store : storeLabel(s.store) }),
          s.total ? null : h("div", { class: "muted small", text: t(`platform.${s.platform}`) })) },
        { label: t("kpi.net_sales"), help: t("help.net_sales"), num: true, render: m("net_sales") },
        { label: t("stores.col.share"), help: t("help.share"), num: true, render: (s) => (s.total ? "" : percent(s.net_sales_share)) },
        { label: t("kpi.net_profit"), help: t("help.net_profit"), num: true, render: (s) => h("span", { class: isNegative(s.net_profit) ? "text-bad" : "text-good", text: money(s.net_profit, c) }) },
        { label: t("kpi.taxes"), help: t("help.taxes"), num: true, render: (s) => h("span", { "data-testid": "store-taxes", text: money(s.taxes.total, c) }) },
        { label: t("kpi.net_margin"), help: t("help.net_margin"), num: true, render: (s) => percent(s.net_margin) },
        { label: t("kpi.uv_value"), help: t("help.uv_value"), num: true, render: (s) => h("span", { "data-testid": "uv-value", text: money(s.uv_value, c) }) },
        { label: t("stores.col.orders"), help: t("help.orders"), num: true, render: (s) => number(s.orders, 0) },
        { label: t("kpi.gmv"), help: t("help.gmv"), num: true, render: m("gross_sales") },
        { label: t("chart.ad_spend"), help: t("help.ad_spend"), num: true, render: m("ad_spend") },
        { label: t("kpi.store_roas"), help: t("help.store_roas"), num: true, render: (s) => ratio(s.store_roas) },
        { label: t("kpi.profit_roi"), help: t("help.profit_roi"), num: true, render: (s) => ratio(s.profit_roi) },
        { label: t("kpi.break_even_roas"), help: t("help.break_even_roas"), num: true, render: (s) => ratio(s.break_even_roas) },
        { label: "", sticky: true, render: (s) => (s.total ? "" : actions({ ...s, name: s.store }, stores, ctx)) },
      ], [...cur.stores, total]),
      hasTraffic ? null : h("p", { class: "muted small", i18n: "stores.uv_hint" })));
  }
  root.append(await taxSettingsCard(ctx));
}
