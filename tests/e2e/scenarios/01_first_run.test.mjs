// First run: the window opens with its title and the empty state in the OS language; switching
// language changes the labels; every screen renders (screenshots in artifacts/screenshots).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, screenshot, setLang, go, settle, By, I18N } from "../lib/app.mjs";

let app;
before(async () => { app = await launch({ locale: "zh-CN" }); });
after(async () => { await app?.quit(); });

test("opens in the OS language (zh-CN) with title and empty state", async () => {
  const d = app.driver;
  assert.match(await d.getTitle(), /Fupan 复盘/);
  assert.equal(await d.executeScript("return document.documentElement.lang"), "zh-CN");
  const empty = await d.findElement(By.css('[data-testid="empty-state"] h1'));
  assert.equal(await empty.getText(), I18N.zh["empty.title"]);
  const platforms = await d.findElements(By.css(".platforms li"));
  assert.ok(platforms.length >= 7, "supported platforms listed");
  assert.ok(await d.findElement(By.css('[data-testid="load-sample"]')).isDisplayed());
  await screenshot(d, "first_run_zh");
});

for (const lang of ["vi", "en", "zh"]) {
  test(`switching to ${lang} changes the labels`, async () => {
    const d = app.driver;
    await setLang(d, lang);
    const empty = await d.findElement(By.css('[data-testid="empty-state"] h1'));
    assert.equal(await empty.getText(), I18N[lang]["empty.title"]);
    const nav = await d.findElement(By.css('.nav-list a[data-view="channels"] [data-i18n]'));
    assert.equal(await nav.getText(), I18N[lang]["nav.channels"]);
    const sample = await d.findElement(By.css('[data-testid="load-sample"]'));
    assert.equal(await sample.getText(), I18N[lang]["sample.load"]);
    if (lang !== "zh") await screenshot(d, `first_run_${lang}`);
  });
}

test("the language choice persists across a reload", async () => {
  const d = app.driver;
  await setLang(d, "vi");
  await d.navigate().refresh();
  await d.wait(async () => (await d.executeScript("return document.body.dataset.ready")) === "true", 10000);
  assert.equal(await d.executeScript("return document.documentElement.lang"), "vi");
  await setLang(d, "en");
});

test("every screen renders without an error (light and dark)", async () => {
  const d = app.driver;
  await setLang(d, "en");
  for (const view of ["dashboard", "import", "channels", "products", "stores", "costs", "review"]) {
    await go(d, view);
    const alerts = await d.findElements(By.css(".alert-error"));
    assert.equal(alerts.length, 0, `${view} shows an error`);
    await screenshot(d, `screen_${view}_empty`);
  }
  await d.findElement(By.id("theme-toggle")).click();
  await settle(d);
  assert.equal(await d.executeScript("return document.documentElement.dataset.theme"), "dark");
  await go(d, "dashboard");
  await screenshot(d, "screen_dashboard_empty_dark");
  await d.findElement(By.id("theme-toggle")).click();
});

test("keyboard: Tab reaches the skip link and the nav, Enter follows a link", async () => {
  const d = app.driver;
  await go(d, "dashboard");
  await d.executeScript("document.activeElement && document.activeElement.blur(); window.focus();");
  await d.actions().sendKeys("\uE004").perform(); // Tab
  const first = await d.executeScript("return document.activeElement.className");
  assert.match(first, /skip-link/);
  await d.actions().sendKeys("\uE004").perform();
  await d.actions().sendKeys("\uE004").perform();
  const href = await d.executeScript("return document.activeElement.getAttribute('href')");
  assert.equal(href, "#/import");
  await d.actions().sendKeys("\uE007").perform(); // Enter
  await settle(d);
  assert.equal(await d.executeScript("return location.hash"), "#/import");
});
