// Plugin instances at every scope: global, service, route, consumer. Their forms come from
// GET /schemas/plugins/{name}, so a built-in, a jar and a JavaScript plugin all get one.
import { h, fill, table } from "../dom.js";
import { api, get, qs } from "../api.js";
import { go } from "../router.js";
import { catalog } from "../catalog.js";
import { schemaForm } from "../form.js";
import { savingForm, deleteButton } from "../editing.js";
import { PLUGIN_SCOPE, formValues } from "../kinds.js";

function scopeText(p) {
  const parts = [];
  if (p.service) parts.push(`service ${p.service.id}`);
  if (p.route) parts.push(`route ${p.route.id}`);
  if (p.consumer) parts.push(`consumer ${p.consumer.id}`);
  return parts.length ? parts.join(", ") : "global";
}

/** A table of the plugin instances at `path`, with a link to add one in `scope` ({service: id}). */
export async function pluginTable(path, scope) {
  const page = await get(`${path}?size=100`);
  return h("div", null,
    h("a.button", { href: `#/plugins/new${qs(scope)}` }, "Add plugin"),
    page.data.length
      ? table("Plugins", ["Name", "Scope", "Enabled"], page.data.map((p) => ({
        cells: [p.instance_name ? `${p.name} (${p.instance_name})` : p.name, scopeText(p), p.enabled ? "yes" : "no"],
        onopen: () => go(`/plugins/${p.id}`),
      })))
      : h("p.empty", null, "No plugins here yet."));
}

export async function pluginListPage(el, loc) {
  const offset = loc.params.get("offset") || "";
  const tags = loc.params.get("tags") || "";
  const page = await get(`/plugins${qs({ size: 50, offset, tags })}`);
  fill(el, h("div.page-head", null, h("h1", null, "Plugins"), h("a.button.primary", { href: "#/plugins/new" }, "Add plugin")),
    h("p", null, "Plugin instances at every scope. The plugins this node can run are under ", h("a", { href: "#/inventory" }, "Plugin inventory"), "."),
    page.data.length
      ? table("Plugin instances", ["Name", "Scope", "Enabled", "Tags"], page.data.map((p) => ({
        cells: [p.instance_name ? `${p.name} (${p.instance_name})` : p.name, scopeText(p), p.enabled ? "yes" : "no", (p.tags || []).join(", ")],
        onopen: () => go(`/plugins/${p.id}`),
      })))
      : h("p.empty", null, "No plugins configured yet."),
    page.next ? h("a.button", { href: `#/plugins${qs({ tags, offset: page.offset })}` }, "Next page") : null);
}

export async function pluginPage(el, id, loc) {
  if (id === "new") return newPlugin(el, loc);
  const instance = await get(`/plugins/${encodeURIComponent(id)}`);
  const schema = await get(`/schemas/plugins/${encodeURIComponent(instance.name)}`);
  const scope = schemaForm(PLUGIN_SCOPE, formValues(PLUGIN_SCOPE, instance), { editing: true });
  const config = schemaForm(schema.fields, instance.config || {}, { prefix: "config", editing: true });
  const both = combined(scope, config);
  fill(el, h("nav.crumbs", { "aria-label": "Breadcrumb" }, h("a", { href: "#/plugins" }, "Plugins")),
    h("h1", null, `Plugin ${instance.name}`), h("p.meta", null, `id ${instance.id} · version ${schema.version}`),
    savingForm(both, {
      submitLabel: "Save changes",
      save: () => api("PATCH", `/plugins/${instance.id}`, both.read()),
      extra: [deleteButton(`this ${instance.name} plugin`, () => api("DELETE", `/plugins/${instance.id}`), () => go("/plugins"))],
    }));
}

/** Scope fields and the plugin's config as one form: {...scope, config: {...}}. */
function combined(scope, config) {
  const el = h("div", null, h("fieldset.record", null, h("legend", null, "Scope"), scope.el),
    h("fieldset.record", { dataset: { path: "config" } }, h("legend", null, "Configuration"), h("p.field-error"), config.el));
  return {
    el,
    read: () => ({ ...scope.read(), config: config.read() }),
    errors: (map) => {
      const scoped = {};
      const conf = {};
      for (const [k, v] of Object.entries(map)) (k === "config" || k.startsWith("config.") ? conf : scoped)[k] = v;
      const left = [...scope.errors(scoped), ...config.errors(conf)];
      return left;
    },
    clear: () => {
      scope.clear();
      config.clear();
    },
  };
}

async function newPlugin(el, loc) {
  const cat = await catalog();
  const chosen = loc.params.get("name");
  const scopeValues = {};
  for (const k of ["service", "route", "consumer"]) if (loc.params.get(k)) scopeValues[k] = loc.params.get(k);
  const select = h("select", { id: "plugin-name" }, h("option", { value: "" }, "Choose a plugin…"),
    cat.plugins.map((p) => h("option", { value: p.name }, `${p.name} ${p.version}`)));
  select.value = chosen || "";
  const formArea = h("div");
  select.addEventListener("change", () => go(`/plugins/new${qs({ ...scopeValues, name: select.value })}`));
  fill(el, h("nav.crumbs", { "aria-label": "Breadcrumb" }, h("a", { href: "#/plugins" }, "Plugins")),
    h("h1", null, "Add a plugin"),
    h("div.field", null, h("label", { for: "plugin-name" }, "Plugin"), select), formArea);
  if (!chosen) return;
  const schema = await get(`/schemas/plugins/${encodeURIComponent(chosen)}`);
  const scope = schemaForm(PLUGIN_SCOPE, scopeValues);
  const config = schemaForm(schema.fields, {}, { prefix: "config" });
  const both = combined(scope, config);
  fill(formArea, savingForm(both, {
    submitLabel: `Add ${chosen}`,
    save: () => api("POST", "/plugins", { name: chosen, ...both.read() }),
    done: (saved) => go(`/plugins/${saved.id}`),
  }));
}
