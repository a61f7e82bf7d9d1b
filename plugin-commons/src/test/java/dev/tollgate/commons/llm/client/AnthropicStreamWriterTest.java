package dev.tollgate.commons.llm.client;

import static dev.tollgate.commons.llm.client.AnthropicClientRequestTest.FORMAT;
import static dev.tollgate.commons.llm.client.AnthropicClientRequestTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.provider.ModelTarget;
import dev.tollgate.commons.llm.provider.OpenAiProvider;
import dev.tollgate.commons.llm.provider.StreamTranslator;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamFraming;
import dev.tollgate.commons.llm.sse.StreamParser;

class AnthropicStreamWriterTest {
    static final String HEAD = "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1741569952,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_f9f4fb6dbf\",";

    /** An OpenAI stream with stream_options.include_usage, as OpenAI sends it. */
    static String openAiStream(String... deltas) {
        StringBuilder sb = new StringBuilder();
        for (String delta : deltas) {
            sb.append(HEAD).append(delta).append("\n\n");
        }
        return sb.append("data: [DONE]\n\n").toString();
    }

    static final String TEXT = openAiStream(
            """
            "choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}""",
            """
            "choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null}""",
            """
            "choices":[{"index":0,"delta":{"content":" there 👋"},"logprobs":null,"finish_reason":null}],"usage":null}""",
            """
            "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}""",
            """
            "choices":[],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,\
            "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0}}}""");

    static final String TOOLS = openAiStream(
            """
            "choices":[{"index":0,"delta":{"role":"assistant","content":"Let me check."},"finish_reason":null}]}""",
            """
            "choices":[{"index":0,"delta":{"content":null,"refusal":null,"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function",\
            "function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""",
            """
            "choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"lo"}}]},"finish_reason":null}]}""",
            """
            "choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"cation\\": \\"Paris\\"}"}}]},\
            "finish_reason":null}]}""",
            """
            "choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","type":"function",\
            "function":{"name":"get_time","arguments":""}}]},"finish_reason":null}]}""",
            """
            "choices":[{"index":0,"delta":{"tool_calls":[{"index":2,"id":"call_3","type":"function",\
            "function":{"name":"get_news","arguments":"{\\"topic\\":\\"rain\\"}"}}]},"finish_reason":null}]}""",
            """
            "choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            """
            "choices":[],"usage":{"prompt_tokens":1200,"completion_tokens":45,"total_tokens":1245,\
            "prompt_tokens_details":{"cached_tokens":1024}}}""");

    /** The gateway's path: upstream bytes → SSE parser → OpenAI translator → writer, then finish with its usage. */
    static byte[] write(String openAiSse, AnthropicStreamWriter writer) {
        StreamTranslator translator = new OpenAiProvider().stream(new ModelTarget("openai", "gpt-4o", null));
        StreamParser parser = new StreamParser(StreamFraming.SSE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SseEvent event : parser.feed(openAiSse.getBytes(StandardCharsets.UTF_8))) {
            translator.onEvent(event).forEach(chunk -> out.writeBytes(writer.chunk(chunk)));
        }
        assertThat(translator.done()).isTrue();
        out.writeBytes(writer.finish(translator.usage()));
        return out.toByteArray();
    }

    @Test
    void aTextAnswerIsOneTextBlock() {
        byte[] sse = write(TEXT, FORMAT.streamWriter("gpt-4o"));
        AnthropicAccumulator read = AnthropicAccumulator.read(sse, 7);

        assertThat(read.types).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(read.message()).isEqualTo(json("""
                {"id":"msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT","type":"message","role":"assistant","model":"gpt-4o-2024-08-06",
                 "content":[{"type":"text","text":"Hello there 👋"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":19,"output_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}"""));
    }

    @Test
    void theWireFormatIsNamedEventsWithOneDataLine() {
        String sse = new String(write(TEXT, FORMAT.streamWriter("gpt-4o")), StandardCharsets.UTF_8);

        assertThat(sse).startsWith("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_");
        assertThat(sse).contains("""
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

                """);
        assertThat(sse).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void toolCallsAreToolUseBlocksAfterTheText() {
        byte[] sse = write(TOOLS, FORMAT.streamWriter("gpt-4o"));
        AnthropicAccumulator read = AnthropicAccumulator.read(sse, 13);

        assertThat(read.message()).isEqualTo(json("""
                {"id":"msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT","type":"message","role":"assistant","model":"gpt-4o-2024-08-06",
                 "content":[{"type":"text","text":"Let me check."},
                   {"type":"tool_use","id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","name":"get_weather","input":{"location":"Paris"}},
                   {"type":"tool_use","id":"call_2","name":"get_time","input":{}},
                   {"type":"tool_use","id":"call_3","name":"get_news","input":{"topic":"rain"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":176,"output_tokens":45,"cache_creation_input_tokens":0,"cache_read_input_tokens":1024}}"""));
    }

    @Test
    void aToolBlockStartsWithAnEmptyInputAndGetsItsJsonInFragments() {
        String sse = new String(write(TOOLS, FORMAT.streamWriter("gpt-4o")), StandardCharsets.UTF_8);

        assertThat(sse).contains("""
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":\
                {"type":"tool_use","id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","name":"get_weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"lo"}}
                """);
        // get_time had no arguments at all: its block still gets input JSON, so SDKs build input {}
        assertThat(sse).contains("\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}");
    }

    @Test
    void theGatewaysPromptCountGoesIntoMessageStart() {
        AnthropicStreamWriter writer = FORMAT.streamWriter("gpt-4o", 42);
        AnthropicAccumulator read = AnthropicAccumulator.read(new String(writer.chunk(json("""
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"length"}]}""")), StandardCharsets.UTF_8)
                + new String(writer.finish(Optional.empty()), StandardCharsets.UTF_8));

        assertThat(read.message().get("usage")).isEqualTo(json("""
                {"input_tokens":42,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}"""));
        assertThat(read.message().get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(writer.finished()).isTrue();
        assertThat(writer.finish(Optional.of(new TokenUsage(1, 1, 0)))).isEmpty();
        assertThat(writer.chunk(json("{\"choices\":[{\"delta\":{\"content\":\"late\"}}]}"))).isEmpty();
    }

    @Test
    void anEmptyStreamIsStillAWholeMessage() {
        AnthropicStreamWriter writer = FORMAT.streamWriter("gpt-4o");
        AnthropicAccumulator read = AnthropicAccumulator.read(
                new String(writer.finish(Optional.of(new TokenUsage(5, 0, 0))), StandardCharsets.UTF_8));

        assertThat(read.types).containsExactly("message_start", "message_delta", "message_stop");
        assertThat(read.message().get("model").asText()).isEqualTo("gpt-4o");
        assertThat(read.message().get("content")).isEmpty();
        assertThat(read.message().at("/usage/input_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void errorsEndTheStreamAsAnErrorEvent() {
        AnthropicStreamWriter writer = FORMAT.streamWriter("gpt-4o");
        String first = new String(writer.chunk(json("""
                {"id":"chatcmpl-1","model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hi"}}]}""")),
                StandardCharsets.UTF_8);
        String error = new String(writer.chunk(json("""
                {"error":{"message":"The server had an error while processing your request.","type":"server_error"}}""")),
                StandardCharsets.UTF_8);
        AnthropicAccumulator read = AnthropicAccumulator.read(first + error);

        assertThat(read.error()).isEqualTo(json("""
                {"type":"error","error":{"type":"api_error","message":"The server had an error while processing your request."}}"""));
        assertThat(writer.finished()).isTrue();
        assertThat(writer.finish(Optional.empty())).isEmpty();

        ObjectNode limited = Json.tryParseObject(new String(FORMAT.streamWriter("m").error(429,
                json("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")), StandardCharsets.UTF_8)
                .lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6));
        assertThat(limited.at("/error/type").asText()).isEqualTo("rate_limit_error");
    }
}
