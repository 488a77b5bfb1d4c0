// i18n checks of the page's code (node --test): every key the UI names statically exists, and
// no translation leaks an internal id. That the three languages have the same keys and
// placeholders, and a label for every id of the engine's vocabulary: tests/vocabulary.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { leakedWord } from "./lib/words.mjs";

const UI = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "ui");
const LANGS = ["zh", "vi", "en"];
const dicts = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(readFileSync(join(UI, "i18n", `${l}.json`), "utf8"))]));

function files(dir, exts) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return files(p, exts);
    return exts.some((e) => n.endsWith(e)) ? [p] : [];
  });
}

test("every data-i18n key used in ui/ exists", () => {
  const used = new Set();
  for (const f of files(UI, [".html", ".js"])) {
    const src = readFileSync(f, "utf8");
    for (const re of [/data-i18n(?:-aria|-title)?="([\w.]+)"/g, /\bi18n:\s*"([\w.]+)"/g, /\bt\(\s*"([\w.]+)"/g, /\b(?:kpi|chartCard|titleKey)\(\s*"([\w.]+)"/g]) {
      for (const m of src.matchAll(re)) used.add(m[1]);
    }
  }
  assert.ok(used.size > 50, `found only ${used.size} keys — is the scan broken?`);
  const resolve = (k) => (k in dicts.en ? k : `kpi.${k}` in dicts.en ? `kpi.${k}` : null);
  const missing = [...used].filter((k) => !resolve(k));
  assert.deepEqual(missing, [], "keys used in ui/ but missing from the i18n files");
});

test("no translation names an internal id or a CLI flag", () => {
  for (const l of LANGS) {
    for (const [k, v] of Object.entries(dicts[l])) {
      assert.equal(leakedWord(v), null, `${l}.json: ${k} = ${v}`);
    }
  }
  assert.equal(leakedWord("choose one with --store"), "--store");
  assert.equal(leakedWord("Shopee · shopee_vn"), "shopee_vn");
  assert.equal(leakedWord("pdd_ads.csv imported"), null);
});

test("a count's singular (`key_one`, read by t() when n is 1) has its plural beside it", () => {
  for (const l of LANGS) {
    for (const k of Object.keys(dicts[l]).filter((k) => k.endsWith("_one"))) {
      const base = k.slice(0, -"_one".length);
      assert.ok(base in dicts[l], `${l}.json: ${k} without ${base}`);
      assert.ok(dicts[l][base].includes("{n}"), `${l}.json: ${base} counts no {n}`);
    }
  }
  assert.equal(dicts.en["import.go_one"].replace("{n}", "1"), "Import 1 file");
});
