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

    private RequestTotals(Builder b) {
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

        private Builder() {
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
