package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.db.DatabaseSettings;
import dev.tollgate.db.TestDatabases;
import dev.tollgate.host.it.ai.AiRoutes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ai-rate-limiting with strategy=redis: two gateway nodes on one PostgreSQL and one Redis hold one token limit. */
class AiRateLimitingRedisTest {
    private static final URI REDIS = URI.create(System.getenv().getOrDefault("TOLLGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
    private static final String HELLO = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    private static final String REMAINING = "X-AI-RateLimit-Remaining-Day";

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void requestsAlternatingBetweenNodesAreLimitedByTheSharedTotal() throws Exception {
        RedisRateLimitTest.requireRedis(REDIS);
        DatabaseSettings pg = TestDatabases.postgres().settings();
        try (TestGateway a = TestGateway.start(TestGateway.config("h2", dirA, "--cluster.poll-interval=200ms").withDatabase(pg));
             TestGateway b = TestGateway.start(TestGateway.config("h2", dirB, "--cluster.poll-interval=200ms").withDatabase(pg))) {
            AiRoutes.create(a, "shared", "/shared", AiRoutes.openAi(a.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
            expect(201, a.postForm(a.admin("/routes/shared/plugins"), "name=key-auth"));
            expect(201, a.postForm(a.admin("/consumers"), "username=alice"));
            expect(201, a.postForm(a.admin("/consumers/alice/key-auth"), "key=alice-key"));
            expect(201, a.sendJson("POST", a.admin("/routes/shared/plugins"), "{\"name\":\"ai-rate-limiting\",\"config\":{"
                    + "\"limits\":[{\"window\":\"day\",\"limit\":45}],\"strategy\":\"redis\",\"fault_tolerant\":false,"
                    + "\"redis\":{\"host\":\"" + REDIS.getHost() + "\",\"port\":" + REDIS.getPort() + "}}}"));
            awaitRemaining(b, "45"); // node B has the configuration

            List<String> remaining = new ArrayList<>();
            long used = 0;
            for (int i = 0; used < 45; i++) {
                TestGateway node = i % 2 == 0 ? a : b;
                TestGateway next = i % 2 == 0 ? b : a;
                HttpResponse<String> res = expect(200, chat(node));
                remaining.add(res.headers().firstValue(REMAINING).orElseThrow());
                used += json(res).get("usage").get("total_tokens").asLong();
                // The other node sees this node's usage: the count is in Redis, not in either node.
                awaitRemaining(next, Long.toString(Math.max(0, 45 - used)));
            }
            assertThat(remaining).hasSizeGreaterThan(2).first().isEqualTo("45");
            assertThat(chat(a).statusCode()).isEqualTo(429);
            assertThat(chat(b).statusCode()).isEqualTo(429);
        }
    }

    private static HttpResponse<String> chat(TestGateway node) {
        return node.send(HttpRequest.newBuilder(URI.create(node.proxy("/shared/v1/chat/completions")))
                .header("Content-Type", "application/json").header("apikey", "alice-key")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build());
    }

    /** Usage is charged after the answer is sent: polls a request that reads the limit without using it. */
    private static void awaitRemaining(TestGateway node, String expected) throws InterruptedException {
        HttpResponse<String> res = null;
        for (int i = 0; i < 200; i++) {
            res = node.send(HttpRequest.newBuilder(URI.create(node.proxy("/shared/v1/models")))
                    .header("apikey", "alice-key").GET().build());
            if (expected.equals(res.headers().firstValue(REMAINING).orElse(null))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(REMAINING + " never became " + expected + "; last: " + res.statusCode() + " "
                + res.headers().map());
    }
}
