package dev.tollgate.host;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.TrafficStore;
import dev.tollgate.db.UsageStore;
import dev.tollgate.host.admin.AdminAuth;
import dev.tollgate.host.admin.AdminRequestOrigin;
import dev.tollgate.host.admin.AdminRoutes;
import dev.tollgate.host.traffic.OverviewReport;
import dev.tollgate.host.traffic.TrafficRecorder;
import dev.tollgate.host.ui.ApiOnly;
import dev.tollgate.host.admin.OverviewEndpoints;
import dev.tollgate.host.admin.ClusterEndpoints;
import dev.tollgate.host.admin.PlaygroundEndpoints;
import dev.tollgate.db.NodeStore;
import dev.tollgate.host.ui.UiAssets;
import dev.tollgate.host.ui.UiHeaders;
import dev.tollgate.host.admin.PluginCatalog;
import dev.tollgate.host.admin.RequestLogEndpoints;
import dev.tollgate.host.admin.StatusEndpoints;
import dev.tollgate.host.admin.StatusRoutes;
import dev.tollgate.host.admin.UsageEndpoints;
import dev.tollgate.host.config.DataDirectory;
import dev.tollgate.host.config.GatewayConfig;
import dev.tollgate.host.metrics.NodeMetrics;
import dev.tollgate.host.metrics.RequestStats;
import dev.tollgate.host.metrics.TargetHealthView;
import dev.tollgate.host.plugins.PluginJars;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.host.plugins.SharedServices;
import dev.tollgate.host.plugins.StoredScripts;
import dev.tollgate.host.proxy.ConnectionClose;
import dev.tollgate.host.proxy.ProtocolErrors;
import dev.tollgate.host.proxy.ProxyHandler;
import dev.tollgate.host.proxy.UpstreamClients;
import dev.tollgate.host.requests.ClusterFeed;
import dev.tollgate.host.requests.RequestLog;
import dev.tollgate.host.snapshot.SnapshotFile;
import dev.tollgate.host.snapshot.SnapshotSource;
import dev.tollgate.host.usage.UsageRecorder;
import dev.tollgate.host.usage.UsageReports;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/** One gateway node: the store, the configuration snapshot, and the proxy and admin listeners. */
public final class Gateway implements AutoCloseable {
    private static final String ADMIN = "admin";
    private static final String PROXY_TLS = "proxy-tls";
    private static final String STATUS = "status";
    private static final String UI = "ui";

    private final GatewayConfig config;
    private final ConfigStore store;
    private final SnapshotSource snapshots;
    private final UpstreamClients clients;
    private final SharedServices services;
    private final PluginJars jars;
    private final UsageRecorder usage;
    private final WebServer server;

    private final RequestLog requestLog;
    private final RequestStats requestStats;
    private final TrafficRecorder traffic;
    private final ClusterEndpoints cluster;
    private final Heartbeat heartbeat;
    private final String nodeId;

    private Gateway(GatewayConfig config, ConfigStore store, SnapshotSource snapshots, UpstreamClients clients,
                    SharedServices services, PluginJars jars, UsageRecorder usage, WebServer server, RequestLog requestLog,
                    RequestStats requestStats, TrafficRecorder traffic, ClusterEndpoints cluster, Heartbeat heartbeat, String nodeId) {
        this.traffic = traffic;
        this.cluster = cluster;
        this.heartbeat = heartbeat;
        this.nodeId = nodeId;
        this.requestLog = requestLog;
        this.requestStats = requestStats;
        this.config = config;
        this.store = store;
        this.snapshots = snapshots;
        this.clients = clients;
        this.services = services;
        this.jars = jars;
        this.usage = usage;
        this.server = server;
    }

    /** Opens the store, loads the configuration and starts listening. */
    public static Gateway start(GatewayConfig config) {
        requireNonNull(config, "config");
        DataDirectory.prepare(config.dataDir());
        ConfigStore store = ConfigStore.connect(config.database());
        PluginRegistry builtins = PluginRegistry.load(Gateway.class.getClassLoader());
        // The node's own plugins (built-ins and plugins-dir), and those plus the scripts the store holds.
        var registry = new java.util.concurrent.atomic.AtomicReference<>(builtins);
        var full = new java.util.concurrent.atomic.AtomicReference<>(builtins);
        StoredScripts stored = new StoredScripts(config.dataDir().resolve("script-cache"), Gateway.class.getClassLoader());
        String nodeId = UUID.nameUUIDFromBytes((config.dataDir() + ":" + config.proxyPort() + ":" + ProcessHandle.current().pid())
                .getBytes(StandardCharsets.UTF_8)).toString();
        RequestStats requestStats = new RequestStats();
        var current = new java.util.concurrent.atomic.AtomicReference<SnapshotSource>();
        var cacheBytes = new java.util.concurrent.atomic.AtomicReference<SharedServices>();
        NodeMetrics metrics = new NodeMetrics(config.metricsPrefix(), new NodeMetrics.Sources(nodeId, version(), store::ping,
                requestStats, () -> cacheBytes.get() == null ? 0 : cacheBytes.get().cacheBytes(), SharedServices.CACHE_BYTES,
                () -> current.get() == null ? java.util.List.of() : TargetHealthView.of(current.get().current().data())));
        SharedServices services = new SharedServices(java.time.Clock.systemUTC(), metrics.metrics());
        RequestLog requestLog = new RequestLog(nodeId, config.requestLogSize());
        config.requestLogRedis().ifPresent(redis -> ClusterFeed.start(redis, requestLog));
        cacheBytes.set(services);
        SnapshotSource snapshots = null;
        PluginJars jars = null;
        ClusterEndpoints cluster = null;
        Heartbeat heartbeat = null;
        UpstreamClients clients = new UpstreamClients();
        UsageStore usageStore = new UsageStore(store);
        UsageRecorder usage = UsageRecorder.start(usageStore::insert, config.dataDir().resolve("usage-spill.jsonl"));
        TrafficStore trafficStore = new TrafficStore(store);
        TrafficRecorder traffic = new TrafficRecorder(trafficStore, nodeId, java.time.Clock.systemUTC());
        requestStats.onFinished(traffic::record);
        try {
            SnapshotSource[] ready = new SnapshotSource[1];
            jars = PluginJars.watch(config.pluginsDir(), config.dataDir().resolve("plugin-cache"),
                    Gateway.class.getClassLoader(), name -> builtins.find(name).isPresent(), 1000, fromJars -> {
                        registry.set(builtins.with(fromJars));
                        if (ready[0] != null) {
                            ready[0].pluginsChanged();
                        }
                    });
            registry.set(builtins.with(jars.factories()));
            if (config.pluginsWarmUp()) {
                jars.warmUp();
            }
            snapshots = SnapshotSource.start(store, new SnapshotFile(config.dataDir().resolve("config-snapshot.json")),
                    data -> {
                        PluginRegistry withScripts = registry.get().with(stored.sync(data.scriptPlugins()));
                        full.set(withScripts);
                        return withScripts;
                    }, services, config.configPollInterval());
            ready[0] = snapshots;
            current.set(snapshots);
            StatusEndpoints status = new StatusEndpoints(config, store, snapshots, jars::sourceDescriptions, version(), nodeId,
                    requestStats, metrics);

            java.util.concurrent.atomic.AtomicInteger proxyPort = new java.util.concurrent.atomic.AtomicInteger(config.proxyPort());
            cluster = new ClusterEndpoints(new NodeStore(store), store, status, services::redisReachability, java.time.Clock.systemUTC());
            heartbeat = Heartbeat.start(cluster::heartbeat, java.time.Duration.ofSeconds(5));

            HttpRouting.Builder proxy = HttpRouting.builder().addFilter(new ConnectionClose()).addFilter(new HeadRequests()).any(new ProxyHandler(snapshots, clients, config.maxBodySize(), config.clientBodyTimeout(), new UsageReports(usage), requestStats, requestLog, config.requestLogBodySize()));
            HttpRouting.Builder admin = HttpRouting.builder().addFilter(new ConnectionClose()).addFilter(new HeadRequests());
            AdminRequestOrigin origins = new AdminRequestOrigin(config.adminAllowedOrigins(), config.adminAllowedHosts(),
                    config.adminToken().isPresent());
            admin.addFilter(origins);
            config.adminToken().ifPresent(token -> admin.addFilter(new AdminAuth(token)));
            PluginJars files = jars;
            RequestLogEndpoints requestLogApi = new RequestLogEndpoints(requestLog);
            AdminRoutes adminApi = new AdminRoutes(store, snapshots::refresh, status,
                    new PluginCatalog(full::get, files::rescan, files::problems,
                            name -> files.fileOf(name).map(f -> "plugins-dir: " + f)
                                    .orElseGet(() -> stored.stores(name) ? "stored script" : "built-in")), stored,
                    name -> registry.get().find(name).isPresent(), new UsageEndpoints(store, usageStore, usage),
                    new OverviewEndpoints(new OverviewReport(store, trafficStore, usageStore, java.time.Clock.systemUTC()),
                            () -> {
                                usage.flush(java.time.Duration.ofSeconds(2));
                                traffic.flushNow();
                            }), cluster, new PlaygroundEndpoints(config.proxyHost(), proxyPort::get, requestLog));
            AdminRoutes.registerErrors(admin);
            requestLogApi.register(admin); // before the Admin API's catch-all 404
            adminApi.register(admin);

            int clientConnections = ConnectionLimits.perProxyListener(config, config.tlsEnabled() ? 2 : 1);
            // No maxPayloadSize: the proxy enforces proxy.max-body-size itself, to answer with a JSON 413.
            var builder = WebServer.builder()
                    .host(config.proxyHost())
                    .port(config.proxyPort())
                    .maxTcpConnections(clientConnections)
                    // The launcher's hook stops the gateway in order; Helidon's own would race it.
                    .shutdownHook(false)
                    // Streamed tokens are small writes: without TCP_NODELAY, Nagle's algorithm meets the
                    // client's delayed ACK and holds an event for ~40 ms.
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .directHandlers(ProtocolErrors.handlers())
                    .routing(proxy)
                    .putSocket(ADMIN, ListenerConfig.builder()
                            .host(config.adminHost())
                            .port(config.adminPort())
                            .maxTcpConnections(ConnectionLimits.ADMIN)
                            .directHandlers(ProtocolErrors.handlers())
                            .routing(admin)
                            .build());
            if (config.tlsEnabled()) {
                HttpRouting.Builder proxyTls = HttpRouting.builder().addFilter(new ConnectionClose()).addFilter(new HeadRequests()).any(new ProxyHandler(snapshots, clients, config.maxBodySize(), config.clientBodyTimeout(), new UsageReports(usage), requestStats, requestLog, config.requestLogBodySize()));
                builder.putSocket(PROXY_TLS, ListenerConfig.builder()
                        .host(config.proxyHost())
                        .port(config.proxyTlsPort())
                        .maxTcpConnections(clientConnections)
                        .tls(ProxyTls.load(config.tlsCertificate().orElseThrow(), config.tlsKey().orElseThrow()))
                        .connectionOptions(o -> o.tcpNoDelay(true))
                        .directHandlers(ProtocolErrors.handlers())
                        .routing(proxyTls)
                        .build());
            }
            if (config.statusEnabled()) {
                HttpRouting.Builder statusRouting = HttpRouting.builder().addFilter(new ConnectionClose()).addFilter(new HeadRequests());
                new StatusRoutes(status).register(statusRouting);
                builder.putSocket(STATUS, ListenerConfig.builder()
                        .host(config.statusHost())
                        .port(config.statusPort())
                        .maxTcpConnections(ConnectionLimits.ADMIN)
                        .directHandlers(ProtocolErrors.handlers())
                        .routing(statusRouting)
                        .build());
            }
            if (config.ui().enabled()) {
                // The UI's pages and, under /api, the same Admin API with the same filters: one origin, no CORS.
                HttpRouting.Builder ui = HttpRouting.builder().addFilter(new ConnectionClose()).addFilter(new HeadRequests())
                        .addFilter(new UiHeaders()).addFilter(new ApiOnly(origins));
                config.adminToken().ifPresent(token -> ui.addFilter(new ApiOnly(new AdminAuth(token))));
                AdminRoutes.registerErrors(ui);
                ui.register(ApiOnly.PREFIX, rules -> {
                    requestLogApi.register(rules);
                    adminApi.register(rules);
                });
                new UiAssets(Gateway.class.getClassLoader()).register(ui);
                ListenerConfig.Builder uiListener = ListenerConfig.builder()
                        .host(config.ui().host())
                        .port(config.ui().port())
                        .maxTcpConnections(ConnectionLimits.ADMIN)
                        .directHandlers(ProtocolErrors.handlers())
                        .routing(ui);
                if (config.ui().tls()) {
                    uiListener.tls(ProxyTls.load(config.ui().certificate().orElseThrow(), config.ui().key().orElseThrow()));
                }
                builder.putSocket(UI, uiListener.build());
            }
            WebServer server = builder.build().start();
            if (!server.isRunning()) {
                // Helidon logs a bind failure and hands back a stopped server instead of throwing.
                throw new IllegalStateException("cannot listen on proxy " + config.proxyHost() + ":" + config.proxyPort()
                        + ", admin " + config.adminHost() + ":" + config.adminPort()
                        + (config.tlsEnabled() ? ", proxy TLS :" + config.proxyTlsPort() : "")
                        + (config.statusEnabled() ? ", status " + config.statusHost() + ":" + config.statusPort() : "")
                        + (config.ui().enabled() ? ", admin UI " + config.ui().host() + ":" + config.ui().port() : "")
                        + " (is a port already in use?)");
            }
            proxyPort.set(server.port()); // the playground calls the proxy on the port it got
            status.listening(server.port(), server.port(ADMIN));
            DataDirectory.tighten(config.dataDir()); // the database and the saved configuration exist by now
            return new Gateway(config, store, snapshots, clients, services, jars, usage, server, requestLog, requestStats, traffic,
                    cluster, heartbeat, nodeId);
        } catch (RuntimeException e) {
            if (heartbeat != null) {
                heartbeat.close();
            }
            if (snapshots != null) {
                snapshots.close();
            }
            if (jars != null) {
                jars.close();
            }
            usage.close();
            traffic.close();
            requestLog.close();
            requestStats.close();
            services.close();
            store.close();
            throw e;
        }
    }

    public int proxyPort() {
        return server.port();
    }

    public int adminPort() {
        return server.port(ADMIN);
    }

    /** The status listener's port, or -1 when it is off. */
    public int statusPort() {
        return config.statusEnabled() ? server.port(STATUS) : -1;
    }

    /** The admin UI's port, or -1 when it is off. */
    public int uiPort() {
        return config.ui().enabled() ? server.port(UI) : -1;
    }

    /** The HTTPS proxy port, or -1 when TLS is not configured. */
    public int proxyTlsPort() {
        return config.tlsEnabled() ? server.port(PROXY_TLS) : -1;
    }

    /** How script plugins run here, e.g. "javascript: GraalVM CE, compiled". */
    public java.util.List<String> pluginRuntimes() {
        return jars.sourceDescriptions();
    }

    public GatewayConfig config() {
        return config;
    }

    public SnapshotSource snapshots() {
        return snapshots;
    }

    /** Where the proxy hands each AI request's usage; prices are in {@code snapshots().current().prices()}. */
    public UsageRecorder usageRecorder() {
        return usage;
    }

    /** Stops accepting, lets in-flight requests finish within the server's grace period, writes their usage, closes the store. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            heartbeat.close();
            cluster.leave(nodeId);
            usage.close();
            traffic.close();
            requestLog.close();
            requestStats.close();
            jars.close();
            snapshots.close();
            clients.close();
            services.close();
            store.close();
        }
    }

    static String version() {
        try (InputStream in = Gateway.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
