// Year-end review (年终复盘报告): one click → a print-ready report written by the engine, saved
// as PDF/HTML/xlsx, or printed from here through the system dialog.

import { call } from "../api.js";
import { h, clear, errorTitle, scrub, toast } from "../dom.js";
import { t, lang } from "../i18n.js";
import { state } from "../state.js";

// While printing, only the report shows; on screen it stays hidden.
const PRINT_ONLY = `
@media screen { #report-print { display: none; } }
@media print { body > :not(#report-print) { display: none !important; } }`;

let printSheet = null;

/** The engine's report body as a sanitised node (parsed, never assigned as innerHTML). */
function reportNode(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const report = doc.body.firstElementChild;
  return report ? document.importNode(scrub(report), true) : null;
}

/** Put the report into the page (hidden on screen) with its stylesheet, then print. */
function printReport(view) {
  const node = reportNode(view.body);
  if (!node) return;
  let host = document.getElementById("report-print");
  if (!host) {
    host = h("div", { id: "report-print" });
    document.body.append(host);
  }
  clear(host).append(node);
  if (!printSheet) {
    // A constructed sheet: the page's content-security policy forbids inline <style>.
    printSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
  }
  printSheet.replaceSync(view.css + PRINT_ONLY);
  window.print();
}

export async function render(root) {
  const thisYear = new Date().getFullYear();
  const year = h("select", { id: "review-year" },
    [0, 1, 2, 3].map((d) => h("option", { value: String(thisYear - d), text: String(thisYear - d) })));
  year.value = String(state.mode === "year" ? state.year : thisYear);
  const status = h("p", { class: "muted", role: "status" });
  const args = () => ({ year: Number(year.value), store: state.store || null, lang: lang() });
  const failed = (e) => {
    status.textContent = e.code === "unavailable" ? t("common.coming") : `${errorTitle(e)} — ${e.message}`;
  };
  const make = (format) => async () => {
    status.textContent = t("review.working");
    try {
      const path = await call("export_report", { ...args(), format });
      status.textContent = path ? t("review.saved", { path }) : "";
      if (path) toast(t("review.saved", { path }));
    } catch (e) {
      failed(e);
    }
  };
  const print = async () => {
    status.textContent = t("review.working");
    try {
      const view = await call("report_print", args());
      status.textContent = "";
      printReport(view);
    } catch (e) {
      failed(e);
    }
  };
  root.append(
    h("div", { class: "view-head" }, h("h1", { i18n: "nav.review" })),
    h("section", { class: "card" },
      h("p", { i18n: "review.intro" }),
      h("ul", { class: "review-list" }, ["summary", "waterfall", "trend", "channels", "marginal", "matrix", "hidden", "stores", "lessons"].map((k) => h("li", { i18n: `review.part.${k}` }))),
      h("div", { class: "btn-row" },
        h("label", { for: "review-year", i18n: "review.year" }), year,
        h("button", { type: "button", class: "btn btn-primary", onclick: make("pdf") }, h("span", { i18n: "review.pdf" })),
        h("button", { type: "button", class: "btn", id: "review-print", title: t("review.print_hint"), "data-i18n-title": "review.print_hint", onclick: print }, h("span", { i18n: "review.print" })),
        h("button", { type: "button", class: "btn", onclick: make("html") }, h("span", { i18n: "review.html" })),
        h("button", { type: "button", class: "btn", onclick: make("xlsx") }, h("span", { i18n: "review.xlsx" }))),
      status));
}
