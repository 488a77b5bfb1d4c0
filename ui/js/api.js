// The only door to the engine: Tauri commands (window.__TAURI__, withGlobalTauri). Errors come
// back as {code, kind, message}; anything else is normalised to that shape.

const T = window.__TAURI__;

export function normaliseError(e) {
  if (e && typeof e === "object" && typeof e.code === "string") return e;
  const message = typeof e === "string" ? e : (e && e.message) || String(e);
  const code = /command .* not found|not allowed|unknown command/i.test(message) ? "unavailable" : "internal";
  return { code, kind: "internal", message };
}

export async function call(cmd, args = {}) {
  if (!T) throw normaliseError("Tauri is not available");
  try {
    return await T.core.invoke(cmd, args);
  } catch (e) {
    throw normaliseError(e);
  }
}

/** A Tauri IPC channel whose messages go to `onMessage` (progress of long commands). */
export function channel(onMessage) {
  const ch = new T.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

export function listen(event, handler) {
  return T ? T.event.listen(event, handler) : Promise.resolve(() => {});
}

/** The native window's title (task bar, window list) follows the page's. */
export function setWindowTitle(title) {
  if (T) T.window.getCurrentWindow().setTitle(title).catch(() => {});
}

export function filterArg(f) {
  return { from: f.from || null, to: f.to || null, store: f.store || null };
}
