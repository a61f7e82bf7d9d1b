// The one way the UI talks to the gateway: the documented Admin API, under /api on this origin.
import { token } from "./session.js";
import { banner } from "./banner.js";

export class ApiError extends Error {
  constructor(status, body, path) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.path = path;
  }

  /** Field errors of a 400 ({"fields": {"config.minute": "..."}}), flattened to dotted names. */
  get fields() {
    const out = {};
    const walk = (prefix, v) => {
      if (v && typeof v === "object" && !Array.isArray(v)) {
        for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
      } else if (prefix) out[prefix] = Array.isArray(v) ? v.join("; ") : String(v);
    };
    walk("", this.body.fields);
    return out;
  }
}

const listeners = { unauthorized: [] };
export function onUnauthorized(fn) {
  listeners.unauthorized.push(fn);
}

function headers(extra) {
  const hs = { Accept: "application/json", ...extra };
  const t = token();
  if (t) hs.Authorization = `Bearer ${t}`;
  return hs;
}

/** fetch() with the token and the failure banners; resolves to the Response. */
async function send(method, path, body, opts = {}) {
  const init = {
    method,
    headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }),
    credentials: "omit",
    cache: "no-store",
    signal: opts.signal,
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  let res;
  try {
    res = await fetch(`/api${path}`, init);
  } catch (e) {
    if (e.name === "AbortError") throw e;
    banner("The Admin API did not answer: the node may be down or restarting. What you typed is kept; try again.", "error");
    throw new ApiError(0, { message: "the Admin API did not answer" }, path);
  }
  if (res.status === 401) {
    const b = await res.json().catch(() => ({}));
    listeners.unauthorized.forEach((fn) => fn(b.message));
    throw new ApiError(401, b, path);
  }
  if (res.status === 503 || res.status >= 500) {
    const b = await res.clone().json().catch(() => ({}));
    banner(`The gateway answered ${res.status}: ${b.message || res.statusText}. What you typed is kept; try again when it recovers.`, "error");
  }
  return res;
}

/** A JSON call; throws ApiError for any status >= 400. */
export async function api(method, path, body, opts) {
  const res = await send(method, path, body, opts);
  if (res.status === 204) return null;
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { message: text };
  }
  if (!res.ok) throw new ApiError(res.status, json, path);
  return json;
}

export const get = (path, opts) => api("GET", path, undefined, opts);

/** A raw response (text bodies such as /metrics, and event streams). */
export async function raw(path, opts) {
  const res = await send("GET", path, undefined, opts);
  if (!res.ok) {
    const b = await res.json().catch(() => ({}));
    throw new ApiError(res.status, b, path);
  }
  return res;
}

/**
 * Reads a server-sent event stream (fetch, so that the token goes in a header, which
 * EventSource cannot do); calls onEvent(name, data) per event until aborted.
 */
export async function stream(path, onEvent, signal) {
  return readEvents(await raw(path, { signal }), onEvent);
}

/** POSTs a JSON body and reads the answer's event stream (the playground). */
export async function streamPost(path, body, onEvent, signal) {
  const res = await send("POST", path, body, { signal });
  if (!res.ok) {
    const b = await res.json().catch(() => ({}));
    throw new ApiError(res.status, b, path);
  }
  return readEvents(res, onEvent);
}

async function readEvents(res, onEvent) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  let name = "message";
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl).replace(/\r$/, "");
      buf = buf.slice(nl + 1);
      if (line === "") {
        if (data.length) onEvent(name, data.join("\n"));
        name = "message";
        data = [];
      } else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      else if (line.startsWith("event:")) name = line.slice(6).trim();
    }
  }
}

/** Query string from an object, skipping empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
