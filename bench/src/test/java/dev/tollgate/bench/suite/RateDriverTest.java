package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateDriverTest {

    private static final byte[] PROMPT = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

    private HttpServer httpServer;
    /** The client ports the JDK server has seen: one per connection. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopServer() {
        release.countDown();
        if (httpServer != null) {
            httpServer.stop(0);
        }
    }

    @Test
    void holdsTheAskedRateWhateverTheConnections() throws IOException {
        URI uri = startHttpServer();
        RateDriver.Request post = RateDriver.Request.post(uri.resolve("/echo-check"),
                Map.of("Content-Type", "application/json"), PROMPT);

        RateDriver.Result result = new RateDriver(4, Duration.ofSeconds(5)).run(post, 400, Duration.ofSeconds(2));

        String summary = result.summary();
        System.out.println(summary);
        assertThat(result.sent()).as(summary).isBetween(760L, 840L);
        // The server answers 400 when the body or its type did not arrive as given.
        assertThat(result.statuses()).isEqualTo(Map.of(200, result.sent()));
        assertThat(result.errors()).isZero();
        assertThat(result.unsent()).isZero();
        // Answered per second of the whole run, up to the last answer: a slow last answer (this JVM
        // is young, and shares two cores with the server) drags it down a little.
        assertThat(result.achievedRate()).as(summary).isBetween(320.0, 405.0);
        assertThat(result.elapsed()).as(summary).isBetween(Duration.ofMillis(1_990), Duration.ofMillis(2_500));
        assertThat(clientPorts).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void correctedLatencyShowsAStallThatTheUncorrectedHides() throws IOException {
        // The whole server pauses for 500 ms once, a second into the run, as in a GC pause.
        AtomicLong stalledUntil = new AtomicLong();
        try (RawHttpServer server = RawHttpServer.start((n, out) -> {
            if (n == 200) {
                stalledUntil.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
            }
            long left = stalledUntil.get() - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            RawHttpServer.respond(out, 200, "", "ok");
            return true;
        })) {
            RateDriver.Result result = new RateDriver(2, Duration.ofSeconds(5))
                    .run(RateDriver.Request.get(server.uri("/"), Map.of()), 200, Duration.ofSeconds(2));

            String summary = result.summary();
            System.out.println(summary);
            assertThat(result.errors()).as(summary).isZero();
            // Open loop: the requests due during the stall were sent after it, none skipped.
            assertThat(result.sent()).as(summary).isBetween(380L, 420L);
            assertThat(result.unsent()).as(summary).isZero();
            // About 100 requests fell due in the stall; each waited from its due time on.
            assertThat(result.late(Duration.ofMillis(10))).as(summary).isBetween(80L, 110L);
            assertThat(result.corrected().getValueAtPercentile(99)).as(summary).isGreaterThanOrEqualTo(400_000);
            assertThat(result.corrected().getMaxValue()).as(summary).isGreaterThanOrEqualTo(490_000);
            // Only the two requests on the wire when it began saw the stall from their send.
            assertThat(result.uncorrected().getMaxValue()).as(summary).isGreaterThanOrEqualTo(490_000);
            assertThat(result.uncorrected().getValueAtPercentile(99)).as(summary).isLessThan(50_000);
        }
    }

    @Test
    void readsLengthAndChunkedBodiesOnKeptAliveConnections() throws IOException {
        URI uri = startHttpServer();
        for (String path : new String[] {"/fixed", "/chunked"}) {
            clientPorts.clear();
            RateDriver.Result result = new RateDriver(2, Duration.ofSeconds(5))
                    .run(RateDriver.Request.get(uri.resolve(path), Map.of()), 100, Duration.ofMillis(500));

            // A body misread by a byte would garble the next response on the connection.
            assertThat(result.errors()).as(path + ": " + result.summary()).isZero();
            assertThat(result.statuses()).as(path).isEqualTo(Map.of(200, result.sent()));
            assertThat(result.sent()).as(path).isBetween(45L, 55L);
            assertThat(clientPorts).as(path).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void reconnectsWhenTheServerClosesAfterEachAnswer() throws IOException {
        try (RawHttpServer server = RawHttpServer.start((n, out) -> {
            RawHttpServer.respond(out, 200, "Connection: close\r\n", "bye");
            return false;
        })) {
            RateDriver.Result result = new RateDriver(2, Duration.ofSeconds(5))
                    .run(RateDriver.Request.get(server.uri("/"), Map.of()), 100, Duration.ofMillis(500));

            assertThat(result.errors()).as(result.summary()).isZero();
            assertThat(result.completed()).isEqualTo(result.sent()).isBetween(45L, 55L);
            assertThat(server.connections()).isGreaterThanOrEqualTo((int) result.sent());
        }
    }

    @Test
    void countsDroppedConnectionsAsErrorsAndCarriesOn() throws IOException {
        try (RawHttpServer server = RawHttpServer.start((n, out) -> {
            switch (n % 4) {
                case 1 -> {
                    return false; // closed without a word
                }
                case 3 -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf".getBytes(StandardCharsets.US_ASCII));
                    return false; // closed halfway through the body
                }
                default -> RawHttpServer.respond(out, 200, "", "ok");
            }
            return true;
        })) {
            RateDriver.Result result = new RateDriver(2, Duration.ofSeconds(5), Duration.ofMillis(200))
                    .run(RateDriver.Request.get(server.uri("/"), Map.of()), 100, Duration.ofSeconds(1));

            String summary = result.summary();
            System.out.println(summary);
            assertThat(result.sent()).as(summary).isBetween(95L, 105L);
            assertThat(result.completed() + result.errors()).isEqualTo(result.sent());
            assertThat(result.errors()).as(summary).isCloseTo(result.sent() / 2, within(2L));
            assertThat(result.errorKinds()).as(summary).containsKey("EOFException");
            assertThat(result.elapsed()).isLessThan(Duration.ofMillis(1_300));
        }
    }

    @Test
    void countsEachNon2xxStatus() throws IOException {
        int[] statuses = {200, 404, 503, 200};
        try (RawHttpServer server = RawHttpServer.start((n, out) -> {
            RawHttpServer.respond(out, statuses[n % 4], "", "{}");
            return true;
        })) {
            RateDriver.Result result = new RateDriver(2, Duration.ofSeconds(5))
                    .run(RateDriver.Request.get(server.uri("/"), Map.of()), 100, Duration.ofMillis(500));

            long sent = result.sent();
            assertThat(result.errors()).isZero();
            assertThat(result.statuses()).as(result.summary()).isEqualTo(Map.of(
                    200, sent - (sent + 2) / 4 - (sent + 1) / 4, 404, (sent + 2) / 4, 503, (sent + 1) / 4));
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void endsOnTimeWhenAnswersHang() throws IOException {
        // Request 5 hangs until the read timeout; those from 45 on hang past the end of the run.
        try (RawHttpServer server = RawHttpServer.start((n, out) -> {
            if (n == 5 || n >= 45) {
                release.await(30, TimeUnit.SECONDS);
                return false;
            }
            RawHttpServer.respond(out, 200, "", "ok");
            return true;
        })) {
            RateDriver.Result result = new RateDriver(2, Duration.ofMillis(500), Duration.ofMillis(200))
                    .run(RateDriver.Request.get(server.uri("/"), Map.of()), 50, Duration.ofSeconds(1));

            String summary = result.summary();
            System.out.println(summary);
            assertThat(result.elapsed()).as(summary).isBetween(Duration.ofMillis(1_150), Duration.ofMillis(1_500));
            assertThat(result.errorKinds()).as(summary)
                    .isEqualTo(Map.of("SocketTimeoutException", 1L, "cut at drain timeout", 2L));
            // Both connections hang from request 45 on: the last requests found none free.
            assertThat(result.sent()).as(summary).isEqualTo(47);
            assertThat(result.unsent()).as(summary).isEqualTo(3);
            assertThat(result.completed()).isEqualTo(44);
        }
    }

    @Test
    void countsRefusedConnectionsAndEndsOnTime() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        RateDriver.Result result = new RateDriver(2, Duration.ofSeconds(2))
                .run(RateDriver.Request.get(URI.create("http://127.0.0.1:" + port + "/"), Map.of()), 50,
                        Duration.ofMillis(500));

        assertThat(result.sent()).as(result.summary()).isBetween(23L, 27L);
        assertThat(result.errorKinds()).isEqualTo(Map.of("ConnectException", result.sent()));
        assertThat(result.completed()).isZero();
        assertThat(result.corrected().getTotalCount()).isZero();
        assertThat(result.elapsed()).isLessThan(Duration.ofMillis(900));
    }

    /** A JDK server: /echo-check answers 200 if the body and Content-Type came as sent; /fixed and /chunked 20 kB. */
    private URI startHttpServer() throws IOException {
        httpServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        httpServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] big = "0123456789abcdef".repeat(1_280).getBytes(StandardCharsets.US_ASCII);
        httpServer.createContext("/echo-check", exchange -> {
            boolean same = Arrays.equals(exchange.getRequestBody().readAllBytes(), PROMPT)
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            answer(exchange, same ? 200 : 400, new byte[] {'{', '}'}, false);
        });
        httpServer.createContext("/fixed", exchange -> answer(exchange, 200, big, false));
        httpServer.createContext("/chunked", exchange -> answer(exchange, 200, big, true));
        httpServer.start();
        return URI.create("http://127.0.0.1:" + httpServer.getAddress().getPort());
    }

    private void answer(HttpExchange exchange, int status, byte[] body, boolean chunked) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!chunked) {
                out.write(body);
                return;
            }
            for (int from = 0; from < body.length; from += 7_000) {
                out.write(body, from, Math.min(7_000, body.length - from));
                out.flush();
            }
        }
    }
}
