// The ai-proxy routes: each instance's targets, balancer, and whether this node has a target's
// circuit open. Two calls: GET /plugins?name=ai-proxy and GET /metrics (the breaker gauges).
import { h, fill, table, fmtNumber } from "../dom.js";
import { get, raw } from "../api.js";

/** {"openai|gpt-4o|127.0.0.1:8080": {open: 1, opens: 3}} from the Prometheus text. */
export function breakerStates(text) {
  const out = {};
  const line = /^[a-z_]*?_?ai_llm_circuit_breaker(s_open|_opens_total)\{([^}]*)\}\s+([0-9.eE+-]+)/;
  for (const l of text.split("\n")) {
    const m = line.exec(l);
    if (!m) continue;
    const labels = {};
    for (const [, k, v] of m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v.replace(/\\"/g, "\"").replace(/\\\\/g, "\\");
    const key = `${labels.ai_provider}|${labels.ai_model}|${labels.upstream}`;
    out[key] = out[key] || { open: 0, opens: 0 };
    out[key][m[1] === "s_open" ? "open" : "opens"] = Number(m[3]);
  }
  return out;
}

function upstreamOf(target) {
  const url = target.model && target.model.options && target.model.options.upstream_url;
  if (!url) return "(provider default)";
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function targetsOf(config) {
  if (Array.isArray(config.targets) && config.targets.length) return config.targets;
  return config.model ? [{ model: config.model, weight: 100, priority: 0 }] : [];
}

export async function aiPage(el) {
  const [instances, metrics] = await Promise.all([get("/plugins?name=ai-proxy&size=1000"),
    raw("/metrics").then((r) => r.text()).catch(() => "")]);
  const breakers = breakerStates(metrics);
  const sections = instances.data.map((p) => {
    const config = p.config || {};
    const balancer = config.balancer || {};
    const scope = p.route ? `route ${p.route.id}` : p.service ? `service ${p.service.id}` : "every route";
    const rows = targetsOf(config).map((t) => {
      const model = (t.model && t.model.name) || "(client's)";
      const provider = (t.model && t.model.provider) || "–";
      const upstream = upstreamOf(t);
      const b = breakers[`${provider}|${model}|${upstream}`];
      const state = b && b.open > 0 ? h("span.badge.bad", null, "open") : h("span.badge.good", null, "closed");
      return { cells: [provider, model, upstream, t.weight ?? 100, t.priority ?? 0, state, b ? fmtNumber(b.opens) : "0"] };
    });
    return h("section.ai-instance", { "aria-labelledby": `ai-${p.id}` },
      h("h2", { id: `ai-${p.id}` }, p.instance_name || `ai-proxy on ${scope}`),
      h("p.meta", null, `Balancer: ${balancer.algorithm || "round-robin"} · retries ${balancer.retries ?? 2} · circuit opens after `
        + `${(balancer.circuit_breaker || {}).failures ?? 5} failures for ${(balancer.circuit_breaker || {}).cool_down ?? 30} s · `,
      h("a", { href: `#/plugins/${p.id}` }, "Edit"), p.enabled ? "" : " · disabled"),
      table(`Targets of ${p.instance_name || p.id}`, ["Provider", "Model", "Upstream", "Weight", "Priority", "Circuit (this node)", "Times opened"], rows));
  });
  fill(el, h("div.page-head", null, h("h1", null, "AI routes"),
    h("a.button.primary", { href: "#/plugins/new?name=ai-proxy" }, "Add an AI route")),
  h("p.muted", null, "Every ai-proxy instance with its targets. Circuit states are this node's: each node keeps its own."),
  sections.length ? sections : h("p.empty", null, "No ai-proxy plugin yet. Add one on a route to balance LLM providers."),
  h("p", null, h("a", { href: "#/model-prices" }, "Model prices"), " · ", h("a", { href: "#/usage" }, "Usage and cost")));
}
