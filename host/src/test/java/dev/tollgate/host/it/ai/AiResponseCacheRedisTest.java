package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.tollgate.db.DatabaseSettings;
import dev.tollgate.db.TestDatabases;
import dev.tollgate.host.it.TestGateway;
import dev.tollgate.host.it.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ai-response-cache with strategy redis on two gateway nodes sharing one PostgreSQL and one Redis:
 * an answer one node stored is a hit on the other; with strategy memory each node keeps its own.
 */
class AiResponseCacheRedisTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    TestGateway a;
    TestGateway b;

    @AfterEach
    void stop() {
        try {
            if (b != null) {
                b.close();
            }
        } finally {
            if (a != null) {
                a.close();
            }
        }
    }

    @Test
    void twoNodesShareTheRedisCacheAndNotTheirMemory() throws InterruptedException {
        URI redis = TestRedis.require();
        DatabaseSettings shared = TestDatabases.postgres().settings();
        a = TestGateway.start(TestGateway.config("h2", dirA, "--cluster.poll-interval=200ms").withDatabase(shared));
        b = TestGateway.start(TestGateway.config("h2", dirB, "--cluster.poll-interval=200ms").withDatabase(shared));
        String url = a.mock.baseUrl() + "/v1/chat/completions"; // both nodes call node A's mock
        route("shared", url, "{\"strategy\":\"redis\",\"redis\":{\"host\":\"" + redis.getHost() + "\",\"port\":"
                + redis.getPort() + "}}");
        route("local", url, "{\"strategy\":\"memory\"}");
        waitUntilServedByB("/local");
        waitUntilServedByB("/shared");

        // Each run asks something new, so answers a previous run left in Redis cannot hit.
        String question = "Shared? " + UUID.randomUUID();
        assertThat(status(chat(a, "/shared", question, false))).isEqualTo("Miss");
        HttpResponse<String> viaB = chat(b, "/shared", question, false);
        assertThat(status(viaB)).isEqualTo("Hit");
        assertThat(viaB.headers().firstValue("x-tollgate-provider")).contains("openai");
        assertThat(timesAsked(question)).isEqualTo(1);

        String streamed = "Streamed? " + UUID.randomUUID();
        HttpResponse<String> miss = chat(b, "/shared", streamed, true);
        HttpResponse<String> hit = chat(a, "/shared", streamed, true);
        assertThat(status(miss)).isEqualTo("Miss");
        assertThat(status(hit)).isEqualTo("Hit");
        assertThat(hit.body()).isEqualTo(miss.body()).endsWith("data: [DONE]\n\n");
        assertThat(timesAsked(streamed)).isEqualTo(1);

        String local = "Local? " + UUID.randomUUID();
        assertThat(status(chat(a, "/local", local, false))).isEqualTo("Miss");
        assertThat(status(chat(b, "/local", local, false))).as("node B's memory is its own").isEqualTo("Miss");
        assertThat(status(chat(b, "/local", local, false))).isEqualTo("Hit");
        assertThat(timesAsked(local)).isEqualTo(2);
    }

    private void route(String name, String upstreamUrl, String cacheConfig) {
        AiRoutes.create(a, name, "/" + name, AiRoutes.openAi(upstreamUrl, "gpt-4o"));
        expect(201, a.sendJson("POST", a.admin("/routes/" + name + "/plugins"),
                "{\"name\":\"ai-response-cache\",\"config\":" + cacheConfig + "}"));
    }

    private void waitUntilServedByB(String path) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (chat(b, path, "warm-up", false).headers().firstValue("x-cache-status").isEmpty()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("node B does not serve " + path + " with the cache after 10 s");
            }
            Thread.sleep(100);
        }
    }

    private long timesAsked(String question) {
        return a.mock.requests().stream().filter(r -> r.body().contains(question)).count();
    }

    private static HttpResponse<String> chat(TestGateway node, String path, String question, boolean stream) {
        String body = "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + question + "\"}]}";
        return node.send(HttpRequest.newBuilder(URI.create(node.proxy(path + "/v1/chat/completions")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String status(HttpResponse<String> res) {
        expect(200, res);
        return res.headers().firstValue("x-cache-status").orElse("(none)");
    }
}
