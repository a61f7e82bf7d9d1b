package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Every wait the mock makes (token delays, injected delays, hangs) goes through here, so that
 * {@link MockLlm#stop()} can wake all of them at once instead of waiting for the slowest one.
 */
final class Pacer {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Duration tokenDelay;

    Pacer(Duration tokenDelay) {
        setTokenDelay(tokenDelay);
    }

    Duration tokenDelay() {
        return tokenDelay;
    }

    void setTokenDelay(Duration tokenDelay) {
        this.tokenDelay = checkDelay(tokenDelay, "tokenDelay");
    }

    /** Waits the configured delay between two streamed tokens; false once the server stops. */
    boolean tokenPause() {
        return pause(tokenDelay);
    }

    /** Waits {@code delay}; returns false (early) when the server stops meanwhile. */
    boolean pause(Duration delay) {
        if (delay.isZero()) {
            return !isStopped();
        }
        try {
            return !stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    void stop() {
        stopped.countDown();
    }

    static Duration checkDelay(Duration delay, String name) {
        requireNonNull(delay, name);
        if (delay.isNegative()) {
            throw new IllegalArgumentException(name + ": " + delay + " (expected: >= 0)");
        }
        return delay;
    }
}
