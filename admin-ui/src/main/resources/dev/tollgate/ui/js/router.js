// Hash routes: #/services/abc?x=1. The page state lives in the address, so back, forward and reload work.

/** The current route: {path: ["services", "abc"], params: URLSearchParams}. */
export function location() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const q = hash.indexOf("?");
  const p = q < 0 ? hash : hash.slice(0, q);
  return { path: p ? p.split("/").map(decodeURIComponent) : [], params: new URLSearchParams(q < 0 ? "" : hash.slice(q + 1)) };
}

/** Shows another page (or this one again). */
export function go(path) {
  if (window.location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else window.location.hash = path;
}
