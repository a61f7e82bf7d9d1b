package dev.tollgate.host.metrics;

import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The node's request counts and exact latency percentiles, for {@code /status} and the
 * {@code nginx_*} families Kong's dashboard reads: every proxied request, plugins or not. The
 * latencies go into an HdrHistogram {@link Recorder} (lock-free for writers); each read folds the
 * interval into a running histogram since start and a one-minute window.
 */
public final class RequestStats {
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final LongAdder total = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram sinceStart = new Histogram(HIGHEST_MICROS, 3);
    private Histogram interval;
    private Histogram lastWindow = new Histogram(HIGHEST_MICROS, 3);
    private Histogram window = new Histogram(HIGHEST_MICROS, 3);
    private long windowStart = System.nanoTime();

    /** A request arrived. */
    public void started() {
        total.increment();
        inFlight.increment();
    }

    /** A request's response is sent, {@code nanos} after it arrived. */
    public void finished(long nanos) {
        inFlight.decrement();
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
    }

    /** Requests received since start. */
    public long total() {
        return total.sum();
    }

    /** Requests being served now. */
    public long inFlight() {
        return inFlight.sum();
    }

    /** Latency percentiles in milliseconds: since start, and over the last full minute (or the current one). */
    public synchronized Percentiles percentiles() {
        interval = recorder.getIntervalHistogram(interval);
        sinceStart.add(interval);
        window.add(interval);
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            Histogram done = window;
            window = lastWindow;
            window.reset();
            lastWindow = done;
            windowStart = now;
        }
        Histogram recent = lastWindow.getTotalCount() > 0 ? lastWindow : window;
        return new Percentiles(Summary.of(sinceStart), Summary.of(recent));
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
