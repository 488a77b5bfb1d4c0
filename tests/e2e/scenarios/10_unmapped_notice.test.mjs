// Issue 15: a Shopee income file with a money column no format reads (`Phí mới`, the
// tests/fixtures README "drift" fixture: 2 rows, total −5.500 ₫) is imported, and both the
// preview and the import history say so in the UI language — the column's own name, its
// rows and total, no id — without clipping the table at 1366×768.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, screenshot, settle, dropFiles, go, setLang, By, until, FX, I18N } from "../lib/app.mjs";
import { leakedWord } from "../lib/words.mjs";

const FILE = join(FX, "markets", "drift", "Income.đã phát hành.vn.20260101_20260131.xlsx");

let app;
before(async () => { app = await launch({ locale: "vi-VN" }); });
after(async () => { await app?.quit(); });

const head = (s) => s.split("{")[0].trim();

/** Nothing in the main pane wider than the window, the notice's text not cut. */
async function fits(d, what, shot) {
  const s = await d.executeScript(`
    const main = document.querySelector("main") || document.body;
    const notes = [...document.querySelectorAll('[data-testid="unmapped"]')];
    return { over: main.scrollWidth - main.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth,
      cut: notes.filter((n) => n.scrollWidth > n.clientWidth + 1 || n.getBoundingClientRect().right > window.innerWidth)
        .map((n) => [n.scrollWidth, n.clientWidth, Math.round(n.getBoundingClientRect().right), window.innerWidth]) };`);
  if (s.over > 0 || s.page > 0 || s.cut.length) await screenshot(d, `${shot}_FAILED`);
  assert.ok(s.over <= 0 && s.page <= 0, `${what}: overflows sideways ${JSON.stringify(s)}`);
  assert.deepEqual(s.cut, [], `${what}: the notice is clipped`);
}

test("columns not read are shown on the preview and in the history, in each language", async () => {
  const d = app.driver;
  await go(d, "import");
  await dropFiles(d, [FILE]);
  // The preview reads the whole file (slow on a loaded machine).
  await d.wait(async () => (await d.findElements(By.css('[data-testid="import-go"]:not([disabled])'))).length === 1, 90000, "preview ready")
    .catch(async (e) => { await screenshot(d, "unmapped_preview_missing"); throw e; });
  const note = await d.wait(until.elementLocated(By.css('[data-testid="import-queue"] [data-testid="unmapped"]')), 10000)
    .catch(async (e) => { await screenshot(d, "unmapped_preview_missing"); throw e; });
  await settle(d, 400);
  for (const lang of ["vi", "zh", "en"]) {
    await setLang(d, lang);
    const text = await d.findElement(By.css('[data-testid="import-queue"] [data-testid="unmapped"]')).getText();
    assert.ok(text.includes("Phí mới") && text.includes(head(I18N[lang]["import.unmapped"])), `${lang} preview: ${text}`);
    assert.ok(/5[.,]500/.test(text), `${lang}: total shown: ${text}`);
    assert.equal(leakedWord(text), null);
    await fits(d, `${lang} preview`, `unmapped_preview_${lang}`);
    await screenshot(d, `unmapped_preview_${lang}`);
  }
  void note;
  await d.findElement(By.css('[data-testid="import-go"]')).click();
  await d.wait(async () => (await d.findElements(By.css('[data-testid="import-queue"] .pill.good'))).length === 1, 30000, "imported");
  await d.wait(until.elementLocated(By.css('[data-testid="import-history"] [data-testid="unmapped"]')), 15000);
  for (const lang of ["en", "zh", "vi"]) {
    await setLang(d, lang);
    const hist = await d.findElement(By.css('[data-testid="import-history"]'));
    await d.executeScript("arguments[0].scrollIntoView()", hist);
    await settle(d, 300);
    const text = await d.findElement(By.css('[data-testid="import-history"] [data-testid="unmapped"]')).getText();
    assert.ok(text.includes("Phí mới") && text.includes(head(I18N[lang]["import.unmapped"])), `${lang} history: ${text}`);
    assert.equal(leakedWord(text), null);
    await fits(d, `${lang} history`, `unmapped_history_${lang}`);
    await screenshot(d, `unmapped_history_${lang}`);
  }
});
