package dev.tollgate.plugins.aiproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.call.ModelSchemas;
import dev.tollgate.sdk.config.PluginConfig;
import java.util.Set;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-proxy} configuration: one target ({@code model} + {@code auth}, as in
 * Kong's ai-proxy) or several ({@code targets}, as in ai-proxy-advanced), never both.
 */
record AiProxyConfig(RouteType routeType, boolean anthropicClients, List<TargetConfig> targets,
                     BalancerConfig balancer, boolean logStatistics, Streaming streaming, boolean modelNameHeader) {

    static final String MODEL_OR_TARGETS = "set either config.model (one target) or config.targets (several), not both";
    static final String NO_TARGET = "config.model.provider or config.targets is required";

    /** {@code response_streaming}. */
    enum Streaming { ALLOW, DENY, ALWAYS }

    AiProxyConfig {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(NO_TARGET);
        }
    }

    static AiProxyConfig from(PluginConfig config) {
        return from(config, System::getenv);
    }

    static AiProxyConfig from(PluginConfig config, Function<String, String> env) {
        List<TargetConfig> targets = new ArrayList<>();
        if (config.record("model").string("provider").isPresent()) {
            targets.add(TargetConfig.from(config.record("model"), config.record("auth"), 100, 0, "model", env));
        }
        List<PluginConfig> list = config.records("targets");
        for (int i = 0; i < list.size(); i++) {
            PluginConfig t = list.get(i);
            targets.add(TargetConfig.from(t.record("model"), t.record("auth"), t.integer("weight").orElse(100L).intValue(),
                    t.integer("priority").orElse(0L).intValue(), "targets[" + i + "]", env));
        }
        return new AiProxyConfig(RouteType.of(config.string("route_type").orElse("llm/v1/chat")).orElseThrow(),
                "anthropic".equals(config.string("llm_format").orElse("openai")), targets,
                BalancerConfig.from(config.record("balancer")),
                config.record("logging").bool("log_statistics"),
                Streaming.valueOf(config.string("response_streaming").orElse("allow").toUpperCase(java.util.Locale.ROOT)),
                config.bool("model_name_header"));
    }

    /** The rules over several fields, checked when the configuration is written. */
    static Optional<String> problem(PluginConfig config) {
        boolean single = config.record("model").string("provider").isPresent();
        List<PluginConfig> list = config.records("targets");
        if (single && !list.isEmpty()) {
            return Optional.of(MODEL_OR_TARGETS);
        }
        if (!single && list.isEmpty()) {
            return Optional.of(NO_TARGET);
        }
        List<Optional<String>> problems = new ArrayList<>();
        if (single) {
            problems.add(ModelSchemas.problem(config.record("model"), config.record("auth"), "model", "auth"));
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "targets[" + i + "]";
            problems.add(list.get(i).record("model").string("provider").isEmpty()
                    ? Optional.of("config." + at + ".model.provider: required field missing")
                    : ModelSchemas.problem(list.get(i).record("model"), list.get(i).record("auth"), at + ".model", at + ".auth"));
        }
        return problems.stream().flatMap(Optional::stream).findFirst();
    }

    private static final ConfigSchema TARGET = ConfigSchema.builder()
            .field(Field.record("model", ModelSchemas.MODEL).description("The target's provider, model and options."))
            .field(Field.record("auth", ModelSchemas.AUTH).description("The target's provider credential."))
            .field(Field.integer("weight").min(1).max(65_535).defaultValue(100L)
                    .description("The target's share of requests (round-robin, consistent-hashing) or of usage."))
            .field(Field.integer("priority").min(0).max(65_535).defaultValue(0L)
                    .description("With the priority algorithm: targets of the highest priority serve; lower "
                            + "ones only when all higher ones fail."))
            .field(Field.string("description").description("A note for operators."))
            .build();

    private static final ConfigSchema BREAKER = ConfigSchema.builder()
            .field(Field.integer("failures").min(0).max(1000).defaultValue(5L)
                    .description("Consecutive failures that open a target's circuit (0: never)."))
            .field(Field.integer("cool_down").min(1).max(86_400).defaultValue(30L)
                    .description("Seconds an open circuit waits before one trial request (half-open)."))
            .build();

    private static final ConfigSchema BALANCER = ConfigSchema.builder()
            .field(Field.string("algorithm")
                    .oneOf("round-robin", "lowest-latency", "lowest-usage", "consistent-hashing", "priority")
                    .defaultValue("round-robin")
                    .description("How a target is chosen: weighted round-robin, the lowest recent latency, the "
                            + "fewest tokens served per weight, a hash of hash_on_header (or the consumer), or "
                            + "priority with fallback to lower priorities."))
            .field(Field.string("hash_on_header")
                    .description("consistent-hashing: the request header hashed; unset: the consumer (the "
                            + "client IP when none)."))
            .field(Field.integer("retries").min(0).max(10).defaultValue(2L)
                    .description("Further attempts after a failure that failover_criteria lists, each on the next "
                            + "target."))
            .field(Field.strings("failover_criteria").defaultValue(java.util.List.of("error", "timeout", "http_429", "http_5xx"))
                    .check(v -> Set.of("error", "timeout", "http_429", "http_5xx").containsAll((java.util.List<?>) v),
                            "error, timeout, http_429, http_5xx")
                    .description("Which failures move to another target: error (connection failed or dropped), "
                            + "timeout, http_429, http_5xx."))
            .field(Field.integer("connect_timeout").min(1).max(Integer.MAX_VALUE).defaultValue(60_000L)
                    .description("Milliseconds to connect to a provider."))
            .field(Field.integer("read_timeout").min(1).max(Integer.MAX_VALUE).defaultValue(60_000L)
                    .description("Milliseconds to wait for each read from a provider (the answer's start, then "
                            + "between stream events)."))
            .field(Field.integer("backoff").min(0).max(60_000).defaultValue(100L)
                    .description("Milliseconds before retrying the same target, doubled on each retry."))
            .field(Field.record("circuit_breaker", BREAKER).description("Per-target circuit breaker."))
            .build();

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("route_type").oneOf("llm/v1/chat", "llm/v1/embeddings", "preserve")
                    .defaultValue("llm/v1/chat")
                    .description("What the route serves: OpenAI chat completions, OpenAI embeddings, or preserve "
                            + "(the body goes to the provider unchanged; tokens are still counted)."))
            .field(Field.string("llm_format").oneOf("openai", "anthropic").defaultValue("openai")
                    .description("The API clients speak: openai, or anthropic (Messages API requests, answered "
                            + "in Anthropic's format from any provider)."))
            .field(Field.record("model", ModelSchemas.MODEL).description("The model, for a single target (Kong's ai-proxy)."))
            .field(Field.record("auth", ModelSchemas.AUTH).description("The provider credential, for a single target."))
            .field(Field.records("targets", TARGET)
                    .description("Several models to balance and fall back across (Kong's ai-proxy-advanced); "
                            + "instead of model and auth."))
            .field(Field.record("balancer", BALANCER).description("How targets are chosen and failures handled."))
            .field(Field.record("logging", ConfigSchema.builder()
                    .field(Field.bool("log_statistics").defaultValue(Boolean.TRUE)
                            .description("Write a usage record (tokens, cost, latencies) for every request."))
                    .field(Field.bool("log_payloads").defaultValue(Boolean.FALSE)
                            .description("Reserved: prompts and answers are never logged by ai-proxy."))
                    .build()).description("What is recorded about each request."))
            .field(Field.string("response_streaming").oneOf("allow", "deny", "always").defaultValue("allow")
                    .description("allow: stream when the client asks; deny: refuse streaming requests; always: "
                            + "stream every chat answer."))
            .field(Field.bool("model_name_header").defaultValue(Boolean.TRUE)
                    .description("Add X-Tollgate-Provider and X-Tollgate-Model to answers."))
            .rule(AiProxyConfig::problem)
            .build();
}
