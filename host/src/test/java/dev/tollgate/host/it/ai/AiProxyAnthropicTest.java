package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Translation both ways, with the official clients: Anthropic's SDK served by an OpenAI
 * upstream, OpenAI's SDK served by an Anthropic upstream, and Anthropic to Anthropic passed
 * through — all to the mock LLM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiProxyAnthropicTest {
    TestGateway t;
    AnthropicClient viaOpenAi;
    AnthropicClient passThrough;
    OpenAIClient toAnthropic;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        String openAiUrl = t.mock.baseUrl() + "/v1/chat/completions";
        String anthropicUrl = t.mock.baseUrl() + "/v1/messages";
        AiRoutes.create(t, "claude-front", "/claude-front", "{\"llm_format\":\"anthropic\","
                + "\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o-mini\",\"options\":{\"upstream_url\":\"" + openAiUrl + "\"}},"
                + "\"auth\":{\"header_value\":\"sk-openai\"}}");
        AiRoutes.create(t, "claude-pass", "/claude-pass", "{\"llm_format\":\"anthropic\","
                + "\"model\":{\"provider\":\"anthropic\",\"name\":\"claude-sonnet-4-5\",\"options\":{\"upstream_url\":\"" + anthropicUrl + "\"}},"
                + "\"auth\":{\"header_value\":\"sk-ant\"}}");
        AiRoutes.create(t, "to-claude", "/to-claude", "{"
                + "\"model\":{\"provider\":\"anthropic\",\"name\":\"claude-sonnet-4-5\",\"options\":{\"upstream_url\":\"" + anthropicUrl + "\"}},"
                + "\"auth\":{\"header_value\":\"sk-ant\"}}");
        viaOpenAi = AnthropicOkHttpClient.builder().apiKey("app-key").baseUrl(t.proxy("/claude-front")).maxRetries(0).build();
        passThrough = AnthropicOkHttpClient.builder().apiKey("app-key").baseUrl(t.proxy("/claude-pass")).maxRetries(0).build();
        toAnthropic = OpenAIOkHttpClient.builder().apiKey("app-key").baseUrl(t.proxy("/to-claude/v1")).maxRetries(0).build();
    }

    @AfterAll
    void stop() {
        viaOpenAi.close();
        passThrough.close();
        toAnthropic.close();
        t.close();
    }

    private static MessageCreateParams hello() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(200)
                .system("Answer briefly.").addUserMessage("Hello Claude").build();
    }

    private static String text(Message m) {
        return m.content().stream().flatMap(b -> b.text().stream()).map(tb -> tb.text()).reduce("", String::concat);
    }

    @Test
    void anthropicClientServedByAnOpenAiUpstream() throws Exception {
        t.mock.clearRequests();
        Message m = viaOpenAi.messages().create(hello());
        assertThat(text(m)).isNotBlank();
        assertThat(m.usage().inputTokens()).isPositive();
        assertThat(m.usage().outputTokens()).isPositive();
        var sent = TestGateway.JSON.readTree(t.mock.requests().getLast().body());
        assertThat(t.mock.requests().getLast().path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(200);
    }

    @Test
    void anthropicClientStreamsFromAnOpenAiUpstream() {
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = viaOpenAi.messages().createStreaming(hello())) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(text(m)).isNotBlank();
        assertThat(m.usage().outputTokens()).isPositive();
    }

    @Test
    void anthropicClientPassesThroughToAnthropic() throws Exception {
        t.mock.clearRequests();
        Message m = passThrough.messages().create(hello());
        assertThat(text(m)).isNotBlank();
        assertThat(t.mock.requests().getLast().path()).isEqualTo("/v1/messages");
        assertThat(t.mock.requests().getLast().header("x-api-key")).contains("sk-ant");
        assertThat(t.mock.requests().getLast().header("anthropic-version")).isPresent();
        var sent = TestGateway.JSON.readTree(t.mock.requests().getLast().body());
        assertThat(sent.path("system").asText()).isEqualTo("Answer briefly.");

        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = passThrough.messages().createStreaming(hello())) {
            s.stream().forEach(acc::accumulate);
        }
        assertThat(text(acc.message())).isNotBlank();
    }

    @Test
    void openAiClientServedByAnAnthropicUpstream() throws Exception {
        t.mock.clearRequests();
        ChatCompletion c = toAnthropic.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addSystemMessage("Be brief.").addUserMessage("Hello").build());
        assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(s -> assertThat(s).isNotBlank());
        assertThat(c.usage()).hasValueSatisfying(u -> assertThat(u.promptTokens()).isPositive());
        var sent = TestGateway.JSON.readTree(t.mock.requests().getLast().body());
        assertThat(t.mock.requests().getLast().path()).isEqualTo("/v1/messages");
        assertThat(sent.path("system").toString()).contains("Be brief.");
        assertThat(sent.path("max_tokens").asInt()).isPositive(); // Anthropic requires it

        StringBuilder streamed = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> s = toAnthropic.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Stream").build())) {
            s.stream().forEach(ch -> ch.choices().forEach(x -> streamed.append(x.delta().content().orElse(""))));
        }
        assertThat(streamed.toString()).isNotBlank();
    }

    @Test
    void openAiToolCallsServedByAnAnthropicUpstream() {
        ToolRoundTrip.run(toAnthropic, "gpt-4o");
    }

    @Test
    void anthropicToolUseServedByAnOpenAiUpstream() {
        var tool = com.anthropic.models.messages.Tool.builder().name("get_weather").description("The weather in a city")
                .inputSchema(com.anthropic.models.messages.Tool.InputSchema.builder()
                        .properties(com.anthropic.core.JsonValue.from(java.util.Map.of("city", java.util.Map.of("type", "string"))))
                        .putAdditionalProperty("required", com.anthropic.core.JsonValue.from(java.util.List.of("city")))
                        .build())
                .build();
        MessageCreateParams ask = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(200)
                .addUserMessage("Weather in Paris?").addTool(tool).build();
        Message m = viaOpenAi.messages().create(ask);
        assertThat(m.stopReason()).hasValueSatisfying(r -> assertThat(r.asString()).isEqualTo("tool_use"));
        var use = m.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");

        Message answer = viaOpenAi.messages().create(ask.toBuilder()
                .addMessage(m)
                .addUserMessageOfContentBlockParams(java.util.List.of(com.anthropic.models.messages.ContentBlockParam.ofToolResult(
                        com.anthropic.models.messages.ToolResultBlockParam.builder().toolUseId(use.id())
                                .content("18 C and sunny").build())))
                .build());
        assertThat(text(answer)).contains("18 C");

        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = viaOpenAi.messages().createStreaming(ask)) {
            s.stream().forEach(acc::accumulate);
        }
        assertThat(acc.message().content().stream().flatMap(b -> b.toolUse().stream()).findFirst())
                .hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("get_weather"));
    }

    @Test
    void badMessagesRequestsGetAnthropicsErrorShape() {
        HttpResponse<String> res = t.sendJson("POST", t.proxy("/claude-front/v1/messages"), "{\"model\":\"x\",\"max_tokens\":\"ten\"}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).path("type").asText()).isEqualTo("error");
        assertThat(json(res).path("error").path("message").asText()).isNotBlank();
        assertThatThrownBy(() -> viaOpenAi.messages().create(MessageCreateParams.builder().model("m").maxTokens(10)
                .addUserMessage("x").putAdditionalBodyProperty("tools", com.anthropic.core.JsonValue.from(
                        java.util.List.of(java.util.Map.of("type", "web_search_20250305", "name", "web_search"))))
                .build())).isInstanceOf(BadRequestException.class);
    }
}
