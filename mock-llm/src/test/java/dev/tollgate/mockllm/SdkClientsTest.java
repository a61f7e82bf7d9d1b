package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI and Anthropic Java clients, with response validation on, against the
 * mock: its answers (text, tool calls, streams) must parse as theirs do.
 */
class SdkClientsTest {

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    private static OpenAIClient openAi;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void startClients() {
        openAi = OpenAIOkHttpClient.builder().baseUrl(http.mock().baseUrl() + "/v1").apiKey("sk-test")
                .responseValidation(true).maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(http.mock().baseUrl()).apiKey("sk-ant-test")
                .responseValidation(true).maxRetries(0).build();
    }

    @AfterAll
    static void closeClients() {
        openAi.close();
        anthropic.close();
    }

    private static ChatCompletionCreateParams.Builder openAiWeather() {
        return ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage("weather in Paris?")
                .addFunctionTool(FunctionDefinition.builder().name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties",
                                        JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build());
    }

    @Test
    void openAiToolCallRoundTrip() {
        ChatCompletion called = openAi.chat().completions().create(openAiWeather().build());

        ChatCompletion.Choice choice = called.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call =
                choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");

        ChatCompletion answered = openAi.chat().completions().create(openAiWeather()
                .addMessage(choice.message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("sunny").build())
                .build());

        assertThat(answered.choices().getFirst().message().content())
                .hasValue("Mock response to tool result: sunny");
        assertThat(answered.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void openAiStreamedToolCallAccumulates() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams params = openAiWeather()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = openAi.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ChatCompletion completion = accumulator.chatCompletion();
        ChatCompletionMessageFunctionToolCall call =
                completion.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.id()).startsWith("call_");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(5);
    }

    @Test
    void openAiWithoutUsage() {
        ChatCompletion completion = openAi.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-test").addUserMessage("hello").putAdditionalHeader("X-Mock-No-Usage", "true").build());

        assertThat(completion.usage()).isEmpty();
        assertThat(completion.choices().getFirst().message().content()).hasValue("Mock response to: hello");
    }

    private static MessageCreateParams.Builder anthropicWeather() {
        return MessageCreateParams.builder().model("claude-test").maxTokens(100)
                .addUserMessage("weather in Paris?")
                .addTool(Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city",
                                        com.anthropic.core.JsonValue.from(Map.of("type", "string")))
                                .build())
                        .addRequired("city")
                        .build()).build());
    }

    @Test
    void anthropicToolUseRoundTrip() {
        Message called = anthropic.messages().create(anthropicWeather().build());

        assertThat(called.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock toolUse = called.content().getFirst().toolUse().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));

        Message answered = anthropic.messages().create(anthropicWeather()
                .addMessage(called)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("rain").build())))
                .build());

        assertThat(answered.content().getFirst().text().orElseThrow().text())
                .isEqualTo("Mock response to tool result: rain");
        assertThat(answered.stopReason()).hasValue(StopReason.END_TURN);
    }

    @Test
    void anthropicStreamedToolUseAccumulates() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
                anthropic.messages().createStreaming(anthropicWeather().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        ToolUseBlock toolUse = message.content().getFirst().toolUse().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
    }
}
