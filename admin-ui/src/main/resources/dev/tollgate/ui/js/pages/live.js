// Live requests: the node's last requests (GET /requests), then each new one as it finishes
// (GET /requests/stream), with pause, server-side filters and a detail view.
import { h, fill, fmtMs, fmtTime, fmtCost } from "../dom.js";
import { get, stream, qs } from "../api.js";
import { go } from "../router.js";

const KEEP = 500;
const FILTERS = [["route", "Route"], ["consumer", "Consumer"], ["status", "Status (502 or 5xx)"], ["model", "Model"]];

function who(x, key) {
  return x ? x[key] || x.name || x.id : "–";
}

function cells(r) {
  const ai = r.ai || {};
  return [fmtTime(r.at), r.method, r.path, who(r.route, "name"), who(r.consumer, "username"), String(r.status),
    fmtMs(r.latency_ms), ai.model || "–", ai.total_tokens ?? "–", ai.cost !== undefined && ai.cost !== null ? fmtCost(ai.cost, ai.currency) : "–"];
}

export async function livePage(el, loc) {
  const filters = {};
  for (const [k] of FILTERS) if (loc.params.get(k)) filters[k] = loc.params.get(k);
  const inputs = FILTERS.map(([k, label]) => [k, label, h("input", { id: `live-${k}`, type: "search", value: filters[k] || "", autocomplete: "off" })]);
  const body = h("tbody", { id: "live-rows" });
  const detail = h("aside.detail", { id: "live-detail", "aria-live": "polite", "aria-label": "Request detail" });
  const count = h("span.muted", { id: "live-held" });
  const state = { paused: false, held: [] };
  const pause = h("button", { type: "button", id: "live-pause", "aria-pressed": "false", onclick: () => {
    state.paused = !state.paused;
    pause.setAttribute("aria-pressed", String(state.paused));
    fill(pause, state.paused ? "Resume" : "Pause");
    if (!state.paused) {
      state.held.forEach(add);
      state.held = [];
      fill(count);
    }
  } }, "Pause");
  const connection = h("span.connection", { id: "live-connection", role: "status" }, "Connecting…");

  function row(r) {
    const tr = h("tr.clickable", { tabindex: "0", dataset: { status: String(r.status) } }, cells(r).map((c) => h("td", null, c)));
    if (r.status >= 500) tr.classList.add("error-row");
    else if (r.status >= 400) tr.classList.add("warn-row");
    const open = () => showDetail(r);
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", (e) => e.key === "Enter" && open());
    return tr;
  }
  function add(r) {
    body.prepend(row(r));
    while (body.children.length > KEEP) body.lastChild.remove();
  }
  function showDetail(r) {
    const ai = r.ai || {};
    const pairs = [["Time", fmtTime(r.at)], ["Node", r.node_id], ["Request", `${r.method} ${r.path}`], ["Status", r.status],
      ["Route", who(r.route, "name")], ["Service", who(r.service, "name")], ["Consumer", who(r.consumer, "username")],
      ["Client", r.client_ip], ["Latency", fmtMs(r.latency_ms)], ["Upstream latency", fmtMs(r.upstream_latency_ms)],
      ["Gateway latency", fmtMs(r.gateway_latency_ms)], ["Request bytes", r.request_bytes], ["Response bytes", r.response_bytes],
      ["Trace id", r.trace_id || "–"], ["Provider", ai.provider || "–"], ["Model", ai.model || "–"],
      ["Tokens (prompt / completion / total)", r.ai ? `${ai.prompt_tokens} / ${ai.completion_tokens} / ${ai.total_tokens}` : "–"],
      ["Cached prompt tokens", ai.cached_prompt_tokens ?? "–"], ["Reasoning tokens", ai.reasoning_tokens ?? "–"],
      ["Cost", ai.cost !== undefined && ai.cost !== null ? fmtCost(ai.cost, ai.currency) : "–"],
      ["Time to first token", fmtMs(ai.time_to_first_token_ms)]];
    fill(detail, h("h2", null, "Request"), h("button.link", { type: "button", onclick: () => fill(detail) }, "Close"),
      h("dl", null, pairs.map(([k, v]) => [h("dt", null, k), h("dd", null, v === undefined || v === null ? "–" : String(v))])),
      r.request_body ? [h("h3", null, "Request body (as sent upstream)"), h("pre", null, r.request_body)] : null);
  }

  fill(el, h("div.page-head", null, h("h1", null, "Live requests"), connection),
    h("form.filters", { role: "search", onsubmit: (e) => {
      e.preventDefault();
      const p = {};
      for (const [k, , input] of inputs) if (input.value.trim()) p[k] = input.value.trim();
      go(`/live${qs(p)}`);
    } }, inputs.map(([, label, input]) => [h("label", { for: input.id }, label), input]), h("button", { type: "submit" }, "Filter"),
    pause, count),
    h("div.live-layout", null,
      h("div.table-wrap", null, h("table", { id: "live-table" },
        h("caption.sr-only", null, "Requests, newest first"),
        h("thead", null, h("tr", null, ["Time", "Method", "Path", "Route", "Consumer", "Status", "Latency", "Model", "Tokens", "Cost"]
          .map((t) => h("th", { scope: "col" }, t)))), body)),
      detail));

  const recent = await get(`/requests${qs({ ...filters, size: 100 })}`);
  recent.data.slice().reverse().forEach(add);
  if (!recent.enabled) fill(connection, "This node keeps no request log (request-log.size is 0).");
  const abort = new AbortController();
  const seen = new Set(recent.data.map((r) => r.id));
  stream(`/requests/stream${qs(filters)}`, (event, data) => {
    if (event === "dropped") {
      fill(connection, `Live · ${data} requests were skipped: this page fell behind.`);
      return;
    }
    const r = JSON.parse(data);
    if (seen.has(r.id)) return;
    seen.add(r.id);
    if (state.paused) {
      state.held.push(r);
      fill(count, `${state.held.length} held while paused`);
    } else add(r);
  }, abort.signal).then(() => fill(connection, "The stream ended; reload to reconnect."),
    (e) => e.name !== "AbortError" && fill(connection, `Disconnected: ${e.message}`));
  fill(connection, "Live");
  return () => abort.abort();
}
