package dev.tollgate.sdk.metrics;

/**
 * One counter: a number that only goes up.
 *
 * @since 0.2.0
 */
public interface Counter {
    /** Adds one. */
    default void inc() {
        inc(1);
    }

    /** Adds {@code amount}; a negative or non-finite amount is ignored. */
    void inc(double amount);
}
