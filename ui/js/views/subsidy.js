// "Subsidy check" card (metrics.md §6): the current period's seller subsidies against the
// previous period, or against a hold-out figure the merchant types. Every figure and the
// verdict come from the engine (`subsidy_check`); this only lays them out.

import { call, filterArg } from "../api.js";
import { h, clear, errorBox } from "../dom.js";
import { t } from "../i18n.js";
import { money, ratio, percent, isNegative, dateRange } from "../format.js";
import { filter } from "../state.js";
import { currencyHead } from "./common.js";

function verdictPill(v) {
  if (!v) return h("span", { class: "pill neutral", text: "—" });
  return h("span", { class: `pill ${v === "pays" ? "good" : "bad"}`, "data-verdict": v, text: t(`subsidy.verdict.${v}`) });
}

function signed(v, text) {
  if (v === null || v === undefined) return "—";
  return h("span", { class: isNegative(v) ? "text-bad" : "text-good", text });
}

function baselineLine(r, c) {
  if (r.baseline === "hold_out") return t("subsidy.baseline_hold_out");
  const line = t("subsidy.baseline_previous", { range: dateRange(r.baseline_from, r.baseline_to) });
  const scaled = c.baseline_period_sales !== null && c.baseline_period_sales !== c.baseline_sales;
  return scaled ? `${line} · ${t("subsidy.scaled")}` : line;
}

function currencyFacts(r, c, several) {
  const m = (v) => money(v, c.currency);
  const notes = [
    c.naive_roas === null ? t("subsidy.no_subsidy") : null,
    c.baseline_sales === null ? t("subsidy.no_baseline") : null,
    c.no_verdict ? t(`subsidy.no_verdict.${c.no_verdict}`) : null,
    c.missing_cost_skus.length ? t("subsidy.missing_costs", { n: c.missing_cost_skus.length }) : null,
  ].filter(Boolean);
  return h("div", { class: "subsidy-currency", "data-testid": `subsidy-${c.currency}` },
    several ? currencyHead(c.currency, c.stores) : null,
    h("p", { class: "small muted", "data-testid": "subsidy-baseline", text: baselineLine(r, c) }),
    h("dl", { class: "facts" },
      h("dt", { i18n: "subsidy.cost" }), h("dd", { class: "num", "data-testid": "subsidy-cost", text: m(c.subsidy_cost) }),
      h("dt", { i18n: "subsidy.sales" }), h("dd", { class: "num", text: m(c.sales_with_subsidy) }),
      h("dt", { i18n: "subsidy.baseline_sales" }), h("dd", { class: "num", text: m(c.baseline_sales) }),
      h("dt", { i18n: "subsidy.incremental_sales" }), h("dd", { class: "num" }, signed(c.incremental_sales, m(c.incremental_sales))),
      h("dt", { i18n: "subsidy.margin" }), h("dd", { class: "num", text: percent(c.margin_before_subsidy) }),
      h("dt", { i18n: "subsidy.naive_roas" }), h("dd", { class: "num", text: ratio(c.naive_roas) }),
      h("dt", { i18n: "subsidy.incremental_roi" }),
      h("dd", { class: "num", "data-testid": "subsidy-roi" }, h("strong", {}, signed(c.incremental_roi, percent(c.incremental_roi)))),
      h("dt", { i18n: "channels.col.verdict" }), h("dd", { "data-testid": "subsidy-verdict" }, verdictPill(c.verdict))),
    notes.map((n) => h("p", { class: "small muted", text: n })));
}

export function subsidyCard() {
  const body = h("div", { class: "stack", "data-testid": "subsidy-body" });
  const input = h("input", { type: "text", inputmode: "decimal", id: "subsidy-hold-out", autocomplete: "off",
    "aria-describedby": "subsidy-hold-out-help", "data-testid": "subsidy-hold-out" });
  const form = h("form", { class: "btn-row", onsubmit: (e) => { e.preventDefault(); load(); } },
    h("label", { for: "subsidy-hold-out", i18n: "subsidy.hold_out" }), input,
    h("button", { type: "submit", class: "btn btn-small btn-primary" }, h("span", { i18n: "subsidy.check" })),
    h("button", { type: "button", class: "btn btn-small", onclick: () => { input.value = ""; load(); } },
      h("span", { i18n: "subsidy.use_previous" })));
  const formBox = h("div", {});
  async function load() {
    let r;
    try {
      // The typed figure goes to the engine as written; it parses it exactly.
      r = await call("subsidy_check", { filter: filterArg(filter()), holdOut: input.value.trim() || null });
    } catch (e) {
      clear(body).append(errorBox(e));
      return;
    }
    clear(body);
    const curs = r.currencies || [];
    const several = curs.length > 1;
    clear(formBox).append(several
      ? h("p", { class: "small muted", i18n: "subsidy.one_currency" })
      : h("div", {}, form, h("p", { id: "subsidy-hold-out-help", class: "small muted", i18n: "subsidy.hold_out_help" })));
    for (const c of curs) body.append(currencyFacts(r, c, several));
  }
  load();
  return h("section", { class: "card", "data-testid": "subsidy-check" },
    h("h2", { i18n: "subsidy.title" }),
    h("p", { class: "small muted", i18n: "subsidy.help" }),
    formBox, body,
    h("p", { class: "small muted subsidy-formula", i18n: "subsidy.formula" }));
}
