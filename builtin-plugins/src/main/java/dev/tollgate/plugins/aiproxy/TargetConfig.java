package dev.tollgate.plugins.aiproxy;

import java.util.Optional;
import java.util.function.Function;

import dev.tollgate.plugins.llm.provider.ModelOptions;
import dev.tollgate.plugins.llm.provider.ModelTarget;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * One configured target: provider and model (the model may be left to the client), request
 * defaults, credential, weight and priority.
 *
 * @param modelName   empty: the client's {@code model} is used
 * @param field       where it was configured ({@code model} or {@code targets[1]}), for messages
 */
record TargetConfig(String provider, Optional<String> modelName, ModelOptions options, RequestDefaults defaults,
                    ProviderAuth auth, int weight, int priority, String field) {

    /** Values for request fields the client left out. */
    record RequestDefaults(Optional<Long> maxTokens, Optional<Double> temperature, Optional<Double> topP,
                           Optional<Long> topK) {
    }

    static TargetConfig from(PluginConfig model, PluginConfig auth, int weight, int priority, String field,
                             Function<String, String> env) {
        PluginConfig o = model.record("options");
        ModelOptions options = new ModelOptions(o.string("upstream_url"), o.string("anthropic_version"),
                o.string("azure_instance"), o.string("azure_api_version"), o.string("azure_deployment_id"));
        RequestDefaults defaults = new RequestDefaults(o.integer("max_tokens"), o.number("temperature"),
                o.number("top_p"), o.integer("top_k"));
        String authField = field.equals("model") ? "auth" : field + ".auth";
        return new TargetConfig(model.string("provider").orElseThrow(), model.string("name").filter(n -> !n.isBlank()),
                options, defaults, ProviderAuth.from(auth, authField, env), weight, priority, field);
    }

    /** The target for a request whose client asked for {@code requested}. */
    ModelTarget target(String model) {
        return new ModelTarget(provider, model, options);
    }

    /** How operators and logs name it: provider/model. */
    String label() {
        return provider + "/" + modelName.orElse("(client's model)");
    }
}
