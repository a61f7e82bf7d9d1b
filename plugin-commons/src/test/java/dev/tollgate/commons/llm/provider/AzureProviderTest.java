package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.Canned.body;
import static dev.tollgate.commons.llm.provider.Canned.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;

class AzureProviderTest {
    static final Provider AZURE = new AzureProvider();
    static final String CHAT = """
            {"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}]}""";

    static ModelTarget target(String model, String instance, String deployment, String version, String upstream) {
        return new ModelTarget("azure", model, new ModelOptions(Optional.ofNullable(upstream), Optional.empty(),
                Optional.ofNullable(instance), Optional.ofNullable(version), Optional.ofNullable(deployment)));
    }

    @Test
    void chatGoesToTheDeploymentWithTheDefaultApiVersion() {
        ProviderRequest request = AZURE.request(RouteType.CHAT, json(CHAT), target("gpt-4o", "contoso", "prod-4o", null, null), true);

        assertThat(request.uri()).hasToString(
                "https://contoso.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21");
        assertThat(request.headers()).isEmpty();
        ObjectNode sent = body(request);
        assertThat(sent.path("messages")).isEqualTo(json(CHAT).path("messages"));
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void theDeploymentDefaultsToTheModelAndEmbeddingsHaveTheirPath() {
        assertThat(AZURE.request(RouteType.EMBEDDINGS, json("{\"input\":\"x\"}"),
                target("text-embedding-3-small", "contoso", null, "2025-01-01-preview", null), false).uri())
                .hasToString("https://contoso.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings"
                        + "?api-version=2025-01-01-preview");
    }

    @Test
    void upstreamUrlOverridesTheAzureAddress() {
        assertThat(AZURE.request(RouteType.CHAT, json(CHAT), target("gpt-4o", null, null, null,
                "https://apim.contoso.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"), false).uri())
                .hasToString("https://apim.contoso.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
    }

    @Test
    void aMissingOrForeignInstanceIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AZURE.request(RouteType.CHAT, json(CHAT), target("gpt-4o", null, null, null, null), false))
                .isInstanceOf(UnsupportedRequestException.class)
                .hasMessageContaining("model.options.azure_instance");
        assertThatThrownBy(() -> AZURE.request(RouteType.CHAT, json(CHAT),
                target("gpt-4o", "evil.example.com/x", null, null, null), false))
                .isInstanceOf(UnsupportedRequestException.class)
                .hasMessageContaining("azure_instance: evil.example.com/x");
    }

    @Test
    void theKeyGoesInTheApiKeyHeader() {
        assertThat(AZURE.authHeader("azkey")).isEqualTo(Map.entry("api-key", "azkey"));
    }

    @Test
    void theStreamSkipsPromptFilterResultsAndReportsUsage() {
        Canned.everyCut(AZURE, target("gpt-4o", "contoso", null, null, null), Canned.fileBytes("azure/chat-stream.sse"),
                (translator, chunks) -> {
                    assertThat(chunks).hasSize(3);
                    assertThat(Canned.text(chunks)).isEqualTo("Hello");
                    assertThat(translator.model()).contains("gpt-4o-2024-08-06");
                    assertThat(translator.usage()).contains(new TokenUsage(11, 2, 0));
                    assertThat(translator.done()).isTrue();
                });
    }

    @Test
    void errorsKeepAzureCodes() {
        ObjectNode filtered = AZURE.error(400, Canned.fileBytes("azure/error-content-filter.json"));
        assertThat(filtered.path("error").path("code").asText()).isEqualTo("content_filter");
        assertThat(filtered.path("error").path("param").asText()).isEqualTo("prompt");
        assertThat(filtered.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(filtered.path("error").path("message").asText()).startsWith("The response was filtered");

        ObjectNode missing = AZURE.error(404, """
                {"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(missing.path("error").path("code").asText()).isEqualTo("DeploymentNotFound");

        ObjectNode denied = AZURE.error(401, """
                {"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(denied.path("error").path("type").asText()).isEqualTo("authentication_error");
    }
}
