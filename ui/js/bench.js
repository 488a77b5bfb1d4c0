// Figure 6 of scripts/bench.sh (FUPAN_BENCH_PAINT=1 only): report the first painted
// dashboard, then time one filter change's refresh until it is painted; the app then quits.

import { call } from "./api.js";

const painted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** `refresh` applies a filter change and resolves once the view is in the DOM. */
export async function benchPaint(refresh) {
  let on = false;
  try {
    on = await call("bench_enabled");
  } catch {
    return;
  }
  if (!on) return;
  await painted();
  await call("bench_mark", { stage: "first_paint" });
  const t0 = performance.now();
  await refresh();
  await painted();
  await call("bench_mark", { stage: "refresh", ms: performance.now() - t0 });
}
