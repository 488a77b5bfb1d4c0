// Figures end to end: the period comparison shows under the KPI cards (as the engine's
// `compare` computes it); a KPI and a waterfall bar open the rows behind them; a SKU cost
// pasted from Excel on the Costs screen changes the dashboard's net profit; a fee source
// remapped to another kind there moves its amount on the dashboard's waterfall. Screenshots of
// each in zh, vi and en at 1366×768.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { launch, screenshot, setLang, go, settle, invoke, digits, importFixtures, reload, setValue, By, until, APP, I18N } from "../lib/app.mjs";

let app;
let ready = false;
// The second half of January against the first half (the fixtures cover January 2026).
const PERIOD = { from: "2026-01-16", to: "2026-01-31", store: null };

before(async () => {
  app = await launch({ locale: "en-US" });
  const info = await invoke(app.driver, "app_info");
  if (info.ok && info.ok.e2e) {
    const results = await importFixtures(app.driver);
    ready = results.some((r) => r.outcome);
    await reload(app.driver);
  }
});
after(async () => { await app?.quit(); });

async function customPeriod(d, compare) {
  await setValue(d, "period-mode", "custom");
  await setValue(d, "period-from", PERIOD.from);
  await setValue(d, "period-to", PERIOD.to);
  await setValue(d, "period-compare", compare);
  await settle(d, 800);
}

async function closeDialog(d) {
  await d.executeScript("for (const x of document.querySelectorAll('dialog[open]')) x.close()");
  await d.wait(async () => (await d.findElements(By.css('dialog[data-testid="drill"]'))).length === 0, 5000);
}

test("the dashboard shows each KPI against the previous period", async (t) => {
  if (!ready) return t.skip("needs an e2e build and the fixtures");
  const d = app.driver;
  await setLang(d, "en");
  await go(d, "dashboard");
  await customPeriod(d, "previous");
  const want = await invoke(d, "compare", { filter: PERIOD, with: "previous" });
  assert.ok(want.ok, JSON.stringify(want.err));
  assert.equal(want.ok.base_from, "2025-12-31");
  assert.equal(want.ok.base_to, "2026-01-15");
  await d.wait(until.elementLocated(By.css('[data-testid="compare-range"]')), 10000);
  for (const c of want.ok.currencies) {
    const np = c.deltas.find((x) => x.kpi === "net_profit");
    const el = await d.findElement(By.css(`[data-currency="${c.currency}"] [data-testid="delta-net_profit"]`));
    const text = await el.getText();
    if (np.change === null) {
      assert.ok(text.includes(I18N.en["compare.no_base"]), text);
      continue;
    }
    assert.ok(text.includes(I18N.en["compare.vs_previous"]), text);
    assert.ok(text.includes(/^-/.test(np.change) ? "▼" : "▲") || text.includes("＝"), `${c.currency}: ${text}`);
    const cls = await el.getAttribute("class");
    if (np.better !== null) assert.ok(cls.includes(np.better ? "up-good" : "up-bad"), cls);
  }
  await screenshot(d, "dashboard_compare_en");
  for (const lang of ["zh", "vi"]) {
    await setLang(d, lang);
    await d.wait(until.elementLocated(By.css('[data-testid="delta-gross_sales"]')), 10000);
    const text = await d.findElement(By.css('[data-testid="delta-gross_sales"]')).getText();
    assert.ok(text.includes(I18N[lang]["compare.vs_previous"]) || text.includes(I18N[lang]["compare.no_base"]), text);
    await screenshot(d, `dashboard_compare_${lang}`);
  }
  await setLang(d, "en");
});

test("a KPI card and a waterfall bar open the rows behind them", async (t) => {
  if (!ready) return t.skip("needs an e2e build and the fixtures");
  const d = app.driver;
  await setValue(d, "period-mode", "all");
  await setValue(d, "period-compare", "none");
  await settle(d);
  await go(d, "dashboard");
  const card = await d.findElement(By.css('[data-currency="CNY"] [data-testid="kpi-net_sales"]'));
  await card.click();
  const dlg = await d.wait(until.elementLocated(By.css('dialog[data-testid="drill"][data-total]')), 10000);
  const total = Number(await dlg.getAttribute("data-total"));
  assert.equal(await dlg.getAttribute("data-source"), "order_lines");
  const want = await invoke(d, "drill", { filter: { from: null, to: null, store: null }, currency: "CNY", figure: "net_sales", page: 0 });
  assert.equal(total, want.ok.total_rows);
  assert.ok(total > 0, "order lines behind net sales");
  const rows = await dlg.findElements(By.css("tbody tr"));
  assert.equal(rows.length, Math.min(total, 100));
  assert.match(await dlg.findElement(By.css('[data-testid="drill-info"]')).getText(), /Rows 1–/);
  await screenshot(d, "drill_net_sales_en");
  await closeDialog(d);

  // The commission bar of the waterfall opens fee rows (opened in Chinese this time).
  await setLang(d, "zh");
  const bar = await d.findElement(By.css('[data-currency="CNY"] [data-testid="chart-waterfall"] [data-mark="platform_commission"]'));
  await d.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar);
  const fees = await d.wait(until.elementLocated(By.css('dialog[data-testid="drill"][data-total]')), 10000);
  assert.equal(await fees.getAttribute("data-source"), "fees");
  assert.ok(Number(await fees.getAttribute("data-total")) > 0);
  await settle(d);
  await screenshot(d, "drill_fees_zh");
  await closeDialog(d);
  await setLang(d, "en");
});

test("a cost pasted from Excel changes the net profit", async (t) => {
  if (!ready) return t.skip("needs an e2e build and the fixtures");
  const d = app.driver;
  // A CNY SKU that sold (net of refunds): a new cost for it must move the profit.
  const products = await invoke(d, "products", { filter: { from: null, to: null, store: null } });
  const cny = (products.ok.currencies || []).find((c) => c.currency === "CNY");
  const sku = cny && cny.products.find((p) => p.sku && !/^-?0(\.0+)?$/.test(p.net_sales));
  if (!sku) return t.skip("no CNY SKU sold");
  const before = JSON.parse(execFileSync(APP, ["--db", app.db, "summary", "--json"], { encoding: "utf8" }));
  const np0 = before.currencies.find((c) => c.currency === "CNY").net_profit;

  await settle(d, 800); // let the previous test's language switch finish rendering
  await go(d, "costs");
  await settle(d, 800);
  // Found afresh each time: the view may re-render under us.
  const box = { findElement: (by) => d.findElement(By.css(`[data-testid="sku-costs-CNY"] ${by.value}`)) };
  const area = () => box.findElement(By.css('[data-testid="paste-costs"]'));
  // As Excel puts it on the clipboard: a header row, tab-separated cells, CRLF line ends.
  await d.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", await area(),
    `SKU\tUnit cost\tValid from\r\n${sku.sku}\t77.77\t2026-01-01\r\nBAD-ONE\tabc\r\n`);
  await box.findElement(By.css('[data-testid="paste-check"]')).click();
  await d.wait(until.elementLocated(By.css('[data-testid="paste-errors"]')), 10000);
  assert.equal(await box.findElement(By.css('[data-testid="paste-save"]')).isEnabled(), false, "a block with a bad line cannot be saved");
  await d.executeScript("arguments[0].scrollIntoView()", await area());
  await screenshot(d, "costs_paste_error_en");
  await d.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", await area(),
    `SKU\tUnit cost\tValid from\r\n${sku.sku}\t77.77\t2026-01-01\r\n`);
  await box.findElement(By.css('[data-testid="paste-check"]')).click();
  await d.wait(async () => d.executeScript("const b = document.querySelector('[data-testid=\"sku-costs-CNY\"] [data-testid=\"paste-save\"]'); return b && !b.disabled"), 10000);
  await box.findElement(By.css('[data-testid="paste-save"]')).click();
  const input = `[data-testid="sku-costs-CNY"] input[data-sku="${sku.sku}"]`;
  await d.wait(async () => {
    // The table is redrawn after the save: a node may go stale between find and read.
    return d.executeScript("return [...document.querySelectorAll(arguments[0])].some((e) => e.value === '77.77')", input);
  }, 10000, "the pasted cost shows in the table");
  await screenshot(d, "costs_pasted_en");

  const after = JSON.parse(execFileSync(APP, ["--db", app.db, "summary", "--json"], { encoding: "utf8" }));
  const np1 = after.currencies.find((c) => c.currency === "CNY").net_profit;
  assert.notEqual(np1, np0, "the new cost lowers the profit");
  await go(d, "dashboard");
  const shown = await d.findElement(By.css('[data-currency="CNY"] [data-testid="kpi-net_profit"] .kpi-value')).getText();
  assert.equal(digits(shown), digits(np1));
  for (const lang of ["zh", "vi"]) {
    await setLang(d, lang);
    await go(d, "costs");
    await screenshot(d, `costs_${lang}`);
  }
  await setLang(d, "en");
});

test("a fee source counted under another kind moves its amount on the dashboard", async (t) => {
  if (!ready) return t.skip("needs an e2e build and the fixtures");
  const d = app.driver;
  const SELECT = 'select[data-platform="shopee_vn"][data-source="Phí thanh toán"]';
  const summary = () => JSON.parse(execFileSync(APP, ["--db", app.db, "summary", "--json"], { encoding: "utf8" }))
    .currencies.find((c) => c.currency === "VND");
  const before = summary();
  // tests/fixtures/README.md: Shopee's Phí thanh toán is the VND payment fee, 36300.
  assert.equal(before.fees.payment_fee, "36300");
  const bar = async (kind) => (await d.findElements(By.css(`[data-currency="VND"] [data-testid="chart-waterfall"] [data-mark="${kind}"]`))).length;
  await settle(d, 800);
  await go(d, "dashboard");
  await d.wait(async () => (await bar("net_profit")) > 0, 10000);
  assert.equal(await bar("payment_fee"), 1);

  const choose = async (kind) => {
    await go(d, "costs");
    const sel = await d.wait(until.elementLocated(By.css(SELECT)), 10000);
    await d.executeScript("arguments[0].scrollIntoView(); arguments[0].dataset.old = '1'; arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", sel, kind);
    // The table is redrawn from the engine once the change is saved (a new select).
    await d.wait(async () => d.executeScript("const s = document.querySelector(arguments[0]); return !!s && !s.dataset.old && s.value === arguments[1]", SELECT, kind), 10000);
    await settle(d, 500);
  };
  await choose("subsidy");
  await screenshot(d, "costs_fee_kinds_en");
  const mapped = summary();
  // 36300 moves from payment fees to subsidies (42500 + 36300); hidden costs stay.
  assert.equal(mapped.fees.payment_fee, "0");
  assert.equal(mapped.fees.subsidy, String(Number(before.fees.subsidy) + 36300));
  assert.equal(mapped.hidden_costs, before.hidden_costs);
  assert.notEqual(mapped.profit_roi, before.profit_roi);
  await go(d, "dashboard");
  await d.wait(async () => (await bar("net_profit")) > 0, 10000);
  assert.equal(await bar("payment_fee"), 0, "no payment fee bar once it counts as a subsidy");
  for (const lang of ["zh", "vi"]) {
    await setLang(d, lang);
    await go(d, "costs");
    await d.executeScript("document.querySelector('[data-testid=\"fee-kinds\"]').scrollIntoView()");
    await settle(d, 300);
    await screenshot(d, `costs_fee_kinds_${lang}`);
  }
  await setLang(d, "en");
  // Back to the default kind: the figures are the earlier ones.
  await choose("payment_fee");
  assert.deepEqual(summary(), before);
});

test("channels: spend-response curve or its explanation; products: the matrix", async (t) => {
  if (!ready) return t.skip("needs an e2e build and the fixtures");
  const d = app.driver;
  for (const lang of ["en", "zh", "vi"]) {
    await setLang(d, lang);
    await go(d, "channels");
    await d.wait(async () => (await d.findElements(By.css('[data-testid="response-box"] svg, [data-testid="response-empty"]'))).length > 0, 15000);
    await d.executeScript("document.querySelector('[data-testid=\"chart-response\"]').scrollIntoView()");
    await settle(d, 300);
    await screenshot(d, `channels_response_${lang}`);
    // The VND stores bought no ads: no empty table, what to import for a Shopee store.
    const vnd = await d.executeScript(`const c = document.querySelector('[data-testid="channels-VND"]');
      return c && { tables: c.querySelectorAll("table").length, shopee: !!c.querySelector('li[data-platform="shopee_vn"]'), text: c.innerText };`);
    assert.ok(vnd, "a VND card");
    assert.equal(vnd.tables, 0, vnd.text);
    assert.ok(vnd.shopee && vnd.text.includes(I18N[lang]["channels.empty_for.shopee_vn"]), vnd.text);
    await go(d, "products");
    const dots = await d.findElements(By.css('[data-testid="chart-matrix"] circle.mark'));
    assert.ok(dots.length >= 2, "matrix dots are wired for drill-down");
    await screenshot(d, `products_matrix_${lang}`);
  }
  const dot = (await d.findElements(By.css('[data-testid="chart-matrix"] circle.mark')))[0];
  await d.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", dot);
  const dlg = await d.wait(until.elementLocated(By.css('dialog[data-testid="drill"][data-total]')), 10000);
  assert.equal(await dlg.getAttribute("data-source"), "order_lines");
  await screenshot(d, "products_drill_vi");
  await closeDialog(d);
  await setLang(d, "en");
});
