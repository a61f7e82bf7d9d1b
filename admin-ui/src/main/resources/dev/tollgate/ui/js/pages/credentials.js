// A consumer's credentials, by kind (key-auth, basic-auth, jwt, acls, and any a plugin jar adds).
import { h, fill, table, fmtTime } from "../dom.js";
import { api, get } from "../api.js";
import { go } from "../router.js";
import { catalog } from "../catalog.js";
import { schemaForm } from "../form.js";
import { savingForm, deleteButton } from "../editing.js";

export async function credentialsSection(consumer) {
  const cat = await catalog();
  // key-auth first: the kind most consumers have
  const kinds = cat.plugins.filter((p) => p.credential_kind).map((p) => [p.name, p.credential_kind])
    .sort(([a], [b]) => (a === "key-auth" ? -1 : b === "key-auth" ? 1 : a.localeCompare(b)));
  if (!kinds.length) return h("p.empty", null, "No authentication plugin with credentials is enabled on this node.");
  const select = h("select", { id: "credential-kind" }, kinds.map(([plugin, kind]) => h("option", { value: kind }, `${kind} (${plugin})`)));
  const list = h("div", { "aria-live": "polite" });
  const show = async () => {
    const kind = select.value;
    const plugin = kinds.find(([, k]) => k === kind)[0];
    const page = await get(`/consumers/${consumer.id}/${encodeURIComponent(kind)}?size=100`);
    fill(list,
      h("a.button", { href: `#/credentials/new?consumer=${consumer.id}&plugin=${encodeURIComponent(plugin)}` }, `Add ${kind} credential`),
      page.data.length
        ? table(`${kind} credentials`, ["Id", "Key", "Created", ""], page.data.map((c) => ({
          cells: [c.id, keyOf(c), fmtTime(c.created_at),
            deleteButton("credential", () => api("DELETE", `/consumers/${consumer.id}/${encodeURIComponent(kind)}/${c.id}`), show)],
        })))
        : h("p.empty", null, `No ${kind} credentials.`));
  };
  select.addEventListener("change", show);
  await show();
  return h("div", null, h("label", { for: "credential-kind" }, "Kind"), select, list);
}

function keyOf(c) {
  return c.key ?? c.username ?? c.group ?? "–";
}

export async function newCredentialPage(el, loc) {
  const consumer = loc.params.get("consumer");
  const plugin = loc.params.get("plugin");
  const schema = await get(`/schemas/plugins/${encodeURIComponent(plugin)}`);
  if (!schema.credential) {
    fill(el, h("p.field-error", null, `The plugin ${plugin} has no credentials.`));
    return;
  }
  const kind = schema.credential.kind;
  const form = schemaForm(schema.credential.fields.filter((f) => f.name !== "consumer"), {});
  fill(el, h("nav.crumbs", { "aria-label": "Breadcrumb" }, h("a", { href: `#/consumers/${consumer}` }, "Consumer")),
    h("h1", null, `New ${kind} credential`),
    savingForm(form, {
      submitLabel: "Create credential",
      save: () => api("POST", `/consumers/${encodeURIComponent(consumer)}/${encodeURIComponent(kind)}`, form.read()),
      done: () => go(`/consumers/${consumer}`),
    }));
}
