// Year-end review (年终复盘报告): one click → a print-ready report written by the engine.

import { call } from "../api.js";
import { h, errorTitle, toast } from "../dom.js";
import { t, lang } from "../i18n.js";
import { state } from "../state.js";

export async function render(root) {
  const thisYear = new Date().getFullYear();
  const year = h("select", { id: "review-year" },
    [0, 1, 2, 3].map((d) => h("option", { value: String(thisYear - d), text: String(thisYear - d) })));
  year.value = String(state.mode === "year" ? state.year : thisYear);
  const status = h("p", { class: "muted", role: "status" });
  const make = (format) => async () => {
    status.textContent = t("review.working");
    try {
      const path = await call("export_report", { year: Number(year.value), store: state.store || null, lang: lang(), format });
      status.textContent = path ? t("review.saved", { path }) : "";
      if (path) toast(t("review.saved", { path }));
    } catch (e) {
      status.textContent = e.code === "unavailable" ? t("common.coming") : `${errorTitle(e)} — ${e.message}`;
    }
  };
  root.append(
    h("div", { class: "view-head" }, h("h1", { i18n: "nav.review" })),
    h("section", { class: "card" },
      h("p", { i18n: "review.intro" }),
      h("ul", { class: "review-list" }, ["summary", "waterfall", "trend", "channels", "hidden", "matrix", "lessons"].map((k) => h("li", { i18n: `review.part.${k}` }))),
      h("div", { class: "btn-row" },
        h("label", { for: "review-year", i18n: "review.year" }), year,
        h("button", { type: "button", class: "btn btn-primary", onclick: make("pdf") }, h("span", { i18n: "review.pdf" })),
        h("button", { type: "button", class: "btn", onclick: make("html") }, h("span", { i18n: "review.html" })),
        h("button", { type: "button", class: "btn", onclick: make("xlsx") }, h("span", { i18n: "review.xlsx" }))),
      status));
}
