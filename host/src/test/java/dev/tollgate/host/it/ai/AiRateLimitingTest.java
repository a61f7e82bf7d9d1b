package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** ai-rate-limiting in front of ai-proxy and the mock LLM, with key-auth telling consumers apart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiRateLimitingTest {
    private static final String HELLO = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        for (String who : List.of("alice", "bob", "carol", "dave")) {
            expect(201, t.postForm(t.admin("/consumers"), "username=" + who));
            expect(201, t.postForm(t.admin("/consumers/" + who + "/key-auth"), "key=" + who + "-key"));
        }
        limitedRoute("tokens", "{\"limits\":[{\"window\":\"day\",\"limit\":25}]}");
        limitedRoute("budget", "{\"limits\":[{\"window\":\"month\",\"limit\":0.0001,\"type\":\"cost\"}]}");
        limitedRoute("streamed", "{\"limits\":[{\"window\":\"day\",\"limit\":1000}]}");
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private void limitedRoute(String name, String limitsJson) {
        AiRoutes.create(t, name, "/" + name, AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
        expect(201, t.postForm(t.admin("/routes/" + name + "/plugins"), "name=key-auth"));
        expect(201, t.sendJson("POST", t.admin("/routes/" + name + "/plugins"),
                "{\"name\":\"ai-rate-limiting\",\"config\":" + limitsJson + "}"));
    }

    private HttpResponse<String> chat(String route, String who) {
        return t.send(HttpRequest.newBuilder(URI.create(t.proxy("/" + route + "/v1/chat/completions")))
                .header("Content-Type", "application/json").header("apikey", who + "-key")
                .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build());
    }

    /**
     * Waits until the route reports {@code expected} left for {@code who}: usage is charged in the
     * log phase, after the answer was sent. GET …/models reads the limits without using any.
     */
    private HttpResponse<String> awaitRemaining(String route, String who, String header, String expected) throws Exception {
        HttpResponse<String> res = null;
        for (int i = 0; i < 100; i++) {
            res = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/" + route + "/v1/models")))
                    .header("apikey", who + "-key").GET().build());
            if (expected.equals(res.headers().firstValue(header).orElse(null))) {
                return res;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(header + " never became " + expected + "; last: " + res.headers().map());
    }

    @Test
    void aTokenLimitIsReachedAfterTheUsageTheLlmReported() throws Exception {
        List<String> remaining = new ArrayList<>();
        long used = 0;
        while (used < 25) {
            HttpResponse<String> res = expect(200, chat("tokens", "alice"));
            remaining.add(res.headers().firstValue("X-AI-RateLimit-Remaining-Day").orElseThrow());
            assertThat(res.headers().firstValue("X-AI-RateLimit-Limit-Day")).contains("25");
            used += json(res).get("usage").get("total_tokens").asLong();
            awaitRemaining("tokens", "alice", "X-AI-RateLimit-Remaining-Day", Long.toString(Math.max(0, 25 - used)));
        }
        assertThat(remaining).hasSizeGreaterThan(1).first().isEqualTo("25");

        HttpResponse<String> refused = chat("tokens", "alice");
        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode error = json(refused).get("error");
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("code").asText()).isEqualTo("token_limit_exceeded");
        assertThat(error.get("message").asText())
                .startsWith("AI rate limit exceeded: the limit of 25 tokens per day is used up (" + used + " of 25); resets in ");
        assertThat(refused.headers().firstValue("X-AI-RateLimit-Remaining-Day")).contains("0");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");

        HttpResponse<String> bob = expect(200, chat("tokens", "bob"));
        assertThat(bob.headers().firstValue("X-AI-RateLimit-Remaining-Day")).as("bob's counters are his own").contains("25");
    }

    @Test
    void aSpendBudgetIsChargedWithTheDefaultPrices() throws Exception {
        // gpt-4o's default price: 2.50 per 1M prompt tokens, 10.00 per 1M completion tokens.
        JsonNode usage = json(expect(200, chat("budget", "carol"))).get("usage");
        BigDecimal cost = BigDecimal.valueOf(usage.get("prompt_tokens").asLong() * 2.5e-6
                + usage.get("completion_tokens").asLong() * 10e-6).setScale(9, RoundingMode.HALF_UP);
        BigDecimal budget = new BigDecimal("0.0001");
        assertThat(cost.multiply(BigDecimal.TWO)).as("two answers spend the budget").isGreaterThanOrEqualTo(budget);
        HttpResponse<String> after = awaitRemaining("budget", "carol", "X-AI-RateLimit-Remaining-Cost-Month",
                budget.subtract(cost).stripTrailingZeros().toPlainString());
        assertThat(after.headers().firstValue("X-AI-RateLimit-Limit-Cost-Month")).contains("0.0001");

        // The application's own OpenAI client sees the refusal as OpenAI's rate-limit error.
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("unused").putHeader("apikey", "carol-key")
                .baseUrl(t.proxy("/budget/v1")).maxRetries(0).build();
        try {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o")
                    .addUserMessage("hello there").build();
            client.chat().completions().create(params);
            awaitRemaining("budget", "carol", "X-AI-RateLimit-Remaining-Cost-Month", "0");
            assertThatThrownBy(() -> client.chat().completions().create(params))
                    .isInstanceOfSatisfying(RateLimitException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.code()).contains("budget_exceeded");
                        assertThat(e.type()).contains("rate_limit_error");
                        assertThat(e.getMessage()).contains("the spend budget of 0.0001 "
                                + "per month is spent (" + cost.multiply(BigDecimal.TWO).stripTrailingZeros()
                                .toPlainString() + " of 0.0001)");
                    });
        } finally {
            client.close();
        }
        assertThat(chat("budget", "dave").statusCode()).as("another consumer's budget").isEqualTo(200);
    }

    @Test
    void aStreamedAnswerIsChargedWithTheUsageReportedAtItsEnd() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(t.proxy("/streamed/v1/chat/completions")))
                .header("Content-Type", "application/json").header("apikey", "alice-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me a story\"}]}")).build();
        HttpResponse<InputStream> res = t.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.headers().firstValue("X-AI-RateLimit-Remaining-Day")).contains("1000");
        long total = -1;
        try (var lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("data: {") && line.contains("\"usage\":{")) {
                    total = TestGateway.JSON.readTree(line.substring(6)).get("usage").get("total_tokens").asLong();
                }
            }
        }
        assertThat(total).as("the stream's last chunk reports its usage").isPositive();
        awaitRemaining("streamed", "alice", "X-AI-RateLimit-Remaining-Day", Long.toString(1000 - total));
    }

    @Test
    void badLimitsAreRefusedNamingTheField() {
        String[][] cases = {
                {"{\"limits\":[{\"window\":\"day\",\"limit\":-5}]}", "config.limits[0].limit", "out of range"},
                {"{\"limits\":[{\"window\":\"week\",\"limit\":5}]}", "config.limits[0].window", "expected one of"},
                {"{\"limits\":[{\"window\":\"day\",\"limit\":\"many\"}]}", "config.limits[0].limit", "expected a number"},
                {"{\"identifier\":\"header\",\"limits\":[{\"window\":\"day\",\"limit\":5}]}", "config",
                        "'config.header_name' is required when 'config.identifier' is 'header'"},
                {"{\"limits\":[]}", "config", "'config.limits' needs at least one limit"},
                {"{\"limits\":{\"day\":5}}", "config.limits", "expected an array"},
        };
        for (String[] c : cases) {
            JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/plugins"),
                    "{\"name\":\"ai-rate-limiting\",\"config\":" + c[0] + "}")));
            assertThat(err.get("fields").path(c[1]).asText()).as(c[0]).contains(c[2]);
        }
    }
}
