package dev.tollgate.host.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * One node's metrics: its own Prometheus registry (never the JVM-wide default, so two gateways
 * in one JVM keep theirs apart), the plugins' families ({@link #metrics()}), the node's families
 * read when scraped (Kong's {@code node_info}, {@code datastore_reachable},
 * {@code nginx_requests_total}, {@code nginx_connections_total}, memory, upstream target
 * health) and the JVM's and process's. {@link #scrape} writes them as a scraper asks.
 */
public final class NodeMetrics {
    /** Label sets a family holds before records go to the overflow child. */
    public static final int MAX_LABEL_SETS = 10_000;
    private static final String SUBSYSTEM = "http";

    /** One upstream target's health as Kong's {@code upstream_target_health} shows it. */
    public record TargetHealth(String upstream, String target, String address, String state) {}

    /** What the node's families read at each scrape. */
    public record Sources(String nodeId, String version, BooleanSupplier datastoreReachable, RequestStats requests,
                          LongSupplier cacheBytes, long cacheCapacity, Supplier<List<TargetHealth>> targetHealth) {}

    private static final List<String> HEALTH_STATES = List.of("healthchecks_off", "healthy", "unhealthy", "dns_error");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusMetrics metrics;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public NodeMetrics(String prefix, Sources sources) {
        this.metrics = new PrometheusMetrics(registry, prefix, MAX_LABEL_SETS);
        JvmMetrics.builder().register(registry);
        String node = sources.nodeId();
        String pid = Long.toString(ProcessHandle.current().pid());
        callback("node_info", "Tollgate node metadata", List.of("node_id", "version"),
                cb -> cb.call(1, node, sources.version()));
        callback("datastore_reachable", "Datastore reachable from the node, 0 is unreachable", List.of(),
                cb -> cb.call(sources.datastoreReachable().getAsBoolean() ? 1 : 0));
        callback("nginx_requests_total", "Requests received by the proxy since start (Kong's name)",
                List.of("node_id", "subsystem"), cb -> cb.call(sources.requests().total(), node, SUBSYSTEM));
        callback("nginx_connections_total", "Proxy requests by state: total since start, active now (Kong's name)",
                List.of("node_id", "subsystem", "state"), cb -> {
                    RequestStats r = sources.requests();
                    cb.call(r.total(), node, SUBSYSTEM, "total");
                    long active = r.inFlight();
                    cb.call(active, node, SUBSYSTEM, "active");
                    cb.call(active, node, SUBSYSTEM, "writing");
                });
        callback("memory_workers_lua_vms_bytes", "JVM heap in use, in bytes (Kong's worker-VM family)",
                List.of("node_id", "pid", "kong_subsystem"),
                cb -> cb.call(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), node, pid, SUBSYSTEM));
        callback("memory_lua_shared_dict_bytes", "Bytes held by the node's shared cache (Kong's shared-dict family)",
                List.of("node_id", "shared_dict", "kong_subsystem"),
                cb -> cb.call(sources.cacheBytes().getAsLong(), node, "tollgate_cache", SUBSYSTEM));
        callback("memory_lua_shared_dict_total_bytes", "Capacity of the node's shared cache in bytes",
                List.of("node_id", "shared_dict", "kong_subsystem"),
                cb -> cb.call(sources.cacheCapacity(), node, "tollgate_cache", SUBSYSTEM));
        callback("upstream_target_health", "Health of the targets of each upstream: healthchecks_off|healthy|unhealthy|"
                        + "dns_error, 1 for the target's state; exported when a prometheus plugin sets upstream_health_metrics",
                List.of("upstream", "target", "address", "state", "subsystem"), cb -> {
                    for (TargetHealth t : sources.targetHealth().get()) {
                        for (String state : HEALTH_STATES) {
                            cb.call(state.equals(t.state()) ? 1 : 0, t.upstream(), t.target(), t.address(), state, SUBSYSTEM);
                        }
                    }
                });
    }

    /** The node's registry as plugins record into it. */
    public PrometheusMetrics metrics() {
        return metrics;
    }

    /** A scrape: the body and its content type. */
    public record Scrape(byte[] body, String contentType) {}

    /**
     * Every family, in the format {@code accept} prefers: OpenMetrics (with the latency
     * histograms' trace exemplars) when a scraper asks for it, else Prometheus's text format 0.0.4.
     */
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = accept != null && accept.contains("application/openmetrics-text")
                ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(out.toByteArray(), writer.getContentType());
    }

    private void callback(String name, String help, List<String> labels,
                          java.util.function.Consumer<GaugeWithCallback.Callback> read) {
        GaugeWithCallback.builder().name(metrics.exposed(name)).help(help).labelNames(labels.toArray(String[]::new))
                .callback(read).register(registry);
    }
}
