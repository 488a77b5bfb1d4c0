// Cash (对账 / đối soát): what the platforms paid against what was sold, the orders they still
// owe by age (click a bar for the orders), fees that changed at settlement, withdrawals, and
// the taxes platforms withheld. Every figure comes from the engine (`cash_view`, `tax_view`).

import { call, filterArg } from "../api.js";
import { h, table, clear, errorBox, toast, errorText } from "../dom.js";
import { t } from "../i18n.js";
import { money, number, percent, date, dateRange } from "../format.js";
import { filter } from "../state.js";
import { dropZone, kpi, chartCard, chartLabels, currencyHead } from "./common.js";

/** "Provisional — 45.3 % not settled yet" over the KPIs of a period still open. */
export function provisionalBadge(c) {
  if (!c || !c.provisional) return null;
  const text = c.unsettled_share === null || c.unsettled_share === undefined
    ? t("cash.provisional_open")
    : t("cash.provisional_share", { pct: percent(c.unsettled_share) });
  return h("div", { class: "badge badge-provisional", "data-testid": "provisional-badge", title: t("cash.provisional_help"), text });
}

/** The unsettled orders of one age bucket (or all), in a dialog like the drill-down. */
function openOrders(f, currency, bucket) {
  const body = h("div", { class: "drill-body", "data-testid": "cash-orders" }, h("p", { class: "muted", i18n: "cash.loading" }));
  const close = h("button", { type: "button", class: "icon-btn", "aria-label": t("drill.close"), text: "✕" });
  const title = bucket ? t("cash.orders_bucket", { bucket }) : t("cash.orders_all");
  const dlg = h("dialog", { class: "drill", "data-testid": "drill", "aria-labelledby": "cash-orders-title" },
    h("div", { class: "drill-head" }, h("h2", { id: "cash-orders-title", text: title }), close),
    body);
  close.addEventListener("click", () => dlg.close());
  dlg.addEventListener("close", () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  call("cash_orders", { filter: filterArg(f), currency, bucket: bucket || null }).then((rows) => {
    clear(body);
    if (!rows.length) {
      body.append(h("p", { class: "muted", i18n: "drill.empty" }));
      return;
    }
    body.append(table([
      { label: t("drill.col.day"), render: (r) => date(r.day) },
      { label: t("drill.col.store"), key: "store" },
      { label: t("drill.col.order_id"), key: "order" },
      { label: t("cash.col.age"), num: true, render: (r) => number(r.age_days, 0) },
      { label: t("cash.col.value"), num: true, render: (r) => money(r.value, currency) },
    ], rows));
  }).catch((e) => clear(body).append(errorBox(e)));
}

/** Each judged platform's settlement delay (metrics.md §10), editable: the age buckets and
 * what counts as owed follow it. The engine checks the value (0–365 days). */
function delayEditor(c, ctx) {
  const platforms = new Map();
  for (const s of c.stores) if (s.judged && !platforms.has(s.platform)) platforms.set(s.platform, s.delay_days);
  return h("div", { class: "delay-row", "data-testid": "cash-delays" }, [...platforms].map(([p, days]) => {
    const name = t(`platform.${p}`);
    const input = h("input", { type: "number", min: "0", max: "365", step: "1", value: String(days), class: "delay-input", "aria-label": t("cash.delay_label", { platform: name }), "data-testid": `delay-${p}` });
    const save = h("button", { type: "button", class: "btn btn-small", "data-testid": `delay-save-${p}`, onclick: async () => {
      try {
        const d = await call("set_settlement_delay", { platform: p, days: input.value.trim() });
        toast(t("cash.delay_saved", { platform: name, days: number(d, 0) }));
        ctx.refresh();
      } catch (e) {
        toast(errorText(e), "error", 8000);
      }
    } }, h("span", { i18n: "stores.save" }));
    return h("span", { class: "delay-field" }, h("span", { class: "small", text: t("cash.delay_label", { platform: name }) }), input, h("span", { class: "muted small", i18n: "cash.delay_days" }), save);
  }));
}

function ageTable(c, f, ctx) {
  const rows = ["15-30", "30-60", "60+"].map((b) => ({ bucket: b, value: c.unsettled.by_age[b] }));
  // The first bucket starts at the settlement delay (the key stays "15-30", cli.md).
  const delay = Math.min(...c.stores.filter((s) => s.judged).map((s) => s.delay_days));
  const label = (b) => (b === "15-30" && delay < 30 ? `${delay}-30` : b);
  const open = (b) => h("button", { type: "button", class: "btn btn-small", "data-testid": `age-${b}`, onclick: () => openOrders(f, c.currency, b) },
    h("span", { text: t("cash.see_orders") }));
  return h("section", { class: "card", "data-testid": "cash-unsettled" },
    h("h2", { text: t("cash.unsettled_title", { n: number(c.unsettled.orders, 0), value: money(c.unsettled.value, c.currency) }) }),
    h("p", { class: "muted small", i18n: "cash.unsettled_help" }),
    delayEditor(c, ctx),
    table([
      { label: t("cash.col.age"), render: (r) => t("cash.age_days", { bucket: label(r.bucket) }) },
      { label: t("cash.col.value"), num: true, render: (r) => money(r.value, c.currency) },
      { label: "", render: (r) => open(r.bucket) },
    ], rows));
}

function driftTable(c) {
  return h("section", { class: "card", "data-testid": "cash-drift" },
    h("h2", { i18n: "cash.drift_title" }),
    c.fee_drift.length
      // Four columns, the store under its order id, so the table fits its half-width card
      // at 1366 px in every language (long ids wrap rather than scroll).
      ? table([
        { label: t("drill.col.order_id"), render: (d) => h("span", { class: "drift-order" }, h("span", { text: d.order }), h("span", { class: "muted small drift-store", text: d.store })) },
        { label: t("drill.col.kind"), render: (d) => t(`chart.${d.kind}`) },
        { label: t("cash.col.order_export"), num: true, render: (d) => money(d.order_export, c.currency) },
        { label: t("cash.col.settlement"), num: true, render: (d) => money(d.settlement, c.currency) },
      ], c.fee_drift)
      : h("p", { class: "muted", i18n: "cash.no_drift" }));
}

function storesNote(c) {
  const missing = c.stores.filter((s) => !s.judged);
  if (!missing.length) return null;
  return h("div", { class: "alert alert-warn", role: "status", "data-testid": "no-settlement" },
    h("span", { class: "alert-ico", "aria-hidden": "true", text: "ⓘ" }),
    h("div", {},
      h("strong", { i18n: "cash.no_settlement_title" }),
      h("div", { text: t("cash.no_settlement", { stores: missing.map((s) => `${s.store} · ${t(`platform.${s.platform}`)}`).join(", ") }) })));
}

function taxCard(v, c) {
  if (!v) return null;
  const months = v.withheld_by_month || [];
  const estimates = (v.stores || []).filter((s) => s.estimate);
  return h("section", { class: "card", "data-testid": "cash-taxes" },
    h("h2", { i18n: "tax.title" }),
    months.length
      ? table([
        { label: t("chart.month"), key: "month" },
        { label: t("tax.col.platform"), render: (m) => t(`platform.${m.platform}`) },
        { label: t("tax.col.vat"), num: true, render: (m) => money(m.vat, c) },
        { label: t("tax.col.income_tax"), num: true, render: (m) => money(m.income_tax, c) },
      ], months)
      : h("p", { class: "muted", i18n: "tax.none_withheld" }),
    estimates.map((s) => h("p", { class: "small", "data-testid": "tax-estimate" },
      h("span", { class: "badge", i18n: "tax.estimate" }), " ",
      h("strong", { text: `${s.store}: ${money(s.estimate.amount, c)}` }), " — ",
      h("span", { text: ruleText(s, c) }))),
    h("p", { class: "muted small", i18n: "tax.not_advice" }));
}

/** A regime's rule in words (the engine sends the regime and its settings). */
export function ruleText(r, currency) {
  switch (r.regime) {
    case "cn_small_scale": return t("tax.rule.cn_small_scale", { rate: percent(r.rate), exemption: money(r.exemption, currency) });
    case "flat": return t(r.base === "net_profit" ? "tax.rule.flat_net_profit" : "tax.rule.flat_net_sales", { rate: percent(r.rate) });
    case "vn_household": return t("tax.rule.vn_household", { threshold: money(r.threshold, currency) });
    default: return t("tax.rule.none");
  }
}

export async function render(root, ctx) {
  root.append(h("div", { class: "view-head" }, h("h1", { i18n: "nav.cash" })));
  const stores = await call("stores");
  if (!stores.length) {
    root.append(dropZone(ctx));
    return;
  }
  const f = filter();
  const labels = { ...chartLabels(), settled: t("chart.settled") };
  const [view, taxes] = await Promise.all([
    call("cash_view", { filter: filterArg(f), theme: document.documentElement.dataset.theme || "light", labels }),
    call("tax_view", { filter: filterArg(f) }).catch(() => null),
  ]);
  const r = view.cash;
  root.querySelector(".view-head").append(h("span", { class: "muted", text: `${dateRange(r.from, r.to)} · ${t("cash.as_of", { day: date(r.to) })}` }));
  for (const c of r.currencies) {
    const svg = view.charts.find((x) => x.currency === c.currency);
    const tv = taxes && taxes.currencies ? taxes.currencies.find((x) => x.currency === c.currency) : null;
    const judged = c.stores.some((s) => s.judged);
    root.append(h("section", { class: "currency-block", "data-testid": `cash-${c.currency}` },
      currencyHead(c.currency, c.stores.map((s) => s.store)),
      provisionalBadge(c),
      storesNote(c),
      h("div", { class: "kpis" },
        kpi("net_sales", money(c.net_sales, c.currency)),
        kpi("settled", money(c.settled, c.currency), {
          sub: `${t("cash.for_period")} ${money(c.settled_for_period_orders, c.currency)} · ${t("cash.for_earlier")} ${money(c.settled_for_earlier_orders, c.currency)}`,
        }),
        kpi("unsettled", judged ? money(c.unsettled.value, c.currency) : "—", { sub: judged ? t("cash.orders_n", { n: number(c.unsettled.orders, 0) }) : t("cash.not_judged") }),
        kpi("withdrawals", money(c.withdrawals, c.currency)),
        kpi("adjustments", money(c.adjustments, c.currency))),
      h("div", { class: "grid-2" },
        chartCard("cash.sold_vs_settled", svg && svg.months, "chart-cash"),
        judged ? ageTable(c, f, ctx) : h("section", { class: "card muted", "data-testid": "cash-unsettled", i18n: "cash.import_settlement" })),
      h("div", { class: "grid-2" }, driftTable(c), taxCard(tv, c.currency))));
  }
}
