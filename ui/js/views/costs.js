// Costs: SKUs still missing a unit cost, importing a cost sheet, and fixed monthly costs.

import { call, filterArg } from "../api.js";
import { h, table, clear, errorText, toast } from "../dom.js";
import { t, has } from "../i18n.js";
import { money, date, amountPlaceholder } from "../format.js";
import { filter, state } from "../state.js";
import { pickFiles } from "../importer.js";

function rowsOf(m) {
  if (!m) return [];
  if (Array.isArray(m)) return m;
  return m.skus || m.items || [];
}

const fail = (e) => toast(errorText(e), "error", 8000);

/** The editable SKU cost table of one currency: every costed SKU and every SKU sold
 *  without a cost (blank, highlighted). Saving a cell recomputes every figure. */
async function skuTableCard(currency, missing, refresh) {
  const card = h("section", { class: "card", "data-testid": `sku-costs-${currency}` },
    h("h2", {}, h("span", { i18n: "costs.unit_costs" }), h("span", { class: "currency-tag", text: currency })),
    h("p", { class: "muted", i18n: "costs.table_help" }));
  const list = h("div");
  card.append(list);
  const draw = async () => {
    let costs = [];
    try {
      costs = await call("sku_costs", { currency });
    } catch (e) {
      clear(list).append(h("p", { class: "muted", text: errorText(e) }));
      return;
    }
    const rows = [
      ...missing.filter((m) => m.currency === currency).map((m) => ({ sku: m.sku, valid_from: null, exact: "", missing: true, units: m.units })),
      ...costs,
    ];
    const editor = (r) => {
      const input = h("input", { type: "text", inputmode: "decimal", class: "cost-input", value: r.exact || "",
        placeholder: amountPlaceholder(currency), "aria-label": t("costs.cost_of", { sku: r.sku || t("products.no_sku") }), "data-sku": r.sku });
      const save = async () => {
        if (!input.value.trim() || input.value.trim() === r.exact) return;
        try {
          await call("set_sku_cost", { currency, sku: r.sku, validFrom: r.valid_from, unitCost: input.value.trim() });
          toast(t("costs.saved_recomputed"));
          // The missing-cost warning and the other tables follow the saved cost.
          await (refresh ? refresh() : draw());
        } catch (e) {
          fail(e);
        }
      };
      input.addEventListener("change", save);
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } });
      return input;
    };
    clear(list).append(rows.length ? table([
      { label: t("products.col.sku"), render: (r) => h("span", {}, r.sku || t("products.no_sku"), r.missing ? h("span", { class: "pill warn", text: t("products.cost_missing") }) : null) },
      { label: t("costs.col.valid_from"), render: (r) => (r.valid_from && r.valid_from !== "1970-01-01" ? date(r.valid_from) : t("costs.always")) },
      // Lines without a SKU cannot carry a cost: the export must give them one.
      { label: t("costs.col.unit_cost"), render: (r) => (r.sku ? editor(r) : h("span", { class: "muted small", i18n: "costs.no_sku_cost" })) },
      { label: "", render: (r) => (r.missing ? "" : h("button", { type: "button", class: "btn btn-small btn-danger",
        "aria-label": t("costs.delete_cost", { sku: r.sku }), onclick: async () => {
          try {
            await call("delete_sku_cost", { currency, sku: r.sku, validFrom: r.valid_from });
            await draw();
          } catch (e) {
            fail(e);
          }
        } }, h("span", { i18n: "costs.delete" }))) },
    ], rows) : h("p", { class: "muted", i18n: "costs.none" }));
  };
  await draw();
  card.append(pasteBox(currency, refresh || draw));
  return card;
}

/** Paste a block copied from Excel (SKU ⇥ cost ⇥ valid from): checked in Rust line by line,
 *  saved only when every line is good. */
function pasteBox(currency, redraw) {
  const area = h("textarea", { rows: "5", class: "paste-area", "data-testid": "paste-costs", "aria-label": t("costs.paste_label"),
    placeholder: `SKU  ⇥  ${amountPlaceholder(currency) === "0" ? "12500" : "12.50"}  ⇥  2026-01-01` });
  const out = h("div", { class: "paste-result", "aria-live": "polite" });
  const saveBtn = h("button", { type: "button", class: "btn btn-primary", disabled: true, "data-testid": "paste-save" }, h("span", { i18n: "costs.paste_save" }));
  const run = async (save) => {
    clear(out);
    try {
      const r = await call("paste_sku_costs", { currency, text: area.value, save });
      if (r.errors.length) {
        out.append(h("div", { class: "alert alert-error", role: "alert", "data-testid": "paste-errors" },
          h("div", {}, h("strong", { text: t("costs.paste_errors", { n: r.errors.length }) }),
            h("ul", { class: "paste-error-list" }, r.errors.map((e) => h("li", { text: t("costs.paste_error_at", { line: e.line, column: e.column, value: e.value || "∅", reason: e.code && has(`error.reason.${e.code}`) ? t(`error.reason.${e.code}`) : t("error.hint.invalid_argument") }) }))))));
      }
      if (r.costs.length) {
        out.append(h("p", { class: "small", "data-testid": "paste-ok", text: t(r.saved ? "costs.paste_saved" : "costs.paste_ready", { n: r.costs.length }) }),
          table([
            { label: t("products.col.sku"), key: "sku" },
            { label: t("costs.col.unit_cost"), num: true, render: (c) => money(c.unit_cost, currency) },
            { label: t("costs.col.valid_from"), render: (c) => (c.valid_from !== "1970-01-01" ? date(c.valid_from) : t("costs.always")) },
          ], r.costs.slice(0, 50)));
      }
      saveBtn.disabled = save || !r.costs.length || r.errors.length > 0;
      if (r.saved) {
        area.value = "";
        toast(t("costs.saved_recomputed"));
        await redraw();
      }
    } catch (e) {
      fail(e);
    }
  };
  area.addEventListener("input", () => { saveBtn.disabled = true; });
  saveBtn.addEventListener("click", () => run(true));
  return h("div", { class: "paste-box" },
    h("h3", { i18n: "costs.paste_title" }),
    h("p", { class: "muted small", i18n: "costs.paste_help" }),
    area,
    h("div", { class: "btn-row" },
      h("button", { type: "button", class: "btn", "data-testid": "paste-check", onclick: () => run(false) }, h("span", { i18n: "costs.paste_check" })),
      saveBtn),
    out);
}

// Cost sheets (SKU unit costs, fixed costs) go through the Import screen like any file.
function importSheetButton(ctx) {
  return h("button", { type: "button", class: "btn btn-primary", onclick: async () => {
    try {
      if ((await pickFiles()).length) ctx.go("import");
    } catch (e) {
      toast(errorText(e), "error");
    }
  } }, h("span", { i18n: "costs.import_sheet" }));
}

function importCard(ctx) {
  return h("section", { class: "card" },
    h("h2", { i18n: "costs.unit_costs" }),
    h("p", { class: "muted", i18n: "costs.unit_costs_help" }),
    importSheetButton(ctx));
}

/** Who a fixed cost is for, chosen in the form when there is a choice: all stores of a
 *  currency, or one store (preselected: the top bar's store). */
function targetSelect(stores) {
  const currencies = [...new Set(stores.map((s) => s.currency))].sort();
  const options = [
    ...currencies.map((c) => ({ value: `currency:${c}`, currency: c, text: t("costs.for_all_stores", { currency: c }) })),
    ...stores.map((s) => ({ value: `store:${s.name}`, currency: s.currency, store: s.name, text: `${s.name} (${s.currency})` })),
  ];
  const select = h("select", { id: "fc-store", "data-testid": "fixed-cost-store" },
    options.map((o) => h("option", { value: o.value, text: o.text })));
  if (state.store && stores.some((s) => s.name === state.store)) select.value = `store:${state.store}`;
  const chosen = () => options.find((o) => o.value === select.value) || options[0] || {};
  // One currency and one store: nothing to choose.
  return { select, chosen, needed: currencies.length > 1 || stores.length > 1 };
}

async function fixedCard(ctx, stores) {
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
        { label: "", render: (r) => h("button", { type: "button", class: "btn btn-small btn-danger", "aria-label": t("costs.delete"),
          onclick: async () => {
            try {
              await call("delete_fixed_cost", { id: r.id });
              draw();
            } catch (e) {
              fail(e);
            }
          } }, h("span", { i18n: "costs.delete" })) },
      ], rows));
    } catch (e) {
      list.append(h("p", { class: "muted", text: e.code === "unavailable" ? t("common.coming") : errorText(e) }));
    }
  };
  const month = h("input", { type: "month", id: "fc-month", required: true, placeholder: "2026-01" });
  const kind = h("input", { type: "text", id: "fc-kind", required: true, placeholder: t("costs.kind_placeholder") });
  const target = targetSelect(stores);
  const amount = h("input", { type: "text", id: "fc-amount", required: true, inputmode: "decimal" });
  const placeholder = () => { amount.placeholder = target.chosen().currency ? amountPlaceholder(target.chosen().currency) : "0"; };
  target.select.addEventListener("change", placeholder);
  placeholder();
  const form = h("form", { class: "fixed-form", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const to = target.chosen();
      await call("add_fixed_cost", { store: to.store || null, currency: to.currency || null, month: month.value, kind: kind.value, amount: amount.value.trim() });
      toast(t("costs.saved"));
      amount.value = "";
      draw();
    } catch (err) {
      toast(errorText(err), "error", 8000);
    }
  } },
    target.needed ? h("label", { for: "fc-store", i18n: "costs.col.store" }) : null, target.needed ? target.select : null,
    h("label", { for: "fc-month", i18n: "costs.col.month" }), month,
    h("label", { for: "fc-kind", i18n: "costs.col.kind" }), kind,
    h("label", { for: "fc-amount", i18n: "costs.col.amount" }), amount,
    h("button", { type: "submit", class: "btn btn-primary", i18n: "costs.add" }));
  card.append(h("h2", { i18n: "costs.fixed" }), h("p", { class: "muted", i18n: "costs.fixed_help" }), form,
    h("div", { class: "btn-row" }, importSheetButton(ctx)), list);
  await draw();
  return card;
}

/** The fee kind mapping: every fee source in the ledger with a select of the kind it counts
 *  under (the engine recomputes every figure), then the format tables' classification. */
async function feeKindCard() {
  const card = h("section", { class: "card", "data-testid": "fee-kinds" },
    h("h2", { i18n: "costs.fee_kinds" }), h("p", { class: "muted", i18n: "costs.fee_map_help" }));
  const list = h("div");
  card.append(list);
  const kindName = (k) => t(`chart.${k}`);
  const change = async (r, kind) => {
    try {
      await call("set_fee_kind", { platform: r.platform, source: r.source, kind });
      toast(t("costs.fee_kind_saved"));
    } catch (e) {
      fail(e);
    }
    await draw();
  };
  const picker = (r, kinds) => {
    const sel = h("select", { class: "fee-kind-select", "aria-label": t("costs.fee_select_label", { source: r.source }),
      "data-platform": r.platform, "data-source": r.source },
    kinds.map((k) => h("option", { value: k, selected: k === r.kind,
      text: k === r.default_kind ? t("costs.fee_default_option", { kind: kindName(k) }) : kindName(k) })));
    sel.addEventListener("change", () => change(r, sel.value === r.default_kind ? null : sel.value));
    return sel;
  };
  const counted = (r, kinds) => {
    // Fees imported before sources were kept cannot be remapped; an override whose source
    // is gone can only be removed.
    if (!r.source) return kindName(r.kind);
    if (!r.default_kind) {
      return h("span", {}, kindName(r.kind), " ",
        h("button", { type: "button", class: "btn btn-small btn-danger", onclick: () => change(r, null) }, h("span", { i18n: "costs.delete" })));
    }
    return picker(r, kinds);
  };
  async function draw() {
    let data;
    try {
      data = await call("fee_kind_sources");
    } catch (e) {
      clear(list).append(h("p", { class: "muted", text: errorText(e) }));
      return;
    }
    const { kinds, sources } = data;
    clear(list).append(sources.length ? table([
      { label: t("stores.col.platform"), render: (r) => t(`platform.${r.platform}`) },
      { label: t("costs.fee_source"), render: (r) => (r.source ? r.source : h("span", { class: "muted", i18n: "costs.fee_not_recorded" })) },
      { label: t("costs.fee_col_default"), render: (r) => (r.default_kind ? kindName(r.default_kind) : h("span", { class: "muted", i18n: "costs.fee_gone" })) },
      { label: t("costs.fee_kind"), render: (r) => counted(r, kinds) },
      { label: t("costs.fee_col_amount"), num: true, render: (r) => (r.amounts.length ? r.amounts.map((a) => money(a.amount, a.currency)).join(" · ") : "—") },
    ], sources) : h("p", { class: "muted", i18n: "costs.fee_none_seen" }));
  }
  await draw();
  try {
    const rows = await call("fee_sources");
    const target = (x) => (x === "ignored" ? t("costs.fee_ignored") : x.startsWith("ad:") ? `${t("chart.ad_spend")} · ${t(`channel.${x.slice(3)}`)}` : t(`chart.${x}`));
    card.append(h("details", {},
      h("summary", { text: t("costs.fee_kinds_show", { n: rows.length }) }),
      h("p", { class: "muted small", i18n: "costs.fee_kinds_help" }),
      table([
        { label: t("stores.col.platform"), render: (r) => (r.platform ? t(`platform.${r.platform}`) : "—") },
        { label: t("costs.fee_source"), key: "source" },
        { label: t("costs.fee_kind"), render: (r) => target(r.target) },
      ], rows)));
  } catch (e) {
    card.append(h("p", { class: "muted", text: errorText(e) }));
  }
  return card;
}

export async function render(root, ctx) {
  root.append(h("div", { class: "view-head" }, h("h1", { i18n: "nav.costs" })));
  const stores = await call("stores");
  const currencies = [...new Set(stores.map((s) => s.currency))].sort();
  let missing = [];
  try {
    missing = rowsOf(await call("missing_costs", { filter: filterArg(filter()) }));
  } catch {
    missing = [];
  }
  if (missing.length) {
    root.append(h("div", { class: "alert alert-warn", role: "status", "data-testid": "missing-costs-card" },
      h("span", { class: "alert-ico", "aria-hidden": "true", text: "⚠" }),
      h("div", {}, h("strong", { text: t("dashboard.missing_costs", { n: missing.length }) }), " ", h("span", { i18n: "costs.missing_help" }))));
  }
  const tables = await Promise.all(currencies.map((c) => skuTableCard(c, missing, ctx.refresh)));
  const fixed = await fixedCard(ctx, stores);
  root.append(...tables, importCard(ctx), fixed, await feeKindCard());
}
