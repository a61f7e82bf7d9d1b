package dev.tollgate.host.metrics;

import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The node's request counts and exact latency percentiles, for {@code /status} and the
 * {@code nginx_*} families Kong's dashboard reads: every proxied request, plugins or not. The
 * latencies go into an HdrHistogram {@link Recorder} (lock-free for writers); a ticker folds it
 * every second into the running histogram since start and into 5-second slices, which make the
 * last minute (55 to 60 seconds, as of the last tick) — so the window moves with time, not with reads.
 */
public final class RequestStats implements AutoCloseable {
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final int DIGITS = 3;
    private static final int TICKS_PER_SLICE = 5;
    /** Eleven full slices and the current one: the last 55 to 60 seconds. */
    private static final int SLICES = 11;

    private final LongAdder total = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, DIGITS);
    private final Histogram sinceStart = new Histogram(HIGHEST_MICROS, DIGITS);
    private final Histogram[] slices = new Histogram[SLICES];
    private final Histogram current = new Histogram(HIGHEST_MICROS, DIGITS);
    private Histogram interval;
    private int ticks;
    private int next;
    private final Thread ticker;
    private volatile boolean closed;

    public RequestStats() {
        for (int i = 0; i < SLICES; i++) {
            slices[i] = new Histogram(HIGHEST_MICROS, DIGITS);
        }
        ticker = Thread.ofVirtual().name("tollgate-request-stats").start(this::tickEverySecond);
    }

    /** A request arrived. */
    public void started() {
        total.increment();
        inFlight.increment();
    }

    /** Where each answered request goes besides these figures (the traffic sums the Overview reads). */
    public interface Sink {
        void finished(String routeId, int status, long nanos);
    }

    private volatile Sink sink;

    public void onFinished(Sink s) {
        this.sink = s;
    }

    /** A request's response is sent, {@code nanos} after it arrived; {@code routeId} null when no route matched. */
    public void finished(long nanos, String routeId, int status) {
        inFlight.decrement();
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
        Sink s = sink;
        if (s != null) {
            s.finished(routeId, status, nanos);
        }
    }

    /** Requests received since start. */
    public long total() {
        return total.sum();
    }

    /** Requests being served now. */
    public long inFlight() {
        return inFlight.sum();
    }

    /** Latency percentiles in milliseconds: since start, and over the last minute (both as of the last second's tick). */
    public synchronized Percentiles percentiles() {
        Histogram minute = current.copy();
        for (Histogram s : slices) {
            minute.add(s);
        }
        return new Percentiles(Summary.of(sinceStart), Summary.of(minute));
    }

    private void tickEverySecond() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            tick();
        }
    }

    synchronized void tick() {
        interval = recorder.getIntervalHistogram(interval);
        sinceStart.add(interval);
        current.add(interval);
        if (++ticks == TICKS_PER_SLICE) {
            ticks = 0;
            slices[next].reset();
            slices[next].add(current);
            current.reset();
            next = (next + 1) % SLICES;
        }
    }

    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
    }

    /** Both summaries. */
    public record Percentiles(Summary sinceStart, Summary lastMinute) {}

    /** One histogram's count and percentiles, in milliseconds. */
    public record Summary(long count, double p50, double p90, double p99, double p999, double max) {
        static Summary of(Histogram h) {
            return new Summary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }
}
