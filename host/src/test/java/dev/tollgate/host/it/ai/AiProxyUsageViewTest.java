package dev.tollgate.host.it.ai;

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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.TestGateway;
import dev.tollgate.host.testplugins.UsageLogPluginFactory;
import dev.tollgate.sdk.llm.LlmUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What plugins see of an AI call in the log phase, and a client that leaves mid-stream. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiProxyUsageViewTest {
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        AiRoutes.create(t, "seen", "/seen", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
        expect(201, t.postForm(t.admin("/routes/seen/plugins"), "name=test-usage-log"));
        UsageLogPluginFactory.SEEN.clear();
    }

    @AfterAll
    void stop() {
        t.mock.setTokenDelay(Duration.ofMillis(20));
        t.close();
    }

    @Test
    void aLogPluginSeesTokensCostAndTimings() throws Exception {
        JsonNode answer = json(expect(200, t.sendJson("POST", t.proxy("/seen/v1/chat/completions"),
                "{\"model\":\"my-alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}")));
        LlmUsage u = UsageLogPluginFactory.SEEN.poll(5, TimeUnit.SECONDS);
        assertThat(u).isNotNull();
        assertThat(u.provider()).isEqualTo("openai");
        assertThat(u.requestedModel()).contains("my-alias");
        assertThat(u.model()).isEqualTo(answer.get("model").asText());
        assertThat(u.totalTokens()).isEqualTo(answer.get("usage").get("total_tokens").asLong());
        assertThat(u.cost()).isPresent(); // gpt-4o has a default price
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.latencyMillis()).isNotNegative();
    }

    @Test
    void aClientLeavingMidStreamStillGetsItsTokensRecorded() throws Exception {
        t.mock.setTokenDelay(Duration.ofMillis(100));
        UsageLogPluginFactory.SEEN.clear();
        HttpRequest req = HttpRequest.newBuilder(URI.create(t.proxy("/seen/v1/chat/completions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"max_tokens\":300,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"a long story please\"}]}")).build();
        HttpResponse<InputStream> res = t.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (var r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            int events = 0;
            for (String line; events < 4 && (line = r.readLine()) != null; ) {
                events += line.startsWith("data:") ? 1 : 0;
            }
        } // the client hangs up ~0.4 s into a ~30 s answer

        LlmUsage u = UsageLogPluginFactory.SEEN.poll(5, TimeUnit.SECONDS);
        assertThat(u).as("usage of the abandoned stream, seen well before the answer would have ended").isNotNull();
        assertThat(u.tokensCounted()).isTrue();
        assertThat(u.completionTokens()).isPositive().isLessThan(300);
        assertThat(u.promptTokens()).isPositive();
    }
}
