// Costs: SKUs still missing a unit cost, importing a cost sheet, and fixed monthly costs.

import { call, filterArg } from "../api.js";
import { h, table, clear, errorTitle, toast } from "../dom.js";
import { t } from "../i18n.js";
import { money, number } from "../format.js";
import { filter, state } from "../state.js";
import { pickFiles } from "../importer.js";

function rowsOf(m) {
  if (!m) return [];
  if (Array.isArray(m)) return m;
  return m.skus || m.items || [];
}

async function missingCard() {
  const card = h("section", { class: "card", "data-testid": "missing-costs-card" }, h("h2", { i18n: "costs.missing" }));
  try {
    const rows = rowsOf(await call("missing_costs", { filter: filterArg(filter()) }));
    if (!rows.length) card.append(h("p", { class: "muted", i18n: "costs.missing_none" }));
    else card.append(h("p", { class: "muted", i18n: "costs.missing_help" }), table([
      { label: t("products.col.sku"), render: (r) => r.sku ?? String(r) },
      { label: t("products.col.name"), render: (r) => r.name || r.product || "—" },
      { label: t("costs.col.store"), render: (r) => r.store || "—" },
      { label: t("products.col.units"), num: true, render: (r) => number(r.units) },
    ], rows));
  } catch (e) {
    card.append(h("p", { class: "muted", text: e.code === "unavailable" ? t("common.coming") : `${errorTitle(e)} — ${e.message}` }));
  }
  return card;
}

function importCard(ctx) {
  return h("section", { class: "card" },
    h("h2", { i18n: "costs.unit_costs" }),
    h("p", { class: "muted", i18n: "costs.unit_costs_help" }),
    h("button", { type: "button", class: "btn btn-primary", onclick: async () => {
      try {
        if ((await pickFiles()).length) ctx.go("import");
      } catch (e) {
        toast(`${errorTitle(e)} — ${e.message}`, "error");
      }
    } }, h("span", { i18n: "costs.import_sheet" })));
}

async function fixedCard() {
  const card = h("section", { class: "card", "data-testid": "fixed-costs" });
  const list = h("div");
  const draw = async () => {
    clear(list);
    try {
      const rows = await call("fixed_costs", { store: state.store || null });
      if (!rows.length) list.append(h("p", { class: "muted", i18n: "costs.fixed_none" }));
      else list.append(table([
        { label: t("costs.col.month"), key: "month" },
        { label: t("costs.col.store"), render: (r) => r.store || "—" },
        { label: t("costs.col.kind"), key: "kind" },
        { label: t("costs.col.amount"), num: true, render: (r) => money(r.amount, r.currency) },
      ], rows));
    } catch (e) {
      list.append(h("p", { class: "muted", text: e.code === "unavailable" ? t("common.coming") : `${errorTitle(e)} — ${e.message}` }));
    }
  };
  const month = h("input", { type: "month", id: "fc-month", required: true, placeholder: "2026-01" });
  const kind = h("input", { type: "text", id: "fc-kind", required: true, placeholder: t("costs.kind_placeholder") });
  const amount = h("input", { type: "text", id: "fc-amount", required: true, inputmode: "decimal", placeholder: "0.00" });
  const form = h("form", { class: "fixed-form", onsubmit: async (e) => {
    e.preventDefault();
    try {
      await call("add_fixed_cost", { store: state.store || null, month: month.value, kind: kind.value, amount: amount.value.trim() });
      toast(t("costs.saved"));
      amount.value = "";
      draw();
    } catch (err) {
      toast(`${errorTitle(err)} — ${err.message}`, "error", 8000);
    }
  } },
    h("label", { for: "fc-month", i18n: "costs.col.month" }), month,
    h("label", { for: "fc-kind", i18n: "costs.col.kind" }), kind,
    h("label", { for: "fc-amount", i18n: "costs.col.amount" }), amount,
    h("button", { type: "submit", class: "btn btn-primary", i18n: "costs.add" }));
  card.append(h("h2", { i18n: "costs.fixed" }), h("p", { class: "muted", i18n: "costs.fixed_help" }), form, list);
  await draw();
  return card;
}

export async function render(root, ctx) {
  root.append(h("div", { class: "view-head" }, h("h1", { i18n: "nav.costs" })));
  const [missing, fixed] = await Promise.all([missingCard(), fixedCard()]);
  root.append(missing, importCard(ctx), fixed);
}
