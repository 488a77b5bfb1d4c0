// Import: drop or pick files → preview each (platform, report, store, dates, rows) → import
// with a progress bar → per-file result or translated error. Below: the history with Undo.

import { call } from "../api.js";
import { h, table, clear, errorBox, errorTitle, errorText, errorDetail, toast } from "../dom.js";
import { t, has } from "../i18n.js";
import { money, number, dateRange, dateTime } from "../format.js";
import { queue, subscribe, notify, importReady, importMapped, importSkipping, remove, clearFinished, readyCount } from "../importer.js";
import { dropZone } from "./common.js";
import { storeLabel } from "../store_label.js";
import { VOCAB } from "../vocab.js";

let unsubscribe = null;

// Money columns the engine could not place (a platform's new fee column): shown, never
// dropped silently. `list` is the engine's `unmapped` array; the total in the file's
// currency when known, in the UI language's number style.
function unmappedNotice(list, currency) {
  if (!Array.isArray(list) || !list.length) return null;
  const total = (v) => (currency ? money(v, currency) : number(v));
  return h("div", { class: "small warn-text unmapped-note", role: "note", "data-testid": "unmapped", title: t("import.unmapped_title") },
    list.map((u) => h("div", { text: t("import.unmapped", { column: u.column, rows: number(u.rows_with_money), total: total(u.total) }) })));
}

/** The currency of a store by its name (the history names the store, not its currency). */
const storeCurrency = (name) => (storeList.find((s) => s.name === name) || {}).currency || null;

function statusCell(item, ctx) {
  if (item.status === "error") {
    return h("div", { class: "file-error", role: "alert", "data-testid": "file-error" },
      h("span", { class: "pill bad", text: errorTitle(item.error) }),
      h("div", { class: "detail small", title: item.error.message || null, text: errorDetail(item.error) }),
      item.error.code === "unknown_format"
        ? h("button", { type: "button", class: "btn", "data-testid": "map-columns", onclick: () => mappingDialog(item), i18n: "import.map" })
        : null,
      item.ifSkipped
        ? h("button", { type: "button", class: "btn", "data-testid": "skip-review", onclick: () => skipDialog(item, ctx),
          text: t("import.skip_review", { n: number(item.ifSkipped.skipped.length) }) })
        : null);
  }
  if (item.status === "done") {
    const o = item.outcome || {};
    const skipped = Array.isArray(o.skipped) ? o.skipped.length : o.skipped || 0;
    return h("div", {}, h("span", { class: "pill good", text: t("import.done", { added: number(o.added ?? 0), dup: number(o.duplicates ?? 0), skipped: number(skipped) }) }));
  }
  return h("div", {}, h("span", { class: `pill ${item.status === "ready" ? "neutral" : "warn"}`, text: t(`import.status.${item.status}`) }));
}

/** A queued file's columns not read, under the queue's table at its full width (a cell of
 *  the table would push it out of view at 1366 px), naming the file. */
function queuedNotice(item) {
  const list = item.status === "done" ? item.outcome?.unmapped : item.preview?.unmapped;
  const note = unmappedNotice(list, item.preview?.currency || storeCurrency(item.outcome?.store));
  if (!note) return null;
  note.prepend(h("strong", { text: item.name }));
  return note;
}

let storeList = [];

// The column-mapping step for a file nobody recognised. The engine supplies the headers,
// samples, fields per report kind and suggestions; it checks the mapping and imports it.
async function mappingDialog(item) {
  let cols;
  try {
    cols = await call("preview_columns", { path: item.path });
  } catch (e) {
    toast(errorText(e), "error", 8000);
    return;
  }
  const saved = cols.template;
  let report = saved ? saved.report : "orders";
  const picks = cols.headers.map((hd) => (saved ? saved.columns[hd] || "" : null));
  const dlg = h("dialog", { class: "card mapping-dialog", "data-testid": "mapping-dialog", "aria-labelledby": "mapping-title" });
  const body = h("div");
  const errors = h("div", { "aria-live": "polite" });
  const field = (label, input) => h("label", {}, h("span", { class: "small muted", text: `${label} ` }), input);
  const currency = h("select", { "data-testid": "mapping-currency" }, VOCAB.currencies.map((c) => h("option", { value: c.id, text: c.id })));
  currency.value = (saved && saved.currency) || (item.preview && item.preview.currency) || "CNY";
  const cancelled = h("input", { type: "text", value: saved ? (saved.cancelled || []).join(", ") : "" });
  const channel = h("select", { "data-testid": "mapping-channel" }, cols.channels.map((c) => h("option", { value: c, text: t(`channel.${c}`) })));
  channel.value = (saved && saved.channel) || "other";
  const name = h("input", { type: "text", "data-testid": "mapping-name", value: saved ? saved.name || "" : item.name.replace(/\.[^.]+$/, "") });
  const store = h("input", { type: "text", "data-testid": "mapping-store", value: (saved && saved.store) || item.store || "" });
  const kind = h("select", { "data-testid": "mapping-report", onchange: (e) => { report = e.target.value; picks.fill(null); draw(); } },
    Object.keys(cols.reports).map((k) => h("option", { value: k, text: t(`report.${k}`) })));
  kind.value = report;

  function draw() {
    const spec = cols.reports[report];
    clear(body).append(table([
      { label: t("import.map_col_header"), key: "header" },
      { label: t("import.map_col_sample"), render: (r) => r.samples.filter(Boolean).slice(0, 3).join(" · ") || "—" },
      { label: t("import.map_col_field"), render: (r) => {
        const sel = h("select", { "aria-label": r.header, onchange: (e) => { picks[r.i] = e.target.value; } },
          h("option", { value: "", text: t("import.map_ignore") }),
          spec.fields.map((f) => h("option", { value: f, text: t(`field.${f}`) + (spec.required.includes(f) ? ` (${t("import.map_required")})` : "") })));
        sel.value = picks[r.i] ?? spec.suggested[r.i] ?? "";
        picks[r.i] = sel.value;
        return sel;
      } },
    ], cols.headers.map((header, i) => ({ header, i, samples: cols.samples.map((row) => row[i]) }))));
    cancelled.closest("label")?.toggleAttribute("hidden", report !== "orders");
    channel.closest("label")?.toggleAttribute("hidden", report !== "ads");
  }

  async function submit() {
    const columns = {};
    cols.headers.forEach((hd, i) => { if (picks[i]) columns[hd] = picks[i]; });
    const mapping = {
      name: name.value.trim() || null,
      report,
      columns,
      currency: currency.value,
      store: store.value.trim() || null,
      channel: report === "ads" ? channel.value : null,
      cancelled: report === "orders" ? cancelled.value.split(/[,，、]/).map((x) => x.trim()).filter(Boolean) : [],
    };
    try {
      const r = await importMapped(item, mapping, store.value.trim());
      if (r.error) {
        clear(errors).append(errorBox(r.error));
        return;
      }
      dlg.close();
      toast(t("import.finished"));
      historyReload();
    } catch (e) {
      clear(errors).append(errorBox(e));
    }
  }

  dlg.append(
    h("h2", { id: "mapping-title", text: t("import.map_title", { file: item.name }) }),
    h("p", { class: "muted", text: saved ? t("import.map_template", { name: saved.name || "" }) : t("import.map_help") }),
    h("div", { class: "fixed-form" }, field(t("import.map_report"), kind)),
    body,
    h("div", { class: "fixed-form" },
      field(t("import.map_currency"), currency),
      field(t("import.map_store"), store),
      field(t("import.map_name"), name)),
    h("div", { class: "fixed-form" }, field(t("import.map_cancelled"), cancelled), field(t("import.map_channel"), channel)),
    errors,
    h("div", { class: "btn-row card-actions" },
      h("button", { type: "button", class: "btn btn-primary", "data-testid": "mapping-go", onclick: submit, i18n: "import.map_go" }),
      h("button", { type: "button", class: "btn", onclick: () => dlg.close(), i18n: "import.map_cancel" })));
  dlg.addEventListener("close", () => dlg.remove());
  document.body.append(dlg);
  draw();
  dlg.showModal();
}

// A file refused for unreadable rows: list every such row (as the engine found them) and
// let the user import the rest anyway. Nothing is skipped without this explicit step.
function skipDialog(item, ctx) {
  const p = item.ifSkipped;
  const n = p.skipped.length;
  const errors = h("div", { "aria-live": "polite" });
  const dlg = h("dialog", { class: "card mapping-dialog", "data-testid": "skip-dialog", "aria-labelledby": "skip-title" });
  const go = async () => {
    const r = await importSkipping(item);
    if (!r || r.error) {
      clear(errors).append(errorBox((r && r.error) || item.error));
      return;
    }
    dlg.close();
    toast(t("import.finished"));
    await ctx.refreshStores();
    historyReload();
  };
  dlg.append(
    h("h2", { id: "skip-title", text: t("import.skip_title", { file: item.name }) }),
    h("p", { class: "muted", text: t("import.skip_help", { n: number(n), rows: number(p.rows - n) }) }),
    table([
      { label: t("import.skip_col.sheet"), key: "sheet" },
      { label: t("import.skip_col.row"), num: true, render: (s) => number(s.row) },
      { label: t("import.skip_col.column"), render: (s) => s.column || "—" },
      { label: t("import.skip_col.value"), render: (s) => h("code", { text: s.value ?? "" }) },
      { label: t("import.skip_col.reason"), wide: true, render: (s) => (s.code && has(`error.reason.${s.code}`) ? t(`error.reason.${s.code}`) : t("error.bad_cell")) },
    ], p.skipped),
    errors,
    h("div", { class: "btn-row card-actions" },
      h("button", { type: "button", class: "btn btn-primary", "data-testid": "skip-go", onclick: go,
        text: t("import.skip_go", { n: number(n) }) }),
      h("button", { type: "button", class: "btn", onclick: () => dlg.close(), i18n: "import.map_cancel" })));
  dlg.addEventListener("close", () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}

/** The store column of a previewed file. A SKU cost sheet belongs to no shop: each SKU takes
 *  the currency of the stores that sell it, so a store is offered only as an option (several
 *  currencies). A file that names no shop asks for the name, pre-filled with the one given
 *  last for its platform, else the platform's name in the UI language. */
function storeCell(item, detected) {
  const cell = storeInput(item, detected);
  const similar = item.preview?.similar_store;
  if (!similar) return cell;
  return h("span", {}, cell, h("div", { class: "small muted", "data-testid": "similar-store",
    text: t("import.similar_store", { other: similar }) }));
}

/** The store column's control (or text) without the similar-name notice. */
function storeInput(item, detected) {
  const pv = item.preview;
  // Imported: the store it went to (the name the merchant gave, not the preview's guess).
  if (item.status === "done" && item.outcome) return item.outcome.store ? storeLabel(item.outcome.store) : "—";
  // A cost sheet belongs to no store: only the one the merchant chose is named.
  if (pv && ["sku_costs", "fixed_costs"].includes(pv.report) && item.status !== "ready") return item.store ? storeLabel(item.store) : "—";
  if (!pv || item.status !== "ready") return detected || "—";
  if (pv.report === "sku_costs") {
    const currencies = new Set(storeList.map((s) => s.currency));
    if (currencies.size < 2) return "—";
    const sel = h("select", { "aria-label": t("import.col.store"), "data-testid": "cost-store",
      onchange: (e) => { item.store = e.target.value || null; notify(); } },
      h("option", { value: "", text: t("import.store_by_sku") }),
      storeList.map((s) => h("option", { value: s.name, text: `${s.name} (${s.currency})` })));
    sel.value = item.store || "";
    return sel;
  }
  if (pv.report === "fixed_costs" || !["platform", "remembered"].includes(pv.store_source)) return detected || "—";
  if (item.store == null) item.store = pv.store_source === "remembered" ? pv.store : t(`platform.${pv.platform}`);
  return h("input", { type: "text", class: "store-name", "data-testid": "store-name", value: item.store,
    "aria-label": t("import.store_name"), title: t("import.store_name_help"),
    oninput: (e) => { item.store = e.target.value.trim() || null; } });
}

/** A cost sheet's SKUs whose sales do not tell their currency (the engine lists them, with
 *  the stores they sold in and every store to choose from): one store picker per SKU and one
 *  for all of them. The other SKUs are placed by their sales without asking. */
function unplacedCard(item) {
  const pv = item.preview;
  if (item.status !== "ready" || !pv || !pv.unplaced?.length || item.store) return null;
  item.skuStores = item.skuStores || {};
  const n = pv.unplaced.length;
  const choice = (s) => `${storeLabel(s.name)} (${s.currency})`;
  const pending = h("p", { class: "small warn-text", "aria-live": "polite" });
  const selects = [];
  const showPending = () => {
    const left = pv.unplaced.filter((u) => !item.skuStores[u.sku]).length;
    pending.textContent = left ? t("import.unplaced_pending", { n: number(left) }) : "";
  };
  const picker = (value, onpick, label, testid) => {
    const sel = h("select", { "aria-label": label, "data-testid": testid, onchange: (e) => onpick(e.target.value) },
      h("option", { value: "", text: t("import.unplaced_choose") }),
      pv.store_choices.map((s) => h("option", { value: s.name, text: choice(s) })));
    sel.value = value || "";
    return sel;
  };
  const all = picker("", (v) => {
    for (const u of pv.unplaced) item.skuStores[u.sku] = v;
    for (const sel of selects) sel.value = v;
    showPending();
  }, t("import.unplaced_all", { n: number(n) }), "unplaced-all");
  const rows = table([
    { label: t("import.unplaced_col.sku"), render: (u) => h("code", { text: u.sku }) },
    { label: t("import.unplaced_col.sold"), wide: true,
      render: (u) => (u.sold_in.length ? u.sold_in.map(choice).join(", ") : t("import.unplaced_never")) },
    { label: t("import.unplaced_col.store"), render: (u) => {
      const sel = picker(item.skuStores[u.sku], (v) => { item.skuStores[u.sku] = v; showPending(); }, u.sku, "unplaced-store");
      selects.push(sel);
      return sel;
    } },
  ], pv.unplaced);
  showPending();
  return h("section", { class: "card", "data-testid": "unplaced-skus" },
    h("h2", { text: t("import.unplaced_title", { file: item.name, n: number(n) }) }),
    h("p", { class: "muted", i18n: "import.unplaced_help" }),
    h("label", { class: "inline-edit" }, h("span", { text: t("import.unplaced_all", { n: number(n) }) }), all),
    rows,
    pending);
}

function queueCard(ctx) {
  const card = h("section", { class: "card", "data-testid": "import-queue" });
  const draw = () => {
    clear(card);
    // No empty frame while nothing waits to be imported.
    card.hidden = !queue.items.length;
    if (card.hidden) return;
    const p = (item, k) => (item.preview ? item.preview[k] : item.outcome ? item.outcome[k] : null);
    card.append(
      h("h2", { i18n: "import.queue" }),
      table([
        { label: t("import.col.file"), render: (i) => h("span", { class: "file-name", title: i.path, text: i.name }) },
        // Report over platform in one cell, as in the history: the store picker and the
        // status keep their room at 1280 px.
        { label: t("import.col.report"), render: (i) => (p(i, "report") ? h("div", { class: "cell-stack" },
          h("span", { text: t(`report.${p(i, "report")}`) }),
          p(i, "platform") ? h("span", { class: "small muted", text: t(`platform.${p(i, "platform")}`) }) : null) : "—") },
        { label: t("import.col.store"), render: (i) => storeCell(i, p(i, "store")) },
        { label: t("import.col.dates"), render: (i) => dateRange(p(i, "date_from"), p(i, "date_to")) },
        { label: t("import.col.rows"), num: true, render: (i) => number(p(i, "rows")) },
        { label: t("import.col.status"), wide: true, render: (i) => statusCell(i, ctx) },
        { label: "", sticky: true, render: (i) => (i.status === "importing" ? "" : h("button", { type: "button", class: "icon-btn", "aria-label": t("import.remove", { file: i.name }), onclick: () => remove(i.path), text: "×" })) },
      ], queue.items),
      ...queue.items.map(queuedNotice).filter(Boolean),
      ...queue.items.map(unplacedCard).filter(Boolean),
    );
    if (queue.progress) {
      const pr = queue.progress;
      const bar = h("progress", { class: "progress-bar", max: String(pr.files || 1), value: String(pr.index || 0), "aria-label": t("import.progress") });
      card.append(h("div", { class: "progress-row", "data-testid": "import-progress" },
        h("span", { class: "small muted", text: t("import.importing_file", { file: pr.file || "…", rows: number(pr.done || 0) }) }), bar));
    }
    const n = readyCount();
    card.append(h("div", { class: "btn-row card-actions" },
      h("button", { type: "button", class: "btn btn-primary", disabled: !n || queue.busy, "data-testid": "import-go", onclick: async () => {
        await importReady();
        const failed = queue.items.filter((i) => i.status === "error").length;
        toast(t(failed ? "import.finished_errors" : "import.finished"), failed ? "error" : "ok");
        await ctx.refreshStores();
        historyReload();
      } }, h("span", { text: t("import.go", { n }) })),
      h("button", { type: "button", class: "btn", disabled: queue.busy, onclick: clearFinished, i18n: "import.clear" })));
  };
  draw();
  unsubscribe?.();
  unsubscribe = subscribe(() => (card.isConnected ? draw() : unsubscribe?.()));
  return card;
}

let historyReload = () => {};

function historyCard(ctx) {
  const card = h("section", { class: "card", "data-testid": "import-history" });
  const load = async () => {
    let rows;
    try {
      rows = await call("imports");
      // An import may have made a store: the notices' currencies come from the list.
      storeList = await call("stores").catch(() => storeList);
    } catch (e) {
      clear(card).append(h("h2", { i18n: "import.history" }), h("p", { class: "muted", text: errorText(e) }));
      return;
    }
    clear(card).append(h("h2", { i18n: "import.history" }));
    if (!rows.length) {
      card.append(h("p", { class: "muted", i18n: "import.history_empty" }));
      return;
    }
    card.append(table([
      { label: t("import.col.when"), render: (r) => dateTime(r.imported_at) },
      { label: t("import.col.file"), render: (r) => h("div", {}, h("span", { class: "file-name", text: r.file }), unmappedNotice(r.unmapped, storeCurrency(r.store))) },
      // Report, platform and store stacked in one cell keep Undo in view at 1366 px.
      { label: t("import.col.report"), render: (r) => h("div", { class: "cell-stack" },
        h("span", { text: t(`report.${r.report}`) }),
        h("span", { class: "small muted", text: [t(`platform.${r.platform}`), r.store ? storeLabel(r.store) : ""].filter(Boolean).join(" · ") })) },
      { label: t("import.col.dates"), render: (r) => dateRange(r.date_from, r.date_to) },
      { label: t("import.col.added"), num: true, render: (r) => number(r.added) },
      { label: t("import.col.duplicates"), num: true, render: (r) => number(r.duplicates) },
      { label: "", sticky: true, render: (r) => h("button", { type: "button", class: "btn btn-danger", "aria-label": t("import.undo_file", { file: r.file }), onclick: async (ev) => {
        const btn = ev.currentTarget;
        if (btn.dataset.armed !== "1") {
          // Two-step: the first press asks, the second undoes (no modal dialogs).
          btn.dataset.armed = "1";
          btn.firstChild.textContent = t("import.undo_confirm");
          return;
        }
        try {
          await call("undo_import", { id: r.id });
          toast(t("import.undone", { file: r.file }));
          await ctx.refreshStores();
          load();
        } catch (e) {
          toast(errorText(e), "error", 8000);
        }
      } }, h("span", { i18n: "import.undo" })) },
    ], rows));
  };
  historyReload = load;
  load();
  return card;
}

// Back up / restore the data file (the native dialogs are opened by Rust; the page never
// handles a path). Restore asks twice, like Undo.
function dataCard(ctx) {
  const out = h("p", { class: "muted small", "aria-live": "polite" });
  const fail = (e) => clear(out).append(errorBox(e));
  const backupBtn = h("button", { type: "button", class: "btn", "data-testid": "backup", i18n: "data.backup", onclick: async () => {
    try {
      const file = await call("backup_data");
      if (file) toast(t("data.backed_up", { file }));
    } catch (e) { fail(e); }
  } });
  const restoreBtn = h("button", { type: "button", class: "btn btn-danger", "data-testid": "restore", i18n: "data.restore", onclick: async () => {
    if (restoreBtn.dataset.armed !== "true") {
      restoreBtn.dataset.armed = "true";
      restoreBtn.textContent = t("data.restore_confirm");
      return;
    }
    restoreBtn.dataset.armed = "false";
    restoreBtn.textContent = t("data.restore");
    try {
      const file = await call("restore_data");
      if (!file) return;
      toast(t("data.restored", { file }));
      await ctx.refreshStores();
      historyReload();
    } catch (e) { fail(e); }
  } });
  return h("section", { class: "card", "data-testid": "data-card" },
    h("h2", { i18n: "data.title" }),
    h("p", { class: "muted", i18n: "data.help" }),
    h("div", { class: "inline-edit" }, backupBtn, restoreBtn),
    out);
}

export async function render(root, ctx) {
  storeList = await call("stores").catch(() => []);
  root.append(
    h("div", { class: "view-head" }, h("h1", { i18n: "nav.import" })),
    dropZone(ctx),
    h("div", { class: "spacer" }),
    queueCard(ctx),
    historyCard(ctx),
    dataCard(ctx));
}
