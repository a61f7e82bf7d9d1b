package dev.tollgate.sdk;

/**
 * What the gateway measured of one finished exchange, for the {@link Phase#LOG} phase: the
 * figures of Kong's log serializer ({@code request.size}, {@code response.size},
 * {@code latencies}) and who produced the status (Kong's response source). Built with
 * {@link #builder()}.
 *
 * @since 0.2.0
 */
public final class RequestTotals {
    private final long requestBytes;
    private final long responseBytes;
    private final long latencyMillis;
    private final long upstreamLatencyMillis;
    private final boolean fromUpstream;
    private final java.util.Optional<String> traceId;
    private final java.util.Optional<String> spanId;
    private final boolean sampled;
    private final java.util.Optional<RequestTimeline> timeline;

    private RequestTotals(Builder b) {
        this.traceId = java.util.Optional.ofNullable(b.traceId);
        this.spanId = java.util.Optional.ofNullable(b.spanId);
        this.sampled = b.sampled;
        this.timeline = java.util.Optional.ofNullable(b.timeline);
        this.requestBytes = Math.max(0, b.requestBytes);
        this.responseBytes = Math.max(0, b.responseBytes);
        this.latencyMillis = Math.max(0, b.latencyMillis);
        this.upstreamLatencyMillis = b.upstreamLatencyMillis < 0 ? -1 : b.upstreamLatencyMillis;
        this.fromUpstream = b.fromUpstream;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bytes received from the client: the request line, the headers and the body as read. */
    public long requestBytes() {
        return requestBytes;
    }

    /** Bytes sent to the client: the status line, the headers and the body as written. */
    public long responseBytes() {
        return responseBytes;
    }

    /** From the request's arrival until its response was sent (Kong's {@code latencies.request}). */
    public long latencyMillis() {
        return latencyMillis;
    }

    /** Until the upstream's response headers arrived, or -1 when no upstream answered (Kong's {@code latencies.proxy}). */
    public long upstreamLatencyMillis() {
        return upstreamLatencyMillis;
    }

    /** The rest: the gateway's own time, plugins included (Kong's {@code latencies.kong}). */
    public long gatewayLatencyMillis() {
        return upstreamLatencyMillis < 0 ? latencyMillis : Math.max(0, latencyMillis - upstreamLatencyMillis);
    }

    /**
     * True when the status the client got came from the upstream (Kong's response source
     * {@code service}); false when the gateway or a plugin answered ({@code kong}): an exit, a
     * refusal, a 502.
     */
    public boolean fromUpstream() {
        return fromUpstream;
    }

    /**
     * The W3C trace id the request carried upstream (a tracing plugin's, or the client's), as 32
     * lower-case hex digits; empty when it had none.
     */
    public java.util.Optional<String> traceId() {
        return traceId;
    }

    /** The span id the upstream call was given as its parent (16 hex digits); empty without a trace. */
    public java.util.Optional<String> spanId() {
        return spanId;
    }

    /** True when that trace is sampled (its {@code traceparent} flags say so). */
    public boolean sampled() {
        return sampled;
    }

    /** When each part of the request ran; empty unless a plugin of the configuration asked for it. */
    public java.util.Optional<RequestTimeline> timeline() {
        return timeline;
    }

    @Override
    public String toString() {
        return "RequestTotals[requestBytes=" + requestBytes + ", responseBytes=" + responseBytes + ", latencyMillis="
                + latencyMillis + ", upstreamLatencyMillis=" + upstreamLatencyMillis + ", fromUpstream=" + fromUpstream + "]";
    }

    /**
     * Builds {@link RequestTotals}. Unset sizes and latencies are 0, the upstream latency -1
     * (no upstream).
     *
     * @since 0.2.0
     */
    public static final class Builder {
        private long requestBytes;
        private long responseBytes;
        private long latencyMillis;
        private long upstreamLatencyMillis = -1;
        private boolean fromUpstream;
        private String traceId;
        private String spanId;
        private boolean sampled;
        private RequestTimeline timeline;

        private Builder() {
        }

        /** The W3C trace context the request carried upstream. */
        public Builder trace(String traceId, String spanId, boolean sampled) {
            this.traceId = traceId;
            this.spanId = spanId;
            this.sampled = sampled;
            return this;
        }

        public Builder timeline(RequestTimeline timeline) {
            this.timeline = timeline;
            return this;
        }

        public Builder requestBytes(long requestBytes) {
            this.requestBytes = requestBytes;
            return this;
        }

        public Builder responseBytes(long responseBytes) {
            this.responseBytes = responseBytes;
            return this;
        }

        public Builder latencyMillis(long latencyMillis) {
            this.latencyMillis = latencyMillis;
            return this;
        }

        public Builder upstreamLatencyMillis(long upstreamLatencyMillis) {
            this.upstreamLatencyMillis = upstreamLatencyMillis;
            return this;
        }

        public Builder fromUpstream(boolean fromUpstream) {
            this.fromUpstream = fromUpstream;
            return this;
        }

        public RequestTotals build() {
            return new RequestTotals(this);
        }
    }
}
