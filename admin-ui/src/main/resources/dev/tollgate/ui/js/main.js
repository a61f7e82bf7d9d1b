// The shell: sign-in, navigation, theme, the Ctrl/Cmd+K jump box, and the hash router.
import { h, fill } from "./dom.js";
import { get, onUnauthorized, ApiError } from "./api.js";
import { token, setToken, setCurrentNode } from "./session.js";
import { clearBanner } from "./banner.js";
import { openJump } from "./jump.js";
import { PAGES, NAV } from "./pages/index.js";
import { location } from "./router.js";

const state = { node: null, cleanup: null, signInMessage: null, visits: 0 };

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem("tollgate.theme", theme);
  const b = document.getElementById("theme-toggle");
  if (b) {
    b.textContent = theme === "dark" ? "Light theme" : "Dark theme";
    b.setAttribute("aria-pressed", String(theme === "dark"));
  }
}

function initialTheme() {
  return localStorage.getItem("tollgate.theme")
    || (window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

function shell() {
  const nav = h("nav.sidebar", { "aria-label": "Main" },
    NAV.map((group) => h("div.nav-group", null,
      h("h2.nav-title", null, group.title),
      h("ul", null, group.items.map((item) => h("li", null,
        h("a", { href: `#/${item.path}`, dataset: { nav: item.path } }, item.label)))))));
  const header = h("header.topbar", null,
    h("button.nav-toggle", { type: "button", "aria-label": "Show or hide the menu", "aria-expanded": "false",
      onclick: (e) => {
        const open = document.body.classList.toggle("nav-open");
        e.currentTarget.setAttribute("aria-expanded", String(open));
      } }, "Menu"),
    h("a.brand", { href: "#/" }, "Tollgate"),
    h("button.jump-button", { type: "button", onclick: openJump, "aria-keyshortcuts": "Control+K Meta+K" },
      "Jump to… ", h("kbd", null, "Ctrl K")),
    h("span.node", { id: "node-info", "aria-live": "polite" }),
    h("button", { id: "theme-toggle", type: "button", onclick: () =>
      applyTheme(document.documentElement.dataset.theme === "dark" ? "light" : "dark") }, "Dark theme"),
    token() ? h("button", { type: "button", onclick: () => signOut(null) }, "Sign out") : null);
  fill(document.getElementById("app"),
    header,
    h("div.layout", null, nav,
      h("main", { id: "main", tabindex: "-1" },
        h("div", { id: "banner" }),
        h("div", { id: "page" }))));
  applyTheme(document.documentElement.dataset.theme || initialTheme());
  const n = state.node;
  fill(document.getElementById("node-info"), n ? `${n.hostname} · ${n.version}` : "");
}

function signInPage() {
  const input = h("input", { id: "token", type: "password", autocomplete: "current-password", required: true });
  const error = h("p.field-error", { id: "token-error", role: "alert" }, state.signInMessage || "");
  const form = h("form.signin", { "aria-labelledby": "signin-title", onsubmit: async (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    try {
      state.node = await get("/");
      state.signInMessage = null;
      start();
    } catch (err) {
      setToken(null);
      fill(error, err instanceof ApiError && err.status === 401 ? "That token was refused." : err.message);
      input.focus();
    }
  } },
  h("h1", { id: "signin-title" }, "Sign in to Tollgate"),
  h("p", null, "This gateway's Admin API requires its admin token (admin.token). It is kept for this browser tab only."),
  h("label", { for: "token" }, "Admin token"), input, error,
  h("button.primary", { type: "submit" }, "Sign in"));
  fill(document.getElementById("app"), h("main.signin-wrap", { id: "main" }, form));
  applyTheme(initialTheme());
  input.focus();
}

function signOut(message) {
  setToken(null);
  state.node = null;
  state.signInMessage = message;
  if (state.cleanup) state.cleanup();
  state.cleanup = null;
  signInPage();
}

async function route() {
  if (!state.node) return;
  if (state.cleanup) {
    state.cleanup();
    state.cleanup = null;
  }
  clearBanner();
  const loc = location();
  const key = loc.path[0] || "overview";
  const page = PAGES[key] || PAGES[""];
  document.querySelectorAll("[data-nav]").forEach((a) => {
    if (a.dataset.nav === key) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  document.body.classList.remove("nav-open");
  // Each visit draws into its own element: a page still loading when the next is asked for
  // finishes into an element no longer shown, and its cleanup (a stream to close) runs at once.
  const el = h("div");
  fill(document.getElementById("page"), el);
  const visit = ++state.visits;
  try {
    const cleanup = await page(el, loc);
    if (typeof cleanup === "function") {
      if (visit === state.visits) state.cleanup = cleanup;
      else cleanup();
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    fill(el, h("div.empty", null, h("h1", null, "This page could not load"), h("p", null, e.message)));
  }
}

async function start() {
  setCurrentNode(state.node);
  shell();
  await route();
}

async function boot() {
  applyTheme(initialTheme());
  onUnauthorized((message) => {
    // While signed in, a refused token means it expired or changed; the sign-in form handles its own.
    if (state.node) signOut(`The Admin API refused this tab's token (${message || "401"}): it has expired or changed. Sign in again.`);
  });
  try {
    state.node = await get("/");
    start();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setToken(null);
      signInPage();
      return;
    }
    fill(document.getElementById("app"), h("main.signin-wrap", { id: "main" },
      h("div", { id: "banner" }),
      h("h1", null, "Tollgate"), h("p", null, `The Admin API cannot be reached: ${e.message}`),
      h("button.primary", { type: "button", onclick: boot }, "Try again")));
  }
}

window.addEventListener("hashchange", route);
window.addEventListener("keydown", (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k" && state.node) {
    e.preventDefault();
    openJump();
  }
});
boot();
