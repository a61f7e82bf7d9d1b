package dev.tollgate.commons.llm.call;

import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.provider.ModelOptions;
import dev.tollgate.commons.llm.provider.ModelTarget;
import dev.tollgate.commons.llm.provider.Provider;
import dev.tollgate.commons.llm.provider.ProviderRequest;
import dev.tollgate.commons.llm.provider.Providers;
import dev.tollgate.commons.llm.provider.UnsupportedRequestException;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A configured model: Kong's {@code model} block (provider, name, options) with its {@code auth}
 * block, as {@link ModelSchemas} validated them. The model name may be left to the client.
 *
 * @param modelName empty: the client's {@code model} is used
 * @param field     where it was configured ({@code model}, {@code targets[1]}, {@code llm.model}), for messages
 */
public record ModelConfig(String provider, Optional<String> modelName, ModelOptions options, RequestDefaults defaults,
                          ProviderAuth auth, String field) {

    /** Values for request fields the client left out. */
    public record RequestDefaults(Optional<Long> maxTokens, Optional<Double> temperature, Optional<Double> topP,
                                  Optional<Long> topK) {

        public static final RequestDefaults NONE = new RequestDefaults(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        /** Sets the defaults a chat request leaves unset. */
        public void applyTo(ObjectNode chat) {
            maxTokens.filter(v -> !chat.has("max_tokens") && !chat.has("max_completion_tokens"))
                    .ifPresent(v -> chat.put("max_tokens", v));
            temperature.filter(v -> !chat.has("temperature")).ifPresent(v -> chat.put("temperature", v));
            topP.filter(v -> !chat.has("top_p")).ifPresent(v -> chat.put("top_p", v));
            topK.filter(v -> !chat.has("top_k")).ifPresent(v -> chat.put("top_k", v));
        }
    }

    /**
     * Reads a validated {@code model} record and its {@code auth} record; a vault reference whose
     * environment variable is unset fails naming it.
     *
     * @param field     the model's place in the configuration, for messages
     * @param authField the auth block's place
     */
    public static ModelConfig from(PluginConfig model, PluginConfig auth, String field, String authField,
                                   Function<String, String> env) {
        PluginConfig o = model.record("options");
        ModelOptions options = new ModelOptions(o.string("upstream_url"), o.string("anthropic_version"),
                o.string("azure_instance"), o.string("azure_api_version"), o.string("azure_deployment_id"));
        RequestDefaults defaults = new RequestDefaults(o.integer("max_tokens"), o.number("temperature"),
                o.number("top_p"), o.integer("top_k"));
        return new ModelConfig(model.string("provider").orElseThrow(), model.string("name").filter(n -> !n.isBlank()),
                options, defaults, ProviderAuth.from(auth, authField, env), field);
    }

    /** The provider's translation. */
    public Provider providerApi() {
        return Providers.named(provider).orElseThrow();
    }

    /** The target for a request that names {@code model} (the configured name, or the client's). */
    public ModelTarget target(String model) {
        return new ModelTarget(provider, model, options);
    }

    /**
     * The HTTP call, credential included, for an OpenAI-format {@code body} of {@code type}
     * whose model and defaults are already set.
     *
     * @throws UnsupportedRequestException when the provider cannot serve it
     */
    public ProviderRequest request(RouteType type, ObjectNode body, String model, boolean stream) {
        Provider p = providerApi();
        return auth.apply(p.request(type, body, target(model), stream), p);
    }

    /**
     * The HTTP call, credential included, for an OpenAI-format body already written as
     * {@code json}, when the provider sends it unchanged; empty when it must be translated.
     */
    public Optional<ProviderRequest> requestAsIs(RouteType type, byte[] json, String model, boolean stream) {
        Provider p = providerApi();
        return p.requestAsIs(type, json, target(model), stream).map(r -> auth.apply(r, p));
    }

    /** How operators and logs name it: provider/model. */
    public String label() {
        return provider + "/" + modelName.orElse("(client's model)");
    }
}
