// Skipping bad rows only when the user agrees: a file with two unreadable rows is refused,
// offers "Skip 2 unreadable rows…", whose dialog lists both rows (row, column, value, why);
// "Import anyway" imports the other rows, the history records the 2 skipped, and the Costs
// screen lists the imported fixed costs (tests/fixtures/README.md "Fixed costs").
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, screenshot, settle, dropFiles, go, By, until, APP, FX, I18N } from "../lib/app.mjs";

const FILE = join(FX, "costs", "chi_phi_co_dinh_2_dong_loi.csv");
const SHOP = join(FX, "shopee_vn", "Order.all.20260101_20260131.xlsx");

let app;
before(async () => { app = await launch({ locale: "en-US" }); });
after(async () => { await app?.quit(); });

test("a file refused for bad rows is imported without them after the user sees them", async () => {
  const d = app.driver;
  // A VND store first: the sheet has no currency column, so its costs take the store's.
  await dropFiles(d, [SHOP]);
  await d.wait(async () => (await d.findElements(By.css('[data-testid="import-go"]:not([disabled])'))).length === 1, 30000, "shop export ready");
  await d.findElement(By.css('[data-testid="import-go"]')).click();
  await d.wait(async () => (await d.findElements(By.css('[data-testid="import-queue"] .pill.good'))).length === 1, 30000, "shop export imported");
  await dropFiles(d, [FILE]);
  const review = await d.wait(until.elementLocated(By.css('[data-testid="skip-review"]')), 15000);
  assert.equal(await review.getText(), I18N.en["import.skip_review"].replace("{n}", "2"));
  await review.click();
  const dlg = await d.wait(until.elementLocated(By.css('[data-testid="skip-dialog"]')), 10000);
  const rows = await dlg.findElements(By.css("tbody tr"));
  assert.equal(rows.length, 2, "both bad rows listed");
  const first = await rows[0].getText();
  const second = await rows[1].getText();
  assert.ok(first.includes("4") && first.includes("Tháng") && first.includes("13/2026"), first);
  assert.ok(second.includes("5") && second.includes("Số tiền") && second.includes("khoảng 2 triệu"), second);
  const skipGo = await dlg.findElement(By.css('[data-testid="skip-go"]'));
  assert.equal(await skipGo.getText(), I18N.en["import.skip_go"].replace("{n}", "2"));
  await settle(d, 500);
  await screenshot(d, "import_skip_rows_dialog");

  await skipGo.click();
  await d.wait(async () => (await d.findElements(By.css('[data-testid="skip-dialog"]'))).length === 0, 15000, "dialog closes");
  await settle(d, 600);
  const queue = await d.findElement(By.css('[data-testid="import-queue"]')).getText();
  assert.ok(queue.includes("2 skipped"), `result lists the skipped rows: ${queue}`);
  await screenshot(d, "import_skip_rows_done");

  const history = JSON.parse(execFileSync(APP, ["--db", app.db, "imports", "--json"], { encoding: "utf8" }));
  const last = history.imports[0];
  assert.equal(last.report, "fixed_costs");
  assert.equal(last.added, 3);
  assert.equal(last.skipped, 2);

  // The Costs screen's fixed-cost table shows the imported rows.
  await go(d, "costs");
  await d.wait(async () => (await d.findElements(By.css('[data-testid="fixed-costs"] tbody tr'))).length === 3, 15000, "3 fixed costs listed");
  const table = await d.findElement(By.css('[data-testid="fixed-costs"]')).getText();
  for (const item of ["Thuê kho", "Lương nhân viên", "Vận chuyển nội bộ"]) assert.ok(table.includes(item), `${item} in ${table}`);
  await d.executeScript('document.querySelector(\'[data-testid="fixed-costs"]\').scrollIntoView()');
  await settle(d, 300);
  await screenshot(d, "costs_fixed_imported");
});
