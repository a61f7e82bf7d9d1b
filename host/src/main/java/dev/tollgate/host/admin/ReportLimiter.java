package dev.tollgate.host.admin;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Usage sums and the Overview read many rows; at most {@value #AT_ONCE} of each run at once on a node, so
 * that a burst of them (a dashboard left open in many tabs) keeps database connections free for
 * the node's own writes and heartbeat. More wait up to {@value #WAIT_SECONDS} s, then get 503.
 */
final class ReportLimiter {
    static final int AT_ONCE = 3;
    static final int WAIT_SECONDS = 20;

    private final Semaphore permits = new Semaphore(AT_ONCE, true);

    <T> T run(Supplier<T> report) {
        boolean got;
        try {
            got = permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw AdminException.of(503, "too many usage reports are being made on this node at once; try again in a moment");
        }
        try {
            return report.get();
        } finally {
            permits.release();
        }
    }
}
