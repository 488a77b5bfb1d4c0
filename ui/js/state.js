// UI state: period, comparison, store filter, theme. Period arithmetic here is calendar only
// (which dates a "month" covers); every figure comes from the engine.

import { t, locale } from "./i18n.js";

const listeners = new Set();

export const state = {
  mode: "all", // all | month | quarter | year | custom
  year: new Date().getFullYear(),
  month: new Date().getMonth() + 1, // 1..12
  quarter: Math.floor(new Date().getMonth() / 3) + 1,
  from: "",
  to: "",
  compare: "none", // none | previous | last_year
  store: "",
  assistCoef: 0,
  theme: "light",
};

export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function update(patch) {
  Object.assign(state, patch);
  for (const fn of listeners) fn(state);
}

const pad = (n) => String(n).padStart(2, "0");
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** {from, to} of the current period (null = open). */
export function range(s = state) {
  switch (s.mode) {
    case "month":
      return { from: iso(s.year, s.month, 1), to: iso(s.year, s.month, lastDay(s.year, s.month)) };
    case "quarter": {
      const m0 = (s.quarter - 1) * 3 + 1;
      return { from: iso(s.year, m0, 1), to: iso(s.year, m0 + 2, lastDay(s.year, m0 + 2)) };
    }
    case "year":
      return { from: iso(s.year, 1, 1), to: iso(s.year, 12, 31) };
    case "custom":
      return { from: s.from || null, to: s.to || null };
    default:
      return { from: null, to: null };
  }
}

export function filter(s = state) {
  return { ...range(s), store: s.store || null };
}

/** The period one step before/after (month/quarter/year), or null. */
export function step(s, dir) {
  if (s.mode === "month") {
    let m = s.month + dir, y = s.year;
    if (m < 1) { m = 12; y -= 1; }
    if (m > 12) { m = 1; y += 1; }
    return { ...s, month: m, year: y };
  }
  if (s.mode === "quarter") {
    let q = s.quarter + dir, y = s.year;
    if (q < 1) { q = 4; y -= 1; }
    if (q > 4) { q = 1; y += 1; }
    return { ...s, quarter: q, year: y };
  }
  if (s.mode === "year") return { ...s, year: s.year + dir };
  return null;
}

export function periodText(s = state) {
  switch (s.mode) {
    case "month":
      return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", timeZone: "UTC" }).format(Date.UTC(s.year, s.month - 1, 1));
    case "quarter":
      return t("period.quarter_text", { year: s.year, q: s.quarter });
    case "year":
      return String(s.year);
    default:
      return "";
  }
}
