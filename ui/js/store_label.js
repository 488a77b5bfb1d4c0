// A store named by a platform id (ledgers from before issue 16 named a shop without a name
// `shopee_vn`, `pdd`…): shown by the platform's name in the UI language. The data keeps its
// name until the merchant renames it (Stores → Rename, pre-filled with this label).
import { t } from "./i18n.js";
import { VOCAB } from "./vocab.js";

export const storeLabel = (name) => (VOCAB.platforms.includes(name) ? t(`platform.${name}`) : name);
