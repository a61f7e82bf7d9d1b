package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.upstream.RawUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.tollgate.host.it.ai.AiRoutes;
import dev.tollgate.upstream.RawUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client whose chunked body is malformed gets one 400 that blames its body, and its connection
 * is closed; the upstream, which may have received the start of that body, is not blamed, and
 * the connection the body was cut on carries no later request.
 */
class MalformedClientBodyTest {
    @TempDir
    static Path dir;
    static TestGateway t;
    static RawUpstream up;

    @BeforeAll
    static void start() throws IOException {
        t = TestGateway.start("h2", dir);
        up = new RawUpstream((path, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Who: " + path.substring(path.lastIndexOf('/') + 1) + "\r\n\r\nok");
            return true;
        });
        expect(201, t.postForm(t.admin("/services"), "name=up", "url=http://127.0.0.1:" + up.port() + "/up", "retries=0"));
        expect(201, t.postForm(t.admin("/services/up/routes"), "paths[]=/r"));
        AiRoutes.create(t, "ai", "/ai", AiRoutes.openAi(
                t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
    }

    @AfterAll
    static void stop() throws IOException {
        up.close();
        t.close();
    }

    /** Everything the gateway sends back on one connection, until it closes it (or 5 s pass). */
    private static String exchange(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", t.gateway.proxyPort())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            StringBuilder all = new StringBuilder();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    all.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                all.append("[still open]");
            }
            return all.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zz\r\nhello\r\n0\r\n\r\n", "fffffffffffffffffffff\r\nx\r\n0\r\n\r\n", "5\nhello\n0\n\n",
            "5\r\nhello\r\nzz\r\nmore\r\n0\r\n\r\n", "zz\r\nabc\r\n0\r\n\r\n", "ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n"})
    void getsOne400BlamingTheBodyAndTheConnectionCloses(String body) throws IOException {
        String answer = exchange("POST /r/A HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("the request body could not be read")
                .doesNotContain("[still open]");
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one response").hasSize(2);
        // The next request reaches the upstream whole, on a connection no cut body was left on.
        HttpResponse<String> b = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/r/B")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(b.statusCode()).isEqualTo(200);
        assertThat(b.headers().firstValue("X-Who")).contains("B");
    }

    @ParameterizedTest(name = "keep-alive: {0}")
    @ValueSource(strings = {"zz\r\nhello\r\n0\r\n\r\n"})
    void evenWithoutConnectionCloseTheRestIsNotReadAsARequest(String body) throws IOException {
        String answer = exchange("POST /r/A HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one response").hasSize(2);
        assertThat(answer).startsWith("HTTP/1.1 400 ").doesNotContain("[still open]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zz\r\nhello\r\n0\r\n\r\n", "5\nhello\n0\n\n"})
    void anAiRouteAnswersTheSame(String body) throws IOException {
        String answer = exchange("POST /ai HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("the request body could not be read")
                .doesNotContain("[still open]");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "Host: a~Host: b | more than one Host header",
        "Host: user@a | the Host header is not a host[:port]",
        "Host: a~Content-Length: 5~Transfer-Encoding: chunked | Content-Length and Transfer-Encoding together"})
    void aRequestRefusedBeforeRoutingSaysWhichRuleItBroke(String headers, String message) throws IOException {
        String answer = exchange("GET /r/A HTTP/1.1\r\n" + headers.replace("~", "\r\n") + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains(message);
    }

    @org.junit.jupiter.api.Test
    void aClientThatStallsMidUploadIsCutOffAndSoIsItsUpstreamConnection(@TempDir Path own) throws Exception {
        try (TestGateway g = TestGateway.start("h2", own, "--proxy.client-body-timeout=500ms");
             RawUpstream stalled = new RawUpstream((path, out) -> {
                 write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                 return true;
             })) {
            expect(201, g.postForm(g.admin("/services"), "name=up", "url=http://127.0.0.1:" + stalled.port() + "/up"));
            expect(201, g.postForm(g.admin("/services/up/routes"), "paths[]=/s"));
            long start = System.nanoTime();
            try (Socket s = new Socket("127.0.0.1", g.gateway.proxyPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("POST /s HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhe")
                        .getBytes(StandardCharsets.US_ASCII));
                try {
                    while (s.getInputStream().read() >= 0) {
                        // whatever the gateway manages to say before it closes
                    }
                } catch (java.net.SocketException reset) {
                    // closed by the gateway
                }
            }
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (stalled.liveConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(stalled.liveConnections()).as("upstream connections left open").isZero();
        }
    }

    @org.junit.jupiter.api.Test
    void connectionCloseIsHonouredNoPipelinedRequestIsServedAfterIt() throws IOException {
        String answer = exchange("GET /r/A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /r/B HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one response").hasSize(2);
        assertThat(answer).contains("X-Who: A").doesNotContain("X-Who: B").doesNotContain("[still open]");
        String admin;
        try (Socket s = new Socket("127.0.0.1", t.gateway.adminPort())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET /status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            admin = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1); // ends: the gateway closed it
        }
        assertThat(admin).startsWith("HTTP/1.1 200");
    }
}
