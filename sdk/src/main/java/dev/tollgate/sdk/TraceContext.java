package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

/**
 * The trace a request belongs to, as a tracing plugin decided it: put under {@link #KEY} (in
 * the access phase), so that the gateway records the same trace id in usage records, the live
 * request log and metric exemplars whatever header format carried it upstream. Without it the
 * gateway reads the W3C {@code traceparent} the request carried upstream.
 *
 * @since 0.2.0
 */
public final class TraceContext {
    /** Where a tracing plugin puts the request's trace. */
    public static final ContextKey<TraceContext> KEY = ContextKey.of("tollgate.trace-context", TraceContext.class);

    private final String traceId;
    private final String spanId;
    private final boolean sampled;

    private TraceContext(String traceId, String spanId, boolean sampled) {
        this.traceId = requireNonNull(traceId, "traceId");
        this.spanId = requireNonNull(spanId, "spanId");
        this.sampled = sampled;
        if (!hex(traceId, 32) || !hex(spanId, 16)) {
            throw new IllegalArgumentException("trace " + traceId + ", span " + spanId
                    + " (expected: 32 and 16 lower-case hex digits, not all zero)");
        }
    }

    /**
     * @param traceId 32 lower-case hex digits
     * @param spanId  16 lower-case hex digits: the span the upstream call was given
     * @param sampled whether the trace is recorded
     */
    public static TraceContext of(String traceId, String spanId, boolean sampled) {
        return new TraceContext(traceId, spanId, sampled);
    }

    public String traceId() {
        return traceId;
    }

    public String spanId() {
        return spanId;
    }

    public boolean sampled() {
        return sampled;
    }

    private static boolean hex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    @Override
    public String toString() {
        return "TraceContext[" + traceId + "-" + spanId + (sampled ? "-sampled" : "") + "]";
    }
}
