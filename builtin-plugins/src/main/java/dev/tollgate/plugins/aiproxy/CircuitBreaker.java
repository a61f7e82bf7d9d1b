package dev.tollgate.plugins.aiproxy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A target's circuit: closed while it answers; open after {@code threshold} consecutive failures,
 * so requests go elsewhere at once instead of waiting on a target that is down; after the
 * cool-down one trial request is let through (half-open): its success closes the circuit, its
 * failure opens it for another cool-down. Thread-safe, lock-free.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long coolDownMillis;
    private final Clock clock;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    private final AtomicLong openedAt = new AtomicLong();
    private volatile BreakerMetrics metrics = BreakerMetrics.NONE;

    CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        this.threshold = threshold;
        this.coolDownMillis = coolDown.toMillis();
        this.clock = clock;
    }

    /** Where transitions are counted from now on; while closed, so that none is missed. */
    void metrics(BreakerMetrics metrics) {
        this.metrics = metrics;
        if (state.get() != State.CLOSED) {
            metrics.opened();
        }
    }

    /** The circuit is dropped with its plugin instance: an open one no longer counts. */
    void retire() {
        if (state.getAndSet(State.CLOSED) != State.CLOSED) {
            metrics.closed();
        }
        metrics = BreakerMetrics.NONE;
    }

    /** The state now; an open circuit whose cool-down is over reads as half-open. */
    State state() {
        State s = state.get();
        if (s == State.OPEN && clock.millis() - openedAt.get() >= coolDownMillis) {
            return State.HALF_OPEN;
        }
        return s;
    }

    /** True when the target may be tried now; takes the half-open trial slot when it is free. */
    boolean tryAcquire() {
        State s = state.get();
        if (s == State.CLOSED) {
            return true;
        }
        if (s == State.OPEN && clock.millis() - openedAt.get() >= coolDownMillis) {
            return state.compareAndSet(State.OPEN, State.HALF_OPEN); // one trial request only
        }
        return false;
    }

    void onSuccess() {
        failures.set(0);
        if (state.getAndSet(State.CLOSED) != State.CLOSED) {
            metrics.closed();
        }
    }

    void onFailure() {
        if (threshold <= 0) {
            return;
        }
        int n = failures.incrementAndGet();
        State s = state.get();
        if (s == State.HALF_OPEN || s == State.CLOSED && n >= threshold) {
            openedAt.set(clock.millis());
            if (state.getAndSet(State.OPEN) == State.CLOSED) {
                metrics.opened();
            }
        }
    }

    /** Gives back a trial slot that was taken but not used (the request ended before trying it). */
    void release() {
        state.compareAndSet(State.HALF_OPEN, State.OPEN);
    }
}
