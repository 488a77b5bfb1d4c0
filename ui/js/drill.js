// Drill-down dialog: the ledger rows behind a figure, 100 per page, as the engine pages them.
// The page only formats the engine's values (money already rounded, ratios as strings).

import { call, filterArg } from "./api.js";
import { h, clear, errorBox } from "./dom.js";
import { t } from "./i18n.js";
import { money, number, ratio, date } from "./format.js";

function cell(col, v, currency) {
  if (v === null || v === undefined || v === "") return "—";
  switch (col.kind) {
    case "date": return date(v);
    case "money": return money(v, currency);
    case "number": return number(v, 4);
    case "ratio": return ratio(v);
    case "fee_kind": return t(`chart.${v}`);
    case "channel": return t(`channel.${v}`);
    case "tax_kind": return t(`tax.kind.${v}`);
    default: return v;
  }
}

function grid(pageData) {
  const cols = pageData.columns;
  return h("div", { class: "table-wrap drill-table" },
    h("table", {},
      h("thead", {}, h("tr", {}, cols.map((c) => h("th", { scope: "col", class: ["money", "number", "ratio"].includes(c.kind) ? "num" : null, text: t(`drill.col.${c.key}`) })))),
      h("tbody", {}, pageData.rows.map((r) => h("tr", {}, r.map((v, i) => h("td", { class: ["money", "number", "ratio"].includes(cols[i].kind) ? "num" : null, text: cell(cols[i], v, pageData.currency) })))))));
}

/**
 * Open the rows behind `figure` ("net_sales", "fee:shipping", "channel:ztc", "sku:X"…) for
 * `currency` under `filter`. `title` is shown as the dialog's heading.
 */
export function openDrill({ figure, currency, filter, title }) {
  const body = h("div", { class: "drill-body", "data-testid": "drill-body" });
  const info = h("span", { class: "muted small", "data-testid": "drill-info", "aria-live": "polite" });
  const prev = h("button", { type: "button", class: "btn", "data-testid": "drill-prev", i18n: "drill.prev" });
  const next = h("button", { type: "button", class: "btn", "data-testid": "drill-next", i18n: "drill.next" });
  const close = h("button", { type: "button", class: "icon-btn", "aria-label": t("drill.close"), text: "✕" });
  const dlg = h("dialog", { class: "drill", "data-testid": "drill", "aria-labelledby": "drill-title" },
    h("div", { class: "drill-head" },
      h("h2", { id: "drill-title", text: title || t("drill.title") }),
      close),
    h("p", { class: "muted small", i18n: "drill.source_help" }),
    body,
    h("div", { class: "drill-foot" }, prev, info, next));
  let page = 0;
  const load = async () => {
    prev.disabled = next.disabled = true;
    try {
      const p = await call("drill", { filter: filterArg(filter), currency, figure, page });
      clear(body);
      dlg.dataset.source = p.source;
      dlg.dataset.total = String(p.total_rows);
      if (!p.total_rows) {
        body.append(h("p", { class: "muted", i18n: "drill.empty" }));
      } else {
        body.append(grid(p));
      }
      const first = p.total_rows ? p.page * p.page_size + 1 : 0;
      const last = p.page * p.page_size + p.rows.length;
      info.textContent = t("drill.range", { first: number(first, 0), last: number(last, 0), total: number(p.total_rows, 0) });
      prev.disabled = p.page <= 0;
      next.disabled = last >= p.total_rows;
    } catch (e) {
      clear(body).append(errorBox(e));
    }
  };
  prev.addEventListener("click", () => { page = Math.max(0, page - 1); load(); });
  next.addEventListener("click", () => { page += 1; load(); });
  close.addEventListener("click", () => dlg.close());
  dlg.addEventListener("close", () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  load();
  return dlg;
}

/** Make `el` open a drill-down on click and Enter/Space (keyboard reachable). */
export function drillable(el, opts) {
  el.classList.add("drillable");
  el.setAttribute("role", "button");
  el.setAttribute("tabindex", "0");
  el.setAttribute("title", t("drill.hint"));
  el.addEventListener("click", () => openDrill(opts));
  el.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openDrill(opts);
    }
  });
  return el;
}

/**
 * Engine-drawn SVG marks (waterfall bars, matrix dots): the last `marks.length` elements
 * matching `selector` are the marks in drawing order. Adds a hover title and click-to-drill.
 */
export function wireMarks(container, selector, marks, { title, drill }) {
  const els = [...container.querySelectorAll(selector)].slice(-marks.length);
  if (els.length !== marks.length) return;
  els.forEach((el, i) => {
    const tip = document.createElementNS("http://www.w3.org/2000/svg", "title");
    tip.textContent = title(marks[i], i);
    el.append(tip);
    const opts = drill(marks[i], i);
    if (!opts) return;
    el.classList.add("mark");
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", tip.textContent);
    el.dataset.mark = marks[i];
    el.addEventListener("click", () => openDrill(opts));
    el.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        openDrill(opts);
      }
    });
  });
}
