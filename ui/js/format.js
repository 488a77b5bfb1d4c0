// Display formatting only. The engine sends money as decimal strings ("1234.50") and ratios as
// 4-dp strings or null; nothing here does arithmetic on money. Intl.NumberFormat formats a
// string exactly where the engine supports it (ECMA-402 v3) — we never parseFloat money.

import { locale } from "./i18n.js";

export const DASH = "—";

// Each currency in the notation its merchants read: ¥1,234.50 and 1.234.567 ₫.
const MONEY_LOCALE = { CNY: "zh-CN", VND: "vi-VN", USD: "en-US", THB: "th-TH", MYR: "ms-MY", PHP: "en-PH", SGD: "en-SG", IDR: "id-ID" };
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

function decimals(s) {
  const i = String(s).indexOf(".");
  return i < 0 ? 0 : String(s).length - i - 1;
}

/** Money: `money("1234.5", "CNY")` → "¥1,234.50". */
export function money(value, currency) {
  if (isBlank(value)) return DASH;
  const dp = decimals(value);
  const loc = MONEY_LOCALE[currency] || locale();
  try {
    return nf(loc, { style: "currency", currency, currencyDisplay: "narrowSymbol", minimumFractionDigits: dp, maximumFractionDigits: dp }).format(value);
  } catch {
    return `${value} ${currency ?? ""}`.trim();
  }
}

/** A blank amount field's hint in the currency's minor digits: "0.00" for CNY, "0" for VND. */
export function amountPlaceholder(currency) {
  let dp = 2;
  try {
    dp = nf("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    dp = 2;
  }
  return dp ? `0.${"0".repeat(dp)}` : "0";
}

/** Plain number in the UI language (counts, coefficients). */
export function number(value, maxDp = 2) {
  if (isBlank(value)) return DASH;
  return nf(locale(), { maximumFractionDigits: maxDp }).format(value);
}

/** A ratio such as ROAS: "3.4615" → "3.46". */
export function ratio(value) {
  if (isBlank(value)) return DASH;
  return nf(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A fraction shown as a percentage: "0.0038" → "0.38%". */
export function percent(value) {
  if (isBlank(value)) return DASH;
  return nf(locale(), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
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
