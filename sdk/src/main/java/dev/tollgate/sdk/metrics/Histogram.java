package dev.tollgate.sdk.metrics;

/**
 * One histogram: observations counted into the family's buckets, with their sum and count.
 *
 * @since 0.2.0
 */
public interface Histogram {
    /** Records one observation; a non-finite value is ignored. */
    void observe(double value);
}
