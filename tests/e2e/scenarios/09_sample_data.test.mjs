// Issue 16: "Load sample data" on an empty ledger fills the dashboard with the demo shop
// (scripts/demo_samples.py): its stores by the names a merchant gave them, no platform id
// anywhere, and a believable net margin (5–25 % in each currency), in zh, vi and en.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, screenshot, settle, setLang, go, By } from "../lib/app.mjs";
import { leakedWord } from "../lib/words.mjs";

let app;
before(async () => { app = await launch({ locale: "zh-CN" }); });
after(async () => { await app?.quit(); });

/** "12.3%" / "12,3 %" → 12.3 */
const pct = (s) => Number(s.replace(/[^\d,.-]/g, "").replace(",", "."));

test("sample data shows the demo shop by its store names with a sane margin", async () => {
  const d = app.driver;
  await d.findElement(By.css('[data-testid="load-sample"]')).click();
  // Two currencies (CNY, VND): two net margin cards.
  await d.wait(async () => (await d.findElements(By.css('[data-testid="kpi-net_margin"]'))).length === 2, 240000, "the demo shop's dashboard");
  for (const lang of ["zh", "vi", "en"]) {
    await setLang(d, lang);
    await d.wait(async () => (await d.findElements(By.css('[data-testid="kpi-net_margin"]'))).length === 2, 30000);
    await settle(d, 800);
    const text = await d.findElement(By.css("body")).getText();
    for (const store of ["棉语家居抖音旗舰店", "棉语家居淘宝店", "Nhà Mộc Decor"]) {
      assert.ok(text.includes(store), `${lang}: ${store} named on the dashboard`);
    }
    assert.equal(leakedWord(text), null, `${lang}: no platform id or flag shown`);
    for (const card of await d.findElements(By.css('[data-testid="kpi-net_margin"] .kpi-value'))) {
      const m = pct(await card.getText());
      assert.ok(m >= 5 && m <= 25, `${lang}: net margin ${m} % is between 5 and 25 %`);
    }
    // The store picker of the top bar lists the names, never an id.
    const options = await d.findElements(By.css("#store-filter option, select[data-testid='store-filter'] option"));
    for (const o of options) assert.equal(leakedWord(await o.getText()), null);
    await screenshot(d, `sample_dashboard_${lang}`);
  }
});

// The demo shop has two stores per currency: Products draws one matrix per store, each
// against its own medians, headed by the store's name (product names beside SKU codes).
test("products: one matrix per store of the demo shop", async () => {
  const d = app.driver;
  await setLang(d, "zh");
  await go(d, "products");
  await d.wait(async () => (await d.findElements(By.css('[data-testid="product-section"]'))).length === 4, 60000, "4 store matrices");
  await settle(d, 800);
  const heads = await Promise.all((await d.findElements(By.css('[data-testid="product-section"] h2.store-head'))).map((e) => e.getText()));
  for (const store of ["棉语家居抖音旗舰店", "棉语家居淘宝店", "Nhà Mộc Decor"]) {
    assert.ok(heads.some((x) => x.includes(store)), `${store} has its matrix: ${heads}`);
  }
  const charts = await d.findElements(By.css('[data-testid="product-section"] svg'));
  assert.ok(charts.length >= 4, "each store's matrix is drawn");
  const text = await d.findElement(By.css("main")).getText();
  assert.equal(leakedWord(text), null);
  await d.executeScript("document.querySelector('[data-testid=\"product-section\"] svg').scrollIntoView({ block: 'center' })");
  await settle(d, 300);
  await screenshot(d, "sample_products_zh");
});
