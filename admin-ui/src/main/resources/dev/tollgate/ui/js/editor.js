// CodeMirror 5 from its webjar, loaded on first use (it is most of the UI's weight), and code
// completion read from the SDK's own type definitions (tollgate.d.ts).
const base = () => document.querySelector('meta[name="codemirror"]').content;
let loading = null;

function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

function style(href) {
  const l = document.createElement("link");
  l.rel = "stylesheet";
  l.href = href;
  document.head.append(l);
}

export function loadEditor() {
  if (!loading) {
    const b = base();
    style(`${b}/lib/codemirror.css`);
    style(`${b}/addon/hint/show-hint.css`);
    loading = script(`${b}/lib/codemirror.js`)
      .then(() => Promise.all([
        script(`${b}/mode/javascript/javascript.js`),
        script(`${b}/addon/edit/matchbrackets.js`),
        script(`${b}/addon/hint/show-hint.js`),
      ]))
      .then(() => script(`${b}/addon/hint/javascript-hint.js`));
  }
  return loading;
}

/**
 * Interfaces of a .d.ts: {Context: {request: "ClientRequest", log: "Log", ...}, ...}. Inline
 * object types become interfaces named "Context.llm". Methods map to their return type.
 */
export function parseTypes(text) {
  const types = {};
  const stack = []; // interface names by brace depth
  let depth = 0;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").replace(/\/\*\*.*?\*\//g, "").trim();
    if (!line || line.startsWith("*") || line.startsWith("/*")) continue;
    const iface = /^(?:export\s+)?interface\s+(\w+)/.exec(line);
    if (iface) {
      types[iface[1]] = types[iface[1]] || {};
      stack[depth + 1] = iface[1];
    } else {
      const current = stack[depth];
      const member = /^(?:readonly\s+)?(\w+)\??\s*(\(|:)/.exec(line);
      if (current && member) {
        let type = "";
        if (member[2] === ":") type = line.slice(line.indexOf(":") + 1);
        else type = line.slice(line.lastIndexOf("):") + 2);
        type = type.replace(/;$/, "").trim();
        if (type.startsWith("{") && !type.includes("}")) {
          const anon = `${current}.${member[1]}`;
          types[anon] = {};
          stack[depth + 1] = anon;
          types[current][member[1]] = anon;
        } else {
          const first = /^(?:readonly\s+)?([A-Za-z_][\w.]*)/.exec(type);
          types[current][member[1]] = { kind: member[2] === "(" ? "method" : "property", type: first ? first[1] : "" };
        }
      }
    }
    for (const c of line) {
      if (c === "{") depth += 1;
      else if (c === "}") depth -= 1;
    }
  }
  return types;
}

/** A CodeMirror hint function: after "ctx." (and its members) it offers the SDK's names. */
export async function sdkHints() {
  let types = {};
  try {
    const res = await fetch("/types/index.d.ts", { credentials: "omit" });
    if (res.ok) types = parseTypes(await res.text());
  } catch {
    // completion falls back to JavaScript's own
  }
  return (cm) => {
    const cur = cm.getCursor();
    const line = cm.getLine(cur.line).slice(0, cur.ch);
    const m = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/.exec(line);
    if (m && m[1].split(".")[0] === "ctx") {
      let type = "Context";
      for (const part of m[1].split(".").slice(1)) {
        const entry = (types[type] || {})[part];
        type = typeof entry === "string" ? entry : entry ? entry.type : null;
        if (!type) break;
      }
      const members = types[type] || {};
      const list = Object.entries(members).filter(([n]) => n.startsWith(m[2])).map(([n, e]) => ({
        text: typeof e === "object" && e.kind === "method" ? `${n}(` : n,
        displayText: `${n}${typeof e === "object" && e.kind === "method" ? "()" : ""}  ${typeof e === "string" ? "" : e.type}`,
      }));
      return { list, from: { line: cur.line, ch: cur.ch - m[2].length }, to: cur };
    }
    return window.CodeMirror.hint.javascript(cm);
  };
}
