package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.mockllm.MockFailure;
import dev.tollgate.mockllm.MockLlm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The data path against a real mock upstream: forwarding, streaming, failures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProxyTest {
    TestGateway t;

    /** The storage mode this run uses: "h2" or "postgres". */
    abstract String mode();

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start(mode(), dir, "--proxy.max-body-size=256KiB");
        expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/base"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "name=echo-strip", "paths[]=/echo-strip"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "name=echo-keep", "paths[]=/echo-keep",
                "strip_path=false", "preserve_host=true"));
        expect(201, t.postForm(t.admin("/services"), "name=stream", "url=" + t.mock.baseUrl()));
        expect(201, t.postForm(t.admin("/services/stream/routes"), "paths[]=/stream", "strip_path=false",
                "request_buffering=false"));
        t.chatRoute("chat", "/chat");
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private JsonNode echo(HttpRequest.Builder request) {
        return json(expect(200, t.send(request.build())));
    }

    @Test
    void stripsThePathAndKeepsTheQuery() {
        JsonNode e = echo(HttpRequest.newBuilder(URI.create(t.proxy("/echo-strip/more/here?a=1&b=x%20y"))).GET());
        assertThat(e.get("path").asText()).isEqualTo("/echo/base/more/here");
        assertThat(e.get("query").asText()).isEqualTo("a=1&b=x%20y");
        assertThat(e.get("headers").get("x-forwarded-path").asText()).isEqualTo("/echo-strip/more/here");
        assertThat(e.get("headers").get("x-forwarded-prefix").asText()).isEqualTo("/echo-strip");
        assertThat(e.get("method").asText()).isEqualTo("GET");
    }

    @Test
    void keepsThePathAndHostWhenAskedAndSetsForwardedHeaders() {
        JsonNode e = echo(HttpRequest.newBuilder(URI.create(t.proxy("/echo-keep/x")))
                .header("X-Forwarded-For", "10.1.2.3").header("X-Custom", "kept").GET());
        assertThat(e.get("path").asText()).isEqualTo("/echo/base/echo-keep/x");
        JsonNode h = e.get("headers");
        assertThat(h.get("host").asText()).isEqualTo("127.0.0.1:" + t.gateway.proxyPort());
        assertThat(h.get("x-forwarded-for").asText()).isEqualTo("10.1.2.3, 127.0.0.1");
        assertThat(h.get("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(h.get("x-forwarded-host").asText()).isEqualTo("127.0.0.1");
        assertThat(h.get("x-forwarded-port").asText()).isEqualTo(Integer.toString(t.gateway.proxyPort()));
        assertThat(h.get("x-real-ip").asText()).isEqualTo("127.0.0.1");
        assertThat(h.get("x-custom").asText()).isEqualTo("kept");
    }

    @Test
    void rewritesHostToTheUpstreamByDefaultAndDropsHopByHopHeaders() throws Exception {
        // The JDK client will not send hop-by-hop headers, so this one speaks HTTP/1.1 itself.
        String raw;
        try (var socket = new java.net.Socket("127.0.0.1", t.gateway.proxyPort())) {
            socket.getOutputStream().write(("POST /echo-strip HTTP/1.1\r\nHost: gw.example\r\n"
                    + "Connection: close, X-Drop-Me\r\nX-Drop-Me: secret\r\nKeep-Alive: timeout=5\r\n"
                    + "Proxy-Authorization: Basic abc\r\nContent-Length: 7\r\n\r\npayload").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            raw = readOneResponse(socket.getInputStream());
        }
        assertThat(raw).startsWith("HTTP/1.1 200");
        JsonNode e = TestGateway.JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
        JsonNode h = e.get("headers");
        assertThat(h.get("host").asText()).isEqualTo("127.0.0.1:" + t.mock.port());
        assertThat(h.has("x-drop-me")).isFalse();
        assertThat(h.has("keep-alive")).isFalse();
        assertThat(h.has("proxy-authorization")).isFalse();
        assertThat(e.get("body").asText()).isEqualTo("payload");
    }

    @Test
    void aPathWithCharactersOutsideRfc3986Is400SayingWhyAndTheEncodedFormPasses() throws Exception {
        String raw = rawGet("/echo-strip/a{b}/c");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).containsIgnoringCase("content-type: application/json");
        JsonNode error = TestGateway.JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
        assertThat(error.get("message").asText()).startsWith("Bad request: ").contains("percent-encoded");

        JsonNode e = TestGateway.JSON.readTree(rawBody(rawGet("/echo-strip/a%7Bb%7D/c?x=%7By%7D")));
        assertThat(e.get("path").asText()).isEqualTo("/echo/base/a{b}/c"); // the mock reports the decoded path
        assertThat(e.get("query").asText()).isEqualTo("x=%7By%7D");
    }

    private String rawGet(String target) throws java.io.IOException {
        try (var socket = new java.net.Socket("127.0.0.1", t.gateway.proxyPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: gw.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            return readOneResponse(socket.getInputStream());
        }
    }

    private static String rawBody(String raw) {
        assertThat(raw).startsWith("HTTP/1.1 200");
        return raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }

    /** Reads one HTTP/1.1 response framed by Content-Length: the server may keep the connection open. */
    private static String readOneResponse(java.io.InputStream in) throws java.io.IOException {
        var head = new java.io.ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        var m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headers);
        assertThat(m.find()).as("Content-Length in %s", headers).isTrue();
        return headers + new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8);
    }

    @Test
    void largeBodiesStreamThroughIntact() {
        String big = "x".repeat(200 * 1024); // over the in-memory buffer, under the limit
        JsonNode e = json(expect(200, t.send(HttpRequest.newBuilder(URI.create(t.proxy("/echo-strip/big")))
                .POST(HttpRequest.BodyPublishers.ofString(big)).build())));
        assertThat(e.get("body").asText()).isEqualTo(big);
        // Chunked, with no Content-Length at all.
        JsonNode chunked = json(expect(200, t.send(HttpRequest.newBuilder(URI.create(t.proxy("/echo-strip/chunked")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))).build())));
        assertThat(chunked.get("body").asText()).isEqualTo(big);
    }

    @Test
    void httpsOnlyRoutesAnswerPlainHttpWith426OrARedirect() {
        expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/secure-only", "protocols[]=https"));
        HttpResponse<String> upgrade = expect(426, t.get(t.proxy("/secure-only/x")));
        assertThat(json(upgrade).get("message").asText()).isEqualTo("Please use HTTPS protocol");
        expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/secure-redirect", "protocols[]=https",
                "https_redirect_status_code=308"));
        HttpResponse<String> redirect = expect(308, t.get(t.proxy("/secure-redirect/x?q=1")));
        assertThat(redirect.headers().firstValue("location")).contains("https://127.0.0.1/secure-redirect/x?q=1");
    }

    @Test
    void noRouteIs404Json() {
        HttpResponse<String> res = expect(404, t.get(t.proxy("/nothing/here")));
        assertThat(json(res).get("message").asText()).isEqualTo("no Route matched with those values");
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    }

    @Test
    void upstreamStatusAndErrorBodyPassThrough() {
        t.mock.enqueue(MockFailure.status(503));
        HttpResponse<String> res = expect(503, t.sendJson("POST", t.proxy("/chat"), "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertThat(json(res).get("error").get("message").asText()).contains("injected status 503");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(300 * 1024) + "\"}]}";
        HttpResponse<String> res = expect(413, t.sendJson("POST", t.proxy("/chat"), big));
        assertThat(json(res).get("message").asText()).isEqualTo("Request size limit exceeded");
        // Chunked (no Content-Length) and streamed to the upstream: still refused.
        HttpResponse<String> chunked = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/stream/sse")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))).build());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(json(chunked).get("message").asText()).isEqualTo("Request size limit exceeded");
    }

    @Test
    void streamsServerSentEventsAsTheyArrive() {
        var events = t.sse(HttpRequest.newBuilder(URI.create(t.proxy("/stream/sse?events=10&delay_ms=100"))).GET().build());
        assertThat(events).hasSize(10);
        // Streamed, not buffered: the first event is here long before the last one was sent.
        assertThat(events.getLast().arrivedMs() - events.getFirst().arrivedMs()).isGreaterThan(600);
    }

    @Test
    void chatCompletionStreamsChunkByChunk() {
        var events = t.sse(HttpRequest.newBuilder(URI.create(t.proxy("/chat")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"mock_tokens\":15,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"stream please\"}]}")).build());
        assertThat(events.getLast().line()).isEqualTo("data: [DONE]");
        assertThat(events).anyMatch(e -> e.line().contains("\"usage\""));
        // 15 tokens 20 ms apart: spread over time, not delivered in one piece (loose bound for a busy machine).
        assertThat(events.getLast().arrivedMs() - events.getFirst().arrivedMs()).isGreaterThan(120);
    }

    @Test
    void unreachableUpstreamIs502AndHangingUpstreamIs504() {
        expect(201, t.postForm(t.admin("/services"), "name=dead", "url=http://127.0.0.1:1/", "retries=1", "connect_timeout=500"));
        expect(201, t.postForm(t.admin("/services/dead/routes"), "paths[]=/dead"));
        HttpResponse<String> dead = expect(502, t.get(t.proxy("/dead")));
        assertThat(json(dead).get("message").asText()).isEqualTo("An invalid response was received from the upstream server");

        expect(201, t.postForm(t.admin("/services"), "name=slow", "url=" + t.mock.baseUrl() + "/v1/chat/completions", "read_timeout=300"));
        expect(201, t.postForm(t.admin("/services/slow/routes"), "paths[]=/slow"));
        t.mock.enqueue(MockFailure.hang());
        long start = System.nanoTime();
        HttpResponse<String> slow = expect(504, t.sendJson("POST", t.proxy("/slow"), "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertThat(json(slow).get("message").asText()).isEqualTo("The upstream server is timing out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        t.mock.enqueue(MockFailure.dropConnection());
        expect(502, t.sendJson("POST", t.proxy("/slow"), "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        // And the next request is served normally.
        expect(200, t.sendJson("POST", t.proxy("/slow"), "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
    }

    @Test
    void balancesAcrossTargetsAndRetriesPastADeadOne() {
        try (MockLlm second = MockLlm.builder().port(0).build().start()) {
            expect(201, t.postForm(t.admin("/upstreams"), "name=llm-pool", "host_header=llm.internal"));
            expect(201, t.postForm(t.admin("/upstreams/llm-pool/targets"), "target=127.0.0.1:" + t.mock.port(), "weight=100"));
            expect(201, t.postForm(t.admin("/upstreams/llm-pool/targets"), "target=127.0.0.1:" + second.port(), "weight=100"));
            expect(201, t.postForm(t.admin("/upstreams/llm-pool/targets"), "target=127.0.0.1:1", "weight=100"));
            expect(201, t.postForm(t.admin("/services"), "name=pooled", "url=http://llm-pool/echo/pool", "connect_timeout=500"));
            expect(201, t.postForm(t.admin("/services/pooled/routes"), "paths[]=/pooled"));
            expect(201, t.postForm(t.admin("/services/pooled/routes"), "paths[]=/pooled-streamed", "request_buffering=false"));
            // A streamed body is still retried when the connection fails: nothing of it was sent yet.
            for (int i = 0; i < 6; i++) {
                JsonNode e = json(expect(200, t.sendJson("POST", t.proxy("/pooled-streamed"), "{\"n\":" + i + "}")));
                assertThat(e.get("body").asText()).isEqualTo("{\"n\":" + i + "}");
            }
            t.mock.clearRequests();
            second.clearRequests();
            for (int i = 0; i < 30; i++) {
                expect(200, t.get(t.proxy("/pooled")));
            }
            long first = t.mock.requests().stream().filter(r -> r.path().equals("/echo/pool")).count();
            assertThat(t.mock.requests().getFirst().header("host")).contains("llm.internal");
            long other = second.requests().stream().filter(r -> r.path().equals("/echo/pool")).count();
            assertThat(first + other).isEqualTo(30);
            assertThat(first).isBetween(10L, 20L);
            assertThat(other).isBetween(10L, 20L);
        }
    }

    /** On the embedded H2 store. */
    static final class H2 extends ProxyTest {
        @Override
        String mode() {
            return "h2";
        }
    }

    /** On PostgreSQL. */
    static final class Postgres extends ProxyTest {
        @Override
        String mode() {
            return "postgres";
        }
    }
}
