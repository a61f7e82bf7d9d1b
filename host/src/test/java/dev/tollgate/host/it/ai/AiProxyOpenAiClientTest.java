package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.host.it.TestGateway;
import dev.tollgate.mockllm.MockFailure;
import dev.tollgate.mockllm.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** ai-proxy with an OpenAI upstream, used through the official openai-java client as an application would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiProxyOpenAiClientTest {
    TestGateway t;
    OpenAIClient client;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        AiRoutes.create(t, "openai-chat", "/openai", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o-mini"));
        AiRoutes.create(t, "openai-embed", "/openai/v1/embeddings", "{\"route_type\":\"llm/v1/embeddings\","
                + "\"auth\":{\"header_value\":\"sk-test-123\"},\"model\":{\"provider\":\"openai\","
                + "\"name\":\"text-embedding-3-small\",\"options\":{\"upstream_url\":\"" + t.mock.baseUrl() + "/v1/embeddings\"}}}");
        client = OpenAIOkHttpClient.builder().apiKey("the-gateway-holds-the-real-key")
                .baseUrl(t.proxy("/openai/v1")).maxRetries(0).build();
    }

    @AfterAll
    void stop() {
        client.close();
        t.close();
    }

    @Test
    void chatCompletionThroughTheGateway() throws Exception {
        t.mock.clearRequests();
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("whatever-the-app-asks").addSystemMessage("Be brief.").addUserMessage("Hello LLM!").build());

        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(s -> assertThat(s).isNotBlank());
        assertThat(c.usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
        });
        RecordedRequest sent = t.mock.requests().getLast();
        assertThat(sent.header("authorization")).contains("Bearer sk-test-123"); // the app's key never leaves
        assertThat(TestGateway.JSON.readTree(sent.body()).path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(TestGateway.JSON.readTree(sent.body()).path("messages").size()).isEqualTo(2);
    }

    @Test
    void streamedChatArrivesAsChunksWithUsage() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Tell me a story")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            s.stream().forEach(chunks::add);
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream())
                .map(ch -> ch.delta().content().orElse("")).reduce("", String::concat);
        assertThat(text).isNotBlank();
        assertThat(chunks.getLast().usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).anyMatch(ch -> ch.finishReason().isPresent())).isTrue();
    }

    @Test
    void streamWithoutIncludeUsageCarriesNoUsageChunk() {
        HttpResponse<String> res = expect(200, t.sendJson("POST", t.proxy("/openai/v1/chat/completions"),
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(res.body()).contains("chat.completion.chunk").doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
        assertThat(res.headers().firstValue("x-tollgate-provider")).contains("openai");
        assertThat(res.headers().firstValue("x-tollgate-model")).contains("gpt-4o-mini");
    }

    @Test
    void toolCallsRoundTrip() {
        ToolRoundTrip.run(client, "gpt-4o-mini");
    }

    @Test
    void embeddings() {
        CreateEmbeddingResponse e = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("the quick brown fox").build());
        assertThat(e.data()).hasSize(1);
        assertThat(e.data().getFirst().embedding()).isNotEmpty();
        assertThat(e.usage().promptTokens()).isPositive();
    }

    @Test
    void modelsListTheConfiguredModel() {
        JsonNode models = json(expect(200, t.get(t.proxy("/openai/v1/models"))));
        assertThat(models.path("data").get(0).path("id").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void malformedJsonIsA400InOpenAisShape() {
        HttpResponse<String> res = t.sendJson("POST", t.proxy("/openai/v1/chat/completions"), "{\"messages\": [");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).path("error").path("message").asText()).contains("not valid JSON");
        assertThat(json(res).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void missingMessagesAndWrongTypesAreNamed() {
        HttpResponse<String> res = t.sendJson("POST", t.proxy("/openai/v1/chat/completions"), "{\"model\":\"x\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).path("error").path("message").asText()).contains("messages");
        res = t.sendJson("POST", t.proxy("/openai/v1/chat/completions"),
                "{\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).path("error").path("message").asText()).contains("stream");
    }

    @Test
    void clientHeadersGoOnButNotTheClientsCredentialsOrIdentity() {
        t.mock.clearRequests();
        expect(200, t.send(HttpRequest.newBuilder(URI.create(t.proxy("/openai/v1/chat/completions")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer app-key")
                .header("apikey", "gateway-key").header("Cookie", "session=1").header("X-Trace-Id", "trace-42")
                .header("X-Consumer-Username", "spoofed")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build()));
        RecordedRequest sent = t.mock.requests().getLast();
        assertThat(sent.header("authorization")).contains("Bearer sk-test-123");
        assertThat(sent.header("x-trace-id")).contains("trace-42");
        assertThat(sent.header("apikey")).isEmpty();
        assertThat(sent.header("cookie")).isEmpty();
        assertThat(sent.header("x-consumer-username")).isEmpty();
    }

    @Test
    void onlyPostIsServed() {
        HttpResponse<String> res = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/openai/v1/chat/completions")))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.headers().firstValue("allow")).contains("POST");
    }

    @Test
    void providerErrorsKeepTheirStatusInOpenAisShape() {
        t.mock.enqueue(MockFailure.status(400));
        HttpResponse<String> res = t.sendJson("POST", t.proxy("/openai/v1/chat/completions"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).path("error").path("message").asText()).isNotBlank();
    }
}
