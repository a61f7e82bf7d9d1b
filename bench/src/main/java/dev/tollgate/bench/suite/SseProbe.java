package dev.tollgate.bench.suite;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;

/**
 * Measures streamed chat completions (OpenAI's {@code stream: true}, server-sent events) as a
 * user sees them: time to first token, the gaps between tokens, the whole answer. It sends a
 * number of streams one after another on each of a few kept-alive connections (a probe of
 * latency under light load, not a load generator: pair it with {@link RateDriver} for that).
 *
 * <p>Events are timed as they come off the socket (see {@link SseDecoder}), so the chunked
 * framing and the way a server or gateway batches its writes show up in the numbers, as they
 * would in a client. Send to the first event whose {@code choices[0].delta.content} is not
 * empty is the time to first token; a stream fails (and is counted as an error, not measured)
 * when its status is not 2xx, its connection fails, or it does not end with
 * {@code data: [DONE]}.
 *
 * <p>One platform thread per connection, for the reason given in {@link RateDriver}: the
 * client's own wake-up path is part of every time measured. The run has no overall deadline;
 * each read waits at most the read timeout.
 */
public final class SseProbe {

    private final Duration readTimeout;

    /** @param readTimeout the connect timeout and the longest wait for any one read of a stream */
    public SseProbe(Duration readTimeout) {
        requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout: " + readTimeout + " (expected: > 0)");
        }
        this.readTimeout = readTimeout;
    }

    /**
     * Sends {@code request} {@code streams} times, on {@code concurrency} connections at once
     * (each sending its next stream when the last has ended), and returns when all have ended.
     */
    public Result run(RateDriver.Request request, int streams, int concurrency) {
        requireNonNull(request, "request");
        if (streams < 1) {
            throw new IllegalArgumentException("streams: " + streams + " (expected: >= 1)");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: >= 1)");
        }
        SseRecorder recorder = new SseRecorder();
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < Math.min(streams, concurrency); c++) {
            HttpConnection connection = new HttpConnection(request.host(), request.port(), readTimeout);
            threads.add(Thread.ofPlatform().name("sse-probe-" + c).daemon().start(() -> {
                try (connection) {
                    while (next.getAndIncrement() < streams) {
                        stream(connection, request.encoded(), recorder);
                    }
                }
            }));
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            // The threads end on their own within a read timeout; the count so far is returned.
            Thread.currentThread().interrupt();
            next.set(streams);
        }
        return recorder.result(Duration.ofNanos(System.nanoTime() - start));
    }

    private static void stream(HttpConnection connection, byte[] request, SseRecorder recorder) {
        StreamTimer timer = new StreamTimer(System.nanoTime());
        try {
            int status = connection.exchange(request, new SseDecoder(timer)).status();
            String failure = status / 100 != 2 ? "status " + status : timer.failure();
            if (failure == null) {
                recorder.completed(timer);
            } else {
                recorder.failed(failure);
            }
        } catch (Exception e) {
            recorder.failed(Tally.kindOf(e));
        }
    }

    /**
     * What a probe measured, of the streams that ended well. Histograms are in microseconds (1 µs
     * to 60 s, 3 significant digits) and belong to the caller; the token counts are 0 when no
     * stream ended well.
     *
     * @param ttft       send to first token, one value per stream
     * @param interToken the gap before each token but the first
     * @param total      send to {@code [DONE]}
     * @param streams    streams that ended with {@code [DONE]}
     * @param errors     streams that did not, by kind in {@code errorKinds}
     * @param errorKinds e.g. {@code "no [DONE]"}, {@code "status 503"}, {@code "SocketTimeoutException"}
     */
    public record Result(Histogram ttft, Histogram interToken, Histogram total, long streams, long errors,
            int minTokens, int maxTokens, Map<String, Long> errorKinds, Duration elapsed) {

        /** One line for a log. */
        public String summary() {
            return String.format(Locale.ROOT, "%d streams in %.2f s, %d errors%s, %d..%d tokens each; "
                            + "first token %s; between tokens %s; whole answer %s",
                    streams, elapsed.toNanos() / 1e9, errors, errors == 0 ? "" : " (" + Tally.describe(errorKinds) + ")",
                    minTokens, maxTokens, Latencies.describe(ttft), Latencies.describe(interToken),
                    Latencies.describe(total));
        }
    }
}
