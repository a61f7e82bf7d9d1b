package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import dev.tollgate.host.it.TestGateway;
import dev.tollgate.mockllm.MockFailure;
import dev.tollgate.mockllm.MockLlm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two targets, A preferred (priority) and B as fallback, each a real mock LLM: A fails in every
 * way a provider fails; requests still succeed on B, A's circuit opens, and closes again once
 * A answers after the cool-down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiProxyFailoverTest {
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    TestGateway t;
    MockLlm a;
    int routes;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        a = MockLlm.builder().port(0).build().start();
    }

    @AfterAll
    void stop() {
        a.stop();
        t.close();
    }

    @BeforeEach
    void reset() {
        a.clearFailures();
        a.clearRequests();
        t.mock.clearFailures();
    }

    /** A fresh route (its own breakers) with A at priority 10 and B at 0. */
    private String route(String aUrl, String extraBalancer) {
        String name = "failover-" + (++routes);
        AiRoutes.create(t, name, "/" + name, "{\"targets\":["
                + target(aUrl, "model-a", 10) + "," + target(t.mock.baseUrl() + "/v1/chat/completions", "model-b", 0)
                + "],\"balancer\":{\"algorithm\":\"priority\",\"retries\":1,\"backoff\":0,\"read_timeout\":700,"
                + "\"circuit_breaker\":{\"failures\":2,\"cool_down\":1}" + extraBalancer + "}}");
        return "/" + name + "/v1/chat/completions";
    }

    private static String target(String url, String model, int priority) {
        return "{\"model\":{\"provider\":\"openai\",\"name\":\"" + model + "\",\"options\":{\"upstream_url\":\"" + url
                + "\"}},\"auth\":{\"header_value\":\"k\"},\"priority\":" + priority + "}";
    }

    private HttpResponse<String> chat(String path) {
        return t.sendJson("POST", t.proxy(path), CHAT);
    }

    private static String servedBy(HttpResponse<String> res) {
        return res.headers().firstValue("x-tollgate-model").orElse("?");
    }

    @Test
    void serverErrorsFailOverOpenTheCircuitAndItClosesWhenARecovers() throws Exception {
        String path = route(a.baseUrl() + "/v1/chat/completions", "");
        a.enqueue(MockFailure.status(500));
        a.enqueue(MockFailure.status(503));

        assertThat(servedBy(expect(200, chat(path)))).isEqualTo("model-b");
        assertThat(servedBy(expect(200, chat(path)))).isEqualTo("model-b");
        assertThat(a.requests()).hasSize(2);

        // Open: A is not even tried.
        assertThat(servedBy(expect(200, chat(path)))).isEqualTo("model-b");
        assertThat(a.requests()).hasSize(2);

        Thread.sleep(1_100);
        // Half-open: one trial goes to A, which has recovered; the circuit closes.
        assertThat(servedBy(expect(200, chat(path)))).isEqualTo("model-a");
        assertThat(servedBy(expect(200, chat(path)))).isEqualTo("model-a");
        assertThat(a.requests()).hasSize(4);
    }

    @Test
    void aHangingTargetTimesOutAndTheRequestSucceedsOnB() {
        String path = route(a.baseUrl() + "/v1/chat/completions", "");
        a.enqueue(MockFailure.hang());
        long start = System.nanoTime();
        HttpResponse<String> res = expect(200, chat(path));
        assertThat(servedBy(res)).isEqualTo("model-b");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDroppedConnectionFailsOverToB() {
        String path = route(a.baseUrl() + "/v1/chat/completions", "");
        a.enqueue(MockFailure.dropConnection());
        assertThat(servedBy(expect(200, chat(path)))).isEqualTo("model-b");
    }

    @Test
    void aStreamDroppedBeforeItsFirstEventFailsOverToB() {
        String path = route(a.baseUrl() + "/v1/chat/completions", "");
        a.enqueue(MockFailure.dropConnection());
        HttpResponse<String> res = expect(200, t.sendJson("POST", t.proxy(path),
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
        assertThat(servedBy(res)).isEqualTo("model-b");
        assertThat(res.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void aRefusedConnectionFailsOverToB() {
        String path = route("http://127.0.0.1:9/v1/chat/completions", "");
        assertThat(servedBy(expect(200, chat(path)))).isEqualTo("model-b");
    }

    @Test
    void whenEveryTargetFailsTheClientGetsTheLastErrorInOpenAisShape() {
        String path = route(a.baseUrl() + "/v1/chat/completions", "");
        a.enqueue(MockFailure.status(500));
        t.mock.enqueue(MockFailure.status(503));
        HttpResponse<String> res = chat(path);
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(json(res).path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void rateLimitedTargetIsNotFailedOverWhenTheCriteriaLeaveOut429() {
        String path = route(a.baseUrl() + "/v1/chat/completions", ",\"failover_criteria\":[\"error\",\"timeout\"]");
        a.enqueue(MockFailure.status(429));
        HttpResponse<String> res = chat(path);
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(json(res).path("error").path("type").asText()).isEqualTo("rate_limit_error");
    }
}
