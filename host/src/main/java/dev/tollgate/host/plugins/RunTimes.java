package dev.tollgate.host.plugins;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RequestTimeline;

/**
 * When one request's parts happened, kept once for everyone who reports on it (the log phase's
 * totals and timeline, the request log): its arrival, routing, the upstream call's start, headers
 * and end, whether the gateway answered in the upstream's place, and — while the configuration
 * has a tracing plugin — each plugin call.
 */
public final class RunTimes {
    private final long startNanos;
    private volatile long routingNanos;
    private volatile TimelineRecorder recorder;
    private volatile long upstreamStart;
    private volatile long upstreamHeaders;
    private volatile long upstreamEnd;
    private volatile String upstreamAddress;
    private volatile boolean upstreamHandled;
    private volatile boolean answeredByGateway;

    public RunTimes(long startNanos) {
        this.startNanos = startNanos;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Routing ended at {@code nanos}. */
    public void routed(long nanos) {
        this.routingNanos = nanos - startNanos;
    }

    /** Plugin calls are timed from now on (a plugin of the configuration reads timelines). */
    void recordPlugins() {
        this.recorder = new TimelineRecorder(startNanos);
    }

    /** True when plugin calls are timed. */
    public boolean recordsTimeline() {
        return recorder != null;
    }

    /** A plugin call that ran from {@code t0} to {@code t1}. */
    void plugin(PluginIndex.Instance i, Phase phase, long t0, long t1, boolean failed) {
        TimelineRecorder r = recorder;
        if (r != null) {
            r.record(i, phase, t0, t1, failed);
        }
    }

    /** The upstream call begins. */
    public void upstreamStarted() {
        upstreamStart = System.nanoTime();
    }

    /** The upstream's response headers came, from {@code address} (host:port; null for an upstream handler's call). */
    public void upstreamAnswered(String address, boolean handler) {
        upstreamHeaders = System.nanoTime();
        upstreamAddress = address;
        upstreamHandled = handler;
    }

    /** The upstream's response was read to its end (and passed on to the client). */
    public void upstreamEnded() {
        upstreamEnd = System.nanoTime();
    }

    /** The gateway answered in place of the upstream (an error after the upstream was tried). */
    public void answeredByGateway() {
        answeredByGateway = true;
    }

    public boolean gatewayAnswered() {
        return answeredByGateway;
    }

    /**
     * Kong's {@code latencies.proxy}: from the upstream call's start until its response was read
     * to the end (until {@code now}, when it failed midway), or -1 when no upstream answered.
     */
    public long upstreamLatencyMillis(long now) {
        if (upstreamStart == 0 || upstreamHeaders == 0) {
            return -1;
        }
        long end = upstreamEnd != 0 ? upstreamEnd : now;
        return Math.max(0, (end - upstreamStart) / 1_000_000);
    }

    /** The request's timeline, or null when plugin calls are not timed; {@code upstreamStatus} 0 when none answered. */
    public RequestTimeline timeline(long startEpochNanos, long now, int upstreamStatus) {
        TimelineRecorder r = recorder;
        if (r == null) {
            return null;
        }
        var b = RequestTimeline.builder(startEpochNanos).routingNanos(routingNanos).endNanos(now - startNanos);
        r.addTo(b);
        if (upstreamStart != 0) {
            b.upstream(RequestTimeline.UpstreamTiming.of(upstreamStart - startNanos,
                    upstreamHeaders == 0 ? -1 : upstreamHeaders - startNanos, upstreamEnd == 0 ? -1 : upstreamEnd - startNanos,
                    upstreamAddress, upstreamStatus, upstreamHandled));
        }
        return b.build();
    }
}
