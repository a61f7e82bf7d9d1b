package dev.tollgate.plugins.aiproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.call.ModelSchemas;
import dev.tollgate.sdk.config.PluginConfig;

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
}
