// The editor's test-run: the script as it is in the editor, compiled and run on a sample
// request in the gateway's sandbox without deploying it (POST /script-plugins/test-run).
import { h, fill } from "../dom.js";
import { api, ApiError } from "../api.js";

const SAMPLE = JSON.stringify({
  method: "POST", path: "/v1/chat/completions",
  headers: { "content-type": "application/json" },
  body: { model: "gpt-4o", messages: [{ role: "user", content: "Hello!" }] },
  consumer: null,
  upstream: { status: 200, headers: { "content-type": "application/json" } },
}, null, 2);

function headersText(headers) {
  return Object.entries(headers || {}).flatMap(([k, vs]) => vs.map((v) => `${k}: ${v}`)).join("\n");
}

function block(title, id, text) {
  return h("div.trial-block", null, h("h3", null, title), h("pre", { id, tabindex: "0" }, text || "(none)"));
}

/** @param source () => the editor's text; @param markError (message) => marks a compile error in the editor */
export function trialPanel(source, markError) {
  const request = h("textarea", { id: "trial-request", rows: 12, spellcheck: "false", value: SAMPLE });
  const config = h("textarea", { id: "trial-config", rows: 3, spellcheck: "false", value: "{}" });
  const out = h("div.trial-out", { id: "trial-out", "aria-live": "polite" });
  const run = h("button", { type: "button", id: "trial-run" }, "Run test");
  run.addEventListener("click", async () => {
    let req;
    let conf;
    try {
      req = JSON.parse(request.value);
      conf = JSON.parse(config.value || "{}");
    } catch (e) {
      fill(out, h("p.field-error", { role: "alert" }, `The sample request and the config must be JSON: ${e.message}`));
      return;
    }
    run.disabled = true;
    fill(out, h("p", null, "Running…"));
    try {
      const r = await api("POST", "/script-plugins/test-run", { source: source(), config: conf, request: req });
      const up = r.upstream_request;
      fill(out,
        r.error ? h("p.field-error", { role: "alert" }, r.error) : null,
        h("p.meta", { id: "trial-phases" }, r.phases.length
          ? `Phases: ${r.phases.map((p) => `${p.phase} ${p.ms} ms`).join(", ")} (first calls in a fresh context: the gateway's warm calls take a fraction)`
          : "No phase ran."),
        up ? block("Upstream request (as the script leaves it)", "trial-upstream",
          `${up.method} ${up.path}${up.query ? `?${up.query}` : ""}\n${headersText(up.headers)}\n\n${up.body}`)
          : h("p", null, r.exited_in ? `No upstream request: the script answered in ${r.exited_in}.` : ""),
        r.response ? block("Response to the client", "trial-response",
          `${r.response.status}\n${headersText(r.response.headers)}\n\n${r.response.body}`) : null,
        block("Log (ctx.log)", "trial-log", r.log.join("\n")),
        r.console.length ? block("Console", "trial-console", r.console.join("\n")) : null);
    } catch (e) {
      const message = e instanceof ApiError ? Object.values(e.fields).join("; ") || e.message : e.message;
      if (e instanceof ApiError && e.fields.source) markError(e.fields.source);
      fill(out, h("p.field-error", { role: "alert" }, `Not run: ${message}`));
    } finally {
      run.disabled = false;
    }
  });
  return h("section.trial", { "aria-labelledby": "trial-title" },
    h("h2", { id: "trial-title" }, "Test run"),
    h("p.muted", null, "Runs the script as it is in the editor on a sample request, in the gateway's sandbox, without deploying it. "
      + "Nothing is sent anywhere: the upstream's answer is the one below (a chat completion when it has no body)."),
    h("div.trial-inputs", null,
      h("div.field", null, h("label", { for: "trial-request" }, "Sample request (JSON)"), request),
      h("div.field", null, h("label", { for: "trial-config" }, "Plugin config (JSON)"), config)),
    run, out);
}
