// Words a merchant must never read in the window: the engine's internal ids (platforms,
// channels, fee kinds, report kinds, mapping fields — the id families of ui/i18n) and CLI
// flags ("--store"). Plain English words among the ids ("orders", "shipping") are left out:
// they are also ordinary text. A file name the merchant gave ("pdd_ads.csv") is not an id.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const UI = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "ui");
const FAMILIES = ["platform.", "channel.", "chart.", "report.", "field."];
// Ids that are no English word although they have no underscore.
const BARE = new Set(["pdd", "jd", "ztc", "qianchuan", "wanxiangtai", "yinli", "taobao", "tmall", "douyin", "lazada", "generic", "cogs"]);

export function internalIds() {
  const en = JSON.parse(readFileSync(join(UI, "i18n", "en.json"), "utf8"));
  const ids = new Set();
  for (const k of Object.keys(en)) {
    for (const f of FAMILIES) if (k.startsWith(f)) ids.add(k.slice(f.length));
  }
  return [...ids].filter((id) => id.includes("_") || BARE.has(id)).sort();
}

const ID_RE = new RegExp(`(?:^|[^\\w/])(${internalIds().join("|")})(?![\\w.])`);

/** The first internal id or CLI flag in `text`, or null. */
export function leakedWord(text) {
  const flag = text.match(/(?:^|\s)--[a-z][\w-]*/);
  if (flag) return flag[0].trim();
  const id = text.match(ID_RE);
  return id ? id[1] : null;
}
