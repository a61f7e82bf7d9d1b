package dev.tollgate.plugins.aiproxy;

import java.util.Optional;
import java.util.function.Function;

import dev.tollgate.commons.llm.call.ModelConfig;
import dev.tollgate.commons.llm.call.ProviderAuth;
import dev.tollgate.commons.llm.provider.ModelTarget;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * One configured target: its model (provider, name — maybe left to the client —, options,
 * request defaults, credential) with the balancer's weight and priority.
 */
record TargetConfig(ModelConfig model, int weight, int priority) {

    static TargetConfig from(PluginConfig model, PluginConfig auth, int weight, int priority, String field,
                             Function<String, String> env) {
        String authField = field.equals("model") ? "auth" : field + ".auth";
        return new TargetConfig(ModelConfig.from(model, auth, field, authField, env), weight, priority);
    }

    String provider() {
        return model.provider();
    }

    /** Empty: the client's {@code model} is used. */
    Optional<String> modelName() {
        return model.modelName();
    }

    ModelConfig.RequestDefaults defaults() {
        return model.defaults();
    }

    ProviderAuth auth() {
        return model.auth();
    }

    /** Where it was configured ({@code model} or {@code targets[1]}), for messages. */
    String field() {
        return model.field();
    }

    /** The target for a request that names {@code model}. */
    ModelTarget target(String model) {
        return this.model.target(model);
    }

    /** How operators and logs name it: provider/model. */
    String label() {
        return model.label();
    }
}
