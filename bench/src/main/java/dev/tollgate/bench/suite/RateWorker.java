package dev.tollgate.bench.suite;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection of a {@link RateDriver} run, on its own thread: opens the connection, waits for
 * the start, then claims request after request, waits until each is due and times its exchange.
 */
final class RateWorker implements Runnable {

    private final HttpConnection connection;
    private final byte[] request;
    private final RateSchedule schedule;
    private final RateRecorder recorder;
    private final CountDownLatch connected;

    RateWorker(HttpConnection connection, byte[] request, RateSchedule schedule, RateRecorder recorder,
            CountDownLatch connected) {
        this.connection = connection;
        this.request = request;
        this.schedule = schedule;
        this.recorder = recorder;
        this.connected = connected;
    }

    @Override
    public void run() {
        connection.openQuietly();
        connected.countDown();
        long start;
        try {
            start = schedule.awaitStart();
        } catch (InterruptedException e) {
            connection.close();
            return;
        }
        for (long offset = schedule.claim(); offset >= 0; offset = schedule.claim()) {
            long due = start + offset;
            if (!waitUntil(due)) {
                break;
            }
            long sentAt = System.nanoTime();
            recorder.sent(sentAt - due);
            try {
                int status = connection.exchange(request, BodySink.DISCARD).status();
                long end = System.nanoTime();
                recorder.completed(status, end - due, end - sentAt);
            } catch (Exception e) {
                recorder.failed(connection.isShutDown() ? RateRecorder.CUT : Tally.kindOf(e));
            }
            if (!connection.isOpen()) {
                // Re-open now, as a pool would, rather than in the time of the next request.
                connection.openQuietly();
            }
        }
        connection.close();
    }

    /** Parks until {@code due}; false when the run was stopped meanwhile. */
    private boolean waitUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            if (schedule.isStopped()) {
                return false;
            }
            LockSupport.parkNanos(left);
        }
        return !schedule.isStopped();
    }
}
