// Small SVG charts drawn here (no chart library): bars over time, with a second series on top.
// Each chart is an image with a text summary for screen readers, and a table of its values
// one click away.
import { h } from "./dom.js";

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  children.forEach((c) => el.append(c));
  return el;
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/**
 * points: [{label, value, overlay?}] in time order. A bar per point (value), its overlay part
 * (errors, say) drawn over it in the warning colour.
 */
export function barChart({ title, points, valueLabel, overlayLabel, format = (v) => String(v) }) {
  const width = 720;
  const height = 180;
  const pad = { l: 48, r: 8, t: 10, b: 26 };
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const bw = (width - pad.l - pad.r) / Math.max(1, points.length);
  const y = (v) => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": summary() },
    svg("title", {}, title));
  for (const f of [0, 0.5, 1]) {
    const v = max * f;
    chart.append(svg("line", { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: "grid" }));
    const t = svg("text", { x: pad.l - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" });
    t.textContent = format(v);
    chart.append(t);
  }
  points.forEach((p, i) => {
    const x = pad.l + i * bw;
    if (p.value > 0) {
      const bar = svg("rect", { x: x + bw * 0.1, y: y(p.value), width: Math.max(1, bw * 0.8), height: y(0) - y(p.value), class: "bar" });
      bar.append(svg("title", {}, `${p.label}: ${format(p.value)} ${valueLabel}${p.overlay ? `, ${format(p.overlay)} ${overlayLabel}` : ""}`));
      chart.append(bar);
    }
    if (p.overlay > 0) chart.append(svg("rect", { x: x + bw * 0.1, y: y(p.overlay), width: Math.max(1, bw * 0.8), height: y(0) - y(p.overlay), class: "bar overlay" }));
  });
  const labelEvery = Math.ceil(points.length / 6);
  points.forEach((p, i) => {
    if (i % labelEvery !== 0) return;
    const t = svg("text", { x: pad.l + i * bw + bw / 2, y: height - 8, class: "axis", "text-anchor": "middle" });
    t.textContent = p.short || p.label;
    chart.append(t);
  });
  function summary() {
    const total = points.reduce((a, p) => a + p.value, 0);
    const peak = points.reduce((a, p) => (p.value > a.value ? p : a), { value: -1 });
    return `${title}: ${format(total)} ${valueLabel} in all${peak.value > 0 ? `, most at ${peak.label} (${format(peak.value)})` : ""}.`;
  }
  const values = h("details.chart-data", null, h("summary", null, "Show the values"),
    h("table", null, h("thead", null, h("tr", null, h("th", { scope: "col" }, "Time"), h("th", { scope: "col" }, valueLabel),
      overlayLabel ? h("th", { scope: "col" }, overlayLabel) : null)),
    h("tbody", null, points.filter((p) => p.value > 0).map((p) => h("tr", null, h("td", null, p.label), h("td", null, format(p.value)),
      overlayLabel ? h("td", null, format(p.overlay || 0)) : null)))));
  return h("figure.chart-box", null, h("figcaption", null, title), chart, values);
}
