package dev.tollgate.host.plugins;

import java.util.Locale;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.metrics.Counter;
import dev.tollgate.sdk.metrics.Family;
import dev.tollgate.sdk.metrics.Histogram;
import dev.tollgate.sdk.metrics.Metrics;

/**
 * What the gateway records of the plugins it runs: failures by plugin and phase, and the time
 * each call into a script plugin takes.
 */
public final class PluginMetrics {
    /** Records nothing. */
    public static final PluginMetrics NONE = new PluginMetrics(Metrics.NONE);
    /** Buckets for a script call, in milliseconds: from a compiled call (tens of µs) to the watchdog's limit. */
    static final double[] SCRIPT_CALL_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000};
    private static final String[] PHASES = new String[Phase.values().length];
    /** The label an upstream handler's failure is counted under. */
    static final String HANDLER = "upstream_handler";

    static {
        for (Phase p : Phase.values()) {
            PHASES[p.ordinal()] = p.name().toLowerCase(Locale.ROOT);
        }
    }

    private final Family<Counter> errors;
    private final Family<Histogram> scriptCalls;

    public PluginMetrics(Metrics metrics) {
        this.errors = metrics.counter("plugin_errors_total",
                "Plugin failures by plugin and phase (the request got a 500, or the log phase went on without it)",
                "plugin", "phase");
        this.scriptCalls = metrics.histogram("plugin_js_call_ms",
                "Time of each call into a JavaScript plugin's phase function, in milliseconds",
                SCRIPT_CALL_BUCKETS, "plugin", "phase");
    }

    void failed(String plugin, Phase phase) {
        errors.labels(plugin, PHASES[phase.ordinal()]).inc();
    }

    void handlerFailed(String plugin) {
        errors.labels(plugin, HANDLER).inc();
    }

    void scriptCall(String plugin, Phase phase, long nanos) {
        scriptCalls.labels(plugin, PHASES[phase.ordinal()]).observe(nanos / 1_000_000.0);
    }
}
