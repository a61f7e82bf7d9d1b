// The admin token lives in this tab's sessionStorage only: never a cookie, gone when the tab closes.
const KEY = "tollgate.admin-token";

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(t) {
  if (t) sessionStorage.setItem(KEY, t);
  else sessionStorage.removeItem(KEY);
}

/** Page state kept while moving between pages (the time range), for this tab. */
export function remembered(name, fallback) {
  return sessionStorage.getItem(`tollgate.${name}`) || fallback;
}

export function remember(name, value) {
  sessionStorage.setItem(`tollgate.${name}`, value);
}

let node = null;
/** GET / of the node this UI talks to (version, configuration), once signed in. */
export function currentNode() {
  return node;
}

export function setCurrentNode(n) {
  node = n;
}
