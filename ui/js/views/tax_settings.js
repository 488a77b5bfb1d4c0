// Each store's tax regime (Stores screen). The engine checks and converts what is typed
// (percentages as typed, blank = the default); estimates it makes are always labelled.

import { call } from "../api.js";
import { h, table, toast, errorText } from "../dom.js";
import { t } from "../i18n.js";
import { ruleText } from "./cash.js";
import { VOCAB } from "../vocab.js";

function editor(s, ctx) {
  const sel = h("select", { "aria-label": t("tax.regime_for", { store: s.store }), "data-testid": `regime-${s.id}` },
    VOCAB.tax_regimes.map((r) => h("option", { value: r, text: t(`tax.regime.${r}`) })));
  sel.value = s.regime;
  const input = (key, ph) => h("input", { type: "text", inputmode: "decimal", class: "tax-input", placeholder: ph, "aria-label": t(`tax.field.${key}`), "data-field": key });
  const fields = h("span", { class: "tax-fields" });
  const base = h("select", { "aria-label": t("tax.field.flat_base") },
    VOCAB.flat_bases.map((b) => h("option", { value: b, text: t(`tax.base.${b}`) })));
  const inputs = {
    rate_pct: input("rate_pct", "%"),
    exemption: input("exemption", "100000"),
    threshold: input("threshold", "500000000"),
  };
  const show = () => {
    fields.replaceChildren();
    if (sel.value === "cn_small_scale") fields.append(inputs.rate_pct, inputs.exemption);
    if (sel.value === "vn_household") fields.append(inputs.threshold);
    if (sel.value === "flat") fields.append(inputs.rate_pct, base);
  };
  sel.addEventListener("change", show);
  show();
  const save = h("button", { type: "button", class: "btn btn-small btn-primary", "data-testid": `regime-save-${s.id}`, onclick: async () => {
    const form = { regime: sel.value, flat_base: sel.value === "flat" ? base.value : null };
    for (const [k, el] of Object.entries(inputs)) form[k] = el.value.trim() || null;
    try {
      await call("set_tax_regime", { storeId: s.id, form });
      toast(t("tax.saved", { store: s.store }));
      ctx.refresh();
    } catch (e) {
      toast(errorText(e), "error", 8000);
    }
  } }, h("span", { i18n: "stores.save" }));
  return h("span", { class: "btn-row" }, sel, fields, save);
}

export async function taxSettingsCard(ctx) {
  let rows = [];
  try {
    rows = await call("tax_settings");
  } catch {
    return null;
  }
  return h("section", { class: "card", "data-testid": "tax-settings" },
    h("h2", { i18n: "tax.settings_title" }),
    h("p", { class: "muted small", i18n: "tax.settings_help" }),
    table([
      { label: t("stores.col.store"), render: (s) => h("div", {}, h("strong", { text: s.store }), h("div", { class: "muted small", text: t(`platform.${s.platform}`) })) },
      { label: t("tax.col.rule"), render: (s) => h("span", { class: "small", text: ruleText(s, s.currency) }) },
      { label: "", render: (s) => editor(s, ctx) },
    ], rows),
    h("p", { class: "muted small", i18n: "tax.not_advice" }));
}
