package dev.tollgate.bench.suite;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each request of a {@link RateDriver} run is due: request {@code i} at
 * {@code start + i / rate}, up to the end of the run. Connection threads claim indices from one
 * counter, so the schedule holds however the connections are doing.
 */
final class RateSchedule {

    private final double intervalNanos;
    private final long durationNanos;
    private final AtomicLong next = new AtomicLong();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile long startNanos;
    private volatile boolean stopped;

    RateSchedule(double ratePerSecond, Duration duration) {
        this.intervalNanos = 1e9 / ratePerSecond;
        this.durationNanos = duration.toNanos();
    }

    /** Starts the clock (once; later calls do nothing) and releases the waiting threads. */
    synchronized void start() {
        if (started.getCount() > 0) {
            startNanos = System.nanoTime();
            started.countDown();
        }
    }

    /** The start, once {@link #start()} has been called. */
    long awaitStart() throws InterruptedException {
        started.await();
        return startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    long endNanos() {
        return startNanos + durationNanos;
    }

    /** No more requests after this, even due ones (the run was interrupted). */
    void stop() {
        stopped = true;
    }

    boolean isStopped() {
        return stopped;
    }

    /** When the next request not yet claimed is due, in nanoseconds after the start; -1 when the run is over. */
    long claim() {
        long offset = offset(next.getAndIncrement());
        return offset < durationNanos && !stopped ? offset : -1;
    }

    /** How many requests fall due in the first {@code nanos} of the run (and before its end). */
    long dueWithin(long nanos) {
        long limit = Math.min(nanos, durationNanos);
        if (limit <= 0) {
            return 0;
        }
        long n = (long) Math.ceil(limit / intervalNanos);
        while (n > 0 && offset(n - 1) >= limit) {
            n--;
        }
        while (offset(n) < limit) {
            n++;
        }
        return n;
    }

    private long offset(long index) {
        return (long) (index * intervalNanos);
    }
}
