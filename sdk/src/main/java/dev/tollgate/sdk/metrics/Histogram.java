package dev.tollgate.sdk.metrics;

/**
 * One histogram: observations counted into the family's buckets, with their sum and count.
 *
 * @since 0.2.0
 */
public interface Histogram {
    /** Records one observation; a non-finite value is ignored. */
    void observe(double value);

    /**
     * Records one observation with its trace as the bucket's exemplar ({@code trace_id},
     * {@code span_id}), shown to scrapers that ask for OpenMetrics; without a trace id, as
     * {@link #observe(double)}.
     *
     * @since 0.2.0
     */
    default void observe(double value, String traceId, String spanId) {
        observe(value);
    }
}
