// Drive the real Fupan window: tauri-driver (WebDriver proxy) → WebKitWebDriver → target/debug/fupan.
// Each session gets a fresh data dir (XDG_*) and a fresh ledger (FUPAN_DB).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { WebDriver, Capabilities, By, until } from "selenium-webdriver";
import { HttpClient, Executor } from "selenium-webdriver/http/index.js";

export { By, until };
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const APP = process.env.FUPAN_APP || join(ROOT, "target", "debug", "fupan");
export const SHOTS = process.env.FUPAN_SHOTS || join(ROOT, "artifacts", "screenshots");
export const FX = join(ROOT, "tests", "fixtures");
// The fixtures README's full dataset: each file with the store it belongs to.
export const DATASET = [
  ["shopee_vn/Order.all.20260101_20260131.xlsx", "Shopee VN Shop"],
  ["tiktok_shop/All_order-20260131.xlsx", "TikTok VN Shop"],
  ["douyin/1769904000_orders.csv", "抖店旗舰店"],
  ["douyin/fund_flow_orders.csv", "抖店旗舰店"],
  ["ads/qianchuan_daily.xlsx", "抖店旗舰店"],
  ["taobao/ExportOrderList202601.csv", "淘宝小店"],
  ["taobao/ExportOrderDetailList202601.csv", "淘宝小店"],
  ["ads/ztc_wanxiangtai.csv", "淘宝小店"],
  ["pdd/orders_202601a.csv", "拼多多店"],
  ["pdd/orders_202601b_serial_dates.csv", "拼多多店"],
  ["ads/pdd_ads.csv", "拼多多店"],
  ["costs/sku_costs.xlsx", "抖店旗舰店"],
];

/** Import the dataset through the e2e-only command; returns the per-file results. */
export async function importFixtures(driver) {
  const results = [];
  for (const [f, store] of DATASET.filter(([f]) => existsSync(join(FX, f)))) {
    const r = await invoke(driver, "import_paths", { paths: [join(FX, f)], store });
    if (!r.ok) throw new Error(`import_paths failed: ${JSON.stringify(r.err)}`);
    results.push(...r.ok);
  }
  return results;
}

/** Whether the app was built with the e2e feature (its `import_paths` command). */
export async function isE2eBuild(driver) {
  const info = await invoke(driver, "app_info");
  return Boolean(info.ok && info.ok.e2e);
}

/** Reload the page and wait until it is ready again. */
export async function reload(driver) {
  await driver.navigate().refresh();
  await driver.wait(async () => (await driver.executeScript("return document.body.dataset.ready")) === "true", 15000);
}

/** Set a <select>/<input> value as a user would and fire its change event. */
export async function setValue(driver, id, value, event = "change") {
  const el = await driver.findElement(By.id(id));
  await driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event(arguments[2]));", el, value, event);
}

export const I18N = Object.fromEntries(["zh", "vi", "en"].map((l) => [l, JSON.parse(readFileSync(join(ROOT, "ui", "i18n", `${l}.json`), "utf8"))]));

function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on("error", fail);
  });
}

async function waitPort(port, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((r) => {
      const s = net.connect(port, "127.0.0.1", () => { s.end(); r(true); });
      s.on("error", () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/** Start the app. Returns {driver, dir, db, quit()}. `locale` sets the OS language the app sees. */
export async function launch({ locale = "en-US" } = {}) {
  if (!existsSync(APP)) throw new Error(`${APP} not built: run tests/e2e/run.sh`);
  const dir = mkdtempSync(join(tmpdir(), "fupan-e2e-"));
  const db = join(dir, "fupan.db");
  for (const d of ["data", "config", "cache"]) mkdirSync(join(dir, d));
  const port = await freePort();
  const nativePort = await freePort();
  const env = {
    ...process.env,
    FUPAN_DB: db,
    FUPAN_LOCALE: locale,
    LANG: "C.UTF-8",
    NO_AT_BRIDGE: "1",
    XDG_DATA_HOME: join(dir, "data"),
    XDG_CONFIG_HOME: join(dir, "config"),
    XDG_CACHE_HOME: join(dir, "cache"),
  };
  const driverBin = process.env.TAURI_DRIVER || "tauri-driver";
  const proc = spawn(driverBin, ["--port", String(port), "--native-port", String(nativePort)], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  proc.stdout.on("data", (d) => { log += d; });
  proc.stderr.on("data", (d) => { log += d; });
  await waitPort(port);
  const caps = new Capabilities();
  caps.set("tauri:options", { application: APP });
  const driver = await WebDriver.createSession(new Executor(new HttpClient(`http://127.0.0.1:${port}/`)), caps);
  if (!process.env.FUPAN_NOWAIT) await driver.wait(async () => (await driver.executeScript("return document.body && document.body.dataset.ready")) === "true", 20000, "the page never became ready");
  try {
    await driver.manage().window().setRect({ x: 0, y: 0, width: 1366, height: 768 });
  } catch {
    /* not every driver can resize; the window's own size is close enough */
  }
  return {
    driver,
    dir,
    db,
    log: () => log,
    async quit() {
      try { await driver.quit(); } catch { /* already gone */ }
      // tauri-driver and its WebKitWebDriver child: the whole process group.
      try { process.kill(-proc.pid, "SIGTERM"); } catch { /* gone */ }
      proc.stdout.destroy();
      proc.stderr.destroy();
      proc.unref();
    },
  };
}

export async function screenshot(driver, name) {
  mkdirSync(SHOTS, { recursive: true });
  const png = await driver.takeScreenshot();
  const path = join(SHOTS, `${name}.png`);
  writeFileSync(path, png, "base64");
  return path;
}

/** Invoke a Tauri command from the page (async script). Resolves to {ok} or {err}. */
export async function invoke(driver, cmd, args = {}) {
  return driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI__.core.invoke(arguments[0], arguments[1]).then((ok) => done({ ok }), (err) => done({ err }));`,
    cmd, args);
}

/** Emit the event the window sends when files are dropped on it (the real drop handler runs). */
export async function dropFiles(driver, paths) {
  await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI__.event.emit("tauri://drag-drop", { paths: arguments[0], position: { x: 10, y: 10 } }).then(done, done);`,
    paths);
}

export async function setLang(driver, lang) {
  const sel = await driver.findElement(By.id("lang-switch"));
  await driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", sel, lang);
  await driver.wait(async () => (await driver.executeScript("return document.documentElement.lang")).startsWith(lang), 5000);
  await settle(driver);
}

export async function go(driver, view) {
  await driver.findElement(By.css(`.nav-list a[data-view="${view}"]`)).click();
  await driver.wait(until.elementLocated(By.css(`[data-testid="view-${view}"]`)), 10000);
  await settle(driver);
}

/** Wait until the page's latest render has landed, then `ms` more (charts, layout). */
export async function settle(driver, ms = 400) {
  await driver.wait(async () => (await driver.executeScript("return document.body.dataset.rendering")) !== "true", 15000).catch(() => {});
  await driver.sleep(ms);
}

/** Digits and sign only: "¥1,234.50" → "123450", "-1.234.567 ₫" → "-1234567". */
export function digits(s) {
  const neg = /^[^\d]*-/.test(s) || s.includes("−");
  return (neg ? "-" : "") + s.replace(/[^\d]/g, "");
}
