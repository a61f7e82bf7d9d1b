package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.AnthropicProviderRequestTest.PROVIDER;
import static dev.tollgate.commons.llm.provider.AnthropicProviderRequestTest.TARGET;
import static dev.tollgate.commons.llm.provider.AnthropicProviderRequestTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamFraming;
import dev.tollgate.commons.llm.sse.StreamParser;

class AnthropicStreamTranslatorTest {
    /** A text answer as Anthropic streams it, with a ping, multi-byte characters and CRLF line ends. */
    static final String TEXT_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message",\
            "role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,\
            "usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":300,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Caf\u00e9 "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"au lait 🌍"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

            event: message_stop
            data: {"type":"message_stop"}

            """.replace("\n", "\r\n");

    /** Text, then two tool calls whose input arrives in fragments. */
    static final String TOOL_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant",\
            "model":"claude-sonnet-4-5-20250929","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},\
            "content":[],"stop_reason":null}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking both."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use",\
            "id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Par"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"is\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: content_block_start
            data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use",\
            "id":"toolu_02","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Rome\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":2}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},\
            "usage":{"input_tokens":472,"cache_read_input_tokens":0,"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    record Run(List<ObjectNode> chunks, StreamTranslator translator) {
        String content() {
            StringBuilder sb = new StringBuilder();
            chunks.forEach(c -> sb.append(c.at("/choices/0/delta/content").asText("")));
            return sb.toString();
        }

        /** The tool calls as an OpenAI client assembles them: by index, arguments concatenated. */
        List<String> toolCalls() {
            List<StringBuilder> calls = new ArrayList<>();
            for (ObjectNode chunk : chunks) {
                for (JsonNode call : chunk.at("/choices/0/delta/tool_calls")) {
                    int i = call.get("index").asInt();
                    if (i == calls.size()) {
                        calls.add(new StringBuilder(call.get("id").asText() + " " + call.at("/function/name").asText() + " "));
                    }
                    calls.get(i).append(call.at("/function/arguments").asText(""));
                }
            }
            return calls.stream().map(StringBuilder::toString).toList();
        }

        List<String> finishReasons() {
            return chunks.stream().map(c -> c.at("/choices/0/finish_reason")).filter(n -> !n.isNull())
                    .map(JsonNode::asText).toList();
        }
    }

    /** Feeds the stream through the SSE parser cut every {@code step} bytes, as the network might. */
    static Run translate(String stream, int step) {
        StreamTranslator translator = PROVIDER.stream(TARGET);
        StreamParser parser = new StreamParser(PROVIDER.streamFraming());
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<ObjectNode> chunks = new ArrayList<>();
        for (int off = 0; off < bytes.length; off += step) {
            for (SseEvent event : parser.feed(bytes, off, Math.min(step, bytes.length - off))) {
                chunks.addAll(translator.onEvent(event));
            }
        }
        parser.finish().forEach(e -> chunks.addAll(translator.onEvent(e)));
        return new Run(chunks, translator);
    }

    @Test
    void textStreamBecomesChunksWhateverTheCuts() {
        for (int step : new int[] {1, 2, 3, 7, 64, 100_000}) {
            Run run = translate(TEXT_STREAM, step);

            assertThat(run.content()).as("step %d", step).isEqualTo("Café au lait 🌍");
            assertThat(run.finishReasons()).containsExactly("stop");
            assertThat(run.translator().done()).isTrue();
            assertThat(run.translator().usage()).contains(new TokenUsage(325, 15, 300));
            assertThat(run.translator().model()).contains("claude-sonnet-4-5-20250929");
        }
    }

    @Test
    void theFirstChunkCarriesTheRoleAndEveryChunkTheOpenAiFields() {
        Run run = translate(TEXT_STREAM, 5);

        assertThat(run.chunks()).hasSize(4);
        assertThat(run.chunks().get(0).at("/choices/0/delta")).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
        for (ObjectNode chunk : run.chunks()) {
            assertThat(chunk.get("id").asText()).isEqualTo("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY");
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
            assertThat(chunk.get("created").asLong()).isEqualTo(run.chunks().get(0).get("created").asLong());
            assertThat(chunk.has("usage")).as("usage goes through usage(), not chunks").isFalse();
        }
        assertThat(run.chunks().get(3).at("/choices/0/delta")).isEmpty();
    }

    @Test
    void toolUseBlocksBecomeNumberedToolCallDeltas() {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            int step = 1 + random.nextInt(40);
            Run run = translate(TOOL_STREAM, step);

            assertThat(run.content()).isEqualTo("Checking both.");
            assertThat(run.toolCalls()).as("step %d", step).containsExactly(
                    "toolu_01T1x1fJ34qAmk2tNTrN7Up6 get_weather {\"city\": \"Paris\"}",
                    "toolu_02 get_weather {\"city\":\"Rome\"}");
            assertThat(run.finishReasons()).containsExactly("tool_calls");
            assertThat(run.translator().usage()).contains(new TokenUsage(472, 89, 0));
        }
    }

    @Test
    void aToolCallStartsWithIdTypeAndNameThenArgumentFragments() {
        List<ObjectNode> chunks = translate(TOOL_STREAM, 1000).chunks();

        assertThat(chunks.get(2).at("/choices/0/delta/tool_calls/0")).isEqualTo(json("""
                {"index":0,"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","type":"function",
                 "function":{"name":"get_weather","arguments":""}}"""));
        assertThat(chunks.get(3).at("/choices/0/delta/tool_calls/0")).isEqualTo(json("""
                {"index":0,"function":{"arguments":"{\\"city\\": \\"Par"}}"""));
    }

    @Test
    void anErrorEventBecomesOpenAisInStreamError() {
        String stream = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("event: content_block_delta")) + """
                event: error\r
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\r
                \r
                """;
        Run run = translate(stream, 9);

        assertThat(run.chunks().getLast()).isEqualTo(json("""
                {"error":{"message":"Overloaded","type":"api_error","code":"overloaded_error"}}"""));
        assertThat(run.translator().done()).isFalse();
        assertThat(run.translator().usage()).contains(new TokenUsage(325, 1, 300));
    }

    @Test
    void beforeAnyEventNothingIsKnown() {
        StreamTranslator translator = PROVIDER.stream(TARGET);

        assertThat(translator.usage()).isEmpty();
        assertThat(translator.model()).isEmpty();
        assertThat(translator.done()).isFalse();
        assertThat(translator.onEvent(SseEvent.of("ping", "{\"type\":\"ping\"}"))).isEmpty();
        assertThat(translator.onEvent(SseEvent.data("not json"))).isEmpty();
        assertThat(translator.onEvent(SseEvent.of("message_stop", "{\"type\":\"message_stop\"}"))).isEmpty();
        assertThat(translator.done()).isTrue();
    }
}
