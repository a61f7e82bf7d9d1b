// The cluster: each node's version, configuration version and whether it is in sync, database
// and Redis reachability, and plugin runtimes, from the heartbeats the nodes write (GET /cluster).
import { h, fill, table, fmtNumber, fmtMs, fmtTime } from "../dom.js";
import { get, ApiError } from "../api.js";

function badge(ok, yes, no) {
  return h(`span.badge.${ok ? "good" : "bad"}`, null, ok ? yes : no);
}

function duration(seconds) {
  if (seconds === undefined || seconds === null) return "–";
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

function redisCell(redis) {
  const entries = Object.entries(redis || {});
  if (!entries.length) return "not used";
  return entries.map(([addr, up]) => h("div", null, `${addr} `, badge(up, "reachable", "unreachable")));
}

export async function clusterPage(el) {
  let cluster;
  try {
    cluster = await get("/cluster");
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 401) throw e;
    // The store is down: this node can still say how it is.
    const s = await get("/status");
    fill(el, h("h1", null, "Cluster"),
      h("p.field-error", { role: "alert" }, `The cluster list needs the database, which did not answer (${e.message}). This node on its own:`),
      table("This node", ["Node", "Database", "Configuration", "Plugin runtimes"], [{
        cells: [s.node_id, badge(s.database.reachable, "reachable", "unreachable"),
          [`version ${s.configuration.version} `, badge(s.configuration.in_sync, "in sync", "serving its last copy")], s.plugin_runtimes.join(", ")],
      }]));
    return;
  }
  const up = cluster.nodes.filter((n) => n.state === "up").length;
  fill(el, h("div.page-head", null, h("h1", null, "Cluster")),
    h("p.muted", null, `${up} of ${cluster.nodes.length} nodes up. The store holds configuration version ${cluster.configuration_version}. `
      + "Nodes write a heartbeat every 5 seconds; one silent for 15 seconds shows as unreachable, and is forgotten after a day."),
    table("Nodes", ["Node", "State", "Version", "Configuration", "Database", "Redis", "Plugin runtimes", "Up for", "Requests", "p99 (last minute)", "Last seen"],
      cluster.nodes.map((n) => ({
        cells: [h("div", null, h("strong", null, n.hostname || "–"), n.node_id === cluster.this_node ? " (this node)" : "",
          h("div.muted", null, n.node_id), h("div.muted", null, (n.listen || {}).admin_listen || "")),
        badge(n.state === "up", "up", "unreachable"), n.version,
        [`version ${n.configuration.version} `, badge(n.in_sync, "in sync", "behind")],
        badge(n.database.reachable, "reachable", "unreachable"), redisCell(n.redis),
        (n.plugin_runtimes || []).join(", ") || "–", duration(n.server.uptime_seconds), fmtNumber(n.server.total_requests),
        fmtMs(((n.latency_ms || {}).last_minute || {}).p99), fmtTime(n.last_seen)],
      }))));
}
