// Issue 17: two writers take turns. While another program (here a Python process standing in
// for `fupan import` on the command line) holds the data file's write lock, an import in the
// window waits, says so in the UI language, and goes ahead once the lock is released.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { launch, screenshot, settle, setLang, invoke, isE2eBuild, FX, I18N, DATASET, By } from "../lib/app.mjs";

let app;
before(async () => { app = await launch({ locale: "vi-VN" }); });
after(async () => { await app?.quit(); });

/** Hold the ledger's write lock for `seconds`; resolves once it is held. */
function holdLock(db, seconds) {
  const py = `import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("COMMIT")`;
  const p = spawn("python3", ["-c", py, db, String(seconds)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    p.stdout.on("data", (d) => { if (String(d).includes("held")) resolve(p); });
    p.on("error", reject);
    p.on("exit", (code) => reject(new Error(`lock holder exited ${code}`)));
  });
}

test("an import waits for another writer and says so in the UI language", async (t) => {
  const d = app.driver;
  if (!(await isE2eBuild(d))) return t.skip("needs an e2e build");
  await setLang(d, "vi");
  const [first, second] = DATASET;
  const r1 = await invoke(d, "import_paths", { paths: [join(FX, first[0])], store: first[1] });
  assert.ok(r1.ok, `first import: ${JSON.stringify(r1.err)}`);

  const holder = await holdLock(app.db, 4);
  const started = Date.now();
  const pending = invoke(d, "import_paths", { paths: [join(FX, second[0])], store: second[1] });
  const want = I18N.vi["import.waiting_lock"];
  await d.wait(async () => {
    const toasts = await d.findElements(By.css("#toasts .toast"));
    for (const el of toasts) if ((await el.getText()) === want) return true;
    return false;
  }, 4000, "the waiting message while the lock is held");
  await settle(d, 500);
  await screenshot(d, "lock_wait_vi");
  const r2 = await pending;
  assert.ok(r2.ok, `the import goes ahead after the wait: ${JSON.stringify(r2.err)}`);
  assert.ok(Date.now() - started >= 2000, "it waited for the other writer");
  assert.ok(r2.ok.every((r) => r.outcome && !r.error), `imported: ${JSON.stringify(r2.ok)}`);
  holder.kill();
  await settle(d, 200);
});
