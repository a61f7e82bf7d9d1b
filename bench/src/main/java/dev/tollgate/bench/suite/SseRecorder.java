package dev.tollgate.bench.suite;

import java.time.Duration;

import org.HdrHistogram.Histogram;

/**
 * The totals of an {@link SseProbe} run. Streams end a few at a time at most, so one lock is
 * cheaper to read than anything cleverer.
 */
final class SseRecorder {

    private final Histogram ttft = Latencies.histogram();
    private final Histogram interToken = Latencies.histogram();
    private final Histogram total = Latencies.histogram();
    private final Tally<String> errors = new Tally<>();
    private long streams;
    private int minTokens = Integer.MAX_VALUE;
    private int maxTokens;

    synchronized void completed(StreamTimer stream) {
        streams++;
        if (stream.tokens() > 0) {
            Latencies.recordNanos(ttft, stream.timeToFirstTokenNanos());
        }
        for (long gap : stream.interTokenNanos()) {
            Latencies.recordNanos(interToken, gap);
        }
        Latencies.recordNanos(total, stream.totalNanos());
        minTokens = Math.min(minTokens, stream.tokens());
        maxTokens = Math.max(maxTokens, stream.tokens());
    }

    void failed(String kind) {
        errors.add(kind);
    }

    synchronized SseProbe.Result result(Duration elapsed) {
        return new SseProbe.Result(Latencies.snapshot(ttft), Latencies.snapshot(interToken),
                Latencies.snapshot(total), streams, errors.total(), streams == 0 ? 0 : minTokens, maxTokens,
                errors.snapshot(), elapsed);
    }
}
