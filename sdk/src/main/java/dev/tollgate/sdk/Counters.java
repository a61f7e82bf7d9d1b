package dev.tollgate.sdk;

import java.time.Duration;

/**
 * Fixed-window counters: the basis of rate limits. A key's count in a window starts at 0 and
 * expires with the window.
 *
 * @since 0.1.0
 */
public interface Counters {

    /**
     * Adds {@code amount} to the count of {@code key} in the window of length {@code window}
     * that holds now, and returns the new count.
     *
     * @throws CounterUnavailableException when the store cannot be reached
     */
    long increment(String key, Duration window, long amount);

    /** The current count of {@code key} in the window holding now. */
    long get(String key, Duration window);

    /** A counter store that cannot be reached (Redis down); plugins decide whether to fail open. */
    final class CounterUnavailableException extends RuntimeException {
        public CounterUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
