package dev.tollgate.host.it.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;

/**
 * A tool call as an application makes one with openai-java: offer a function, get the model's
 * call, answer it with a tool message, get the final text — whole and streamed.
 */
final class ToolRoundTrip {
    private static final ChatCompletionFunctionTool WEATHER = ChatCompletionFunctionTool.builder()
            .function(FunctionDefinition.builder().name("get_weather").description("The weather in a city")
                    .parameters(FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                            .build())
                    .build())
            .build();

    private ToolRoundTrip() {
    }

    static void run(OpenAIClient client, String model) {
        ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("What is the weather in Paris?").addTool(WEATHER).build();
        ChatCompletion first = client.chat().completions().create(ask);
        var choice = first.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).contains("\"city\"");
        assertThat(call.id()).isNotBlank();

        ChatCompletion answer = client.chat().completions().create(ask.toBuilder()
                .addMessage(choice.message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18 C and sunny").build())
                .build());
        assertThat(answer.choices().getFirst().message().content()).hasValueSatisfying(s -> assertThat(s).contains("18 C"));

        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(ask)) {
            s.stream().forEach(acc::accumulate);
        }
        ChatCompletionMessageFunctionToolCall streamed = acc.chatCompletion().choices().getFirst().message()
                .toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(streamed.function().name()).isEqualTo("get_weather");
        assertThat(streamed.function().arguments()).contains("\"city\"");
    }
}
