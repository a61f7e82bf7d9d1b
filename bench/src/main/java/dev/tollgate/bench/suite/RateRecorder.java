package dev.tollgate.bench.suite;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * What the connection threads of a {@link RateDriver} run record, all at once and without locks,
 * and the {@link RateDriver.Result} made from it when they are done.
 */
final class RateRecorder {

    static final String CUT = "cut at drain timeout";

    private final ConcurrentHistogram corrected = Latencies.concurrent();
    private final ConcurrentHistogram uncorrected = Latencies.concurrent();
    private final ConcurrentHistogram sendLag = Latencies.concurrent();
    private final LongAdder sent = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final Tally<Integer> statuses = new Tally<>();
    private final Tally<String> errors = new Tally<>();

    /** A request written {@code lagNanos} after it was due. */
    void sent(long lagNanos) {
        sent.increment();
        Latencies.recordNanos(sendLag, lagNanos);
    }

    /** A response read to its end. */
    void completed(int status, long correctedNanos, long uncorrectedNanos) {
        Latencies.recordNanos(corrected, correctedNanos);
        Latencies.recordNanos(uncorrected, uncorrectedNanos);
        statuses.add(status);
        completed.increment();
    }

    void failed(String kind) {
        errors.add(kind);
    }

    /**
     * The result at {@code nowNanos}, when the threads are done: a sent request with neither a
     * response nor an error belongs to a thread that did not stop, and is counted as cut.
     */
    RateDriver.Result result(double rate, RateSchedule schedule, long nowNanos) {
        long elapsed = nowNanos - schedule.startNanos();
        long sentCount = sent.sum();
        long outstanding = sentCount - completed.sum() - errors.total();
        if (outstanding > 0) {
            errors.add(CUT, outstanding);
        }
        return new RateDriver.Result(rate, Latencies.snapshot(corrected), Latencies.snapshot(uncorrected),
                Latencies.snapshot(sendLag), sentCount, completed.sum(), errors.total(),
                Math.max(0, schedule.dueWithin(elapsed) - sentCount), statuses.snapshot(), errors.snapshot(),
                Duration.ofNanos(elapsed));
    }
}
