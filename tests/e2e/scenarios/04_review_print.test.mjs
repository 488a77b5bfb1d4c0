// Year-end review, Print: the engine's report (same document as the HTML export) goes into the
// page hidden on screen, with its stylesheet adopted (the CSP forbids inline <style>), and the
// system print dialog opens. WebDriver cannot answer that dialog, so window.print is counted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { launch, screenshot, go, settle, invoke, By, ROOT, APP } from "../lib/app.mjs";

const FX = join(ROOT, "tests", "fixtures");
const DATASET = [
  ["douyin/1769904000_orders.csv", "抖店旗舰店"],
  ["ads/qianchuan_daily.xlsx", "抖店旗舰店"],
  ["taobao/ExportOrderList202601.csv", "淘宝小店"],
  ["ads/ztc_wanxiangtai.csv", "淘宝小店"],
  ["shopee_vn/Order.all.20260101_20260131.xlsx", "Shopee VN Shop"],
  ["costs/sku_costs.xlsx", "抖店旗舰店"],
];

let app;
before(async () => {
  app = await launch({ locale: "zh-CN" });
});
after(async () => { await app?.quit(); });

/** Show the print view on screen (as printing would) and take a screenshot at `selector`. */
async function shot(d, selector, name) {
  await d.executeScript(
    `const host = document.getElementById("report-print");
     for (const el of document.body.children) el.style.display = el === host ? "block" : "none";
     const at = host.querySelector(arguments[0]);
     (at || host).scrollIntoView();`,
    selector);
  await settle(d, 1000);
  await screenshot(d, name);
}

test("Print puts the same report in the page and opens the print dialog", async (t) => {
  const d = app.driver;
  const info = await invoke(d, "app_info");
  const files = DATASET.filter(([f]) => existsSync(join(FX, f)));
  if (!(info.ok && info.ok.e2e) || files.length < DATASET.length) return t.skip("needs an e2e build and the fixtures");
  for (const [f, store] of files) {
    const r = await invoke(d, "import_paths", { paths: [join(FX, f)], store });
    assert.ok(r.ok, `import_paths failed: ${JSON.stringify(r.err)}`);
  }
  await d.navigate().refresh();
  await d.wait(async () => (await d.executeScript("return document.body.dataset.ready")) === "true", 15000);
  await go(d, "review");
  await d.executeScript("window.__printed = 0; window.print = () => { window.__printed += 1; };");
  await d.findElement(By.id("review-print")).click();
  await d.wait(async () => (await d.executeScript("return window.__printed")) === 1, 30000, "window.print was called");

  const facts = await d.executeScript(
    `const host = document.getElementById("report-print");
     const r = host.querySelector("article.fupan-report");
     const rules = document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((c) => c.cssText));
     return {
       hidden: getComputedStyle(host).display,
       sections: r.querySelectorAll("h2").length,
       charts: r.querySelectorAll("figure svg").length,
       active: r.querySelectorAll("script, iframe, [onclick], [onload], [style]").length,
       page: rules.some((c) => c.startsWith("@page")),
       text: r.textContent,
     };`);
  assert.equal(facts.hidden, "none", "hidden on screen until printed");
  assert.ok(facts.sections >= 8, `sections: ${facts.sections}`);
  assert.ok(facts.charts >= 5, `charts: ${facts.charts}`);
  assert.equal(facts.active, 0, "nothing active in the report");
  assert.ok(facts.page, "the A4 @page rule is adopted");
  assert.ok(facts.text.includes("年终复盘报告"), "in the app's language");
  const year = await d.findElement(By.id("review-year")).getAttribute("value");
  const cli = JSON.parse(execFileSync(APP, ["--db", app.db, "summary", "--from", `${year}-01-01`, "--to", `${year}-12-31`, "--json"], { encoding: "utf8" }));
  const cny = cli.currencies.find((c) => c.currency === "CNY");
  const gmv = `¥${Number(cny.gross_sales).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
  assert.ok(facts.text.includes(gmv), `GMV ${gmv} in the print view`);

  await shot(d, "#s2", "review_print_waterfall");
  await shot(d, "h1", "review_print_cover");
  await shot(d, "#s5", "review_print_products");
});
