// Import end to end: a broken file dropped on the window is refused with a visible,
// translated reason; the fixtures imported by path show on the dashboard the same net profit
// as `fupan summary --json`; the attribution slider re-queries the engine.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, screenshot, setLang, go, settle, invoke, dropFiles, digits, setValue, By, until, APP, I18N, FX, DATASET } from "../lib/app.mjs";

// Store traffic reports (UV value), imported on top of the dataset (fixtures README).
const TRAFFIC = [
  ["shopee_vn/Phân tích bán hàng.20260101_20260131.xlsx", "Shopee VN Shop"],
  ["taobao/【生意参谋平台】店铺经营概况_20260101_20260131.csv", "淘宝小店"],
];

let app;
let e2eBuild = false;
before(async () => {
  app = await launch({ locale: "en-US" });
  const info = await invoke(app.driver, "app_info");
  e2eBuild = Boolean(info.ok && info.ok.e2e);
});
after(async () => { await app?.quit(); });

test("a broken file dropped on the window is refused with a translated reason", async () => {
  const d = app.driver;
  const bad = join(app.dir, "garbage.csv");
  writeFileSync(bad, "this is,not\nan export,at all\n\u0000\u0001");
  await dropFiles(d, [bad]);
  await d.wait(until.elementLocated(By.css('[data-testid="file-error"]')), 15000);
  const text = await d.findElement(By.css('[data-testid="file-error"]')).getText();
  const known = Object.keys(I18N.en).filter((k) => k.startsWith("error.")).map((k) => I18N.en[k]);
  assert.ok(known.some((m) => text.includes(m)), `error shown translated: ${text}`);
  await settle(d, 800);
  await screenshot(d, "import_bad_file");
  // Below the history: back up / restore the data file, translated.
  const card = await d.findElement(By.css('[data-testid="data-card"]'));
  assert.equal(await card.findElement(By.css("h2")).getText(), I18N.en["data.title"]);
  assert.equal(await card.findElement(By.css('[data-testid="backup"]')).getText(), I18N.en["data.backup"]);
  assert.equal(await card.findElement(By.css('[data-testid="restore"]')).getText(), I18N.en["data.restore"]);
});

test("fixtures imported by path: dashboard net profit equals `fupan summary --json`", async (t) => {
  const files = DATASET.filter(([f]) => existsSync(join(FX, f)));
  if (!e2eBuild || files.length < DATASET.length) return t.skip("needs an e2e build and the fixtures");
  const d = app.driver;
  const results = [];
  for (const [f, store] of [...files, ...TRAFFIC.filter(([f]) => existsSync(join(FX, f)))]) {
    const r = await invoke(d, "import_paths", { paths: [join(FX, f)], store });
    assert.ok(r.ok, `import_paths failed: ${JSON.stringify(r.err)}`);
    results.push(...r.ok);
  }
  // The importer's own tests check every fixture; here the UI must show what the engine holds.
  for (const r of results.filter((r) => r.error)) t.diagnostic(`refused: ${r.path}: ${r.error.message}`);
  assert.ok(results.filter((r) => r.outcome).length >= files.length / 2, "most fixtures import");
  await d.navigate().refresh();
  await d.wait(async () => (await d.executeScript("return document.body.dataset.ready")) === "true", 15000);
  await setLang(d, "en");
  await go(d, "dashboard");
  const cli = JSON.parse(execFileSync(APP, ["--db", app.db, "summary", "--json"], { encoding: "utf8" }));
  assert.ok(cli.currencies.length >= 1);
  for (const c of cli.currencies) {
    const card = await d.findElement(By.css(`[data-currency="${c.currency}"] [data-testid="kpi-net_profit"] .kpi-value`));
    assert.equal(digits(await card.getText()), digits(c.net_profit), `${c.currency} net profit`);
    const gmv = await d.findElement(By.css(`[data-currency="${c.currency}"] [data-testid="kpi-gmv"] .kpi-value`));
    assert.equal(digits(await gmv.getText()), digits(c.gross_sales), `${c.currency} GMV`);
  }
  const svg = await d.findElements(By.css('[data-testid="chart-waterfall"] svg'));
  assert.ok(svg.length >= 1, "waterfall drawn");
  await screenshot(d, "dashboard_fixtures");
  await d.findElement(By.id("theme-toggle")).click();
  await settle(d, 800);
  await screenshot(d, "dashboard_fixtures_dark");
  await d.findElement(By.id("theme-toggle")).click();
  await setLang(d, "zh");
  await screenshot(d, "dashboard_fixtures_zh");
  await setLang(d, "vi");
  await screenshot(d, "dashboard_fixtures_vi");
  await setLang(d, "en");
  for (const view of ["import", "stores", "costs", "products", "review"]) {
    await go(d, view);
    await screenshot(d, `screen_${view}_data`);
  }
});

test("stores: the matrix shows the engine's UV value per store and per currency", async (t) => {
  if (!e2eBuild) return t.skip("needs an e2e build");
  const d = app.driver;
  await setValue(d, "period-mode", "all");
  await settle(d);
  await go(d, "stores");
  await d.wait(until.elementLocated(By.css('[data-testid="uv-value"]')), 10000);
  const m = await invoke(d, "store_matrix", { filter: { from: null, to: null, store: null } });
  assert.ok(m.ok, JSON.stringify(m.err));
  const want = m.ok.currencies.flatMap((c) => [...c.stores, c.total].map((r) => r.uv_value));
  if (!want.some((v) => v !== null)) return t.skip("no traffic report imported");
  const shown = await Promise.all((await d.findElements(By.css('[data-testid="uv-value"]'))).map((e) => e.getText()));
  assert.equal(shown.length, want.length, "one UV value per store and per currency total");
  shown.forEach((s, i) => assert.equal(digits(s), want[i] === null ? "" : digits(want[i]), `row ${i}`));
  await screenshot(d, "stores_matrix");
  await go(d, "dashboard");
  const sub = await d.findElement(By.css('[data-currency="VND"] [data-testid="kpi-net_sales"] .kpi-sub'));
  assert.match(await sub.getText(), new RegExp(I18N.en["kpi.uv_value"]));
});

test("channels: the attribution slider re-queries the engine", async (t) => {
  if (!e2eBuild) return t.skip("needs an e2e build");
  const d = app.driver;
  await go(d, "channels");
  const rows = await d.findElements(By.css(".attributed-roas"));
  if (!rows.length) return t.skip("no ad data imported");
  await screenshot(d, "channels_k0");
  const slider = await d.findElement(By.css('[data-testid="assist-slider"]'));
  const body = await d.findElement(By.css('[data-testid="channels-body"]'));
  assert.equal(await body.getAttribute("data-assist-coef"), "0");
  await d.executeScript("arguments[0].value = '1'; arguments[0].dispatchEvent(new Event('input'));", slider);
  await d.wait(async () => (await body.getAttribute("data-assist-coef")) === "1", 10000, "the table was re-queried with k = 1");
  const value = await d.findElement(By.css(".slider-value")).getText();
  assert.match(value, /^1/);
  const expected = await invoke(d, "channels", { filter: { from: null, to: null, store: null }, assistCoef: "1" });
  assert.ok(expected.ok, JSON.stringify(expected.err));
  const shown = await Promise.all((await d.findElements(By.css(".attributed-roas"))).map((e) => e.getText()));
  const want = expected.ok.currencies.flatMap((c) => c.channels.map((r) => r.attributed_roas));
  assert.equal(shown.length, want.length);
  shown.forEach((s, i) => assert.equal(digits(s), want[i] === null ? "" : digits(Number(want[i]).toFixed(2)), `row ${i}`));
  await screenshot(d, "channels_k1");
});
