// Tiny DOM helpers. Text always goes in through textContent (never innerHTML with data).

import { t } from "./i18n.js";

/** h("div", {class: "x", onclick: fn}, child, "text", [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k === "i18n") { el.dataset.i18n = v; el.textContent = t(v); }
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A table: columns [{key, label, num, render(row)}], rows. */
export function table(columns, rows, { caption } = {}) {
  return h("div", { class: "table-wrap" },
    h("table", {},
      caption ? h("caption", { class: "visually-hidden", text: caption }) : null,
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.num ? "num" : null, text: c.label })))),
      h("tbody", {}, rows.map((r) => h("tr", {}, columns.map((c) => {
        const v = c.render ? c.render(r) : r[c.key];
        return h("td", { class: c.num ? "num" : null }, v instanceof Node ? v : String(v ?? "—"));
      }))))));
}

/** An error as the merchant reads it: translated title by code + the engine's message as detail. */
export function errorBox(err, { titleKey } = {}) {
  const key = `error.${err.code}`;
  return h("div", { class: "alert alert-error", role: "alert" },
    h("span", { class: "alert-ico", "aria-hidden": "true", text: "⚠" }),
    h("div", {},
      h("strong", { text: titleKey ? t(titleKey) : t(key) === key ? t("error.internal") : t(key) }),
      titleKey ? h("div", { text: t(key) === key ? t("error.internal") : t(key) }) : null,
      err.message ? h("div", { class: "detail", text: err.message }) : null));
}

export function errorTitle(err) {
  const key = `error.${err.code}`;
  return t(key) === key ? t("error.internal") : t(key);
}

export function toast(message, kind = "ok", ms = 5000) {
  const box = document.getElementById("toasts");
  const el = h("div", { class: `toast ${kind}`, text: message });
  box.append(el);
  setTimeout(() => el.remove(), ms);
}

/** Strip a parsed engine tree of anything active: scripts, frames, handlers, inline styles, links. */
export function scrub(root) {
  for (const bad of root.querySelectorAll("script, foreignObject, iframe, object, embed")) bad.remove();
  for (const el of [root, ...root.querySelectorAll("*")]) {
    for (const a of [...el.attributes]) {
      if (/^on/i.test(a.name) || a.name === "style" || /^(href|xlink:href|src)$/i.test(a.name)) el.removeAttribute(a.name);
    }
  }
  return root;
}

/** Parse an SVG string from the engine and return a sanitised <svg> node (no scripts/handlers). */
export function svgNode(svgText, label) {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  if (!svg || svg.nodeName.toLowerCase() !== "svg") return h("div", { class: "chart-empty", i18n: "chart.unavailable" });
  scrub(svg);
  const w = svg.getAttribute("width");
  const ht = svg.getAttribute("height");
  if (w && ht && !svg.getAttribute("viewBox")) svg.setAttribute("viewBox", `0 0 ${parseFloat(w)} ${parseFloat(ht)}`);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("role", "img");
  if (label) svg.setAttribute("aria-label", label);
  return document.importNode(svg, true);
}
