// UI state: period, comparison, store filter, theme. Period arithmetic here is calendar only
// (which dates a "month" covers); every figure comes from the engine.

import { t, locale } from "./i18n.js";

const listeners = new Set();

export const state = {
  // Presets as merchants say them (yesterday, last 7/30 days, this/last month, this year, all,
  // counted back from today), a stepped month/quarter/year, or custom dates.
  mode: "all", // yesterday | last7 | last30 | this_month | last_month | this_year | all | month | quarter | year | custom
  year: new Date().getFullYear(),
  month: new Date().getMonth() + 1, // 1..12
  quarter: Math.floor(new Date().getMonth() / 3) + 1,
  from: "",
  to: "",
  compare: "none", // none | previous | last_year
  store: "",
  assistCoef: 0,
  theme: "light",
  // Colour of a change: "merit" (green = better) or "market" (红涨绿跌, red = up).
  updown: "merit",
};

/** Today in the merchant's own calendar (the computer's time zone). */
export function today() {
  const d = new Date();
  return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() };
}

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

/** The ISO date `days` before `day` ({y, m, d}). */
function back(day, days) {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d - days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** {from, to} of a preset counted back from `now`; the "last N days" end yesterday (today's
 * orders are still coming in). */
function preset(mode, now) {
  switch (mode) {
    case "yesterday":
      return { from: back(now, 1), to: back(now, 1) };
    case "last7":
      return { from: back(now, 7), to: back(now, 1) };
    case "last30":
      return { from: back(now, 30), to: back(now, 1) };
    case "this_month":
      return { from: iso(now.y, now.m, 1), to: iso(now.y, now.m, now.d) };
    case "last_month": {
      const y = now.m === 1 ? now.y - 1 : now.y;
      const m = now.m === 1 ? 12 : now.m - 1;
      return { from: iso(y, m, 1), to: iso(y, m, lastDay(y, m)) };
    }
    case "this_year":
      return { from: iso(now.y, 1, 1), to: iso(now.y, now.m, now.d) };
    default:
      return null;
  }
}

/** {from, to} of the current period (null = open). */
export function range(s = state, now = today()) {
  const p = preset(s.mode, now);
  if (p) return p;
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

/** Whether the period is a preset counted back from today (its dates are shown beside it). */
export function isPreset(mode = state.mode) {
  return preset(mode, today()) !== null;
}
