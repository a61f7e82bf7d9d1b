package dev.tollgate.host.it;

import static dev.tollgate.host.it.Exposition.eventually;
import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.ai.AiRoutes;
import dev.tollgate.mockllm.MockFailure;
import dev.tollgate.mockllm.MockLlm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a mixed run (whole and streamed answers, cached answers, failovers, a provider error, a
 * client that leaves mid-stream), the token, cost and request totals at {@code /metrics} equal
 * those of {@code GET /usage}, model by model; in both storage modes.
 */
abstract class MetricsAccuracyTest extends StorageModeTest {
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Count %s tokens\"}]}";
    private static final String STREAM = "{\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream %s to me, slowly\"}]}";
    private MockLlm failing;

    @BeforeAll
    void routes() {
        failing = MockLlm.builder().port(0).build().start();
        expect(201, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"prometheus\",\"config\":{\"ai_metrics\":true,"
                + "\"status_code_metrics\":true}}"));
        String url = t.mock.baseUrl() + "/v1/chat/completions";
        AiRoutes.create(t, "direct", "/direct", AiRoutes.openAi(url, "gpt-4o"));
        AiRoutes.create(t, "cached", "/cached", AiRoutes.openAi(url, "gpt-4o-mini"));
        expect(201, t.sendJson("POST", t.admin("/routes/cached/plugins"), "{\"name\":\"ai-response-cache\"}"));
        AiRoutes.create(t, "failover", "/failover", "{\"targets\":["
                + target(failing.baseUrl() + "/v1/chat/completions", "gpt-4.1", 10) + "," + target(url, "gpt-4.1-mini", 0)
                + "],\"balancer\":{\"algorithm\":\"priority\",\"retries\":1,\"backoff\":0}}");
    }

    @AfterAll
    void stopFailing() {
        failing.stop();
    }

    private static String target(String url, String model, int priority) {
        return "{\"model\":{\"provider\":\"openai\",\"name\":\"" + model + "\",\"options\":{\"upstream_url\":\"" + url
                + "\"}},\"auth\":{\"header_value\":\"k\"},\"priority\":" + priority + "}";
    }

    private HttpResponse<String> chat(String path, String body) {
        return t.sendJson("POST", t.proxy(path + "/v1/chat/completions"), body);
    }

    @Test
    void tokensCostAndRequestsAtMetricsEqualTheUsageRecords() throws Exception {
        int sent = 0;
        for (int i = 0; i < 4; i++) {
            expect(200, chat("/direct", CHAT.formatted(i)));
            expect(200, chat("/direct", STREAM.formatted(i)));
            sent += 2;
        }
        t.mock.enqueue(MockFailure.status(500));
        chat("/direct", CHAT.formatted("failed")); // the provider's error: a record with no tokens
        sent++;
        for (int i = 0; i < 3; i++) {
            expect(200, chat("/cached", CHAT.formatted("same"))); // one miss, then hits
            sent++;
        }
        failing.enqueue(MockFailure.status(503));
        failing.enqueue(MockFailure.status(500));
        for (int i = 0; i < 3; i++) {
            expect(200, chat("/failover", CHAT.formatted(i))); // two fail over to the fallback
            sent++;
        }
        leaveMidStream();
        sent++;

        int expected = sent;
        Exposition m = eventually(() -> Exposition.of(expect(200, t.get(t.admin("/metrics"))).body()),
                e -> assertThat(e.sum("tollgate_ai_llm_requests_total")).isEqualTo(expected));
        JsonNode byModel = eventually(() -> json(expect(200, t.get(t.admin("/usage?group_by=model")))).get("data"),
                u -> assertThat(sum(u, "requests")).isEqualTo(expected));
        // the usage records may be read before the last log phase has recorded its metrics: read again
        m = Exposition.of(expect(200, t.get(t.admin("/metrics"))).body());

        assertThat(byModel.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode g : byModel) {
            String model = g.get("model").asText();
            assertThat(m.sum("tollgate_ai_llm_requests_total", "ai_model", model)).as(model).isEqualTo(g.get("requests").asDouble());
            for (String type : new String[] {"prompt_tokens", "completion_tokens", "total_tokens"}) {
                assertThat(m.sum("tollgate_ai_llm_tokens_total", "ai_model", model, "token_type", type)).as(model + " " + type)
                        .isEqualTo(g.get(type).asDouble());
            }
            assertThat(m.sum("tollgate_ai_llm_tokens_total", "ai_model", model, "token_type", "cached_prompt_tokens"))
                    .isEqualTo(g.get("cached_prompt_tokens").asDouble());
            assertThat(m.sum("tollgate_ai_llm_cost_total", "ai_model", model)).as(model + " cost")
                    .isCloseTo(g.get("cost").asDouble(), within(1e-12));
        }
        assertThat(m.sum("tollgate_ai_llm_requests_total", "cache_status", "Hit")).isEqualTo(2);
        assertThat(m.sum("tollgate_ai_cache_lookups_total", "status", "Hit")).isEqualTo(2);
        assertThat(m.sum("tollgate_ai_cache_lookups_total", "status", "Miss")).isEqualTo(1);
        assertThat(m.sum("tollgate_ai_llm_time_to_first_token_ms_count")).isGreaterThanOrEqualTo(4);
    }

    /** Reads the first event of a streamed answer, then hangs up. */
    private void leaveMidStream() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(t.proxy("/direct/v1/chat/completions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM.formatted("a long answer, ".repeat(20)))).build();
        HttpResponse<InputStream> res = t.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = res.body();
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).startsWith("data:");
        }
    }

    private static double sum(JsonNode groups, String field) {
        double s = 0;
        for (JsonNode g : groups) {
            s += g.get(field).asDouble();
        }
        return s;
    }

    static final class H2 extends MetricsAccuracyTest {
        @Override
        String mode() {
            return "h2";
        }
    }

    static final class Postgres extends MetricsAccuracyTest {
        @Override
        String mode() {
            return "postgres";
        }
    }
}
