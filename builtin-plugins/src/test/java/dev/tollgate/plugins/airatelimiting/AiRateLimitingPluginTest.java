package dev.tollgate.plugins.airatelimiting;

import static dev.tollgate.plugins.airatelimiting.AiCalls.BOB;
import static dev.tollgate.plugins.airatelimiting.AiCalls.chat;
import static dev.tollgate.plugins.airatelimiting.AiCalls.error;
import static dev.tollgate.plugins.airatelimiting.AiCalls.header;
import static dev.tollgate.plugins.airatelimiting.AiCalls.plugin;
import static dev.tollgate.plugins.airatelimiting.AiCalls.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** Token and cost limits as a client meets them: headers, refusals, windows. */
class AiRateLimitingPluginTest {
    private final AiCalls calls = new AiCalls();

    private static Map<String, Object> limit(String window, Object limit, String type) {
        return Map.of("window", window, "limit", limit, "type", type);
    }

    @Test
    void checkedBeforeTheCallAndChargedWithItsUsageAfter() {
        Plugin plugin = plugin(Map.of("limits", List.of(limit("minute", 100, "tokens"))));
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakePluginContext ctx = calls.call(plugin, "gpt-4o", usage("gpt-4o", 30, 10, null));
            assertThat(ctx.exitStatus()).isZero();
            remaining.add(header(ctx, "X-AI-RateLimit-Remaining-Minute"));
            assertThat(header(ctx, "X-AI-RateLimit-Limit-Minute")).isEqualTo("100");
            assertThat(header(ctx, "X-AI-RateLimit-Reset-Minute")).isEqualTo("45");
        }
        // As of each request's start: the third passes with 20 left and takes the window to 120.
        assertThat(remaining).containsExactly("100", "60", "20");

        FakePluginContext refused = calls.call(plugin, "gpt-4o", usage("gpt-4o", 30, 10, null));
        assertThat(refused.exitStatus()).isEqualTo(429);
        assertThat(error(refused)).containsEntry("type", "rate_limit_error").containsEntry("code", "token_limit_exceeded")
                .containsEntry("message", "AI rate limit exceeded: the limit of 100 tokens per minute is used up "
                        + "(120 of 100); resets in 45 s (at 2026-03-02T12:01:00Z)");
        assertThat(refused.responseHeaders()).containsEntry("retry-after", List.of("45"))
                .containsEntry("x-ai-ratelimit-remaining-minute", List.of("0"))
                .containsEntry("x-ai-ratelimit-limit-minute", List.of("100"));

        assertThat(calls.call(plugin, BOB, b -> b.chat(chat("gpt-4o")), usage("gpt-4o", 30, 10, null)).exitStatus())
                .as("another consumer has counters of its own").isZero();
        calls.clock.advance(Duration.ofSeconds(45));
        assertThat(header(calls.call(plugin, "gpt-4o", usage("gpt-4o", 1, 1, null)), "X-AI-RateLimit-Remaining-Minute"))
                .as("the next window starts afresh").isEqualTo("100");
    }

    @Test
    void tokensCountStrategyPicksTheTokensCounted() {
        Plugin prompt = plugin(Map.of("tokens_count_strategy", "prompt_tokens", "limits", List.of(limit("hour", 1000, "tokens"))));
        calls.call(prompt, "gpt-4o", usage("gpt-4o", 30, 500, null));
        assertThat(header(calls.call(prompt, "gpt-4o", usage("gpt-4o", 30, 500, null)), "X-AI-RateLimit-Remaining-Hour"))
                .isEqualTo("970");

        AiCalls other = new AiCalls();
        Plugin completion = plugin(Map.of("tokens_count_strategy", "completion_tokens", "limits", List.of(limit("hour", 1000, "tokens"))));
        other.call(completion, "gpt-4o", usage("gpt-4o", 30, 500, null));
        assertThat(header(other.call(completion, "gpt-4o", usage("gpt-4o", 30, 500, null)), "X-AI-RateLimit-Remaining-Hour"))
                .isEqualTo("500");
    }

    @Test
    void aMonthlyCostLimitIsASpendBudget() {
        Plugin plugin = plugin(Map.of("limits", List.of(limit("month", 0.001, "cost"), limit("day", 100_000, "tokens"))));
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakePluginContext ctx = calls.call(plugin, "gpt-4o", usage("gpt-4o", 60, 25, 0.0004));
            assertThat(ctx.exitStatus()).isZero();
            remaining.add(header(ctx, "X-AI-RateLimit-Remaining-Cost-Month"));
            assertThat(header(ctx, "X-AI-RateLimit-Limit-Cost-Month")).isEqualTo("0.001");
        }
        assertThat(remaining).containsExactly("0.001", "0.0006", "0.0002");

        FakePluginContext refused = calls.call(plugin, "gpt-4o", usage("gpt-4o", 60, 25, 0.0004));
        assertThat(refused.exitStatus()).isEqualTo(429);
        long monthLeft = 475_185; // 30-day windows from the epoch: this one ends 2026-03-08T00:00:00Z
        assertThat(error(refused)).containsEntry("code", "budget_exceeded")
                .containsEntry("message", "AI rate limit exceeded: the spend budget of 0.001 per month is spent "
                        + "(0.0012 of 0.001); resets in " + monthLeft + " s (at 2026-03-08T00:00:00Z)");
        assertThat(header(refused, "Retry-After")).isEqualTo(Long.toString(monthLeft));
        assertThat(header(refused, "X-AI-RateLimit-Remaining-Day")).as("the tokens limit is reported too")
                .isEqualTo(Long.toString(100_000 - 3 * 85));
    }

    @Test
    void aCallWithoutAPriceCountsNothingTowardCostAndWarnsOncePerModel() {
        Plugin plugin = plugin(Map.of("limits", List.of(limit("day", 0.01, "cost"))));
        List<String> warnings = new ArrayList<>();
        for (String model : List.of("my-llm", "my-llm", "other-llm")) {
            warnings.addAll(calls.call(plugin, model, usage(model, 1000, 1000, null)).logLines());
        }
        assertThat(warnings).containsExactly(
                "WARNING " + String.format(AiRateLimitingPlugin.NOT_PRICED, "my-llm", "openai"),
                "WARNING " + String.format(AiRateLimitingPlugin.NOT_PRICED, "other-llm", "openai"));
        assertThat(header(calls.call(plugin, "my-llm", usage("my-llm", 1, 1, null)), "X-AI-RateLimit-Remaining-Cost-Day"))
                .isEqualTo("0.01");
    }

    @Test
    void everyUsedUpLimitIsNamedAndRetryAfterWaitsForTheLast() {
        Plugin plugin = plugin(Map.of("limits", List.of(limit("minute", 10, "tokens"), limit("hour", 10, "tokens"),
                limit("day", 1000, "tokens"))));
        calls.call(plugin, "gpt-4o", usage("gpt-4o", 10, 5, null));
        FakePluginContext refused = calls.call(plugin, "gpt-4o", usage("gpt-4o", 10, 5, null));
        assertThat((String) error(refused).get("message"))
                .contains("the limit of 10 tokens per minute is used up (15 of 10); resets in 45 s")
                .contains("; the limit of 10 tokens per hour is used up (15 of 10); resets in 3585 s")
                .doesNotContain("per day");
        assertThat(header(refused, "Retry-After")).isEqualTo("3585");
    }

    @Test
    void aZeroLimitRefusesEveryRequestAndAFailedCallCostsNothing() {
        Plugin none = plugin(Map.of("limits", List.of(limit("day", 0, "tokens"))));
        assertThat(calls.call(none, "gpt-4o", usage("gpt-4o", 1, 1, null)).exitStatus()).isEqualTo(429);

        Plugin plugin = plugin(Map.of("limits", List.of(limit("day", 10, "tokens"))));
        calls.call(plugin, "gpt-4o", usage("gpt-4o", 0, 0, null).withStatus(503));
        assertThat(header(calls.call(plugin, "gpt-4o", usage("gpt-4o", 0, 0, null)), "X-AI-RateLimit-Remaining-Day"))
                .isEqualTo("10");
    }

    @Test
    void hiddenHeadersAndOwnErrorCodeAndMessage() {
        Plugin plugin = plugin(Map.of("limits", List.of(limit("minute", 10, "tokens")), "hide_client_headers", true,
                "error_code", 403, "error_message", "Quota"));
        FakePluginContext passed = calls.call(plugin, "gpt-4o", usage("gpt-4o", 10, 5, null));
        assertThat(passed.responseHeaders()).isEmpty();
        FakePluginContext refused = calls.call(plugin, "gpt-4o", usage("gpt-4o", 10, 5, null));
        assertThat(refused.exitStatus()).isEqualTo(403);
        assertThat(refused.responseHeaders()).as("no Retry-After either").isEmpty();
        assertThat((String) error(refused).get("message")).startsWith("Quota: the limit of 10 tokens per minute");
    }

    @Test
    void describesItselfForOperators() {
        assertThat(plugin(Map.of("limits", List.of(limit("minute", 10, "tokens"),
                Map.of("window", "month", "limit", 5, "type", "cost", "models", List.of("gpt-4o"))))))
                .hasToString("ai-rate-limiting{limits=[10 tokens/minute, 5 cost/month[gpt-4o]], identifier=consumer, "
                        + "strategy=local}");
    }
}
