// GET /plugins/enabled, read once per tab and again when the plugin pages ask: it changes only
// when plugins are added or removed.
import { get } from "./api.js";

let cached = null;

export async function catalog(refresh = false) {
  if (!cached || refresh) cached = await get("/plugins/enabled");
  return cached;
}

export function forget() {
  cached = null;
}
