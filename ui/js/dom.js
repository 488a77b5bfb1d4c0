// Tiny DOM helpers. Text always goes in through textContent (never innerHTML with data).

import { t, has } from "./i18n.js";

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

/**
 * A table: columns [{key, label, num, render(row), help, sticky, wide}], rows. `help` is the
 * header's one-line definition (on hover); `sticky` keeps a column of actions in view at the
 * right edge when the table scrolls sideways; `wide` lets a column of text wrap (messages).
 */
export function table(columns, rows, { caption } = {}) {
  const cls = (c) => [c.num ? "num" : "", c.sticky ? "sticky-end" : "", c.wide ? "wide" : ""].filter(Boolean).join(" ") || null;
  return h("div", { class: "table-wrap" },
    h("table", {},
      caption ? h("caption", { class: "visually-hidden", text: caption }) : null,
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: [cls(c), c.help ? "has-help" : ""].filter(Boolean).join(" ") || null, title: c.help || null, text: c.label })))),
      h("tbody", {}, rows.map((r) => h("tr", {}, columns.map((c) => {
        const v = c.render ? c.render(r) : r[c.key];
        return h("td", { class: cls(c) }, v instanceof Node ? v : String(v ?? "—"));
      }))))));
}

/** The title of an engine error in the UI language (`error.<code>`). */
export function errorTitle(err) {
  const key = `error.${err && err.code}`;
  return has(key) ? t(key) : t("error.internal");
}

/**
 * An engine error as sentences in the UI language: what went wrong, where (file, sheet, row,
 * column, value) and what to do next. The engine's English text is never shown (it stays in
 * a tooltip for a bug report).
 */
export function errorParts(err) {
  const p = (err && err.params) || {};
  const code = err && has(`error.${err.code}`) ? err.code : "internal";
  const where = ["sheet", "row", "column", "value"].filter((k) => p[k] !== undefined && p[k] !== "").map((k) => t(`error.at.${k}`, p));
  const reason = err && err.reason && has(`error.reason.${err.reason}`) ? t(`error.reason.${err.reason}`, p) : "";
  // A reason may have its own next step (`error.next.<reason>`) where the code's would mislead.
  const next = err && err.reason ? `error.next.${err.reason}` : "";
  const hint = next && has(next) ? t(next) : has(`error.hint.${code}`) ? t(`error.hint.${code}`) : "";
  return {
    title: errorTitle(err),
    file: p.file ? t("error.in_file", p) : "",
    where: where.join(t("error.at.sep")),
    reason,
    hint,
  };
}

/** One line for toasts and inline notes: "file: title — reason (where). Next step." */
export function errorText(err) {
  const e = errorParts(err);
  const head = [e.file, e.title].filter(Boolean).join(" · ");
  const where = e.where ? ` (${e.where})` : "";
  return [head + (e.reason ? ` — ${e.reason}` : "") + where, e.hint].filter(Boolean).join(" ");
}

/** What follows the title (which a pill or heading already shows): reason, place, next step. */
export function errorDetail(err) {
  const e = errorParts(err);
  const where = e.where ? ` (${e.where})` : "";
  return [(e.reason || "") + where, e.hint].filter((x) => x && x.trim()).join(" ");
}

/** An error as the merchant reads it: translated title, file, reason, place, next step. */
export function errorBox(err, { titleKey } = {}) {
  const e = errorParts(err);
  return h("div", { class: "alert alert-error", role: "alert", title: err && err.message ? err.message : null },
    h("span", { class: "alert-ico", "aria-hidden": "true", text: "⚠" }),
    h("div", { class: "alert-body" },
      h("strong", { text: titleKey ? t(titleKey) : e.title }),
      titleKey ? h("div", { text: e.title }) : null,
      e.file ? h("div", { class: "detail", text: e.file }) : null,
      e.reason || e.where ? h("div", { class: "detail", text: [e.reason, e.where].filter(Boolean).join(" ") }) : null,
      e.hint ? h("div", { class: "detail hint", text: e.hint }) : null));
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
