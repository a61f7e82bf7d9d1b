package dev.tollgate.host.it;

import static dev.tollgate.upstream.RawUpstream.write;
import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.tollgate.host.it.ai.AiRoutes;
import dev.tollgate.upstream.RawUpstream;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rule that keeps one user's answer from reaching another: an upstream connection whose
 * response was not read to its framed end — the client left, the upstream timed out, a plugin
 * failed, the body was close-delimited — is never used again. Each case sends user A's request
 * to an upstream that keeps writing bytes that look like a whole HTTP response after A's answer
 * ends early, then sends user B's request, which must reach the upstream and get B's own answer.
 */
class UpstreamConnectionReuseTest {
    /** What user A's upstream writes after the first part of its body: a forged response. */
    private static final String FORGED = "HTTP/1.1 200 OK\r\nX-Leak: from-A\r\nContent-Length: 6\r\n\r\nfrom-A";
    private static final String FIRST_PART = "first part of A\n";

    @TempDir
    static Path dir;
    static TestGateway t;
    static final AtomicInteger SERVICES = new AtomicInteger();

    @BeforeAll
    static void start() {
        t = TestGateway.start("h2", dir);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** How an upstream frames a body. */
    enum Framing {
        CONTENT_LENGTH, CHUNKED, CLOSE_DELIMITED;

        String head(int length) {
            return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + switch (this) {
                case CONTENT_LENGTH -> "Content-Length: " + length + "\r\n\r\n";
                case CHUNKED -> "Transfer-Encoding: chunked\r\n\r\n";
                case CLOSE_DELIMITED -> "\r\n";
            };
        }

        String piece(String data) {
            return this == CHUNKED ? Integer.toHexString(data.length()) + "\r\n" + data + "\r\n" : data;
        }
    }

    /** How user A's response ends before its framed end. */
    enum EarlyEnd { CLIENT_LEAVES, READ_TIMEOUT, BODY_FILTER_FAILS, HEADER_FILTER_FAILS }

    /**
     * Answers {@code /A} with a first part, a pause, then forged responses inside the same body,
     * holding the connection open; answers {@code /B} with B's own response.
     */
    private static RawUpstream upstream(Framing framing, long pauseMs) throws IOException {
        return new RawUpstream((path, out) -> {
            if (path.endsWith("/B")) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nX-Who: B\r\n\r\nhello B");
                return true;
            }
            write(out, framing.head(FIRST_PART.length() + 5 * FORGED.length()) + framing.piece(FIRST_PART));
            Thread.sleep(pauseMs);
            for (int i = 0; i < 5; i++) {
                write(out, framing.piece(FORGED));
                Thread.sleep(100);
            }
            Thread.sleep(4_000); // held open, body unfinished: only the gateway can end it
            return false;
        });
    }

    private static String route(RawUpstream up, String... serviceFields) {
        String name = "s" + SERVICES.incrementAndGet();
        String[] fields = new String[serviceFields.length + 3];
        fields[0] = "name=" + name;
        fields[1] = "url=http://127.0.0.1:" + up.port() + "/up";
        fields[2] = "retries=0";
        System.arraycopy(serviceFields, 0, fields, 3, serviceFields.length);
        expect(201, t.postForm(t.admin("/services"), fields));
        expect(201, t.postForm(t.admin("/services/" + name + "/routes"), "paths[]=/" + name));
        return "/" + name;
    }

    /** User B's request through the gateway must be B's own exchange with the upstream. */
    private static void userBGetsItsOwnAnswer(RawUpstream up, String route) {
        HttpResponse<String> b = t.send(HttpRequest.newBuilder(URI.create(t.proxy(route + "/B")))
                .timeout(Duration.ofSeconds(10)).GET().build());
        assertThat(b.headers().firstValue("X-Leak")).as("user B got user A's bytes").isEmpty();
        assertThat(b.statusCode()).isEqualTo(200);
        assertThat(b.headers().firstValue("X-Who")).contains("B");
        assertThat(b.body()).isEqualTo("hello B");
        assertThat(up.received()).extracting(RawUpstream.Received::path).contains("/up/B");
    }

    /** Sends A's request on a raw socket, reads until the first part arrived, then resets the connection. */
    private static void userALeavesAfterTheFirstPart(String route) throws IOException {
        try (Socket a = new Socket("127.0.0.1", t.gateway.proxyPort())) {
            a.setSoTimeout(10_000);
            a.getOutputStream().write(("GET " + route + "/A HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            readUntil(a.getInputStream(), "first part of A");
            a.setSoLinger(true, 0); // leave abruptly: the gateway's next write fails
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Framing.class)
    void aClientThatLeavesMidBody(Framing framing) throws Exception {
        try (RawUpstream up = upstream(framing, 300)) {
            String route = route(up);
            userALeavesAfterTheFirstPart(route);
            Thread.sleep(1_200); // the forged responses have been written and the gateway gave up on A
            userBGetsItsOwnAnswer(up, route);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Framing.class)
    void anUpstreamThatTimesOutMidBody(Framing framing) throws Exception {
        try (RawUpstream up = upstream(framing, 800)) {
            String route = route(up, "read_timeout=300");
            HttpResponse<String> a = sendQuietly(route + "/A");
            assertThat(a == null ? "" : a.body()).doesNotContain("from-A");
            Thread.sleep(1_200);
            userBGetsItsOwnAnswer(up, route);
        }
    }

    @Nested
    class APluginThatFails {
        @ParameterizedTest(name = "{0}")
        @EnumSource(Framing.class)
        void inTheBodyFilter(Framing framing) throws Exception {
            failingPlugin(framing, "body_filter");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Framing.class)
        void inTheHeaderFilter(Framing framing) throws Exception {
            failingPlugin(framing, "header_filter");
        }

        private void failingPlugin(Framing framing, String phase) throws Exception {
            try (RawUpstream up = upstream(framing, 100)) {
                String route = route(up);
                String plugin = TestGateway.json(expect(201, t.postForm(t.admin("/services" + route + "/plugins"),
                        "name=test-throw", "config.phase=" + phase))).path("id").asText();
                expect(500, t.get(t.proxy(route + "/A")));
                Thread.sleep(800); // the forged responses have been written
                expect(204, t.sendJson("DELETE", t.admin("/plugins/" + plugin), null));
                userBGetsItsOwnAnswer(up, route);
            }
        }
    }

    /** Upstreams that frame their answers wrongly or oddly (the probe's second round). */
    @Nested
    class AnUpstreamThatMisframes {
        private final String answerB = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nX-Who: B\r\n\r\nhello B";

        private RawUpstream upstream(String answerA, long pauseMs, String thenA) throws IOException {
            return new RawUpstream((path, out) -> {
                if (path.endsWith("/B")) {
                    write(out, answerB);
                    return true;
                }
                write(out, answerA);
                if (thenA != null) {
                    Thread.sleep(pauseMs);
                    write(out, thenA);
                }
                return true;
            });
        }

        @Test
        void interimResponsesAreSkippedNotTakenForTheAnswer() throws Exception {
            try (RawUpstream up = upstream("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n", 100,
                    "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nX-Who: A\r\n\r\nhello A!!")) {
                String route = route(up);
                try (Socket a = new Socket("127.0.0.1", t.gateway.proxyPort())) { // Java's client will not send Expect
                    a.setSoTimeout(10_000);
                    a.getOutputStream().write(("POST " + route + "/A HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                            + "Content-Length: 7\r\n\r\n{\"p\":1}").getBytes(StandardCharsets.US_ASCII));
                    readUntil(a.getInputStream(), "hello A!!");
                }
                assertThat(up.received()).extracting(RawUpstream.Received::path).containsExactly("/up/A");
                userBGetsItsOwnAnswer(up, route);
            }
        }

        @Test
        void bytesAfterTheFramedEndThatComeLateNeverReachTheNextUser() throws Exception {
            try (RawUpstream up = upstream("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 50,
                    "HTTP/1.1 200 OK\r\nX-Leak: from-A\r\nContent-Length: 6\r\n\r\nfrom-A")) {
                String route = route(up);
                assertThat(expect(200, t.get(t.proxy(route + "/A"))).body()).isEqualTo("hello");
                Thread.sleep(300);
                userBGetsItsOwnAnswer(up, route);
            }
        }

        @Test
        void twoFramingsAreA502AndTheConnectionGoes() throws Exception {
            try (RawUpstream up = upstream("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n0\r\n\r\n", 0, null)) {
                String route = route(up);
                expect(502, t.get(t.proxy(route + "/A")));
                userBGetsItsOwnAnswer(up, route);
            }
        }

        @Test
        void anHttp10AnswerEndsItsConnection() throws Exception {
            try (RawUpstream up = upstream("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 30,
                    "HTTP/1.1 200 OK\r\nX-Leak: from-A\r\nContent-Length: 6\r\n\r\nfrom-A")) {
                String route = route(up);
                assertThat(expect(200, t.get(t.proxy(route + "/A"))).body()).isEqualTo("ok");
                userBGetsItsOwnAnswer(up, route);
                assertThat(up.connections()).isEqualTo(2);
            }
        }
    }

    /** ai-proxy calls providers on clients of its own: the same rule holds there. */
    @Nested
    class ThroughAiProxy {
        private static String completion(String content) {
            return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
        }

        private static String event(String content) {
            return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
        }

        private static String response(String extraHeader, String json) {
            return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extraHeader
                    + "Content-Length: " + json.length() + "\r\n\r\n" + json;
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Framing.class)
        void aStreamThatTheClientLeaves(Framing framing) throws Exception {
            String forged = response("X-Leak: from-A\r\n", completion("from-A"));
            try (RawUpstream up = new RawUpstream((path, out) -> {
                if (path.startsWith("/B")) {
                    write(out, response("", completion("hello B")));
                    return true;
                }
                // Each forged response is followed by an event, so the gateway has something to write to A.
                String event = event("first part of A");
                String more = forged + "\n\n" + event("more");
                write(out, framing.head(event.length() + 5 * more.length()).replace("text/plain", "text/event-stream")
                        + framing.piece(event));
                Thread.sleep(300);
                for (int i = 0; i < 5; i++) {
                    write(out, framing.piece(more));
                    Thread.sleep(100);
                }
                Thread.sleep(4_000);
                return false;
            })) {
                String name = "ai" + SERVICES.incrementAndGet();
                String base = "http://127.0.0.1:" + up.port();
                AiRoutes.create(t, name + "a", "/" + name + "a", AiRoutes.openAi(base + "/A/v1/chat/completions", "m"));
                AiRoutes.create(t, name + "b", "/" + name + "b", AiRoutes.openAi(base + "/B/v1/chat/completions", "m"));
                try (Socket a = new Socket("127.0.0.1", t.gateway.proxyPort())) {
                    String chat = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
                    a.setSoTimeout(10_000);
                    a.getOutputStream().write(("POST /" + name + "a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + chat.length() + "\r\n\r\n" + chat).getBytes(StandardCharsets.US_ASCII));
                    readUntil(a.getInputStream(), "first part of A");
                    a.setSoLinger(true, 0);
                }
                Thread.sleep(1_200);
                HttpResponse<String> b = t.sendJson("POST", t.proxy("/" + name + "b"),
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(b.headers().firstValue("X-Leak")).as("user B got user A's bytes").isEmpty();
                assertThat(TestGateway.json(expect(200, b)).at("/choices/0/message/content").asText()).isEqualTo("hello B");
                assertThat(up.received()).extracting(RawUpstream.Received::path).contains("/B/v1/chat/completions");
            }
        }
    }

    private static void readUntil(InputStream in, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        while (!seen.toString().contains(text)) {
            int n = in.read(buf);
            assertThat(n).as("'" + text + "' before the end of the stream").isPositive();
            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    /** A's request, or null when the gateway cut the connection (the answer's headers were already sent). */
    private static HttpResponse<String> sendQuietly(String path) {
        try {
            return t.http.send(HttpRequest.newBuilder(URI.create(t.proxy(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class AResponseReadToItsEnd {
        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Framing.class, names = {"CONTENT_LENGTH", "CHUNKED"})
        void leavesItsConnectionForTheNextRequest(Framing framing) throws Exception {
            try (RawUpstream up = new RawUpstream((path, out) -> {
                write(out, framing.head(5) + framing.piece("hello") + (framing == Framing.CHUNKED ? "0\r\n\r\n" : ""));
                return true;
            })) {
                String route = route(up);
                for (int i = 0; i < 3; i++) {
                    assertThat(expect(200, t.get(t.proxy(route + "/x"))).body()).isEqualTo("hello");
                }
                assertThat(up.connections()).as("keep-alive connections reused").isEqualTo(1);
            }
        }

        /** HEAD, 204 and 304 have no body whatever their headers say: nothing is waited for, the connection stays. */
        @Test
        void aResponseThatHasNoBodyIsNotWaitedFor() throws Exception {
            try (RawUpstream up = new RawUpstream((path, out) -> {
                write(out, path.endsWith("/304") ? "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"
                        : path.endsWith("/204") ? "HTTP/1.1 204 No Content\r\n\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
                return true;
            })) {
                String route = route(up, "read_timeout=5000");
                long start = System.nanoTime();
                HttpResponse<String> head = t.send(HttpRequest.newBuilder(URI.create(t.proxy(route + "/h")))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(expect(304, t.get(t.proxy(route + "/304"))).body()).isEmpty();
                assertThat(expect(204, t.get(t.proxy(route + "/204"))).body()).isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                assertThat(up.connections()).isEqualTo(1);
            }
        }

        @Test
        void butNotWhenTheUpstreamSentMoreThanItsResponse() throws Exception {
            try (RawUpstream up = new RawUpstream((path, out) -> {
                if (path.endsWith("/B")) {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nX-Who: B\r\n\r\nhello B");
                } else {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello" + FORGED);
                }
                return true;
            })) {
                String route = route(up);
                assertThat(expect(200, t.get(t.proxy(route + "/A"))).body()).isEqualTo("hello");
                userBGetsItsOwnAnswer(up, route);
            }
        }

        @Test
        void aCloseDelimitedBodyEndsItsConnection() throws Exception {
            try (RawUpstream up = new RawUpstream((path, out) -> {
                write(out, "HTTP/1.1 200 OK\r\n\r\nwhole body of " + path);
                return false;
            })) {
                String route = route(up);
                for (int i = 0; i < 3; i++) {
                    assertThat(expect(200, t.get(t.proxy(route + "/x" + i))).body()).isEqualTo("whole body of /up/x" + i);
                }
                assertThat(up.connections()).isEqualTo(3);
            }
        }
    }
}
