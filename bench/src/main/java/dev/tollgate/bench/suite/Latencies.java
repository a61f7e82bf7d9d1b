package dev.tollgate.bench.suite;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The one scale every bench tool records latencies on: microseconds from 1 µs to 60 s, three
 * significant digits, so histograms of different tools and runs can be added and compared.
 * A value beyond 60 s is recorded as 60 s rather than failing the run.
 */
final class Latencies {

    static final long LOWEST_MICROS = 1;
    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    static final int DIGITS = 3;

    private Latencies() {
    }

    /** For recording from many threads at once (wait-free). */
    static ConcurrentHistogram concurrent() {
        return new ConcurrentHistogram(LOWEST_MICROS, HIGHEST_MICROS, DIGITS);
    }

    static Histogram histogram() {
        return new Histogram(LOWEST_MICROS, HIGHEST_MICROS, DIGITS);
    }

    /** Records {@code nanos}, rounded to microseconds and held within the scale. */
    static void recordNanos(Histogram into, long nanos) {
        long micros = (nanos + 500) / 1_000;
        into.recordValue(Math.max(LOWEST_MICROS, Math.min(HIGHEST_MICROS, micros)));
    }

    /** A plain copy the caller owns, taken when recording has ended. */
    static Histogram snapshot(Histogram from) {
        Histogram copy = histogram();
        copy.add(from);
        return copy;
    }

    /** E.g. {@code "p50 0.21 ms, p99 1.30 ms, max 2.05 ms"}, or {@code "no values"}. */
    static String describe(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "no values";
        }
        return String.format(Locale.ROOT, "p50 %s, p99 %s, p99.9 %s, max %s",
                millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)),
                millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()));
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1_000.0);
    }
}
