package dev.tollgate.plugins.airatelimiting;

import static dev.tollgate.plugins.airatelimiting.AiCalls.ALICE;
import static dev.tollgate.plugins.airatelimiting.AiCalls.BOB;
import static dev.tollgate.plugins.airatelimiting.AiCalls.chat;
import static dev.tollgate.plugins.airatelimiting.AiCalls.error;
import static dev.tollgate.plugins.airatelimiting.AiCalls.header;
import static dev.tollgate.plugins.airatelimiting.AiCalls.plugin;
import static dev.tollgate.plugins.airatelimiting.AiCalls.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.commons.limits.CounterStore;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** Which requests a limit applies to (models), whose counters they go to (identifier), and counter outages. */
class AiRateLimitingScopeTest {
    private final AiCalls calls = new AiCalls();

    private static final Map<String, Object> GPT4O_DAY = Map.of("window", "day", "limit", 100, "models", List.of("gpt-4o"));
    private static final Map<String, Object> ALL_DAY = Map.of("window", "day", "limit", 1000, "type", "tokens");

    @Test
    void aModelScopedLimitCountsAndChecksOnlyItsModels() {
        Plugin plugin = plugin(Map.of("limits", List.of(GPT4O_DAY, ALL_DAY)));
        calls.call(plugin, "gpt-4o", usage("gpt-4o-2024-08-06", 80, 20, null));
        FakePluginContext mini = calls.call(plugin, "gpt-4o-mini", usage("gpt-4o-mini", 80, 20, null));
        assertThat(mini.exitStatus()).as("another model is not held by gpt-4o's spent limit").isZero();
        assertThat(header(mini, "X-AI-RateLimit-Remaining-Day")).isEqualTo("900");
        assertThat(header(mini, "X-AI-RateLimit-Remaining-Day-gpt-4o")).as("not reported where it does not apply").isNull();

        FakePluginContext refused = calls.call(plugin, "gpt-4o", usage("gpt-4o", 1, 1, null));
        assertThat(refused.exitStatus()).isEqualTo(429);
        assertThat((String) error(refused).get("message"))
                .contains("the limit of 100 tokens per day for gpt-4o is used up (100 of 100)");
        assertThat(header(refused, "X-AI-RateLimit-Remaining-Day")).as("mini's usage counted in the general limit")
                .isEqualTo("800");
    }

    @Test
    void aRequestNamingNoModelIsForTheModelItsRouteLastAnsweredWith() {
        Plugin plugin = plugin(Map.of("limits", List.of(GPT4O_DAY)));
        FakePluginContext first = calls.call(plugin, null, usage("gpt-4o-2024-08-06", 80, 20, null));
        assertThat(first.exitStatus()).isZero();
        assertThat(first.responseHeaders()).as("its model is not known before the first answer").isEmpty();

        FakePluginContext second = calls.call(plugin, null, usage("gpt-4o-2024-08-06", 1, 1, null));
        assertThat(second.exitStatus()).as("the first answer was charged and the route's model is known now")
                .isEqualTo(429);
    }

    @Test
    void identifierModelSharesAModelsCountersAmongClients() {
        Plugin plugin = plugin(Map.of("identifier", "model",
                "limits", List.of(Map.of("window", "minute", "limit", 100))));
        calls.call(plugin, ALICE, b -> b.chat(chat("gpt-4o")), usage("gpt-4o", 90, 10, null));
        assertThat(calls.call(plugin, BOB, b -> b.chat(chat("gpt-4o")), usage("gpt-4o", 1, 1, null)).exitStatus())
                .isEqualTo(429);
        assertThat(calls.call(plugin, BOB, b -> b.chat(chat("gpt-4o-mini")), usage("gpt-4o-mini", 1, 1, null))
                .exitStatus()).isZero();
    }

    @Test
    void identifiersOtherThanTheConsumer() {
        Plugin byHeader = plugin(Map.of("identifier", "header", "header_name", "X-Team",
                "limits", List.of(Map.of("window", "minute", "limit", 10))));
        LlmUsage big = usage("gpt-4o", 10, 10, null);
        calls.call(byHeader, ALICE, b -> b.chat(chat("gpt-4o")).header("X-Team", "red"), big);
        assertThat(calls.call(byHeader, BOB, b -> b.chat(chat("gpt-4o")).header("X-Team", "red"), big).exitStatus())
                .as("one team, two consumers").isEqualTo(429);
        assertThat(calls.call(byHeader, ALICE, b -> b.chat(chat("gpt-4o")).header("X-Team", "blue"), big).exitStatus())
                .isZero();
        assertThat(calls.call(byHeader, ALICE, b -> b.chat(chat("gpt-4o")).clientIp("10.0.0.9"), big).exitStatus())
                .as("without the header the client IP counts").isZero();

        Plugin byIp = plugin(Map.of("identifier", "ip", "limits", List.of(Map.of("window", "minute", "limit", 10))));
        calls.call(byIp, ALICE, b -> b.clientIp("10.0.0.1"), big);
        assertThat(calls.call(byIp, BOB, b -> b.clientIp("10.0.0.1"), big).exitStatus()).isEqualTo(429);
        assertThat(calls.call(byIp, ALICE, b -> b.clientIp("10.0.0.2"), big).exitStatus()).isZero();

        Plugin anonymous = plugin(Map.of("limits", List.of(Map.of("window", "minute", "limit", 10))));
        calls.call(anonymous, null, b -> b.clientIp("10.0.0.3"), big);
        assertThat(calls.call(anonymous, null, b -> b.clientIp("10.0.0.3"), big).exitStatus())
                .as("nobody authenticated: the client IP counts").isEqualTo(429);
    }

    @Test
    void faultTolerantLetsRequestsThroughUncountedAndWarns() {
        Plugin plugin = plugin(Map.of("limits", List.of(Map.of("window", "minute", "limit", 10))));
        calls.services.counters().setDown(true);
        FakePluginContext ctx = calls.call(plugin, "gpt-4o", usage("gpt-4o", 100, 100, null));
        assertThat(ctx.exitStatus()).isZero();
        assertThat(ctx.responseHeaders()).isEmpty();
        assertThat(ctx.logLines()).hasSize(2).satisfiesExactly(
                l -> assertThat(l).startsWith("WARNING " + CounterStore.UNAVAILABLE_LET_THROUGH),
                l -> assertThat(l).startsWith("WARNING " + AiRateLimitingPlugin.NOT_COUNTED));
        calls.services.counters().setDown(false);
        assertThat(header(calls.call(plugin, "gpt-4o", usage("gpt-4o", 1, 1, null)), "X-AI-RateLimit-Remaining-Minute"))
                .isEqualTo("10");
    }

    @Test
    void withoutFaultToleranceAnOutageIsAnOpenAiShaped500() {
        Plugin plugin = plugin(Map.of("fault_tolerant", false, "limits", List.of(Map.of("window", "minute", "limit", 10))));
        calls.services.counters().setDown(true);
        FakePluginContext ctx = calls.call(plugin, "gpt-4o", usage("gpt-4o", 1, 1, null));
        assertThat(ctx.exitStatus()).isEqualTo(500);
        assertThat(error(ctx)).containsEntry("message", AiRateLimitingPlugin.UNEXPECTED_ERROR)
                .containsEntry("type", "api_error");
        assertThat(ctx.logLines()).singleElement().asString().startsWith("ERROR " + CounterStore.UNAVAILABLE_REFUSED);
    }

    @Test
    void aRequestWithoutAnLlmCallIsNotCharged() {
        Plugin plugin = plugin(Map.of("limits", List.of(Map.of("window", "minute", "limit", 10))));
        FakePluginContext ctx = calls.call(plugin, ALICE, b -> b.method("GET").path("/v1/models"), null);
        assertThat(ctx.exitStatus()).isZero();
        assertThat(calls.services.counters().get("Minute|consumer:c-alice", java.time.Duration.ofMinutes(1))).isZero();
        assertThat(Optional.ofNullable(header(ctx, "X-AI-RateLimit-Remaining-Minute"))).contains("10");
    }
}
