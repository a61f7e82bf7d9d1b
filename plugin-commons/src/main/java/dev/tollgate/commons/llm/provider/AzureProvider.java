package dev.tollgate.commons.llm.provider;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tollgate.commons.llm.RouteType;

/**
 * Azure OpenAI: OpenAI's format, addressed by resource ({@code azure_instance}) and deployment
 * ({@code azure_deployment_id}, or the model name), versioned by the {@code api-version} query
 * parameter, authenticated with an {@code api-key} header.
 */
public final class AzureProvider extends OpenAiProvider {
    static final String DEFAULT_API_VERSION = "2024-10-21";
    /** A resource name is one DNS label; anything else would change the host the key is sent to. */
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    @Override
    public String name() {
        return "azure";
    }

    @Override
    protected URI uri(RouteType type, ModelTarget target) {
        ModelOptions options = target.options();
        if (options.upstreamUrl().isPresent()) {
            return URI.create(options.upstreamUrl().get());
        }
        String instance = options.azureInstance().orElseThrow(() -> new UnsupportedRequestException(
                "azure needs model.options.azure_instance (the resource name in https://{azure_instance}"
                        + ".openai.azure.com) or model.options.upstream_url"));
        if (!INSTANCE.matcher(instance).matches()) {
            throw new UnsupportedRequestException("azure: model.options.azure_instance: " + instance
                    + " (expected: the resource name, letters, digits and dashes)");
        }
        String deployment = options.azureDeploymentId().orElse(target.model());
        String version = options.azureApiVersion().orElse(DEFAULT_API_VERSION);
        return URI.create("https://" + instance + ".openai.azure.com/openai/deployments/"
                + URLEncoder.encode(deployment, StandardCharsets.UTF_8).replace("+", "%20")
                + path(type) + "?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
    }

    @Override
    public Map.Entry<String, String> authHeader(String secret) {
        return Map.entry("api-key", secret);
    }
}
