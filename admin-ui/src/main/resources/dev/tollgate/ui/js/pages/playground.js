// The playground: a chat sent through a route of this gateway, as an application would send it
// (with its key), streamed back token by token; up to three side by side to compare models or
// targets: answer, latency, time to first token, tokens and cost. POST /playground per pane.
import { h, fill, fmtMs, fmtNumber, fmtCost } from "../dom.js";
import { streamPost, ApiError } from "../api.js";
import { remembered, remember } from "../session.js";

const MAX_PANES = 3;

function pane(index, defaults) {
  const path = h("input", { id: `pg-path-${index}`, type: "text", value: defaults.path, autocomplete: "off", spellcheck: "false" });
  const model = h("input", { id: `pg-model-${index}`, type: "text", value: defaults.model || "", placeholder: "the route's default", autocomplete: "off" });
  const answer = h("div.answer", { id: `pg-answer-${index}`, "aria-live": "polite", "aria-label": `Answer ${index + 1}` });
  const stats = h("dl.pg-stats", { id: `pg-stats-${index}` });
  const el = h("section.pane", { "aria-labelledby": `pg-title-${index}` },
    h("h2", { id: `pg-title-${index}` }, `Pane ${index + 1}`),
    h("label", { for: path.id }, "Path on the proxy"), path,
    h("label", { for: model.id }, "Model"), model,
    answer, stats);
  return { el, path, model, answer, stats };
}

function showStats(p, s) {
  const rows = [["Status", s.status ?? "–"], ["Latency", fmtMs(s.latency)], ["Time to first token", fmtMs(s.ttft)],
    ["Model", s.model || "–"], ["Tokens (prompt / completion)", s.tokens ? `${fmtNumber(s.tokens.prompt)} / ${fmtNumber(s.tokens.completion)}` : "–"],
    ["Cost", s.cost !== undefined && s.cost !== null ? fmtCost(s.cost, s.currency) : "–"]];
  fill(p.stats, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, String(v))]));
}

/** Runs one pane: sends the chat, shows tokens as they come, then the figures. */
async function run(p, { key, keyHeader, prompt, system, streamed }) {
  fill(p.answer, "");
  p.answer.classList.remove("error");
  const body = { messages: [...(system ? [{ role: "system", content: system }] : []), { role: "user", content: prompt }], stream: streamed };
  if (p.model.value.trim()) body.model = p.model.value.trim();
  if (streamed) body.stream_options = { include_usage: true };
  const headers = key ? { [keyHeader || "apikey"]: key } : {};
  const s = { status: null };
  const started = performance.now();
  let contentType = "";
  let buffered = "";
  let sseRest = "";
  const text = h("span.answer-text");
  p.answer.append(text);
  const onDelta = (t) => {
    if (!t) return;
    if (s.ttft === undefined) s.ttft = performance.now() - started;
    text.append(document.createTextNode(t));
  };
  const readChunk = (chunk) => {
    if (!contentType.includes("event-stream")) {
      buffered += chunk;
      return;
    }
    sseRest += chunk;
    let nl;
    while ((nl = sseRest.indexOf("\n")) >= 0) {
      const line = sseRest.slice(0, nl).trim();
      sseRest = sseRest.slice(nl + 1);
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (data === "[DONE]") continue;
      try {
        const j = JSON.parse(data);
        onDelta(j.choices && j.choices[0] && j.choices[0].delta && j.choices[0].delta.content);
        if (j.usage) s.tokens = { prompt: j.usage.prompt_tokens, completion: j.usage.completion_tokens };
        if (j.model) s.model = j.model;
      } catch {
        // a line that is not JSON: shown as it is
        onDelta(data);
      }
    }
  };
  try {
    await streamPost("/playground", { path: p.path.value.trim(), headers, body }, (event, data) => {
      const d = JSON.parse(data);
      if (event === "response") {
        s.status = d.status;
        contentType = d.headers["content-type"] || "";
        s.model = d.headers["x-tollgate-model"];
      } else if (event === "chunk") {
        readChunk(d.text);
      } else if (event === "done") {
        s.latency = d.latency_ms;
        const ai = d.request && d.request.ai;
        if (ai) {
          s.tokens = { prompt: ai.prompt_tokens, completion: ai.completion_tokens };
          s.cost = ai.cost;
          s.currency = ai.currency;
          s.model = ai.model || s.model;
          if (ai.time_to_first_token_ms > 0) s.ttft = ai.time_to_first_token_ms;
        }
      } else if (event === "failed") {
        throw new Error(d.message);
      }
    });
    if (buffered) {
      try {
        const j = JSON.parse(buffered);
        const content = j.choices && j.choices[0] && j.choices[0].message ? j.choices[0].message.content : null;
        if (content !== null && content !== undefined) onDelta(content);
        else onDelta(j.message ? `${j.message}` : buffered);
        if (j.usage && !s.tokens) s.tokens = { prompt: j.usage.prompt_tokens, completion: j.usage.completion_tokens };
        if (j.model && !s.model) s.model = j.model;
      } catch {
        onDelta(buffered);
      }
    }
    if (s.status >= 400) p.answer.classList.add("error");
  } catch (e) {
    p.answer.classList.add("error");
    text.append(document.createTextNode(e instanceof ApiError ? `Not sent: ${Object.values(e.fields).join("; ") || e.message}` : e.message));
  }
  showStats(p, s);
}

export async function playgroundPage(el) {
  const saved = JSON.parse(remembered("playground", "{}"));
  const key = h("input", { id: "pg-key", type: "password", autocomplete: "off", value: saved.key || "" });
  const keyHeader = h("input", { id: "pg-key-header", type: "text", value: saved.keyHeader || "apikey", autocomplete: "off" });
  const system = h("textarea", { id: "pg-system", rows: 2, value: saved.system || "" });
  const prompt = h("textarea", { id: "pg-prompt", rows: 4, value: saved.prompt || "Say hello in five words." });
  const streamed = h("input", { id: "pg-stream", type: "checkbox", checked: saved.stream !== false });
  const panes = [pane(0, { path: saved.path || "/llm/v1/chat/completions", model: saved.model })];
  const paneArea = h("div.panes", null, panes[0].el);
  const add = h("button", { type: "button", id: "pg-add", onclick: () => {
    if (panes.length >= MAX_PANES) return;
    const p = pane(panes.length, { path: panes[0].path.value });
    panes.push(p);
    paneArea.append(p.el);
    add.disabled = panes.length >= MAX_PANES;
    p.model.focus();
  } }, "Compare with another model");
  const send = h("button.primary", { type: "submit", id: "pg-send" }, "Send");
  fill(el, h("h1", null, "Playground"),
    h("p.muted", null, "Sends a chat through this gateway's proxy, as an application would: the route's plugins, keys, limits and costs all apply, and it shows up in Live requests."),
    h("form.playground", { onsubmit: async (e) => {
      e.preventDefault();
      remember("playground", JSON.stringify({ keyHeader: keyHeader.value, system: system.value, prompt: prompt.value,
        stream: streamed.checked, path: panes[0].path.value, model: panes[0].model.value }));
      send.disabled = true;
      try {
        await Promise.all(panes.map((p) => run(p, { key: key.value, keyHeader: keyHeader.value.trim(), prompt: prompt.value,
          system: system.value.trim(), streamed: streamed.checked })));
      } finally {
        send.disabled = false;
      }
    } },
    h("div.pg-settings", null,
      h("div.field", null, h("label", { for: "pg-key" }, "Consumer key"), key,
        h("p.hint", null, "Sent in the header below, never stored by the UI.")),
      h("div.field", null, h("label", { for: "pg-key-header" }, "Key header"), keyHeader),
      h("div.field", null, h("label", { for: "pg-system" }, "System message (optional)"), system),
      h("div.field", null, h("label", { for: "pg-prompt" }, "Message"), prompt),
      h("div.field.checkbox", null, h("label", { for: "pg-stream" }, "Stream the answer"), streamed)),
    h("div.form-actions", null, send, add),
    paneArea));
}
