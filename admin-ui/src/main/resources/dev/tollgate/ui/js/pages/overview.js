// Overview: the cluster's traffic, errors, latency, tokens and cost over a range against the
// range before it, the top routes, models and consumers; the quickstart on an empty gateway.
// One Admin API call: GET /overview?range=.
import { h, fill, table, fmtNumber, fmtMs, fmtCost } from "../dom.js";
import { get, qs } from "../api.js";
import { go } from "../router.js";
import { remembered, remember, currentNode } from "../session.js";
import { barChart } from "../chart.js";

const RANGES = [["1h", "Last hour"], ["24h", "Last 24 hours"], ["7d", "Last 7 days"], ["30d", "Last 30 days"]];

function delta(now, before, { lowerIsBetter = false } = {}) {
  if (now === null || before === null || now === undefined || before === undefined) return h("span.delta", null, "");
  if (before === 0) return h("span.delta", null, now === 0 ? "no change" : "new");
  const change = ((now - before) / before) * 100;
  const good = lowerIsBetter ? change <= 0 : change >= 0;
  return h(`span.delta.${Math.abs(change) < 0.5 ? "flat" : good ? "up" : "down"}`, null,
    `${change >= 0 ? "+" : ""}${change.toFixed(Math.abs(change) < 10 ? 1 : 0)}% vs previous`);
}

function card(label, value, deltaEl, id) {
  return h("div.card", { role: "group", "aria-labelledby": `${id}-label`, id },
    h("div.card-label", { id: `${id}-label` }, label), h("div.card-value", null, value), deltaEl);
}

function percent(v) {
  return v === null || v === undefined ? "–" : `${(v * 100).toFixed(v < 0.001 && v > 0 ? 3 : 2)}%`;
}

function cost(c) {
  return c && c.cost !== null && c.cost !== undefined ? fmtCost(c.cost, c.currency) : c && c.currency === "mixed" ? "mixed currencies" : "–";
}

function hostPort(listen, fallbackPort) {
  const port = (listen || "").split(":").pop() || fallbackPort;
  return `localhost:${port}`;
}

function quickstart() {
  const conf = (currentNode() || {}).configuration || {};
  const admin = `http://${hostPort(conf.admin_listen, "8001")}`;
  const proxy = `http://${hostPort(conf.proxy_listen, "8000")}`;
  const steps = [
    ["1. Connect an LLM", "Start the bundled mock LLM (./tollgate mock-llm, port 8080) or use your provider's URL and key, then give it a route with the ai-proxy plugin:",
      `curl -X POST ${admin}/services --data "name=llm" --data "url=http://127.0.0.1:8080"
curl -X POST ${admin}/services/llm/routes --data "name=llm" --data "paths[]=/llm"
curl -X POST ${admin}/routes/llm/plugins -H "Content-Type: application/json" -d '{
  "name": "ai-proxy", "config": {"targets": [{"model": {"provider": "openai", "name": "gpt-4o",
    "options": {"upstream_url": "http://127.0.0.1:8080/v1/chat/completions"}}}]}}'`],
    ["2. Add a plugin", "Require an API key, and give an application one:",
      `curl -X POST ${admin}/routes/llm/plugins --data "name=key-auth"
curl -X POST ${admin}/consumers --data "username=my-app"
curl -X POST ${admin}/consumers/my-app/key-auth --data "key=my-app-key"`],
    ["3. Try it with curl", "Then watch it arrive under Live requests:",
      `curl -X POST ${proxy}/llm/v1/chat/completions -H "apikey: my-app-key" \\
  -H "Content-Type: application/json" -d '{"messages": [{"role": "user", "content": "Hello"}]}'`],
  ];
  return h("section.quickstart", { "aria-labelledby": "qs-title" },
    h("h2", { id: "qs-title" }, "Get started"),
    h("p", null, "This gateway has no services and has served no traffic yet. Three steps, with this node's addresses filled in:"),
    steps.map(([title, text, code]) => h("div.step", null, h("h3", null, title), h("p", null, text),
      h("pre", { tabindex: "0" }, code),
      h("button.small", { type: "button", onclick: (e) => {
        navigator.clipboard.writeText(code).then(() => fill(e.currentTarget, "Copied"), () => fill(e.currentTarget, "Select and copy the text"));
      } }, `Copy step ${title[0]}`))),
    h("p", null, "Or do it here: ", h("a", { href: "#/services/new" }, "create a service"), ", then add a route and plugins from its page."));
}

export async function overviewPage(el, loc) {
  const range = loc.params.get("range") || remembered("range", "24h");
  remember("range", range);
  const picker = h("div.range-picker", { role: "radiogroup", "aria-label": "Time range" },
    RANGES.map(([key, label]) => h("button", { type: "button", role: "radio", "aria-checked": String(key === range),
      onclick: () => go(`/overview${qs({ range: key })}`) }, label)));
  fill(el, h("div.page-head", null, h("h1", null, "Overview"), picker), h("p", null, "Loading…"));
  const o = await get(`/overview${qs({ range })}`);
  if (o.empty) {
    fill(el, h("div.page-head", null, h("h1", null, "Overview")), quickstart());
    return;
  }
  const c = o.current;
  const p = o.previous;
  const label = RANGES.find(([k]) => k === range)[1].toLowerCase();
  const points = o.series.map((s) => ({
    label: new Date(s.at).toLocaleString(),
    short: o.resolution === "minute" ? new Date(s.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
      : new Date(s.at).toLocaleDateString([], { month: "short", day: "numeric" }),
    value: s.requests, overlay: s.server_errors,
  }));
  const routeName = (r) => (r.route.name || (r.route.paths || []).join(" ") || r.route.id || "–");
  fill(el, h("div.page-head", null, h("h1", null, "Overview"), picker),
    h("p.muted", null, `Every node, ${label} (${new Date(o.from).toLocaleString()} – now), against the ${label.replace("last ", "")} before.`),
    h("div.cards", null,
      card("Requests per second", fmtNumber(c.requests_per_second, 3), delta(c.requests_per_second, p.requests_per_second), "kpi-rps"),
      card("Error rate (5xx)", percent(c.error_rate), delta(c.error_rate, p.error_rate, { lowerIsBetter: true }), "kpi-errors"),
      card("Latency p50", fmtMs(c.latency_ms.p50), delta(c.latency_ms.p50, p.latency_ms.p50, { lowerIsBetter: true }), "kpi-p50"),
      card("Latency p99", fmtMs(c.latency_ms.p99), delta(c.latency_ms.p99, p.latency_ms.p99, { lowerIsBetter: true }), "kpi-p99"),
      card("Tokens per second", fmtNumber(c.tokens_per_second, 3), delta(c.tokens_per_second, p.tokens_per_second), "kpi-tps"),
      card("Cost today", cost(o.cost_today), h("span.delta", null, "since 00:00 UTC"), "kpi-today"),
      card("Cost this month", cost(o.cost_this_month), h("span.delta", null, "since the 1st, UTC"), "kpi-month")),
    barChart({ title: `Requests, ${label}`, points, valueLabel: "requests", overlayLabel: "5xx answers", format: (v) => fmtNumber(v, 1) }),
    h("div.tops", null,
      h("section", null, h("h2", null, "Top routes"), o.top_routes.length
        ? table("Top routes", ["Route", "Requests", "5xx", "Average latency"], o.top_routes.map((r) => ({
          cells: [routeName(r), fmtNumber(r.requests), fmtNumber(r.server_errors), fmtMs(r.average_latency_ms)],
          onopen: r.route.id && !r.route.deleted ? () => go(`/routes/${r.route.id}`) : undefined,
        }))) : h("p.empty", null, "No traffic in this range.")),
      h("section", null, h("h2", null, "Top models"), o.top_models.length
        ? table("Top models", ["Model", "Requests", "Tokens", "Cost"], o.top_models.map((m) => ({
          cells: [m.model || "–", fmtNumber(m.requests), fmtNumber(m.total_tokens), m.cost !== null ? fmtCost(m.cost, m.currency) : "–"],
        }))) : h("p.empty", null, "No LLM calls in this range.")),
      h("section", null, h("h2", null, "Top consumers"), o.top_consumers.length
        ? table("Top consumers", ["Consumer", "Requests", "Tokens", "Cost"], o.top_consumers.map((m) => ({
          cells: [m.consumer_name || m.consumer || "(anonymous)", fmtNumber(m.requests), fmtNumber(m.total_tokens),
            m.cost !== null ? fmtCost(m.cost, m.currency) : "–"],
          onopen: m.consumer ? () => go(`/consumers/${m.consumer}`) : undefined,
        }))) : h("p.empty", null, "No LLM calls in this range."))));
}
