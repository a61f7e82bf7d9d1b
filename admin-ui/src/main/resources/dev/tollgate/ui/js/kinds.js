// The core entities: their Admin API paths, the fields their forms show (in the schema shape
// the plugin schemas use, from docs/admin-api.md), the columns of their lists, and what hangs
// under each (a service's routes and plugins, a consumer's credentials).
const tags = { name: "tags", type: "string_array", description: "Labels to filter lists by." };
const name = (d) => ({ name: "name", type: "string", description: d || "Unique; letters, digits, '.', '-', '_', '~'." });

export const KINDS = {
  services: {
    title: "Services", singular: "service", path: "/services", label: (e) => e.name || e.id,
    columns: [["Name", (e) => e.name || "–"], ["Upstream URL", (e) => `${e.protocol}://${e.host}:${e.port}${e.path || ""}`],
      ["Enabled", (e) => (e.enabled ? "yes" : "no")], ["Tags", (e) => (e.tags || []).join(", ")]],
    fields: [name(),
      { name: "url", type: "string", description: "Shorthand for protocol, host, port and path: http(s)://host[:port][/path]. Write-only.", createOnly: true },
      { name: "protocol", type: "string", one_of: ["http", "https"], default: "http" },
      { name: "host", type: "string", description: "A host name or IP address, or the name of an upstream. Required unless url is set." },
      { name: "port", type: "integer", min: 0, max: 65535, description: "80, or 443 for https, when empty." },
      { name: "path", type: "string", description: "Starts with /; prepended to what the route leaves of the path." },
      { name: "retries", type: "integer", min: 0, max: 32767, default: 5 },
      { name: "connect_timeout", type: "integer", default: 60000, description: "Milliseconds." },
      { name: "write_timeout", type: "integer", default: 60000, description: "Milliseconds." },
      { name: "read_timeout", type: "integer", default: 60000, description: "Milliseconds." },
      { name: "tls_verify", type: "boolean", default: true },
      { name: "enabled", type: "boolean", default: true }, tags],
    children: [["routes", "Routes"], ["plugins", "Plugins"]],
  },
  routes: {
    title: "Routes", singular: "route", path: "/routes", label: (e) => e.name || (e.paths || []).join(" ") || e.id,
    columns: [["Name", (e) => e.name || "–"], ["Paths", (e) => (e.paths || []).join(" ")], ["Methods", (e) => (e.methods || []).join(" ") || "any"],
      ["Hosts", (e) => (e.hosts || []).join(" ") || "any"], ["Service", (e) => (e.service ? e.service.id : "–")]],
    fields: [name(),
      { name: "service", type: "string", ref: "services", description: "The service's name or id." },
      { name: "paths", type: "string_array", description: "Prefixes starting with /, or regexes starting with ~." },
      { name: "methods", type: "string_array", description: "e.g. POST; any method when empty." },
      { name: "hosts", type: "string_array", description: "Host names; one * as the leftmost or rightmost label." },
      { name: "headers", type: "string_map", valuesAreLists: true, description: "Header name to values (comma-separated)." },
      { name: "protocols", type: "string_array", description: "http, https.", default: ["http", "https"] },
      { name: "strip_path", type: "boolean", default: true },
      { name: "preserve_host", type: "boolean", default: false },
      { name: "regex_priority", type: "integer", default: 0 },
      { name: "path_handling", type: "string", one_of: ["v0", "v1"], default: "v0" },
      { name: "https_redirect_status_code", type: "integer", default: 426 },
      { name: "request_buffering", type: "boolean", default: true }, tags],
    children: [["plugins", "Plugins"]],
  },
  upstreams: {
    title: "Upstreams", singular: "upstream", path: "/upstreams", label: (e) => e.name,
    columns: [["Name", (e) => e.name], ["Algorithm", (e) => e.algorithm], ["Host header", (e) => e.host_header || "–"]],
    fields: [{ ...name("A host name that services use as their host."), required: true },
      { name: "algorithm", type: "string", one_of: ["round-robin"], default: "round-robin" },
      { name: "host_header", type: "string" }, tags],
    children: [["targets", "Targets"]],
  },
  targets: {
    title: "Targets", singular: "target", path: "/targets", label: (e) => e.target, nestedOnly: true,
    columns: [["Target", (e) => e.target], ["Weight", (e) => e.weight]],
    fields: [{ name: "target", type: "string", required: true, description: "host, host:port or [ipv6]:port; port 8000 when omitted." },
      { name: "weight", type: "integer", min: 0, max: 65535, default: 100 }, tags],
    children: [],
  },
  consumers: {
    title: "Consumers", singular: "consumer", path: "/consumers", label: (e) => e.username || e.custom_id || e.id,
    columns: [["Username", (e) => e.username || "–"], ["Custom id", (e) => e.custom_id || "–"], ["Tags", (e) => (e.tags || []).join(", ")]],
    fields: [{ name: "username", type: "string", description: "Unique." },
      { name: "custom_id", type: "string", description: "Unique; an id from your own systems." }, tags],
    children: [["credentials", "Credentials"], ["plugins", "Plugins"]],
  },
  "model-prices": {
    title: "Model prices", singular: "model price", path: "/model-prices", label: (e) => `${e.provider || "any"}/${e.model}`,
    columns: [["Provider", (e) => e.provider || "any"], ["Model", (e) => e.model], ["Input / 1M", (e) => e.input_cost],
      ["Cached input / 1M", (e) => e.cached_input_cost ?? "= input"], ["Output / 1M", (e) => e.output_cost],
      ["Reasoning / 1M", (e) => e.reasoning_output_cost ?? "= output"], ["Currency", (e) => e.currency]],
    fields: [{ name: "provider", type: "string", description: "openai, anthropic, ...; empty: every provider without a price of its own." },
      { name: "model", type: "string", required: true },
      { name: "input_cost", type: "number", required: true, min: 0, description: "Per million prompt tokens." },
      { name: "output_cost", type: "number", required: true, min: 0, description: "Per million completion tokens." },
      { name: "cached_input_cost", type: "number", min: 0, description: "Per million cached prompt tokens; empty means the input cost." },
      { name: "reasoning_output_cost", type: "number", min: 0, description: "Per million reasoning tokens; empty means the output cost." },
      { name: "currency", type: "string", default: "USD" }, tags],
    children: [],
  },
};

/** Scope fields of a plugin instance. */
export const PLUGIN_SCOPE = [
  { name: "instance_name", type: "string", description: "Optional unique name, usable in paths." },
  { name: "service", type: "string", ref: "services", description: "Service name or id; empty for every service." },
  { name: "route", type: "string", ref: "routes", description: "Route name or id; empty for every route." },
  { name: "consumer", type: "string", ref: "consumers", description: "Consumer username or id; empty for every consumer." },
  { name: "enabled", type: "boolean", default: true },
  { name: "tags", type: "string_array" },
];

/** Reference fields come back as {"id": ...}; forms show the id. */
export function formValues(fields, entity) {
  const out = { ...entity };
  for (const f of fields) if (f.ref && entity[f.name] && typeof entity[f.name] === "object") out[f.name] = entity[f.name].id;
  return out;
}
