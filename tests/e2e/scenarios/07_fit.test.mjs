// Screens that fit and words a merchant knows (#16.6, #16.10): with the fixture shops
// imported, every screen in zh, vi and en at 1366×768 (and en at 1280×720) has no
// horizontal overflow in the main pane, opens at its top, and shows no internal id
// (`shopee_vn`, `platform_commission`, …) or CLI flag (`--store`). Screenshots: fit_*.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, screenshot, setLang, setValue, go, settle, isE2eBuild, importFixtures, reload, By } from "../lib/app.mjs";
import { leakedWord } from "../lib/words.mjs";

const VIEWS = ["dashboard", "import", "channels", "products", "stores", "costs", "review"];
let app;
let e2eBuild = false;

before(async () => {
  app = await launch({ locale: "en-US" });
  e2eBuild = await isE2eBuild(app.driver);
  if (e2eBuild) {
    await importFixtures(app.driver);
    await reload(app.driver);
  }
  await setValue(app.driver, "period-mode", "all");
  await settle(app.driver);
});
after(async () => { await app?.quit(); });

/** What the merchant sees: overflow of the main pane and of the page, the visible text. */
async function look(d) {
  return d.executeScript(`
    const main = document.getElementById("main");
    const root = document.documentElement;
    return {
      mainOver: main.scrollWidth - main.clientWidth,
      pageOver: root.scrollWidth - root.clientWidth,
      top: main.scrollTop,
      text: document.querySelector(".app").innerText,
      errors: document.querySelectorAll(".alert-error").length,
    };`);
}

async function checkEveryScreen(d, lang, size) {
  for (const view of VIEWS) {
    // Scroll the previous screen down first: the next one must still open at its top.
    const here = await d.executeScript("return document.getElementById('main').dataset.view");
    if (here !== view) await d.executeScript("document.getElementById('main').scrollTop = 10000");
    await go(d, view);
    await settle(d, 600);
    const s = await look(d);
    assert.ok(s.mainOver <= 0, `${lang} ${view} at ${size}: the main pane overflows sideways by ${s.mainOver}px`);
    assert.ok(s.pageOver <= 0, `${lang} ${view} at ${size}: the page overflows sideways by ${s.pageOver}px`);
    assert.equal(s.top, 0, `${lang} ${view}: opens scrolled to its top`);
    assert.equal(leakedWord(s.text), null, `${lang} ${view}: an internal id or flag is shown`);
    assert.equal(s.errors, 0, `${lang} ${view}: shows an error`);
    await screenshot(d, `fit_${lang}_${view}_${size}`);
  }
}

for (const lang of ["zh", "vi", "en"]) {
  test(`every screen fits 1366×768 in ${lang} and names nothing internal`, async () => {
    const d = app.driver;
    await setLang(d, lang);
    await checkEveryScreen(d, lang, "1366");
  });
}

test("channels: more columns stay inside their table", async (t) => {
  if (!e2eBuild) return t.skip("needs an e2e build");
  const d = app.driver;
  await setLang(d, "en");
  await go(d, "channels");
  const toggles = await d.findElements(By.css('[data-testid="channels-more"]'));
  if (!toggles.length) return t.skip("no ad channels in the fixtures");
  const heads = async () => d.executeScript("return document.querySelector('[data-testid^=\"channels-\"] table thead tr').children.length");
  assert.equal(await heads(), 5, "five columns by default");
  await toggles[0].click();
  await settle(d, 600);
  assert.ok((await heads()) > 5, "more columns on demand");
  const s = await look(d);
  assert.ok(s.mainOver <= 0, `the main pane overflows by ${s.mainOver}px with every column`);
  await screenshot(d, "fit_en_channels_more");
  await d.findElement(By.css('[data-testid="channels-more"]')).click();
  await settle(d);
});

test("every screen fits 1280×720 in en", async (t) => {
  const d = app.driver;
  try {
    await d.manage().window().setRect({ x: 0, y: 0, width: 1280, height: 720 });
  } catch {
    return t.skip("the driver cannot resize the window");
  }
  await settle(d, 600);
  await setLang(d, "en");
  await checkEveryScreen(d, "en", "1280");
  await d.manage().window().setRect({ x: 0, y: 0, width: 1366, height: 768 });
});
