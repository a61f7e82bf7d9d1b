package dev.tollgate.commons.llm.provider;

import java.util.Optional;

/**
 * Kong's {@code model.options}: where and how a provider is reached. Request defaults
 * ({@code max_tokens}, {@code temperature}, ...) are applied by the plugin to the OpenAI-format
 * request before translation; a provider only reads the addressing options.
 *
 * @param upstreamUrl       the full URL to call instead of the provider's default endpoint
 * @param anthropicVersion  the {@code anthropic-version} header (default {@code 2023-06-01})
 * @param azureInstance     Azure OpenAI resource name: {@code https://{instance}.openai.azure.com}
 * @param azureApiVersion   Azure {@code api-version} query parameter (default {@code 2024-10-21})
 * @param azureDeploymentId Azure deployment; defaults to the model name
 */
public record ModelOptions(Optional<String> upstreamUrl, Optional<String> anthropicVersion,
                           Optional<String> azureInstance, Optional<String> azureApiVersion,
                           Optional<String> azureDeploymentId) {

    public static final ModelOptions NONE = new ModelOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public static ModelOptions upstream(String url) {
        return new ModelOptions(Optional.of(url), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
