// Building the page without innerHTML: every value from the API goes in as text, never as markup.

/** h("button.primary", {onclick, "aria-label": "Save"}, "Save"): an element with classes, attributes and children. */
export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split(".");
  const el = document.createElement(tag || "div");
  if (classes.length) el.className = classes.join(" ");
  if (attrs && (typeof attrs !== "object" || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value") el.value = v;
    else if (k === "checked") el.checked = !!v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A fresh id for label/for and aria pairs. */
export function uid(prefix = "f") {
  ids += 1;
  return `${prefix}-${ids}`;
}

export function fmtNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtMs(ms) {
  if (ms === null || ms === undefined || ms < 0) return "–";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms * 10) / 10} ms`;
}

export function fmtCost(v, currency = "USD") {
  if (v === null || v === undefined) return "–";
  return `${v < 0.01 && v > 0 ? v.toPrecision(2) : v.toFixed(2)} ${currency}`;
}

/** Unix seconds or ISO text to a local date-time. */
export function fmtTime(t) {
  if (t === null || t === undefined) return "–";
  const d = typeof t === "number" ? new Date(t < 1e12 ? t * 1000 : t) : new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toLocaleString();
}

/** A labelled, keyboard-reachable table; rows: [{cells: [...], onopen}] */
export function table(caption, headers, rows) {
  const body = h("tbody");
  for (const row of rows) {
    const tr = h("tr", null, row.cells.map((c) => h("td", null, c)));
    if (row.onopen) {
      tr.classList.add("clickable");
      tr.tabIndex = 0;
      tr.addEventListener("click", row.onopen);
      tr.addEventListener("keydown", (e) => {
        if (e.key === "Enter") row.onopen();
      });
    }
    body.append(tr);
  }
  return h("div.table-wrap", null,
    h("table", null, h("caption.sr-only", null, caption),
      h("thead", null, h("tr", null, headers.map((x) => h("th", { scope: "col" }, x)))), body));
}
