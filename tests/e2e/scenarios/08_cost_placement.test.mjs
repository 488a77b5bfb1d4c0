// Issue 16: a shop with CNY and VND stores enters SKU costs without a currency column. The
// Import preview asks for a store only for the SKUs their sales cannot place (TS-RED-M sells
// in both currencies, NEW-1 has not sold); TS-BLU-M (VND only) is placed without asking.
// Imported without a choice, the refusal is in the UI language (zh, then vi) and names the
// SKUs and what to do — no CLI flag, no English. With one store chosen for both, the sheet
// imports: Shopee VN's COGS = 2 × 60,000 (TS-BLU-M) + 3 × 30 (TS-RED-M) = 120,090 ₫
// (units from tests/fixtures/generate.py SHOPEE_ORDERS, as in tests/costs_and_store_names.rs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, screenshot, settle, dropFiles, go, setLang, invoke, isE2eBuild, By, until, APP, FX, I18N } from "../lib/app.mjs";
import { leakedWord } from "../lib/words.mjs";

let app;
before(async () => { app = await launch({ locale: "zh-CN" }); });
after(async () => { await app?.quit(); });

const SHEET = join(mkdtempSync(join(tmpdir(), "fupan-costs-")), "sku_costs.csv");
writeFileSync(SHEET, "SKU,成本\nTS-BLU-M,60000\nTS-RED-M,30\nNEW-1,5\n");

const head = (s) => s.split("{")[0];

test("a cost sheet asks for the store only of the SKUs it cannot place", async () => {
  const d = app.driver;
  assert.ok(await isE2eBuild(d), "built with --features e2e");
  for (const [f, store] of [["shopee_vn/Order.all.20260101_20260131.xlsx", "Shopee VN Shop"], ["douyin/1769904000_orders.csv", "抖店旗舰店"]]) {
    const r = await invoke(d, "import_paths", { paths: [join(FX, f)], store });
    assert.ok(r.ok, JSON.stringify(r.err));
  }
  await go(d, "import");
  await dropFiles(d, [SHEET]);
  await d.wait(until.elementLocated(By.css('[data-testid="unplaced-skus"]')), 20000)
    .catch(async (e) => { await screenshot(d, "costs_unplaced_missing"); throw e; });
  await settle(d, 400);
  // The queue redraws on each change (later on a busy machine): read the card afresh.
  const card = await d.executeScript(`const c = document.querySelector('[data-testid="unplaced-skus"]');
    const r = c.getBoundingClientRect();
    return { text: c.innerText, rows: c.querySelectorAll("tbody tr").length, right: r.x + r.width };`);
  let text = card.text;
  assert.ok(text.includes(head(I18N.zh["import.unplaced_help"])), text);
  assert.equal(card.rows, 2, text);
  assert.ok(text.includes("TS-RED-M") && text.includes("NEW-1"), text);
  assert.ok(!text.includes("TS-BLU-M"), `a SKU of one currency is not asked for: ${text}`);
  assert.ok(text.includes(I18N.zh["import.unplaced_never"]), text);
  assert.equal(leakedWord(text), null);
  assert.ok(card.right <= 1366, `card fits: ${card.right}`);
  // The queue redraws on each change: scroll to the card as it is now.
  await d.executeScript("document.querySelector('[data-testid=\"unplaced-skus\"]').scrollIntoView({ block: 'center' })");
  await settle(d, 400);
  await screenshot(d, "costs_unplaced_preview_zh");

  // Imported without choosing: refused, in Chinese, naming both SKUs and the next step.
  await d.findElement(By.css('[data-testid="import-go"]')).click();
  const err = await d.wait(until.elementLocated(By.css('[data-testid="file-error"]')), 20000);
  await settle(d, 400);
  text = await err.getText();
  for (const part of [I18N.zh["error.unplaced_skus"], "TS-RED-M", "NEW-1", head(I18N.zh["error.hint.unplaced_skus"])]) {
    assert.ok(text.includes(part), `zh message lacks ${part}: ${text}`);
  }
  assert.equal(leakedWord(text), null, text);
  assert.ok(!/currency|sell|import/i.test(text), `no English: ${text}`);
  await d.executeScript("arguments[0].scrollIntoView({ block: 'center' })", err);
  await settle(d, 300);
  await screenshot(d, "costs_unplaced_refused_zh");

  await setLang(d, "vi");
  const errVi = await d.findElement(By.css('[data-testid="file-error"]'));
  await d.executeScript("arguments[0].scrollIntoView({ block: 'center' })", errVi);
  await settle(d, 300);
  text = await errVi.getText();
  for (const part of [I18N.vi["error.unplaced_skus"], "TS-RED-M", "NEW-1", head(I18N.vi["error.hint.unplaced_skus"])]) {
    assert.ok(text.includes(part), `vi message lacks ${part}: ${text}`);
  }
  assert.equal(leakedWord(text), null, text);
  await screenshot(d, "costs_unplaced_refused_vi");

  // Again, with one store chosen for both SKUs: imported.
  await d.findElement(By.css('[data-testid="import-queue"] .icon-btn')).click();
  await dropFiles(d, [SHEET]);
  const all = await d.wait(until.elementLocated(By.css('[data-testid="unplaced-all"]')), 20000);
  await d.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", all, "Shopee VN Shop");
  const picked = await d.findElements(By.css('[data-testid="unplaced-store"]'));
  for (const p of picked) assert.equal(await p.getAttribute("value"), "Shopee VN Shop");
  await screenshot(d, "costs_unplaced_chosen_vi");
  await d.findElement(By.css('[data-testid="import-go"]')).click();
  await d.wait(async () => (await d.findElements(By.css('[data-testid="import-queue"] .pill.good'))).length === 1, 20000, "sheet imported");
  const s = JSON.parse(execFileSync(APP, ["--db", app.db, "summary", "--store", "Shopee VN Shop", "--json"], { encoding: "utf8" }));
  assert.equal(s.currencies[0].cogs, "120090");
});
