package dev.tollgate.host.admin;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.sdk.SdkVersion;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.host.config.GatewayConfig;
import dev.tollgate.host.metrics.NodeMetrics;
import dev.tollgate.host.metrics.RequestStats;
import dev.tollgate.host.snapshot.SnapshotSource;

/** {@code GET /} (node information) and {@code GET /status} (health). */
public final class StatusEndpoints {
    private final GatewayConfig config;
    private final ConfigStore store;
    private final SnapshotSource snapshots;
    private final java.util.function.Supplier<java.util.List<String>> runtimes;
    private final String version;
    private final String nodeId;
    private final Instant started = Instant.now();
    private final RequestStats requests;
    private final NodeMetrics metrics;

    public StatusEndpoints(GatewayConfig config, ConfigStore store, SnapshotSource snapshots,
                           java.util.function.Supplier<java.util.List<String>> runtimes, String version, String nodeId,
                           RequestStats requests, NodeMetrics metrics) {
        this.requests = requests;
        this.metrics = metrics;
        this.config = config;
        this.store = store;
        this.snapshots = snapshots;
        this.runtimes = runtimes;
        this.version = version;
        this.nodeId = nodeId;
    }

    private volatile int proxyPort;
    private volatile int adminPort;

    /** The ports the listeners got (a configured 0 is a random one), once they listen. */
    public void listening(int proxy, int admin) {
        this.proxyPort = proxy;
        this.adminPort = admin;
    }

    ObjectNode node() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("tagline", "Welcome to tollgate");
        n.put("version", version);
        n.put("sdk_version", SdkVersion.current()); // plugin jars built against a newer SDK are refused
        n.put("node_id", nodeId);
        n.put("hostname", hostname());
        n.put("lua_version", (String) null);
        ObjectNode c = n.putObject("configuration");
        c.put("proxy_listen", config.proxyHost() + ":" + (proxyPort > 0 ? proxyPort : config.proxyPort()));
        if (config.tlsEnabled()) {
            c.put("proxy_listen_ssl", config.proxyHost() + ":" + config.proxyTlsPort());
        }
        c.put("admin_listen", config.adminHost() + ":" + (adminPort > 0 ? adminPort : config.adminPort()));
        c.put("database", config.database().type());
        c.put("database_location", config.database().describe());
        c.put("max_body_size", config.maxBodySize());
        c.put("plugins_dir", config.pluginsDir().toString());
        c.put("admin_token", config.adminToken().isPresent() ? "<redacted>" : null);
        return n;
    }

    ObjectNode status() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("version", version);
        s.put("node_id", nodeId);
        ObjectNode db = s.putObject("database");
        db.put("type", config.database().type());
        db.put("reachable", store.ping());
        ObjectNode server = s.putObject("server");
        server.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        server.put("started_at", started.getEpochSecond());
        server.put("total_requests", requests.total());
        server.put("requests_in_flight", requests.inFlight());
        // Exact percentiles (HdrHistogram) of the proxy's whole request time, in milliseconds.
        RequestStats.Percentiles p = requests.percentiles();
        ObjectNode latency = s.putObject("latency_ms");
        summary(latency.putObject("last_minute"), p.lastMinute());
        summary(latency.putObject("since_start"), p.sinceStart());
        ObjectNode cfg = s.putObject("configuration");
        cfg.put("version", snapshots.current().version());
        // False while the node serves its last snapshot because the store cannot be polled.
        cfg.put("in_sync", snapshots.storeReachable());
        // How script plugins run: "compiled" (GraalVM's optimizing runtime) or "interpreted".
        var scripts = s.putArray("plugin_runtimes");
        runtimes.get().forEach(scripts::add);
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode mem = s.putObject("memory");
        mem.put("heap_used_bytes", heap.getUsed());
        mem.put("heap_max_bytes", heap.getMax());
        return s;
    }

    /**
     * {@code /status/ready}: 200 once the node holds a configuration it can route with (from the
     * store, or the saved snapshot while the store is down), else 503, for load balancers and
     * Kubernetes readiness probes.
     */
    ObjectNode ready() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        var current = snapshots.current();
        boolean ready = current != null;
        r.put("ready", ready);
        if (ready) {
            r.put("configuration_version", current.version());
            r.put("in_sync", snapshots.storeReachable());
        } else {
            r.put("message", "no configuration loaded yet");
        }
        return r;
    }

    private static void summary(ObjectNode out, RequestStats.Summary s) {
        out.put("count", s.count());
        out.put("p50", s.p50());
        out.put("p90", s.p90());
        out.put("p99", s.p99());
        out.put("p999", s.p999());
        out.put("max", s.max());
    }

    /** {@code GET /metrics}: every family, in Prometheus's text format or OpenMetrics as the scraper asks. */
    void metrics(io.helidon.webserver.http.ServerRequest req, io.helidon.webserver.http.ServerResponse res) {
        var accept = io.helidon.http.HeaderNames.ACCEPT;
        NodeMetrics.Scrape scrape = metrics.scrape(req.headers().contains(accept) ? req.headers().get(accept).values() : null);
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, scrape.contentType());
        res.send(scrape.body());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
