// Forms generated from a schema: the shape GET /schemas/plugins/{name} returns
// ({name, type, required, description, default, one_of, min, max, secret, fields}), used for
// plugins of every kind and for the core entities alike.
import { h, fill, uid } from "./dom.js";

const REDACTED = "<redacted>";

/**
 * @param fields  schema fields
 * @param values  the entity's current values ({} for a new one)
 * @param opts    {prefix: "config", editing: bool}
 * @returns {{el, read(): object, errors(map): string[], clear()}}
 */
export function schemaForm(fields, values, opts = {}) {
  const root = group(fields, values || {}, opts.prefix || "", !!opts.editing);
  return {
    el: root.el,
    read: () => root.read(),
    /** Shows each field's error next to it; returns the messages no field claimed. */
    errors(map) {
      clear(root.el);
      const left = [];
      let first = null;
      for (const [path, message] of Object.entries(map)) {
        const slot = findSlot(root.el, path);
        if (!slot) {
          left.push(`${path}: ${message}`);
          continue;
        }
        const err = slot.querySelector(":scope > .field-error");
        fill(err, slot.dataset.path === path ? message : `${path}: ${message}`);
        const input = slot.querySelector("input, select, textarea");
        if (input) {
          input.setAttribute("aria-invalid", "true");
          first = first || input;
        }
      }
      if (first) first.focus();
      return left;
    },
    clear: () => clear(root.el),
  };
}

function clear(el) {
  el.querySelectorAll(".field-error").forEach((e) => fill(e));
  el.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/** The field element for "config.redis.host", or its nearest ancestor that is a field. */
function findSlot(el, path) {
  const parts = path.split(".");
  while (parts.length) {
    const slot = el.querySelector(`[data-path="${CSS.escape(parts.join("."))}"]`);
    if (slot) return slot;
    parts.pop();
  }
  return null;
}

function group(fields, values, prefix, editing) {
  const readers = [];
  const el = h("div.fields");
  for (const f of fields) {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    const w = widget(f, values[f.name], path, editing);
    readers.push([f, w]);
    el.append(w.el);
  }
  return {
    el,
    read() {
      const out = {};
      for (const [f, w] of readers) {
        const v = w.read();
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    },
  };
}

function labelText(f) {
  return [f.label || f.name, f.required ? h("span.required", { "aria-hidden": "true" }, " *") : null];
}

function hint(f) {
  const parts = [];
  if (f.description) parts.push(f.description);
  if (f.default !== undefined && f.default !== null && typeof f.default !== "object") parts.push(`Default: ${f.default}.`);
  if (f.min !== undefined && f.max !== undefined) parts.push(`From ${f.min} to ${f.max}.`);
  else if (f.min !== undefined) parts.push(`At least ${f.min}.`);
  else if (f.max !== undefined) parts.push(`At most ${f.max}.`);
  return parts.join(" ");
}

/** A labelled field: label, the control, its description and its error slot. */
function slot(f, path, control, id) {
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const text = hint(f);
  const describe = [text ? hintId : null, errId].filter(Boolean).join(" ");
  const input = control.matches("input, select, textarea") ? control : control.querySelector("input, select, textarea");
  if (input && !input.hasAttribute("aria-describedby")) input.setAttribute("aria-describedby", describe);
  if (input && f.required) input.setAttribute("aria-required", "true");
  return h("div.field", { dataset: { path } },
    h("label", { for: id }, labelText(f)),
    control,
    text ? h("p.hint", { id: hintId }, text) : null,
    h("p.field-error", { id: errId, "aria-live": "polite" }));
}

function widget(f, value, path, editing) {
  const id = uid("f");
  switch (f.type) {
    case "boolean": {
      const input = h("input", { id, type: "checkbox", checked: value ?? f.default ?? false });
      const el = slot(f, path, input, id);
      el.classList.add("checkbox");
      return { el, read: () => input.checked };
    }
    case "integer":
    case "number": {
      const input = h("input", { id, type: "number", step: f.type === "integer" ? "1" : "any", inputmode: "decimal",
        value: value ?? "", placeholder: f.default ?? "", min: f.min, max: f.max });
      return {
        el: slot(f, path, input, id),
        read() {
          const v = input.value.trim();
          if (v === "") return editing ? null : undefined;
          const n = Number(v);
          return Number.isNaN(n) ? v : n; // the API names a non-number
        },
      };
    }
    case "string_array":
    case "integer_array":
    case "array":
      return listWidget(f, value, path, id, editing);
    case "string_map":
    case "map":
      return mapWidget(f, value, path, id, editing);
    case "record":
      return recordWidget(f, value, path, editing);
    case "record_array":
      return recordListWidget(f, value, path, editing);
    default:
      return stringWidget(f, value, path, id, editing);
  }
}

function stringWidget(f, value, path, id, editing) {
  if (f.one_of && f.one_of.length) {
    const select = h("select", { id },
      f.required ? null : h("option", { value: "" }, f.default ? `(default: ${f.default})` : "(none)"),
      f.one_of.map((o) => h("option", { value: o }, o)));
    select.value = value ?? (f.required ? f.default ?? f.one_of[0] : "");
    return {
      el: slot(f, path, select, id),
      read: () => (select.value === "" ? (editing ? null : undefined) : select.value),
    };
  }
  if (f.secret) {
    // Write-only: the API shows a stored secret as "<redacted>" and takes that back as "keep it".
    const stored = value !== null && value !== undefined && value !== "";
    const input = h("input", { id, type: "password", autocomplete: "new-password",
      placeholder: stored ? "(stored; type to replace)" : "" });
    return {
      el: slot(f, path, input, id),
      read: () => (input.value !== "" ? input.value : stored ? REDACTED : undefined),
    };
  }
  const multiline = f.multiline;
  const input = multiline
    ? h("textarea", { id, rows: 4, value: value ?? "" })
    : h("input", { id, type: "text", value: value ?? "", placeholder: f.default ?? "", autocomplete: "off", spellcheck: "false" });
  return {
    el: slot(f, path, input, id),
    read() {
      const v = input.value;
      if (v.trim() === "") return editing ? null : undefined;
      return v === REDACTED ? undefined : v;
    },
  };
}

function listWidget(f, value, path, id, editing) {
  const items = h("ul.list-items");
  const numeric = f.type === "integer_array";
  const add = (v) => {
    const n = items.children.length;
    const input = h("input", { type: numeric ? "number" : "text", value: v ?? "", "aria-label": `${f.label || f.name} ${n + 1}`,
      id: n === 0 ? id : undefined, autocomplete: "off" });
    const li = h("li", { dataset: { path: `${path}.${n}` } }, input,
      h("button.link", { type: "button", "aria-label": `Remove ${f.label || f.name} ${n + 1}`, onclick: () => li.remove() }, "Remove"),
      h("p.field-error"));
    items.append(li);
    return input;
  };
  (Array.isArray(value) ? value : []).forEach(add);
  if (!items.children.length) add("");
  const control = h("div.list", null, items,
    h("button.small", { type: "button", onclick: () => add("").focus() }, `Add ${f.label || f.name}`));
  return {
    el: slot(f, path, control, id),
    read() {
      const vals = [...items.querySelectorAll("input")].map((i) => i.value.trim()).filter((v) => v !== "");
      if (!vals.length) return editing ? (f.required ? [] : null) : undefined;
      return numeric ? vals.map((v) => (Number.isNaN(Number(v)) ? v : Number(v))) : vals;
    },
  };
}

function mapWidget(f, value, path, id, editing) {
  const rows = h("ul.list-items");
  const add = (k, v) => {
    const n = rows.children.length;
    const key = h("input", { type: "text", value: k ?? "", "aria-label": `${f.label || f.name} key ${n + 1}`, id: n === 0 ? id : undefined });
    const val = h("input", { type: "text", value: Array.isArray(v) ? v.join(", ") : v ?? "", "aria-label": `${f.label || f.name} value ${n + 1}` });
    const li = h("li.pair", null, key, val,
      h("button.link", { type: "button", "aria-label": `Remove entry ${n + 1}`, onclick: () => li.remove() }, "Remove"));
    rows.append(li);
    return key;
  };
  Object.entries(value && typeof value === "object" ? value : {}).forEach(([k, v]) => add(k, v));
  if (!rows.children.length) add("", "");
  const control = h("div.list", null, rows, h("button.small", { type: "button", onclick: () => add("", "").focus() }, "Add entry"));
  return {
    el: slot(f, path, control, id),
    read() {
      const out = {};
      for (const li of rows.children) {
        const [k, v] = li.querySelectorAll("input");
        if (k.value.trim() !== "") out[k.value.trim()] = f.valuesAreLists ? v.value.split(",").map((s) => s.trim()).filter(Boolean) : v.value;
      }
      if (!Object.keys(out).length) return editing ? null : undefined;
      return out;
    },
  };
}

function recordWidget(f, value, path, editing) {
  const inner = group(f.fields || [], value && typeof value === "object" ? value : {}, path, editing);
  const el = h("fieldset.record", { dataset: { path } },
    h("legend", null, labelText(f)),
    f.description ? h("p.hint", null, f.description) : null,
    h("p.field-error", { "aria-live": "polite" }),
    inner.el);
  return {
    el,
    read() {
      const v = inner.read();
      return Object.keys(v).length ? v : undefined;
    },
  };
}

function recordListWidget(f, value, path, editing) {
  const list = h("div.record-list");
  const add = (v) => {
    const n = list.children.length;
    const inner = group(f.fields || [], v || {}, `${path}.${n}`, false);
    const box = h("fieldset.record", { dataset: { path: `${path}.${n}` } },
      h("legend", null, `${f.label || f.name} ${n + 1}`),
      h("p.field-error", { "aria-live": "polite" }),
      inner.el,
      h("button.link", { type: "button", onclick: () => box.remove() }, `Remove ${f.label || f.name} ${n + 1}`));
    box.readValue = () => inner.read();
    list.append(box);
  };
  (Array.isArray(value) ? value : []).forEach(add);
  const el = h("fieldset.record", { dataset: { path } },
    h("legend", null, labelText(f)),
    f.description ? h("p.hint", null, f.description) : null,
    h("p.field-error", { "aria-live": "polite" }),
    list,
    h("button.small", { type: "button", onclick: () => add({}) }, `Add ${f.label || f.name}`));
  return {
    el,
    read() {
      const vals = [...list.children].map((b) => b.readValue());
      if (!vals.length) return editing ? [] : undefined;
      return vals;
    },
  };
}
