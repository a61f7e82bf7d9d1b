package dev.tollgate.plugins.airatelimiting;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

import dev.tollgate.commons.support.MutableClock;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;

/**
 * LLM calls through ai-rate-limiting as the gateway runs them: access, then (when not refused)
 * the call's usage, then log. 15 s into a minute, so a minute window resets in 45 s.
 */
final class AiCalls {
    static final ConsumerInfo ALICE = ConsumerInfo.builder("c-alice").username("alice").build();
    static final ConsumerInfo BOB = ConsumerInfo.builder("c-bob").username("bob").build();

    final MutableClock clock = MutableClock.at("2026-03-02T12:00:15Z");
    final FakeHostServices services = new FakeHostServices(clock);

    static Plugin plugin(Map<String, ?> config) {
        var factory = new AiRateLimitingPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    /** What an LLM call used; {@code cost} null for a model without a price. */
    static LlmUsage usage(String model, long prompt, long completion, Double cost) {
        LlmUsage.Builder b = LlmUsage.builder().provider("openai").requestedModel(model).model(model).routeType("llm/v1/chat")
                .promptTokens(prompt).completionTokens(completion)
                .latencyMillis(10).timeToFirstTokenMillis(5).timePerOutputTokenMillis(1).status(200);
        return (cost == null ? b : b.cost(cost)).build();
    }

    /** Alice asks for {@code model} and the call uses {@code usage}. */
    FakePluginContext call(Plugin plugin, String model, LlmUsage usage) {
        return call(plugin, ALICE, b -> b.chat(chat(model)), usage);
    }

    FakePluginContext call(Plugin plugin, ConsumerInfo who, UnaryOperator<FakePluginContext.Builder> request, LlmUsage usage) {
        FakePluginContext ctx = request.apply(FakePluginContext.builder().services(services).usage(usage)).build();
        if (who != null) {
            ctx.identity().authenticate(who, null);
        }
        plugin.access(ctx.in(Phase.ACCESS));
        if (ctx.exitStatus() == 0) {
            plugin.log(ctx.in(Phase.LOG));
        }
        return ctx;
    }

    static SimpleChatRequest chat(String model) {
        return new SimpleChatRequest(model).user("hello");
    }

    static String header(FakePluginContext ctx, String name) {
        return ctx.response().header(name).orElse(null);
    }

    /** The OpenAI-shaped error a refused request got. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> error(FakePluginContext ctx) {
        return (Map<String, Object>) ((Map<String, Object>) ctx.exitBody()).get("error");
    }
}
