package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When each part of one request ran, for tracing plugins: routing, every plugin phase (its
 * plugin, priority, start and duration), and the upstream call. Times are nanoseconds after the
 * request's arrival ({@link #startEpochNanos()}). The gateway records it only for configurations
 * with a plugin whose factory asks for it ({@link PluginFactory#recordsTimeline()}), and hands it
 * over in the log phase: {@code ctx.totals().timeline()}.
 *
 * @since 0.2.0
 */
public final class RequestTimeline {
    private final long startEpochNanos;
    private final long routingNanos;
    private final long endNanos;
    private final List<PhaseTiming> phases;
    private final Optional<UpstreamTiming> upstream;

    private RequestTimeline(Builder b) {
        this.startEpochNanos = b.startEpochNanos;
        this.routingNanos = b.routingNanos;
        this.endNanos = b.endNanos;
        this.phases = List.copyOf(b.phases);
        this.upstream = Optional.ofNullable(b.upstream);
    }

    public static Builder builder(long startEpochNanos) {
        return new Builder(startEpochNanos);
    }

    /** The request's arrival, in nanoseconds since the epoch. */
    public long startEpochNanos() {
        return startEpochNanos;
    }

    /** How long finding the route took. */
    public long routingNanos() {
        return routingNanos;
    }

    /** When the response was sent, after the request's arrival. */
    public long endNanos() {
        return endNanos;
    }

    /** The plugin phases that ran, in the order they started; a body filter once per plugin, its calls summed. */
    public List<PhaseTiming> phases() {
        return phases;
    }

    /** The upstream call (or the upstream handler's, for ai-proxy), when there was one. */
    public Optional<UpstreamTiming> upstream() {
        return upstream;
    }

    /**
     * One plugin's phase: from its first call's start, for the summed time of its calls (a body
     * filter is called per chunk).
     *
     * @since 0.2.0
     */
    public static final class PhaseTiming {
        private final String plugin;
        private final int priority;
        private final Phase phase;
        private final long startNanos;
        private final long endNanos;
        private final long busyNanos;
        private final int calls;
        private final boolean failed;

        private PhaseTiming(String plugin, int priority, Phase phase, long startNanos, long endNanos, long busyNanos,
                            int calls, boolean failed) {
            this.plugin = requireNonNull(plugin, "plugin");
            this.priority = priority;
            this.phase = requireNonNull(phase, "phase");
            this.startNanos = startNanos;
            this.endNanos = endNanos;
            this.busyNanos = busyNanos;
            this.calls = calls;
            this.failed = failed;
        }

        /**
         * A phase's timing: {@code startNanos} and {@code endNanos} after the request's arrival
         * (its first call's start and its last call's end), {@code busyNanos} the calls' summed time.
         */
        public static PhaseTiming of(String plugin, int priority, Phase phase, long startNanos, long endNanos,
                                     long busyNanos, int calls, boolean failed) {
            return new PhaseTiming(plugin, priority, phase, startNanos, endNanos, busyNanos, calls, failed);
        }

        public String plugin() {
            return plugin;
        }

        public int priority() {
            return priority;
        }

        public Phase phase() {
            return phase;
        }

        public long startNanos() {
            return startNanos;
        }

        public long endNanos() {
            return endNanos;
        }

        /** Time spent in the plugin's calls. */
        public long busyNanos() {
            return busyNanos;
        }

        public int calls() {
            return calls;
        }

        /** True when the plugin threw. */
        public boolean failed() {
            return failed;
        }
    }

    /**
     * The upstream call: when it began, when the response headers came, when its body ended
     * (after the request's arrival; -1 when it never got there), and where it went.
     *
     * @since 0.2.0
     */
    public static final class UpstreamTiming {
        private final long startNanos;
        private final long headersNanos;
        private final long endNanos;
        private final Optional<String> address;
        private final int status;
        private final boolean handler;

        private UpstreamTiming(long startNanos, long headersNanos, long endNanos, String address, int status, boolean handler) {
            this.startNanos = startNanos;
            this.headersNanos = headersNanos;
            this.endNanos = endNanos;
            this.address = Optional.ofNullable(address);
            this.status = status;
            this.handler = handler;
        }

        /**
         * @param address host:port of the upstream; null for an upstream handler's call
         * @param status  the upstream's status, 0 when it never answered
         * @param handler true when a plugin's upstream handler (ai-proxy) made the call
         */
        public static UpstreamTiming of(long startNanos, long headersNanos, long endNanos, String address, int status,
                                        boolean handler) {
            return new UpstreamTiming(startNanos, headersNanos, endNanos, address, status, handler);
        }

        public long startNanos() {
            return startNanos;
        }

        public long headersNanos() {
            return headersNanos;
        }

        public long endNanos() {
            return endNanos;
        }

        public Optional<String> address() {
            return address;
        }

        public int status() {
            return status;
        }

        public boolean handler() {
            return handler;
        }
    }

    /**
     * Builds a {@link RequestTimeline}.
     *
     * @since 0.2.0
     */
    public static final class Builder {
        private final long startEpochNanos;
        private long routingNanos;
        private long endNanos;
        private final List<PhaseTiming> phases = new ArrayList<>();
        private UpstreamTiming upstream;

        private Builder(long startEpochNanos) {
            this.startEpochNanos = startEpochNanos;
        }

        public Builder routingNanos(long routingNanos) {
            this.routingNanos = routingNanos;
            return this;
        }

        public Builder endNanos(long endNanos) {
            this.endNanos = endNanos;
            return this;
        }

        public Builder phase(PhaseTiming phase) {
            phases.add(requireNonNull(phase, "phase"));
            return this;
        }

        public Builder upstream(UpstreamTiming upstream) {
            this.upstream = upstream;
            return this;
        }

        public RequestTimeline build() {
            return new RequestTimeline(this);
        }
    }
}
