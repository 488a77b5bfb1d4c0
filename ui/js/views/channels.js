// Channels: one row per ad channel with ROAS against the store's break-even, verdict colour,
// an attribution slider (last click 0 ↔ 1 assisted) that re-queries the engine live, and the
// subsidy check (did the period's seller subsidies pay?).

import { call, filterArg } from "../api.js";
import { h, table, clear, errorBox, svgNode } from "../dom.js";
import { openDrill } from "../drill.js";
import { t, lang } from "../i18n.js";
import { money, ratio, percent, number, isNegative } from "../format.js";
import { filter, state } from "../state.js";
import { charts, chartCard, chartLabels, currencyHead } from "./common.js";
import { subsidyCard } from "./subsidy.js";
import { storeLabel } from "../store_label.js";

function verdict(v) {
  if (!v) return h("span", { class: "pill neutral", text: "—" });
  const good = v === "scale";
  return h("span", { class: `pill ${good ? "good" : "bad"}`, "data-verdict": v, text: t(`verdict.${v}`) });
}

function signed(v, fmt) {
  if (v === null || v === undefined) return "—";
  return h("span", { class: isNegative(v) ? "text-bad" : "text-good", text: fmt(v) });
}

// Five columns fit a 1366×768 window; the rest open behind "more columns" (kept per session).
let moreColumns = false;

function channelTable(cur) {
  const c = cur.currency;
  const main = [
    { label: t("channels.col.channel"), render: (r) => channelCell(r, c) },
    { label: t("channels.col.spend"), help: t("help.spend"), num: true, render: (r) => money(r.spend, c) },
    { label: t("channels.col.roas"), help: t("help.roas"), num: true, render: (r) => h("strong", { class: "roas", text: ratio(r.roas) }) },
    { label: t("kpi.break_even_roas"), help: t("help.break_even_roas"), num: true, render: () => ratio(cur.break_even_roas) },
    { label: t("channels.col.verdict"), help: t("help.verdict"), render: (r) => verdict(r.verdict) },
  ];
  const more = [
    { label: t("channels.col.platform_sales"), help: t("help.platform_sales"), num: true, render: (r) => money(r.platform_sales, c) },
    { label: t("channels.col.attributed_sales"), help: t("help.attributed_sales"), num: true, render: (r) => money(r.attributed_sales, c) },
    { label: t("channels.col.attributed_roas"), help: t("help.attributed_roas"), num: true, render: (r) => h("span", { class: "attributed-roas", text: ratio(r.attributed_roas) }) },
    { label: t("channels.col.roi_pct"), help: t("help.roi_pct"), num: true, render: (r) => signed(r.roi_pct, percent) },
    { label: t("channels.col.profit_roi"), help: t("help.channel_profit_roi"), num: true, render: (r) => signed(r.profit_roi, ratio) },
    { label: t("channels.col.distance"), help: t("help.distance"), num: true, render: (r) => signed(r.verdict_distance, ratio) },
    { label: t("channels.col.cpc"), help: t("help.cpc"), num: true, render: (r) => money(r.cpc, c) },
    { label: t("channels.col.cvr"), help: t("help.cvr"), num: true, render: (r) => percent(r.cvr) },
    { label: t("channels.col.aov"), help: t("help.aov"), num: true, render: (r) => money(r.aov, c) },
    { label: t("channels.col.collect_cart_rate"), help: t("help.collect_cart_rate"), num: true, render: (r) => percent(r.collect_cart_rate) },
    { label: t("channels.col.window"), help: t("help.window"), render: (r) => (r.window_days ? t("channels.window_days", { n: r.window_days }) : "—") },
  ];
  return table(moreColumns ? [...main, ...more] : main, cur.channels || []);
}

/** The channel and its store; the name opens the ad days behind the row. */
function channelCell(r, c) {
  return h("div", { class: "cell-stack" }, rowsButton(r, c), h("span", { class: "small muted", text: r.store ? storeLabel(r.store) : "—" }));
}

/** "More columns" / "Fewer columns": every channel table of the screen at once. */
function columnsToggle(redraw) {
  return h("button", { type: "button", class: "btn btn-small", "data-testid": "channels-more", "aria-pressed": String(moreColumns),
    onclick: () => { moreColumns = !moreColumns; redraw(); } }, h("span", { i18n: moreColumns ? "channels.fewer_columns" : "channels.more_columns" }));
}

/** Opens the ad days behind one channel row (its store, the current period). */
function rowsButton(r, currency) {
  return h("button", { type: "button", class: "link-btn", "data-testid": "channel-rows",
    title: t("drill.hint"),
    "aria-label": `${t("drill.hint")}: ${t(`channel.${r.channel}`)} · ${r.store}`,
    onclick: () => openDrill({ figure: `channel:${r.channel}`, currency, filter: { ...filter(), store: r.store },
      title: `${t(`channel.${r.channel}`)} · ${r.store}` }) }, h("strong", { text: t(`channel.${r.channel}`) }));
}

/** Spend-response curve of one store × channel, chosen in a select. */
function responseCard(cur) {
  const options = cur.channels || [];
  const box = h("div", { class: "chart", "data-testid": "response-box" });
  const facts = h("div", { class: "response-facts" });
  const sel = h("select", { id: `response-${cur.currency}`, "aria-label": t("channels.response_pick") },
    options.map((r, i) => h("option", { value: String(i), text: `${t(`channel.${r.channel}`)} · ${storeLabel(r.store)}` })));
  const show = async () => {
    const r = options[Number(sel.value)];
    if (!r) return;
    clear(box);
    clear(facts);
    try {
      const res = await call("response_chart", { filter: filterArg(filter()), store: r.store, channel: r.channel,
        theme: state.theme, lang: lang(), labels: chartLabels() });
      if (!res.svg) {
        box.append(h("div", { class: "chart-empty", "data-testid": "response-empty" },
          h("p", { text: t("channels.response_not_enough", { n: res.points, min: res.min_points }) }),
          h("p", { class: "small", i18n: "channels.response_why" })));
        return;
      }
      box.append(svgNode(res.svg, t("channels.response_chart")));
      const c = cur.currency;
      facts.append(h("dl", { class: "facts small" },
        h("dt", { i18n: "channels.response_current" }), h("dd", { class: "num", text: money(res.current_spend, c) }),
        h("dt", { i18n: "channels.response_marginal" }), h("dd", { class: "num", text: ratio(res.current_marginal_roas) }),
        h("dt", { i18n: "channels.response_optimal" }), h("dd", { class: "num", "data-testid": "optimal-spend", text: money(res.optimal_spend, c) }),
        h("dt", { i18n: "channels.break_even" }), h("dd", { class: "num", text: ratio(res.break_even_roas) })));
      // No ceiling where the fit does not support one: say why, within the spend tried.
      if (!res.optimal_spend && res.why) {
        facts.append(h("p", { class: "small", "data-testid": "no-ceiling",
          text: t(`channels.no_ceiling.${res.why}`, { max: money(res.max_spend, c) }) }));
      }
    } catch (e) {
      box.append(errorBox(e));
    }
  };
  sel.addEventListener("change", show);
  show();
  return h("section", { class: "card", "data-testid": "chart-response" },
    h("h2", { i18n: "channels.response_chart" }),
    h("p", { class: "small muted", i18n: "channels.response_help" }),
    options.length > 1 ? sel : null, box, facts);
}

/** The stores, asked once per drawing however many currencies need the hint. */
function storesOnce() {
  let asked = null;
  return () => (asked ??= call("stores").catch(() => []));
}

/** No ad spend: say which export fills the table, for the platforms of the stores present
 * (of one currency's stores when `currency` is given). */
async function emptyHint(stores, currency) {
  const list = await stores();
  const platforms = [...new Set(list.filter((s) => !currency || s.currency === currency).map((s) => s.platform))];
  if (!platforms.length) return [h("p", { class: "muted", i18n: "channels.empty" })];
  return [h("p", { i18n: "channels.empty_intro" }),
    h("ul", {}, platforms.map((p) => h("li", { "data-platform": p, text: t(`channels.empty_for.${p}`) })))];
}

async function draw(box) {
  const f = filter();
  let report, ch;
  try {
    [report, ch] = await Promise.all([
      call("channels", { filter: filterArg(f), assistCoef: String(state.assistCoef) }),
      charts("channel_charts", { filter: f, args: { assistCoef: String(state.assistCoef) } }),
    ]);
  } catch (e) {
    clear(box).append(errorBox(e));
    return;
  }
  clear(box);
  box.dataset.assistCoef = String(state.assistCoef);
  const curs = report.currencies || [];
  const stores = storesOnce();
  if (!curs.length || curs.every((c) => !(c.channels || []).length)) {
    box.append(h("div", { class: "card", "data-testid": "channels-empty" }, ...(await emptyHint(stores))));
    return;
  }
  for (const cur of curs) {
    if (!(cur.channels || []).length) {
      // Another currency's stores advertise, these do not: no empty table, what to import.
      box.append(h("section", { class: "card", "data-testid": `channels-${cur.currency}` },
        currencyHead(cur.currency, []), ...(await emptyHint(stores, cur.currency))));
      continue;
    }
    const svgs = ch && ch.currencies ? ch.currencies.find((x) => x.currency === cur.currency) : null;
    box.append(h("section", { class: "card", "data-testid": `channels-${cur.currency}` },
      currencyHead(cur.currency, []),
      h("div", { class: "table-tools" },
        h("p", {}, h("span", { class: "muted", i18n: "channels.break_even" }), " ",
          h("strong", { class: "num", "data-testid": "break-even", text: ratio(cur.break_even_roas) })),
        columnsToggle(() => draw(box))),
      channelTable(cur)));
    if (svgs || ch.error) {
      box.append(h("div", { class: "grid-2" },
        chartCard("channels.roas_chart", svgs && svgs.roas, "chart-roas", { error: ch.error }),
        responseCard(cur)));
    }
  }
}

export async function render(root) {
  const box = h("div", { class: "stack", "data-testid": "channels-body" });
  const out = h("output", { class: "slider-value", for: "assist", text: number(state.assistCoef, 2) });
  let timer = null;
  const slider = h("input", { type: "range", id: "assist", min: "0", max: "1", step: "0.05", value: String(state.assistCoef),
    "aria-describedby": "assist-help", "data-testid": "assist-slider",
    oninput: (e) => {
      state.assistCoef = e.target.value; // kept as the slider's string; the engine parses it
      out.textContent = number(state.assistCoef, 2);
      clearTimeout(timer);
      timer = setTimeout(() => draw(box), 120);
    } });
  root.append(
    h("div", { class: "view-head" }, h("h1", { i18n: "nav.channels" })),
    h("section", { class: "card" },
      h("label", { for: "assist", class: "slider-title" }, h("strong", { i18n: "channels.attribution" })),
      h("div", { class: "slider-row" }, h("span", { class: "small muted", i18n: "channels.last_click" }), slider, out),
      h("p", { id: "assist-help", class: "small muted", i18n: "channels.attribution_help" })),
    box,
    subsidyCard());
  await draw(box);
}
