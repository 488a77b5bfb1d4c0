// Display formatting only, one number style per UI language (vi 1.234,5; zh/en 1,234.5):
// money to its currency's minor unit, ratios 2 decimals, percentages 1 decimal, never "−0".
// The engine sends money as decimal strings ("1234.50") and ratios as 4-dp strings or null;
// nothing here does arithmetic on money. Intl.NumberFormat formats a
// string exactly where the engine supports it (ECMA-402 v3) — we never parseFloat money.

import { locale } from "./i18n.js";

export const DASH = "—";

const cache = new Map();

function nf(loc, opts) {
  const key = loc + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(loc, opts);
    cache.set(key, f);
  }
  return f;
}

function isBlank(v) {
  return v === null || v === undefined || v === "";
}

/** No "−0", "-0.00" or "-0.0%": a figure that rounds to zero has no sign. */
function unsigned0(text) {
  return /[1-9]/.test(text) ? text : text.replace(/[-\u2212]/g, "");
}

/** The currency's minor unit (CNY 2, VND 0): money is always shown to it. */
function minorUnits(currency) {
  try {
    return nf("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/**
 * Money in the UI language's number style (vi 1.234,50; zh/en 1,234.50) to the currency's
 * minor unit, rounded half away from zero: `money("1234.5", "CNY")` → "¥1,234.50".
 */
export function money(value, currency) {
  if (isBlank(value)) return DASH;
  const dp = minorUnits(currency);
  try {
    return unsigned0(nf(locale(), { style: "currency", currency, currencyDisplay: "narrowSymbol", minimumFractionDigits: dp, maximumFractionDigits: dp }).format(value));
  } catch {
    return `${value} ${currency ?? ""}`.trim();
  }
}

/** A blank amount field's hint in the currency's minor digits: "0.00" for CNY, "0" for VND. */
export function amountPlaceholder(currency) {
  const dp = minorUnits(currency);
  return dp ? `0.${"0".repeat(dp)}` : "0";
}

/** Plain number in the UI language (counts, coefficients). */
export function number(value, maxDp = 2) {
  if (isBlank(value)) return DASH;
  return unsigned0(nf(locale(), { maximumFractionDigits: maxDp }).format(value));
}

/** A ratio such as ROAS, always 2 decimals: "3.4615" → "3.46". */
export function ratio(value) {
  if (isBlank(value)) return DASH;
  return unsigned0(nf(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value));
}

/** A fraction shown as a percentage, always 1 decimal: "0.0038" → "0.4%". */
export function percent(value) {
  if (isBlank(value)) return DASH;
  return unsigned0(nf(locale(), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value));
}

/** True when a decimal string is negative (for colouring only). */
export function isNegative(value) {
  return typeof value === "string" && value.trim().startsWith("-");
}

export function date(iso) {
  if (!iso) return DASH;
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

export function dateRange(from, to) {
  if (!from && !to) return DASH;
  return `${date(from)} – ${date(to)}`;
}

export function dateTime(s) {
  if (!s) return DASH;
  const d = new Date(s.replace(" ", "T") + (/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? "" : "Z"));
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(d);
}
