package dev.tollgate.host.it;

import static dev.tollgate.host.it.Exposition.eventually;
import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.ai.AiRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live request log: {@code GET /requests} (the node's last requests, filtered, newest first),
 * {@code GET /requests/stream} (server-sent events), request bodies only when configured and
 * only as sent upstream, and the stream of every node through a shared Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogTest {
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"Write to jane.doe@example.com\"}]}";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start(TestGateway.config("h2", dir, "--request-log.body-size=200"));
        expect(201, t.postForm(t.admin("/services"), "name=plain", "url=" + t.mock.baseUrl() + "/v1/chat/completions"));
        expect(201, t.postForm(t.admin("/services/plain/routes"), "name=plain", "paths[]=/plain"));
        AiRoutes.create(t, "ai", "/ai", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
        expect(201, t.sendJson("POST", t.admin("/routes/ai/plugins"), "{\"name\":\"ai-sanitizer\"}"));
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private HttpResponse<String> post(String path, String... headers) {
        return t.postJson(t.proxy(path), CHAT, headers);
    }

    private JsonNode requests(String query) {
        return json(expect(200, t.get(t.admin("/requests" + query)))).get("data");
    }

    @Test
    void theLastRequestsNewestFirstWithWhoWhatAndHowLong() {
        expect(200, post("/plain"));
        expect(503, post("/plain", "X-Mock-Status", "503"));
        expect(404, post("/nowhere"));
        // an entry is added once its response is sent: a moment after the client has it
        JsonNode data = eventually(() -> requests("?size=3"), d -> assertThat(d.get(0).get("status").asInt()).isEqualTo(404));
        assertThat(data).hasSize(3);
        assertThat(data.get(0).get("status").asInt()).isEqualTo(404);
        assertThat(data.get(0).get("route").isNull()).isTrue();
        JsonNode failed = data.get(1);
        assertThat(failed.get("status").asInt()).isEqualTo(503);
        assertThat(failed.at("/route/name").asText()).isEqualTo("plain");
        assertThat(failed.at("/service/name").asText()).isEqualTo("plain");
        assertThat(failed.get("method").asText()).isEqualTo("POST");
        assertThat(failed.get("path").asText()).isEqualTo("/plain");
        assertThat(failed.get("latency_ms").asLong()).isNotNegative();
        assertThat(failed.get("upstream_latency_ms").asLong()).isNotNegative();
        assertThat(failed.get("request_bytes").asLong()).isEqualTo(CHAT.length());
        assertThat(failed.get("response_bytes").asLong()).isPositive();
        assertThat(failed.has("request_body")).isFalse(); // configured, but this route streamed the body unread
        assertThat(data.get(2).get("status").asInt()).isEqualTo(200);
        assertThat(data.get(2).get("id").asText()).isNotEqualTo(failed.get("id").asText());

        assertThat(requests("?status=5xx&size=1000")).allSatisfy(e -> assertThat(e.get("status").asInt()).isBetween(500, 599));
        assertThat(requests("?route=plain&status=200")).allSatisfy(e -> assertThat(e.at("/route/name").asText()).isEqualTo("plain"));
    }

    @Test
    void anAiRequestShowsItsModelTokensCostTraceAndTheBodyAsSentUpstream() {
        expect(200, post("/ai/v1/chat/completions", "traceparent", TRACEPARENT));
        JsonNode e = eventually(() -> requests("?model=gpt-4o&size=1"), d -> assertThat(d).hasSize(1)).get(0);
        assertThat(e.at("/ai/provider").asText()).isEqualTo("openai");
        assertThat(e.at("/ai/total_tokens").asLong()).isPositive();
        assertThat(e.at("/ai/cost").asDouble()).isPositive();
        assertThat(e.at("/ai/currency").asText()).isEqualTo("USD");
        assertThat(e.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        // The body is kept as the upstream got it: ai-sanitizer has masked the address.
        assertThat(e.get("request_body").asText()).doesNotContain("jane.doe@example.com").contains("messages");
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        assertThat(expect(400, t.get(t.admin("/requests?status=abc"))).body()).contains("status");
        assertThat(expect(400, t.get(t.admin("/requests?size=0"))).body()).contains("size");
        assertThat(expect(400, t.get(t.admin("/requests?colour=red"))).body()).contains("colour");
        assertThat(expect(400, t.get(t.admin("/requests?since=yesterday"))).body()).contains("since");
        assertThat(expect(400, t.get(t.admin("/requests/stream?scope=cluster"))).body()).contains("request-log.redis");
    }

    @Test
    void theStreamSendsEachRequestAsItFinishes() throws Exception {
        expect(201, t.postForm(t.admin("/services"), "name=streamed", "url=" + t.mock.baseUrl() + "/v1/chat/completions"));
        expect(201, t.postForm(t.admin("/services/streamed/routes"), "name=streamed", "paths[]=/streamed"));
        List<JsonNode> events = readEvents(t, "/requests/stream?route=streamed", 2, () -> {
            expect(200, post("/streamed"));
            expect(200, post("/plain")); // filtered out
            expect(502, post("/streamed", "X-Mock-Drop", "true"));
        });
        assertThat(events).extracting(e -> e.get("status").asInt()).containsExactly(200, 502);
        assertThat(events).allSatisfy(e -> assertThat(e.at("/route/name").asText()).isEqualTo("streamed"));
    }

    @Test
    void theLogKeepsOnlyItsSize(@TempDir Path dir) throws InterruptedException {
        try (TestGateway small = TestGateway.start(TestGateway.config("h2", dir.resolve("a"), "--request-log.size=5"))) {
            for (int i = 0; i < 8; i++) {
                small.get(small.proxy("/nothing-" + i));
            }
            JsonNode data = eventually(() -> json(expect(200, small.get(small.admin("/requests?size=100")))).get("data"),
                    d -> assertThat(d.get(0).get("path").asText()).isEqualTo("/nothing-7"));
            assertThat(data).extracting(e -> e.get("path").asText())
                    .containsExactly("/nothing-7", "/nothing-6", "/nothing-5", "/nothing-4", "/nothing-3");
            assertThat(data).allSatisfy(e -> assertThat(e.has("request_body")).isFalse()); // no bodies unless configured
        }
        try (TestGateway none = TestGateway.start(TestGateway.config("h2", dir.resolve("b"), "--request-log.size=0"))) {
            none.get(none.proxy("/x"));
            Thread.sleep(100);
            JsonNode out = json(expect(200, none.get(none.admin("/requests"))));
            assertThat(out.get("enabled").asBoolean()).isFalse();
            assertThat(out.get("data")).isEmpty();
        }
    }

    @Test
    void withASharedRedisTheStreamHasEveryNodesRequests(@TempDir Path dir) throws Exception {
        URI redis = TestRedis.require();
        String flag = "--request-log.redis=" + redis.getHost() + ":" + redis.getPort();
        try (TestGateway a = TestGateway.start(TestGateway.config("h2", dir.resolve("a"), flag));
             TestGateway b = TestGateway.start(TestGateway.config("h2", dir.resolve("b"), flag))) {
            String path = "/from-b-" + System.nanoTime();
            Thread.sleep(500); // both feeds subscribed
            List<JsonNode> events = readEvents(a, "/requests/stream?scope=cluster&status=404", 1,
                    () -> b.get(b.proxy(path)));
            assertThat(events.getFirst().get("path").asText()).isEqualTo(path);
            assertThat(events.getFirst().get("node_id").asText())
                    .isEqualTo(json(expect(200, b.get(b.admin("/requests?size=1")))).get("node_id").asText());
        }
    }

    /** Opens the stream, runs {@code traffic} once it is open, and reads {@code n} events. */
    private static List<JsonNode> readEvents(TestGateway g, String path, int n, Runnable traffic) throws Exception {
        HttpResponse<InputStream> res = g.http.send(HttpRequest.newBuilder(URI.create(g.admin(path))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        try (InputStream in = res.body();
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).startsWith(": tollgate request log"); // the stream is open: subscribed
            CompletableFuture<Void> sent = CompletableFuture.runAsync(traffic);
            List<JsonNode> events = new ArrayList<>();
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                try {
                    String line;
                    while (events.size() < n && (line = r.readLine()) != null) {
                        if (line.startsWith("data: ")) {
                            events.add(TestGateway.JSON.readTree(line.substring(6)));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            reading.get(15, TimeUnit.SECONDS);
            sent.get(15, TimeUnit.SECONDS);
            return events;
        }
    }
}
