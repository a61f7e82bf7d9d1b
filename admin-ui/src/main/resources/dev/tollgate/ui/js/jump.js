// Ctrl/Cmd+K: jump to a page, or to a service, route, consumer or upstream by name or id.
import { h, fill } from "./dom.js";
import { get, qs } from "./api.js";
import { go } from "./router.js";
import { NAV } from "./pages/index.js";
import { KINDS } from "./kinds.js";

const ENTITY_KINDS = ["services", "routes", "consumers", "upstreams"];
let dialog = null;

export function openJump() {
  if (!dialog) dialog = build();
  if (!dialog.open) {
    dialog.showModal();
    const input = dialog.querySelector("input");
    input.value = "";
    input.dispatchEvent(new Event("input"));
    input.focus();
  }
}

function build() {
  const input = h("input", { id: "jump-input", type: "search", autocomplete: "off", role: "combobox",
    "aria-expanded": "true", "aria-controls": "jump-results", "aria-autocomplete": "list" });
  const list = h("ul", { id: "jump-results", role: "listbox", "aria-label": "Matches" });
  const d = h("dialog.jump", { "aria-label": "Jump to" },
    h("form", { method: "dialog", onsubmit: (e) => {
      e.preventDefault();
      const first = list.querySelector("[aria-selected=true]") || list.querySelector("li");
      if (first) first.click();
    } }, h("label", { for: "jump-input" }, "Jump to a page, or an entity by name or id"), input, list));
  document.body.append(d);
  const pages = NAV.flatMap((g) => g.items.map((i) => ({ label: i.label, hint: "page", path: `/${i.path}` })));
  let timer = null;
  let seq = 0;
  const render = (items) => {
    fill(list, items.slice(0, 12).map((it, i) => {
      const li = h("li", { role: "option", id: `jump-${i}`, "aria-selected": String(i === 0), tabindex: "-1", onclick: () => {
        d.close();
        go(it.path);
      } }, h("span", null, it.label), h("span.muted", null, ` ${it.hint}`));
      return li;
    }));
    input.setAttribute("aria-activedescendant", items.length ? "jump-0" : "");
  };
  input.addEventListener("input", () => {
    const q = input.value.trim().toLowerCase();
    const matching = pages.filter((p) => p.label.toLowerCase().includes(q));
    render(matching);
    clearTimeout(timer);
    if (q.length < 2) return;
    const mine = ++seq;
    timer = setTimeout(async () => {
      const found = await Promise.all(ENTITY_KINDS.map((k) => get(`${KINDS[k].path}${qs({ search: input.value.trim(), size: 5 })}`)
        .then((page) => page.data.map((e) => ({ label: KINDS[k].label(e), hint: KINDS[k].singular, path: `/${k}/${e.id}` })))
        .catch(() => [])));
      if (mine === seq) render([...matching, ...found.flat()]);
    }, 200);
  });
  input.addEventListener("keydown", (e) => {
    const items = [...list.children];
    if (!items.length || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    const i = items.findIndex((x) => x.getAttribute("aria-selected") === "true");
    const next = (i + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items.forEach((x, j) => x.setAttribute("aria-selected", String(j === next)));
    input.setAttribute("aria-activedescendant", items[next].id);
  });
  return d;
}
