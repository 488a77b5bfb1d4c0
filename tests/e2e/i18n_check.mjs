// i18n consistency (node --test): the three languages have the same keys, no empty strings,
// the same {placeholders}; every key the UI names statically exists; dynamic key families
// cover every id the engine can send.
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

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("every key exists in all three languages", () => {
  const all = new Set(LANGS.flatMap((l) => Object.keys(dicts[l])));
  for (const l of LANGS) {
    const missing = [...all].filter((k) => !(k in dicts[l]));
    assert.deepEqual(missing, [], `${l}.json lacks keys`);
  }
});

test("no empty strings and the same placeholders", () => {
  for (const k of Object.keys(dicts.en)) {
    for (const l of LANGS) {
      assert.ok(String(dicts[l][k]).trim(), `${l}.json: ${k} is empty`);
      assert.deepEqual(placeholders(dicts[l][k]), placeholders(dicts.en[k]), `${l}.json: ${k} placeholders`);
    }
  }
});

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

test("dynamic key families cover the engine's ids", () => {
  const families = {
    platform: ["taobao", "tmall", "douyin", "jd", "pdd", "shopee_vn", "tiktok_shop", "lazada", "generic"],
    channel: ["ztc", "wanxiangtai", "yinli", "qianchuan", "pdd_ads", "jd_ads", "shopee_ads", "tiktok_ads", "lazada_ads", "other"],
    report: ["orders", "order_items", "settlement", "ads", "sku_costs", "fixed_costs", "traffic"],
    "channels.empty_for": ["taobao", "tmall", "douyin", "jd", "pdd", "shopee_vn", "tiktok_shop", "lazada", "generic"],
    "error.hint": ["io", "unknown_format", "bad_cell", "missing_column", "bad_file", "invalid_argument", "not_found", "money", "database", "schema_too_new", "internal", "unavailable"],
    error: ["io", "unknown_format", "bad_cell", "missing_column", "bad_file", "invalid_argument", "not_found", "money", "database", "schema_too_new", "internal", "unavailable"],
    chart: ["platform_commission", "service_fee", "payment_fee", "affiliate_commission", "shipping", "shipping_insurance", "subsidy", "other"],
    verdict: ["scale", "cut"],
    "subsidy.verdict": ["pays", "does_not_pay"],
    nav: ["dashboard", "import", "channels", "products", "stores", "cash", "costs", "review"],
    "import.status": ["previewing", "ready", "importing", "done", "error"],
    // The column-mapping fields (engine `import::mapping::Field`).
    field: ["order_id", "line_id", "date", "sku", "product", "qty", "unit_price", "list_amount", "seller_discount", "platform_discount", "status", "refund_amount", "paid_amount", "platform_commission", "service_fee", "payment_fee", "affiliate_commission", "shipping", "shipping_insurance", "subsidy", "other_fee", "campaign", "spend", "sales", "orders", "clicks", "impressions", "collects", "add_to_carts", "unit_cost", "valid_from"],
  };
  for (const [fam, ids] of Object.entries(families)) {
    for (const id of ids) assert.ok(`${fam}.${id}` in dicts.en, `missing ${fam}.${id}`);
  }
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
