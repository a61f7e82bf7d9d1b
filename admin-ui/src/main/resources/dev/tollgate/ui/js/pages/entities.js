// Lists and forms for services, routes, upstreams, targets, consumers and model prices.
import { h, fill, table, fmtTime } from "../dom.js";
import { api, get, qs } from "../api.js";
import { go } from "../router.js";
import { KINDS, formValues } from "../kinds.js";
import { schemaForm } from "../form.js";
import { savingForm, deleteButton } from "../editing.js";
import { pluginTable } from "./plugin-instances.js";
import { credentialsSection } from "./credentials.js";

const PAGE_SIZE = 50;

/** The Admin API path of a kind's collection, nested under its parent when it has one. */
function basePath(kind, params) {
  if (kind === KINDS.targets) return `/upstreams/${encodeURIComponent(params.get("upstream"))}/targets`;
  return kind.path;
}

export async function listPage(kindKey, el, loc) {
  const kind = KINDS[kindKey];
  const search = loc.params.get("search") || "";
  const tags = loc.params.get("tags") || "";
  const offset = loc.params.get("offset") || "";
  const searchBox = h("input", { id: "list-search", type: "search", value: search, placeholder: "name or id", autocomplete: "off" });
  const tagBox = h("input", { id: "list-tags", type: "search", value: tags, placeholder: "tag1,tag2 (all) or tag1/tag2 (any)", autocomplete: "off" });
  const results = h("div", { "aria-live": "polite" });
  const filter = h("form.filters", { role: "search", onsubmit: (e) => {
    e.preventDefault();
    go(`/${kindKey}${qs({ search: searchBox.value.trim(), tags: tagBox.value.trim() })}`);
  } },
  h("label", { for: "list-search" }, "Search"), searchBox,
  h("label", { for: "list-tags" }, "Tags"), tagBox,
  h("button", { type: "submit" }, "Filter"));
  fill(el, h("div.page-head", null, h("h1", null, kind.title),
    h("a.button.primary", { href: `#/${kindKey}/new` }, `New ${kind.singular}`)), filter, results);
  const page = await get(`${kind.path}${qs({ size: PAGE_SIZE, search, tags, offset })}`);
  const rows = page.data.map((e) => ({ cells: kind.columns.map(([, f]) => f(e)), onopen: () => go(`/${kindKey}/${e.id}`) }));
  if (!rows.length) {
    fill(results, h("p.empty", null, search || tags ? `No ${kind.title.toLowerCase()} match.` : `No ${kind.title.toLowerCase()} yet.`));
    return;
  }
  fill(results, table(kind.title, kind.columns.map(([t]) => t), rows),
    h("div.pager", null,
      offset ? h("a.button", { href: `#/${kindKey}${qs({ search, tags })}` }, "First page") : null,
      page.next ? h("a.button", { href: `#/${kindKey}${qs({ search, tags, offset: page.offset })}` }, "Next page") : null));
}

export async function entityPage(kindKey, id, el, loc) {
  const kind = KINDS[kindKey];
  const creating = id === "new";
  const base = basePath(kind, loc.params);
  const entity = creating ? {} : await get(`${base}/${encodeURIComponent(id)}`);
  const fields = kind.fields.filter((f) => !(f.createOnly && !creating));
  const values = creating ? prefilled(fields, loc.params) : formValues(fields, entity);
  const form = schemaForm(fields, values, { editing: !creating });
  const parentPath = creating ? nestedCreatePath(kindKey, loc.params) : null;
  const saving = savingForm(form, {
    submitLabel: creating ? `Create ${kind.singular}` : "Save changes",
    save: () => api(creating ? "POST" : "PATCH", creating ? parentPath : `${base}/${encodeURIComponent(id)}`, form.read()),
    done: (saved) => {
      if (creating) go(kindKey === "targets" ? `/upstreams/${loc.params.get("upstream")}` : `/${kindKey}/${saved.id}`);
    },
    extra: creating ? [] : [deleteButton(`this ${kind.singular}`, () => api("DELETE", `${base}/${encodeURIComponent(id)}`),
      () => go(kindKey === "targets" ? `/upstreams/${loc.params.get("upstream")}` : `/${kindKey}`))],
  });
  const title = creating ? `New ${kind.singular}` : `${kind.singular[0].toUpperCase()}${kind.singular.slice(1)} ${kind.label(entity)}`;
  fill(el, h("nav.crumbs", { "aria-label": "Breadcrumb" }, h("a", { href: `#/${kind.nestedOnly ? "upstreams" : kindKey}` }, kind.nestedOnly ? "Upstreams" : kind.title)),
    h("h1", null, title),
    creating ? null : h("p.meta", null, `id ${entity.id} · created ${fmtTime(entity.created_at)} · updated ${fmtTime(entity.updated_at)}`),
    saving);
  if (!creating && kind.children.length) el.append(children(kindKey, entity));
}

/** Where a new entity is POSTed: under its parent when the address names one (a service's routes). */
function nestedCreatePath(kindKey, params) {
  if (kindKey === "targets") return `/upstreams/${encodeURIComponent(params.get("upstream"))}/targets`;
  if (kindKey === "routes" && params.get("service")) return `/services/${encodeURIComponent(params.get("service"))}/routes`;
  return KINDS[kindKey].path;
}

function prefilled(fields, params) {
  const out = {};
  for (const f of fields) if (params.get(f.name)) out[f.name] = params.get(f.name);
  return out;
}

/** Tabs of what hangs under an entity; only the open tab is loaded. */
function children(kindKey, entity) {
  const kind = KINDS[kindKey];
  const panel = h("div.tab-panel", { role: "tabpanel", id: "child-panel", tabindex: "0" });
  const tabs = kind.children.map(([child, label], i) => h("button.tab", { type: "button", role: "tab", id: `tab-${child}`,
    "aria-controls": "child-panel", "aria-selected": String(i === 0), onclick: (e) => open(child, e.currentTarget) }, label));
  async function open(child, tab) {
    tabs.forEach((t) => t.setAttribute("aria-selected", String(t === tab)));
    panel.setAttribute("aria-labelledby", tab.id);
    fill(panel, h("p", null, "Loading…"));
    try {
      fill(panel, await childSection(kindKey, entity, child));
    } catch (err) {
      fill(panel, h("p.field-error", { role: "alert" }, err.message));
    }
  }
  const section = h("section.children", null, h("div.tabs", { role: "tablist", "aria-label": `${kind.singular} details` }, tabs), panel);
  open(kind.children[0][0], tabs[0]);
  return section;
}

async function childSection(kindKey, entity, child) {
  if (child === "plugins") return pluginTable(`/${kindKey}/${entity.id}/plugins`, { [KINDS[kindKey].singular]: entity.id });
  if (child === "credentials") return credentialsSection(entity);
  if (child === "routes") {
    const page = await get(`/services/${entity.id}/routes?size=100`);
    const k = KINDS.routes;
    return h("div", null,
      h("a.button", { href: `#/routes/new?service=${entity.id}` }, "Add route"),
      page.data.length ? table("Routes of this service", k.columns.map(([t]) => t),
        page.data.map((r) => ({ cells: k.columns.map(([, f]) => f(r)), onopen: () => go(`/routes/${r.id}`) })))
        : h("p.empty", null, "No routes yet: add one so that clients can reach this service."));
  }
  if (child === "targets") {
    const page = await get(`/upstreams/${entity.id}/targets?size=100`);
    const k = KINDS.targets;
    return h("div", null,
      h("a.button", { href: `#/targets/new?upstream=${entity.id}` }, "Add target"),
      page.data.length ? table("Targets of this upstream", k.columns.map(([t]) => t),
        page.data.map((t) => ({ cells: k.columns.map(([, f]) => f(t)), onopen: () => go(`/targets/${t.id}?upstream=${entity.id}`) })))
        : h("p.empty", null, "No targets yet."));
  }
  return h("p", null, "");
}

