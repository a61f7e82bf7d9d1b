// The plugin inventory, and the JavaScript plugin editor: CodeMirror (from its webjar, loaded
// when the editor opens), completion from the SDK's tollgate.d.ts, compile errors marked at
// their line and column. A save the gateway refuses changes nothing: the stored version serves on.
import { h, fill, table } from "../dom.js";
import { api, get, ApiError } from "../api.js";
import { go } from "../router.js";
import { catalog, forget } from "../catalog.js";
import { loadEditor, sdkHints } from "../editor.js";
import { trialPanel } from "./script-trial.js";
import { versionsPanel } from "./script-versions.js";

export async function inventoryPage(el) {
  const [cat, scripts] = await Promise.all([catalog(true), get("/script-plugins?size=1000")]);
  const stored = new Set(scripts.data.map((s) => s.name));
  fill(el, h("div.page-head", null, h("h1", null, "Plugin inventory"),
    h("a.button.primary", { href: "#/scripts/new" }, "New JavaScript plugin")),
  cat.load_errors.length
    ? h("section.load-errors", { "aria-labelledby": "load-errors" }, h("h2", { id: "load-errors" }, "Files that did not load"),
      table("Plugin files that did not load", ["File", "Problem", "Previous version serving"],
        cat.load_errors.map((e) => ({ cells: [e.file, h("pre.message", null, e.message), e.previous_version_active ? "yes" : "no"] }))))
    : null,
  h("h2", null, "Plugins this node runs"),
  table("Plugins this node runs", ["Name", "Version", "Source", "Priority", "Phases", ""], cat.plugins.map((p) => ({
    cells: [p.name, p.version, p.source || (stored.has(p.name) ? "stored script" : "–"), p.priority, p.phases.join(", "),
      stored.has(p.name) ? h("a", { href: `#/scripts/${encodeURIComponent(p.name)}` }, `Edit ${p.name}`) : ""],
  }))));
}

const TEMPLATE = `// A Tollgate JavaScript plugin: an ES module exporting its name and its phases.
export const name = "my-plugin";
export const version = "1.0.0";
export const priority = 12;
export const schema = {};

/** @param {Tollgate.Context} ctx */
export function access(ctx, config) {
  ctx.upstream.setHeader("x-my-plugin", "on");
}
`;

/** "ai-logger.js:3:21: SyntaxError: ..." → {line: 3, column: 21} (1-based), or null. */
export function errorPosition(message) {
  const m = /:(\d+):(\d+):/.exec(message || "");
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

export async function editorPage(el, name) {
  const creating = name === "new";
  const [script] = await Promise.all([creating ? null : get(`/script-plugins/${encodeURIComponent(name)}`), loadEditor()]);
  const status = h("p.form-status", { id: "editor-status", role: "status", "aria-live": "polite" });
  const area = h("textarea", { id: "source", "aria-label": "Plugin source" });
  const save = h("button.primary", { type: "button", id: "save-script" }, creating ? "Create plugin" : "Save and deploy");
  fill(el, h("nav.crumbs", { "aria-label": "Breadcrumb" }, h("a", { href: "#/inventory" }, "Plugin inventory")),
    h("h1", null, creating ? "New JavaScript plugin" : `JavaScript plugin ${name}`),
    h("p", null, "Saving compiles the script on the gateway first: a script that does not compile is refused with its line and column, and the version already deployed keeps serving. ",
      "Ctrl+Space completes names from the plugin SDK."),
    h("label", { for: "source" }, "Source"),
    h("div.editor", null, area),
    h("div.form-actions", null, save,
      creating ? null : h("a.button", { href: `#/plugins/new?name=${encodeURIComponent(name)}` }, "Enable it on a service, route or consumer"),
      status));
  const cm = window.CodeMirror.fromTextArea(area, {
    mode: "javascript", lineNumbers: true, matchBrackets: true, indentUnit: 2, tabSize: 2,
    gutters: ["CodeMirror-linenumbers", "errors"],
    theme: document.documentElement.dataset.theme === "dark" ? "tollgate-dark" : "default",
    extraKeys: { "Ctrl-Space": "autocomplete", Tab: false, "Shift-Tab": false },
    hintOptions: { hint: await sdkHints(), completeSingle: false },
    screenReaderLabel: "Plugin source",
  });
  cm.setValue(creating ? TEMPLATE : script.source);
  el.append(trialPanel(() => cm.getValue(), (message) => markError(message)));
  if (!creating) el.append(versionsPanel(name, (source) => cm.setValue(source)));
  cm.getWrapperElement().dataset.testid = "editor";
  window.tollgateEditor = cm; // for keyboard-less automation and the browser tests
  let marks = [];
  const clearMarks = () => {
    marks.forEach((m) => m.clear());
    marks = [];
    cm.clearGutter("errors");
  };
  /** Marks a compile error at its line in the editor; false when the message names no line. */
  function markError(message) {
    clearMarks();
    const at = errorPosition(message);
    if (!at) return false;
    const line = Math.max(0, Math.min(at.line - 1, cm.lineCount() - 1));
    const marker = h("span.gutter-error", { title: message, "aria-hidden": "true" }, "●");
    cm.setGutterMarker(line, "errors", marker);
    const widget = h("div.line-error", { role: "alert", dataset: { line: String(at.line) } }, `Line ${at.line}, column ${at.column}: ${message.split("\n")[0]}`);
    marks.push(cm.addLineWidget(line, widget, { coverGutter: false }));
    cm.addLineClass(line, "background", "cm-error-line");
    marks.push({ clear: () => cm.removeLineClass(line, "background", "cm-error-line") });
    cm.setCursor({ line, ch: Math.max(0, at.column - 1) });
    cm.focus();
    return true;
  }
  save.addEventListener("click", async () => {
    save.disabled = true;
    clearMarks();
    fill(status, "Compiling and saving…");
    status.className = "form-status";
    try {
      const body = { source: cm.getValue() };
      const saved = creating ? await api("POST", "/script-plugins", body) : await api("PUT", `/script-plugins/${encodeURIComponent(name)}`, body);
      forget();
      status.classList.add("ok");
      fill(status, `Saved: ${saved.name} is deployed to every node.`);
      if (creating) go(`/scripts/${encodeURIComponent(saved.name)}`);
    } catch (err) {
      status.classList.add("error");
      const message = err instanceof ApiError ? err.fields.source || err.fields.name || err.message : err.message;
      if (!markError(message)) fill(status, `Not saved: ${message}`);
      else fill(status, `Not saved: line ${errorPosition(message).line}, column ${errorPosition(message).column}. The deployed version keeps serving.`);
    } finally {
      save.disabled = false;
    }
  });
  return () => {
    delete window.tollgateEditor;
  };
}
