// The import queue shared by the drop target, the file picker and the Import view: each path is
// previewed by the engine (platform, report, store, dates, rows), then imported on request.

import { call, channel } from "./api.js";

export const queue = { items: [], busy: false, progress: null, last: null };
const listeners = new Set();

export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function notify() {
  for (const fn of listeners) fn(queue);
}

function baseName(p) {
  return String(p).split(/[\\/]/).pop();
}

export async function addPaths(paths) {
  const fresh = paths.filter((p) => !queue.items.some((i) => i.path === p && i.status !== "done"));
  if (!fresh.length) return;
  const items = fresh.map((path) => ({ path, name: baseName(path), status: "previewing", preview: null, error: null, outcome: null }));
  queue.items.push(...items);
  notify();
  let results;
  try {
    results = await call("preview_files", { paths: fresh });
  } catch (e) {
    results = fresh.map((path) => ({ path, preview: null, error: e }));
  }
  for (const r of results) {
    const item = items.find((i) => i.path === r.path);
    if (!item) continue;
    item.preview = r.preview;
    item.error = r.error;
    // Refused for unreadable rows: what importing without them would give (rows listed).
    item.ifSkipped = r.if_skipped || null;
    item.status = r.error ? "error" : "ready";
  }
  notify();
}

export function remove(path) {
  queue.items = queue.items.filter((i) => i.path !== path);
  notify();
}

export function clearFinished() {
  queue.items = queue.items.filter((i) => i.status !== "done" && i.status !== "error");
  notify();
}

export function readyCount() {
  return queue.items.filter((i) => i.status === "ready").length;
}

function onProgress(msg) {
  queue.progress = msg;
  notify();
}

function applyResults(items, results) {
  for (const r of results) {
    const item = items.find((i) => i.path === r.path);
    if (!item) continue;
    item.outcome = r.outcome;
    item.error = r.error;
    item.status = r.error ? "error" : "done";
  }
}

/** Import every previewed file; progress arrives on a Tauri channel. */
export async function importReady() {
  const items = queue.items.filter((i) => i.status === "ready");
  if (!items.length || queue.busy) return;
  queue.busy = true;
  for (const i of items) i.status = "importing";
  queue.progress = { index: 0, file: items[0].name, done: 0, total: 0 };
  notify();
  try {
    const files = items.map((i) => ({ path: i.path, store: i.store || null, sku_stores: i.skuStores || {} }));
    const results = await call("import_files", { files, onProgress: channel(onProgress) });
    applyResults(items, results);
  } catch (e) {
    for (const i of items) { i.status = "error"; i.error = e; }
  } finally {
    queue.busy = false;
    queue.progress = null;
    notify();
  }
}

/** Import one refused file with the user's column mapping (see views/import.js). Returns
 * the engine's result; on success the queue item becomes "done". */
export async function importMapped(item, mapping, store) {
  const r = await call("import_mapped", { path: item.path, mapping, store: store || null });
  if (!r.error) {
    applyResults([item], [r]);
    notify();
  }
  return r;
}

/** Import one file refused for unreadable rows, leaving those rows out (the user agreed,
 * having seen them listed). Returns the engine's result. */
export async function importSkipping(item) {
  if (queue.busy) return null;
  queue.busy = true;
  item.status = "importing";
  notify();
  try {
    const files = [{ path: item.path, store: item.store || null, skip_bad_rows: true }];
    const results = await call("import_files", { files, onProgress: channel(onProgress) });
    applyResults([item], results);
    return results[0] || null;
  } catch (e) {
    item.status = "error";
    item.error = e;
    return null;
  } finally {
    queue.busy = false;
    queue.progress = null;
    notify();
  }
}

/** The bundled sample exports, imported in one go. */
export async function loadSample() {
  if (queue.busy) return [];
  queue.busy = true;
  queue.progress = { index: 0, file: "", done: 0, total: 0 };
  notify();
  try {
    const results = await call("load_sample_data", { onProgress: channel(onProgress) });
    const items = results.map((r) => ({ path: r.path, name: baseName(r.path), status: "importing", preview: null, error: null, outcome: null }));
    applyResults(items, results);
    queue.items.push(...items);
    return results;
  } finally {
    queue.busy = false;
    queue.progress = null;
    notify();
  }
}

export async function pickFiles() {
  const paths = await call("pick_files");
  if (paths && paths.length) await addPaths(paths);
  return paths || [];
}
