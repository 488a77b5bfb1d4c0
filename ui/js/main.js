// Boot: language, theme, top bar, router, drag-and-drop of files onto the window.

import { call, listen, setWindowTitle } from "./api.js";
import { setLang, initialLang, apply, t } from "./i18n.js";
import { state, update, onChange, step, periodText, isPreset, range } from "./state.js";
import { dateRange } from "./format.js";
import { clear, h, errorBox, errorText, toast } from "./dom.js";
import { addPaths } from "./importer.js";
import { benchPaint } from "./bench.js";
import * as dashboard from "./views/dashboard.js";
import * as importView from "./views/import.js";
import * as channels from "./views/channels.js";
import * as products from "./views/products.js";
import * as stores from "./views/stores.js";
import * as cash from "./views/cash.js";
import * as costs from "./views/costs.js";
import * as review from "./views/review.js";
import { storeLabel } from "./store_label.js";

const VIEWS = { dashboard, import: importView, channels, products, stores, cash, costs, review };
const $ = (id) => document.getElementById(id);
let renderSeq = 0;

function currentView() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1];
  return VIEWS[name] ? name : "dashboard";
}

export function go(name) {
  if (currentView() === name) render();
  else location.hash = `#/${name}`;
}

export async function render() {
  const seq = ++renderSeq;
  document.body.dataset.rendering = "true"; // tests wait for the latest render to land
  const name = currentView();
  for (const a of document.querySelectorAll(".nav-list a")) {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const main = $("main");
  const root = h("div", { class: `view view-${name}`, "data-testid": `view-${name}` });
  try {
    await VIEWS[name].render(root, { go, refresh: render, refreshStores, isCurrent: () => seq === renderSeq });
  } catch (e) {
    root.append(errorBox(e && e.code ? e : { code: "internal", message: String(e && e.message ? e.message : e) }));
  }
  if (seq !== renderSeq) return;
  const sameScreen = main.dataset.view === name;
  clear(main).append(root);
  main.dataset.view = name;
  // A new screen opens at its top; a refresh of the same one keeps the place.
  if (!sameScreen) main.scrollTop = 0;
  document.title = `${t(`nav.${name}`)} · Fupan 复盘`;
  setWindowTitle(document.title);
  document.body.dataset.rendering = "false";
}

export async function refreshStores() {
  const sel = $("store-filter");
  let list = [];
  try {
    list = await call("stores");
  } catch {
    list = [];
  }
  clear(sel).append(h("option", { value: "", i18n: "store.all" }));
  for (const s of list) {
    sel.append(h("option", { value: s.name, text: `${storeLabel(s.name)} · ${t(`platform.${s.platform}`)}` }));
  }
  sel.value = list.some((s) => s.name === state.store) ? state.store : "";
  if (sel.value !== state.store) state.store = sel.value;
}

function syncTopbar() {
  $("period-mode").value = state.mode;
  const stepped = ["month", "quarter", "year"].includes(state.mode);
  $("period-stepper").hidden = !stepped;
  $("period-custom").hidden = state.mode !== "custom";
  $("period-compare").disabled = state.mode === "all";
  $("period-text").textContent = periodText();
  const r = range();
  $("period-dates").textContent = isPreset() ? dateRange(r.from, r.to) : "";
  $("period-compare").value = state.compare;
}

function setTheme(theme) {
  state.theme = theme;
  document.documentElement.dataset.theme = theme;
  $("theme-toggle").setAttribute("aria-pressed", String(theme === "dark"));
  localStorage.setItem("fupan.theme", theme);
}

/** 红涨绿跌 (market: red = up) or green = better (merit); zh starts with the former. */
function setUpdown(rule) {
  state.updown = rule === "market" ? "market" : "merit";
  document.documentElement.dataset.updown = state.updown;
  $("updown-toggle").setAttribute("aria-pressed", String(state.updown === "market"));
  $("updown-toggle").dataset.rule = state.updown;
}

function wireTopbar() {
  // The log a merchant can send with a question (no buyer data is ever written to it).
  $("open-logs").addEventListener("click", () => call("open_log_folder").catch((e) => toast(errorText(e), "error")));
  $("updown-toggle").addEventListener("click", () => {
    setUpdown(state.updown === "market" ? "merit" : "market");
    localStorage.setItem("fupan.updown", state.updown);
  });
  $("period-mode").addEventListener("change", (e) => update({ mode: e.target.value }));
  $("period-prev").addEventListener("click", () => update(step(state, -1)));
  $("period-next").addEventListener("click", () => update(step(state, 1)));
  $("period-from").addEventListener("change", (e) => update({ from: e.target.value }));
  $("period-to").addEventListener("change", (e) => update({ to: e.target.value }));
  $("period-compare").addEventListener("change", (e) => update({ compare: e.target.value }));
  $("store-filter").addEventListener("change", (e) => update({ store: e.target.value }));
  $("lang-switch").addEventListener("change", async (e) => {
    await setLang(e.target.value);
    // A message shown in the old language would stay up untranslated: it goes.
    $("toasts").replaceChildren();
    // Until the merchant picks a colour rule, it follows the language (zh: 红涨绿跌).
    if (!localStorage.getItem("fupan.updown")) setUpdown(e.target.value === "zh" ? "market" : "merit");
    await refreshStores();
    syncTopbar();
    render();
  });
  $("theme-toggle").addEventListener("click", () => {
    setTheme(state.theme === "dark" ? "light" : "dark");
    render();
  });
  onChange(() => {
    syncTopbar();
    render();
  });
}

async function wireDragDrop() {
  // The webview must never navigate to a dropped file:// URL.
  for (const ev of ["dragover", "drop"]) window.addEventListener(ev, (e) => e.preventDefault());
  const overlay = $("drop-overlay");
  await listen("tauri://drag-enter", () => { overlay.hidden = false; });
  // Another writer (an import from the command line) holds the data file: this one waits.
  await listen("ledger-waiting", () => toast(t("import.waiting_lock"), "ok", 6000));
  // The data file's check, run beside the first paint, found it damaged (restore a backup).
  await listen("ledger-damaged", (e) => toast(errorText(e.payload), "error", 20000));
  await listen("tauri://drag-leave", () => { overlay.hidden = true; });
  await listen("tauri://drag-drop", (e) => {
    overlay.hidden = true;
    const paths = (e.payload && e.payload.paths) || [];
    if (paths.length) {
      addPaths(paths);
      go("import");
    }
  });
}

/** Preview the files the OS handed to the app ("Open with Fupan") on the Import screen. */
async function openPending() {
  try {
    const pending = await call("pending_files");
    if (pending.length) {
      addPaths(pending);
      go("import");
    }
  } catch {
    /* nothing passed on the command line */
  }
}

async function boot() {
  let info = { locale: null, version: "" };
  try {
    info = await call("app_info");
  } catch {
    /* the page still works in the default language */
  }
  const savedTheme = localStorage.getItem("fupan.theme");
  setTheme(savedTheme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"));
  const lang = initialLang(info.locale);
  await setLang(lang);
  setUpdown(localStorage.getItem("fupan.updown") || (lang === "zh" ? "market" : "merit"));
  $("lang-switch").value = lang;
  $("app-version").textContent = info.version ? `v${info.version}` : "";
  wireTopbar();
  syncTopbar();
  await refreshStores();
  window.addEventListener("hashchange", render);
  await wireDragDrop();
  apply(document);
  await render();
  // "Open with Fupan": files passed at start, and later ones a second launch forwards.
  await listen("open-files", openPending);
  await openPending();
  document.body.dataset.ready = "true";
  await benchPaint(async () => {
    Object.assign(state, { mode: "year", year: 2026 });
    syncTopbar();
    await render();
  });
}

boot().catch((e) => {
  // Never leave a blank window: show what failed.
  document.body.dataset.bootError = String((e && e.message) || e);
  const main = document.getElementById("main");
  if (main) main.append(errorBox(e && e.code ? e : { code: "internal", message: String((e && e.stack) || e) }));
});
