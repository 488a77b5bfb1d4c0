// Pieces several views share: the first-run drop zone, KPI cards, engine-drawn charts.

import { h } from "../dom.js";
import { t, lang, has } from "../i18n.js";
import { call, filterArg } from "../api.js";
import { pickFiles, loadSample, queue } from "../importer.js";
import { svgNode, toast, errorText } from "../dom.js";
import { state } from "../state.js";
import { drillable } from "../drill.js";
import { storeLabel } from "../store_label.js";
import { VOCAB } from "../vocab.js";

/** The platforms whose exports Fupan recognises (the engine's vocabulary). */
export const PLATFORMS = VOCAB.recognised_platforms;

/** "Drag your exports here" with the supported platforms, a file picker and sample data. */
export function dropZone(ctx, { hero = false } = {}) {
  const pick = h("button", { type: "button", class: "btn btn-primary", "data-testid": "pick-files", onclick: async () => {
    try {
      const paths = await pickFiles();
      if (paths.length) ctx.go("import");
    } catch (e) {
      toast(errorText(e), "error");
    }
  } }, h("span", { i18n: "import.pick" }));
  const sample = hero ? h("button", { type: "button", class: "btn", "data-testid": "load-sample", onclick: async (ev) => {
    ev.currentTarget.disabled = true;
    try {
      const results = await loadSample();
      const failed = results.filter((r) => r.error).length;
      toast(t("sample.loaded", { n: results.length - failed }), failed ? "error" : "ok");
      await ctx.refreshStores?.();
      ctx.go("dashboard");
    } catch (e) {
      toast(errorText(e), "error", 8000);
    } finally {
      if (ev.currentTarget) ev.currentTarget.disabled = false;
    }
  } }, h("span", { i18n: "sample.load" })) : null;
  return h("section", { class: `dropzone${hero ? " hero" : ""}`, "data-testid": "empty-state", "aria-labelledby": "drop-title" },
    h("div", { class: "drop-ico", "aria-hidden": "true", text: "⇩" }),
    h(hero ? "h1" : "h2", { id: "drop-title", i18n: "empty.title" }),
    h("p", { class: "lead", i18n: "empty.lead" }),
    h("ul", { class: "platforms", "aria-label": t("empty.platforms") }, PLATFORMS.map((p) => h("li", { text: t(`platform.${p}`) }))),
    h("p", { class: "formats", i18n: "empty.formats" }),
    h("div", { class: "btn-row" }, pick, sample),
    queue.busy ? h("p", { class: "muted", i18n: "import.working" }) : null);
}

/** One KPI card. `tone`: "good" | "bad" | "". `delta`: a node under the value; `drill`:
 *  options for openDrill (the card then opens the rows behind it). */
export function kpi(labelKey, value, { sub, tone = "", testid, delta, drill } = {}) {
  // The one-line definition (metrics.md) on hover of the label.
  const help = has(`help.${labelKey}`) ? t(`help.${labelKey}`) : null;
  const card = h("div", { class: `kpi ${tone}`, "data-testid": testid || `kpi-${labelKey}` },
    h("div", { class: `kpi-label${help ? " has-help" : ""}`, title: help, i18n: `kpi.${labelKey}` }),
    h("div", { class: "kpi-value num", text: value }),
    delta || null,
    sub ? h("div", { class: "kpi-sub num", text: sub }) : null);
  return drill ? drillable(card, { title: t(`kpi.${labelKey}`), ...drill }) : card;
}

/** Labels the engine needs to draw charts in the UI language (its vocabulary names them). */
export function chartLabels() {
  return Object.fromEntries(VOCAB.chart_labels.map(({ key, i18n }) => [key, t(i18n)]));
}

/** Ask the engine for charts; resolves to {currencies:[{currency, <name>: svg}]}, or to
 *  {error} when the call failed (give it to chartCard, which says it). */
export async function charts(cmd, extra = {}) {
  try {
    return await call(cmd, { filter: filterArg(extra.filter), theme: state.theme, lang: lang(), labels: chartLabels(), ...extra.args });
  } catch (e) {
    return { error: e };
  }
}

/** A chart card: the SVG, else the chart call's error in the UI language (`error`: what
 *  `charts()` resolved to on failure), else "no data". */
export function chartCard(titleKey, svg, testid, { error } = {}) {
  const body = svg ? svgNode(svg, t(titleKey))
    : error ? h("div", { class: "chart-empty chart-error", role: "alert", "data-testid": "chart-error", title: error.message || null, text: errorText(error) })
    : h("div", { class: "chart-empty", i18n: "chart.no_data" });
  return h("section", { class: "card", "data-testid": testid },
    h("h2", { i18n: titleKey }),
    h("div", { class: "chart" }, body));
}

export function currencyHead(cur, stores) {
  return h("h2", { class: "currency-head" },
    h("span", { class: "currency-tag", text: cur }),
    h("span", { class: "muted small", text: (stores || []).map(storeLabel).join(" · ") }));
}

export function unavailable(e) {
  return h("div", { class: "card muted", "data-testid": "unavailable" },
    h("p", { i18n: e && e.code === "unavailable" ? "common.coming" : "error.internal" }),
    e && e.code !== "unavailable" ? h("p", { class: "small", title: e.message || null, text: errorText(e) }) : null);
}
