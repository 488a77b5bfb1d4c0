// Year-end review (年终复盘报告): the document previewed in the window (the engine's print
// view), saved as PDF/HTML/xlsx through the native Save dialog (then Open / Show in folder),
// or printed from here through the system dialog.

import { call } from "../api.js";
import { h, clear, errorText, scrub } from "../dom.js";
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
  adoptReportCss(view);
  window.print();
}

/** The report's stylesheet, adopted once (the CSP forbids inline <style>); every rule is
 *  scoped under .fupan-report, so the page keeps its own look. */
function adoptReportCss(view) {
  if (!printSheet) {
    printSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
  }
  printSheet.replaceSync(view.css + PRINT_ONLY);
}

export async function render(root, ctx) {
  const thisYear = new Date().getFullYear();
  const year = h("select", { id: "review-year" },
    [0, 1, 2, 3].map((d) => h("option", { value: String(thisYear - d), text: String(thisYear - d) })));
  year.value = String(state.mode === "year" ? state.year : thisYear);
  const format = h("select", { id: "review-format", "aria-label": t("review.format") },
    ["pdf", "html", "xlsx"].map((f) => h("option", { value: f, text: t(`review.format.${f}`) })));
  const status = h("p", { class: "muted", role: "status", "data-testid": "review-status" });
  const after = h("div", { class: "btn-row", hidden: true, "data-testid": "review-saved" },
    h("button", { type: "button", class: "btn btn-small", "data-testid": "review-open", onclick: () => open(false) }, h("span", { i18n: "review.open" })),
    h("button", { type: "button", class: "btn btn-small", "data-testid": "review-reveal", onclick: () => open(true) }, h("span", { i18n: "review.reveal" })));
  const preview = h("div", { class: "report-preview", "data-testid": "review-preview", "aria-label": t("review.preview") });
  const args = () => ({ year: Number(year.value), store: state.store || null, lang: lang() });
  const failed = (e) => {
    status.textContent = e.code === "unavailable" ? t("common.coming") : errorText(e);
  };
  async function open(reveal) {
    try {
      await call("open_saved_report", { reveal });
    } catch (e) {
      failed(e);
    }
  }
  const saveAs = async () => {
    status.textContent = t("review.working");
    after.hidden = true;
    try {
      const path = await call("save_report", { ...args(), format: format.value });
      status.textContent = path ? t("review.saved", { path }) : "";
      after.hidden = !path;
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
  // The document itself, on screen: the same body the Print and HTML export use.
  const showPreview = async () => {
    clear(preview).append(h("p", { class: "muted", i18n: "review.working" }));
    try {
      const view = await call("report_print", args());
      if (!ctx || !ctx.isCurrent || ctx.isCurrent()) adoptReportCss(view);
      const node = reportNode(view.body);
      clear(preview).append(node || h("p", { class: "muted", i18n: "review.no_preview" }));
    } catch (e) {
      clear(preview).append(h("p", { class: "muted", "data-testid": "review-no-data", text: errorText(e) }));
    }
  };
  year.addEventListener("change", showPreview);
  root.append(
    h("div", { class: "view-head" }, h("h1", { i18n: "nav.review" })),
    h("section", { class: "card" },
      h("p", { i18n: "review.intro" }),
      h("ul", { class: "review-list" }, ["summary", "waterfall", "trend", "channels", "marginal", "matrix", "hidden", "stores", "lessons"].map((k) => h("li", { i18n: `review.part.${k}` }))),
      h("div", { class: "btn-row" },
        h("label", { for: "review-year", i18n: "review.year" }), year,
        format,
        h("button", { type: "button", class: "btn btn-primary", "data-testid": "review-save", onclick: saveAs }, h("span", { i18n: "review.save_as" })),
        h("button", { type: "button", class: "btn", id: "review-print", title: t("review.print_hint"), "data-i18n-title": "review.print_hint", onclick: print }, h("span", { i18n: "review.print" }))),
      status,
      after),
    h("section", { class: "card" }, h("h2", { i18n: "review.preview" }), preview));
  await showPreview();
}
