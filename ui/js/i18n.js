// Translations: ui/i18n/{zh,vi,en}.json, flat "a.b" keys. `t(key, vars)` falls back to English,
// then to the key itself; with `n` of 1 it reads `key_one` when there is one. `apply(root)`
// fills [data-i18n], [data-i18n-aria], [data-i18n-title].

export const LANGS = ["zh", "vi", "en"];
const STORAGE_KEY = "fupan.lang";

let current = "en";
let dict = {};
let fallback = {};

async function load(lang) {
  const res = await fetch(`i18n/${lang}.json`);
  if (!res.ok) throw new Error(`i18n/${lang}.json: ${res.status}`);
  return res.json();
}

/** The language to start in: saved choice, else the OS locale (zh*, vi*, else en). */
export function initialLang(osLocale) {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && LANGS.includes(saved)) return saved;
  const l = (osLocale || navigator.language || "en").toLowerCase();
  if (l.startsWith("zh")) return "zh";
  if (l.startsWith("vi")) return "vi";
  return "en";
}

export async function setLang(lang) {
  if (!LANGS.includes(lang)) lang = "en";
  if (!Object.keys(fallback).length) fallback = await load("en");
  dict = lang === "en" ? fallback : await load(lang);
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = { zh: "zh-CN", vi: "vi", en: "en" }[lang];
  apply(document);
}

export function lang() {
  return current;
}

/** BCP 47 tag for Intl in the UI language. */
export function locale() {
  return { zh: "zh-CN", vi: "vi-VN", en: "en-US" }[current];
}

export function has(key) {
  return key in dict || key in fallback;
}

export function t(key, vars) {
  // "Import 1 file", not "1 files": a count of one reads `key_one` where a language has it.
  if (vars && String(vars.n) === "1" && has(`${key}_one`)) key = `${key}_one`;
  let s = dict[key] ?? fallback[key] ?? key;
  if (vars) {
    for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  }
  return s;
}

export function apply(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
}
