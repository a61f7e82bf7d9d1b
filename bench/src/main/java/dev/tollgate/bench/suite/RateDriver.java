package dev.tollgate.bench.suite;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP/1.1 load generator: it sends one request at a constant rate, whatever the
 * server's latency, over a fixed number of kept-alive connections, as wrk2 does.
 *
 * <p>Why open loop: a closed-loop client (send, wait, send again) slows down when the server
 * does, so a stall hides itself; the few requests caught in it are recorded and the hundreds
 * that a real population of users would have sent meanwhile are never sent at all. This is
 * coordinated omission. Here request {@code i} is due at {@code start + i / rate}, and its
 * {@linkplain Result#corrected() corrected} latency runs from that due time to the end of its
 * response, so time spent waiting for a free connection counts as the users would count it. The
 * {@linkplain Result#uncorrected() uncorrected} latency (from the actual send) is kept beside it,
 * and the difference shows how much waiting there was.
 *
 * <p>Each connection has its own platform thread, which claims the next request index, parks
 * until the request is due, writes the pre-encoded bytes and reads the whole response. Platform
 * threads rather than virtual ones because the measurement includes the client's own wake-up
 * path: a virtual thread's timed park is ended by a timer thread, and its blocking read by the
 * poller, and either way it then waits for a free carrier; those hops and that queue would be
 * added to every latency on a busy machine. The connection count of a load test is small (tens,
 * a few hundred), so the cost of platform threads does not matter.
 *
 * <p>A failed exchange (refused connect, reset, read timeout, malformed or cut response) counts
 * as an error, the connection is re-opened and the run goes on. Sending stops at
 * {@code start + duration}; answers still outstanding get the drain timeout, and those cut then
 * are errors too. Every response, whatever its status, is a completion; statuses are counted.
 */
public final class RateDriver {

    private final int connections;
    private final Duration readTimeout;
    private final Duration drainTimeout;

    /** As {@link #RateDriver(int, Duration, Duration)} with a drain timeout equal to the read timeout. */
    public RateDriver(int connections, Duration readTimeout) {
        this(connections, readTimeout, readTimeout);
    }

    /**
     * @param connections  the kept-alive connections (and threads) the load is spread over
     * @param readTimeout  the connect timeout and the longest wait for any one read of a response
     * @param drainTimeout how long after the last send the run waits for outstanding responses
     */
    public RateDriver(int connections, Duration readTimeout, Duration drainTimeout) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: >= 1)");
        }
        this.connections = connections;
        this.readTimeout = positive(readTimeout, "readTimeout");
        this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout: " + drainTimeout + " (expected: >= 0)");
        }
    }

    /**
     * Sends {@code request} at {@code ratePerSecond} for {@code duration}, then drains. Returns
     * after at most about {@code duration} + drain timeout (+ a connect timeout to open the
     * connections). An interrupt of the calling thread ends the run early, as the drain timeout
     * would, and stays set.
     */
    public Result run(Request request, double ratePerSecond, Duration duration) {
        requireNonNull(request, "request");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: > 0)");
        }
        RateSchedule schedule = new RateSchedule(ratePerSecond, positive(duration, "duration"));
        RateRecorder recorder = new RateRecorder();
        List<HttpConnection> pool = new ArrayList<>(connections);
        List<Thread> threads = new ArrayList<>(connections);
        CountDownLatch connected = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            HttpConnection connection = new HttpConnection(request.host(), request.port(), readTimeout);
            pool.add(connection);
            threads.add(Thread.ofPlatform().name("rate-driver-" + c).daemon()
                    .unstarted(new RateWorker(connection, request.encoded(), schedule, recorder, connected)));
        }
        threads.forEach(Thread::start);
        try {
            // Connections are opened before the clock starts, as a warmed-up client's would be.
            connected.await(readTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            schedule.start();
            long deadline = schedule.endNanos() + drainTimeout.toNanos();
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(Duration.ofNanos(left));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Normally every thread is done by now; otherwise they are cut: no more sends, no more reads.
        schedule.stop();
        schedule.start();
        pool.forEach(HttpConnection::shutDown);
        threads.forEach(LockSupport::unpark);
        for (Thread thread : threads) {
            joinQuietly(thread, Duration.ofSeconds(1));
        }
        return recorder.result(ratePerSecond, schedule, System.nanoTime());
    }

    private static void joinQuietly(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration positive(Duration value, String name) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /** A request encoded once, to be sent as it is, many times. Plain HTTP only. */
    public static final class Request {
        private final String method;
        private final URI uri;
        private final String host;
        private final int port;
        private final byte[] encoded;

        private Request(String method, URI uri, Map<String, String> headers, byte[] body) {
            this.encoded = RequestBytes.encode(method, uri, headers, body);
            this.method = method;
            this.uri = uri;
            this.host = RequestBytes.host(uri);
            this.port = RequestBytes.port(uri);
        }

        /** A POST of {@code body}; give its {@code Content-Type} in {@code headers}. */
        public static Request post(URI uri, Map<String, String> headers, byte[] body) {
            return new Request("POST", uri, headers, requireNonNull(body, "body").clone());
        }

        public static Request get(URI uri, Map<String, String> headers) {
            return new Request("GET", uri, headers, null);
        }

        public String method() {
            return method;
        }

        public URI uri() {
            return uri;
        }

        String host() {
            return host;
        }

        int port() {
            return port;
        }

        /** The bytes written for each send; not to be modified. */
        byte[] encoded() {
            return encoded;
        }

        @Override
        public String toString() {
            return method + " " + uri + " (" + encoded.length + " bytes)";
        }
    }

    /**
     * What a run measured. Histograms are in microseconds (1 µs to 60 s, 3 significant digits)
     * and belong to the caller. {@code sent = completed + errors}; {@code unsent} requests fell
     * due before the end but found no free connection in time and were never sent.
     *
     * @param corrected   due time to end of response, for every response
     * @param uncorrected actual send to end of response, for every response
     * @param sendLag     due time to actual send, for every request sent: the wait for a connection
     * @param statuses    responses by status code
     * @param errorKinds  errors by kind (the exception's simple name, or "cut at drain timeout")
     * @param elapsed     from the first due time to the last response (or the drain cut)
     */
    public record Result(double rate, Histogram corrected, Histogram uncorrected, Histogram sendLag, long sent,
            long completed, long errors, long unsent, Map<Integer, Long> statuses, Map<String, Long> errorKinds,
            Duration elapsed) {

        /** Responses per second of the whole run. */
        public double achievedRate() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds > 0 ? completed / seconds : 0;
        }

        /** How many requests were sent more than {@code by} after they were due (to the histogram's precision). */
        public long late(Duration by) {
            long micros = by.toNanos() / 1_000;
            return micros >= sendLag.getMaxValue() ? 0
                    : sendLag.getCountBetweenValues(micros + 1, sendLag.getHighestTrackableValue());
        }

        /** One line for a log. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "%.1f/s asked, %.1f/s answered over %.2f s: %d sent, %d completed (%s), %d errors%s, "
                            + "%d unsent, %d sent > 10 ms late; corrected %s; uncorrected %s",
                    rate, achievedRate(), elapsed.toNanos() / 1e9, sent, completed, Tally.describe(statuses),
                    errors, errors == 0 ? "" : " (" + Tally.describe(errorKinds) + ")", unsent,
                    late(Duration.ofMillis(10)), Latencies.describe(corrected), Latencies.describe(uncorrected));
        }
    }
}
