// The column-mapping step: a file nobody recognises is refused with a "Map columns" button;
// the dialog shows its headers and samples, the mapping imports it (the ledger then holds
// what tests/fixtures/README.md "Generic" computes by hand), and the named mapping is
// remembered: the same file dropped again is recognised without the dialog.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, screenshot, settle, dropFiles, By, until, ROOT, APP } from "../lib/app.mjs";

const ERP = join(ROOT, "tests", "fixtures", "generic", "erp_orders_202601.csv");
const FIELDS = { "Bill No": "order_id", "Bill Date": "date", "Item Code": "sku", "Item Name": "product", Qty: "qty", "Unit Price": "unit_price", State: "status" };

let app;
before(async () => { app = await launch({ locale: "en-US" }); });
after(async () => { await app?.quit(); });

test("an unknown file is imported through the mapping dialog, and remembered", async () => {
  const d = app.driver;
  await dropFiles(d, [ERP]);
  await d.wait(until.elementLocated(By.css('[data-testid="map-columns"]')), 15000);
  await d.findElement(By.css('[data-testid="map-columns"]')).click();
  const dlg = await d.wait(until.elementLocated(By.css('[data-testid="mapping-dialog"]')), 10000);
  const text = await dlg.getText();
  assert.ok(text.includes("Bill No") && text.includes("SO-0001"), `headers and samples shown: ${text}`);
  await d.executeScript(
    `const dlg = arguments[0], fields = arguments[1];
     for (const sel of dlg.querySelectorAll("select[aria-label]")) {
       sel.value = fields[sel.getAttribute("aria-label")] || "";
       sel.dispatchEvent(new Event("change"));
     }
     const set = (sel, v) => { const el = dlg.querySelector(sel); el.value = v; };
     set('[data-testid="mapping-name"]', "ERP orders");
     set('[data-testid="mapping-store"]', "ERP小店");
     [...dlg.querySelectorAll("input[type=text]")].at(-1).value = "void";`,
    dlg, FIELDS);
  await settle(d, 500);
  await screenshot(d, "import_mapping_dialog");
  await d.findElement(By.css('[data-testid="mapping-go"]')).click();
  await d.wait(async () => (await d.findElements(By.css('[data-testid="mapping-dialog"]'))).length === 0, 15000, "dialog closes");
  await settle(d, 600);

  const cli = JSON.parse(execFileSync(APP, ["--db", app.db, "summary", "--store", "ERP小店", "--json"], { encoding: "utf8" }));
  const cny = cli.currencies.find((c) => c.currency === "CNY");
  assert.equal(cny.orders, 2, "SO-0002 is void");
  assert.equal(cny.gross_sales, "276.90");

  // Dropped again: recognised by the saved template (a ready row, no error).
  await dropFiles(d, [ERP]);
  await d.wait(async () => (await d.findElements(By.css('[data-testid="import-go"]:not([disabled])'))).length === 1, 15000, "recognised by the template");
  const queue = await d.findElement(By.css('[data-testid="import-queue"]')).getText();
  assert.equal(queue.split("ERP小店").length - 1, 2, `the template's store on the new row: ${queue}`);
  await screenshot(d, "import_mapping_remembered");
});
