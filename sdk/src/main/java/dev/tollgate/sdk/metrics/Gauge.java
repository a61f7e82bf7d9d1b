package dev.tollgate.sdk.metrics;

/**
 * One gauge: a number that is set, or goes up and down.
 *
 * @since 0.2.0
 */
public interface Gauge {
    /** Sets the value. */
    void set(double value);

    /** Adds {@code amount}, which may be negative. */
    void inc(double amount);
}
