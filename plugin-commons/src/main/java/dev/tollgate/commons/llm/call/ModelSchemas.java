package dev.tollgate.commons.llm.call;

import java.util.Optional;

import dev.tollgate.commons.llm.provider.Providers;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * The {@code model} and {@code auth} blocks, as Kong's AI plugins share them: ai-proxy's single
 * target and each of its {@code targets}, and the transformers' {@code llm} block. One schema,
 * so a field added here is added everywhere, and one check of what a provider needs.
 */
public final class ModelSchemas {

    private static final ConfigSchema OPTIONS = ConfigSchema.builder()
            .field(Field.string("upstream_url").check(v -> ((String) v).matches("(?i)https?://.+"), "an http(s) URL")
                    .description("The full URL to call instead of the provider's default endpoint (required for "
                            + "openai-compatible servers such as vLLM or llama.cpp)."))
            .field(Field.integer("max_tokens").min(1)
                    .description("max_tokens for requests that do not set it."))
            .field(Field.number("temperature").min(0).max(5)
                    .description("temperature for requests that do not set it."))
            .field(Field.number("top_p").min(0).max(1)
                    .description("top_p for requests that do not set it."))
            .field(Field.integer("top_k").min(0)
                    .description("top_k for requests that do not set it (providers that support it)."))
            .field(Field.string("anthropic_version")
                    .description("The anthropic-version header sent to Anthropic (default 2023-06-01)."))
            .field(Field.string("azure_instance")
                    .description("Azure OpenAI resource name: https://{azure_instance}.openai.azure.com."))
            .field(Field.string("azure_api_version")
                    .description("Azure OpenAI api-version (default 2024-10-21)."))
            .field(Field.string("azure_deployment_id")
                    .description("Azure OpenAI deployment; defaults to the model name."))
            .build();

    /** {@code model}: provider, name, options. */
    public static final ConfigSchema MODEL = ConfigSchema.builder()
            .field(Field.string("provider").oneOf(Providers.names().toArray(String[]::new))
                    .description("The provider that serves the model."))
            .field(Field.string("name")
                    .description("The model name the provider knows. Unset: the client's \"model\" is used."))
            .field(Field.record("options", OPTIONS).description("Where and how the provider is reached, and request defaults."))
            .build();

    /** {@code auth}: the provider credential. */
    public static final ConfigSchema AUTH = ConfigSchema.builder()
            .field(Field.string("header_name")
                    .description("The header that carries the credential. Unset with header_value set: the "
                            + "provider's own (Authorization: Bearer for OpenAI, x-api-key for Anthropic, "
                            + "api-key for Azure, x-goog-api-key for Gemini)."))
            .field(Field.string("header_value").secret()
                    .description("The credential, or {vault://env/NAME} to read it from the environment. "
                            + "Never returned by the Admin API."))
            .field(Field.string("param_name")
                    .description("A query or body parameter that carries the credential instead."))
            .field(Field.string("param_value").secret()
                    .description("The parameter's value, or {vault://env/NAME}."))
            .field(Field.string("param_location").oneOf("query", "body").defaultValue("query")
                    .description("Where param_name goes: the query string or the JSON body."))
            .build();

    private ModelSchemas() {
    }

    /**
     * What a validated {@code model} (whose provider is set) and its {@code auth} still lack:
     * the address some providers need, a well-formed vault reference. Fields are named from
     * {@code config.}, as {@code modelField} and {@code authField} place them.
     */
    public static Optional<String> problem(PluginConfig model, PluginConfig auth, String modelField, String authField) {
        String provider = model.string("provider").orElseThrow();
        PluginConfig options = model.record("options");
        boolean hasUrl = options.string("upstream_url").isPresent();
        if (provider.equals("openai-compatible") && !hasUrl) {
            return Optional.of("config." + modelField + ".options.upstream_url: required for provider openai-compatible");
        }
        if (provider.equals("azure") && !hasUrl && options.string("azure_instance").isEmpty()) {
            return Optional.of("config." + modelField + ".options.azure_instance: required for provider azure "
                    + "(or set upstream_url)");
        }
        return ProviderAuth.referenceProblem(authField + ".header_value", auth.string("header_value"))
                .or(() -> ProviderAuth.referenceProblem(authField + ".param_value", auth.string("param_value")));
    }
}
