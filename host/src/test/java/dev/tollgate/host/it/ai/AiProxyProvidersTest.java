package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider end to end: the openai-java client through the gateway to the mock LLM speaking
 * that provider's API (Gemini and Ollama natively; Azure, Mistral and OpenAI-compatible servers
 * in OpenAI's format at their own addresses), chat, streamed chat and embeddings; and a
 * preserve route passing bodies unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiProxyProvidersTest {
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        String m = t.mock.baseUrl();
        chatAndEmbeddings("gemini", "gemini-2.5-flash", m + "/v1beta/models/gemini-2.5-flash:generateContent",
                m + "/v1beta/models/text-embedding-004:embedContent", "text-embedding-004");
        chatAndEmbeddings("ollama", "llama3.1", m + "/api/chat", m + "/api/embed", "nomic-embed-text");
        chatAndEmbeddings("azure", "gpt-4o", m + "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
                m + "/openai/deployments/emb/embeddings?api-version=2024-10-21", "text-embedding-3-small");
        chatAndEmbeddings("mistral", "mistral-large-latest", m + "/v1/chat/completions", m + "/v1/embeddings", "mistral-embed");
        chatAndEmbeddings("openai-compatible", "qwen2.5", m + "/v1/chat/completions", m + "/v1/embeddings", "bge-m3");
        AiRoutes.create(t, "preserve", "/preserve", "{\"route_type\":\"preserve\",\"model\":{\"provider\":\"openai\","
                + "\"name\":\"gpt-4o\",\"options\":{\"upstream_url\":\"" + m + "/v1/chat/completions\"}}}");
    }

    private void chatAndEmbeddings(String provider, String model, String chatUrl, String embedUrl, String embedModel) {
        AiRoutes.create(t, provider, "/" + provider, target(provider, model, chatUrl, "llm/v1/chat"));
        AiRoutes.create(t, provider + "-embed", "/" + provider + "/v1/embeddings",
                target(provider, embedModel, embedUrl, "llm/v1/embeddings"));
    }

    private static String target(String provider, String model, String url, String routeType) {
        return "{\"route_type\":\"" + routeType + "\",\"auth\":{\"header_value\":\"k\"},\"model\":{\"provider\":\""
                + provider + "\",\"name\":\"" + model + "\",\"options\":{\"upstream_url\":\"" + url + "\"}}}";
    }

    @AfterAll
    void stop() {
        t.close();
    }

    static Stream<String> providers() {
        return Stream.of("gemini", "ollama", "azure", "mistral", "openai-compatible");
    }

    private OpenAIClient client(String provider) {
        return OpenAIOkHttpClient.builder().apiKey("app").baseUrl(t.proxy("/" + provider + "/v1")).maxRetries(0).build();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void chatStreamAndEmbeddingsInOpenAisFormat(String provider) {
        OpenAIClient client = client(provider);
        try {
            ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("any").addSystemMessage("Be brief.").addUserMessage("Hello from " + provider).build());
            assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(s -> assertThat(s).isNotBlank());
            assertThat(c.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isPositive());

            StringBuilder text = new StringBuilder();
            long[] usage = {0};
            try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("any").addUserMessage("Stream from " + provider)
                            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                s.stream().forEach(ch -> {
                    ch.choices().forEach(x -> text.append(x.delta().content().orElse("")));
                    ch.usage().ifPresent(u -> usage[0] = u.completionTokens());
                });
            }
            assertThat(text.toString()).isNotBlank();
            assertThat(usage[0]).isPositive();

            var e = client.embeddings().create(EmbeddingCreateParams.builder().model("any").input("embed me").build());
            assertThat(e.data().getFirst().embedding()).isNotEmpty();
        } finally {
            client.close();
        }
    }

    @Test
    void preserveSendsTheBodyUnchangedAndStillCountsTokens() throws Exception {
        String body = "{\"model\":\"client-model\",\"messages\":[{\"role\":\"user\",\"content\":\"as is\"}],\"x_custom\":7}";
        t.mock.clearRequests();
        JsonNode answer = json(expect(200, t.sendJson("POST", t.proxy("/preserve/anything"), body)));
        assertThat(t.mock.requests().getLast().body()).isEqualTo(body);
        assertThat(answer.path("usage").path("total_tokens").asInt()).isPositive();
    }
}
