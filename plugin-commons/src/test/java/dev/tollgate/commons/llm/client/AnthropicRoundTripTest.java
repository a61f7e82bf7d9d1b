package dev.tollgate.commons.llm.client;

import static dev.tollgate.commons.llm.client.AnthropicClientRequestTest.FORMAT;
import static dev.tollgate.commons.llm.client.AnthropicClientRequestTest.json;
import static dev.tollgate.commons.llm.client.AnthropicClientResponseTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.provider.AnthropicProvider;
import dev.tollgate.commons.llm.provider.ModelTarget;
import dev.tollgate.commons.llm.provider.StreamTranslator;
import dev.tollgate.commons.llm.sse.StreamParser;

/**
 * An Anthropic client served by an Anthropic upstream through the OpenAI form: what reaches
 * Anthropic, and what comes back to the client, mean what the client and Anthropic said.
 */
class AnthropicRoundTripTest {
    static final AnthropicProvider PROVIDER = new AnthropicProvider();
    static final ModelTarget TARGET = new ModelTarget("anthropic", "claude-sonnet-4-5", null);

    static JsonNode throughOpenAi(String messagesRequest) {
        ObjectNode chat = FORMAT.toOpenAi(json(messagesRequest));
        byte[] sent = PROVIDER.request(RouteType.CHAT, chat, TARGET, chat.path("stream").asBoolean()).body();
        return Json.parseObject(sent);
    }

    /** The provider writes every message's content as blocks; a string is the same as one text block. */
    static ObjectNode blocks(String messagesRequest) {
        ObjectNode request = json(messagesRequest);
        for (JsonNode message : request.get("messages")) {
            JsonNode content = message.get("content");
            if (content.isTextual()) {
                ((ObjectNode) message).putArray("content").addObject().put("type", "text").put("text", content.asText());
            }
        }
        return request;
    }

    @Test
    void aConversationWithToolsAndImagesArrivesAsSent() {
        String request = """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"You are a weather bot.",
                 "messages":[
                   {"role":"user","content":"Weather in Paris?"},
                   {"role":"assistant","content":[{"type":"text","text":"Checking."},
                     {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","days":[1,2]}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"18C"},
                     {"type":"text","text":"And tomorrow?"}]},
                   {"role":"assistant","content":"Sunny."},
                   {"role":"user","content":[
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                     {"type":"image","source":{"type":"url","url":"https://example.com/sky.png"}},
                     {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},
                     {"type":"text","text":"And these?"}]}],
                 "tools":[{"name":"get_weather","description":"Weather by city",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "stop_sequences":["END","STOP"],"temperature":0.3,"top_p":0.8,"metadata":{"user_id":"u-1"},"stream":true}""";

        assertThat(throughOpenAi(request)).isEqualTo(blocks(request));
    }

    @Test
    void systemBlocksAndStructuredToolResultsArriveAsSent() {
        String request = """
                {"model":"claude-sonnet-4-5","max_tokens":5,
                 "system":[{"type":"text","text":"One."},{"type":"text","text":"Two."}],
                 "messages":[{"role":"user","content":"x"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"ok"}]}]}],
                 "tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"f"}}""";

        assertThat(throughOpenAi(request)).isEqualTo(blocks(request));
    }

    @Test
    void anAnswerComesBackAsAnthropicSentIt() {
        String answer = """
                {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"I'll look that up."},
                            {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
                             "input":{"location":"San Francisco, CA","unit":"celsius"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":472,"output_tokens":89,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048}}""";

        ObjectNode completion = PROVIDER.response(RouteType.CHAT, json(answer), TARGET);

        assertThat(wire(FORMAT.fromOpenAi(completion))).isEqualTo(json(answer));
    }

    static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01RoundTrip","type":"message","role":"assistant",\
            "model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,\
            "usage":{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":900,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type":"ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay — "}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"searching."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_9","name":"search","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"q\\": \\"caf"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"é\\", \\"n\\": 3}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":41}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @Test
    void aStreamComesBackAsAnthropicStreamedIt() {
        for (int step : new int[] {1, 5, 17, 4096}) {
            StreamTranslator translator = PROVIDER.stream(TARGET);
            StreamParser parser = new StreamParser(PROVIDER.streamFraming());
            AnthropicStreamWriter writer = FORMAT.streamWriter(TARGET.model());
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            byte[] upstream = STREAM.getBytes(StandardCharsets.UTF_8);
            for (int off = 0; off < upstream.length; off += step) {
                parser.feed(upstream, off, Math.min(step, upstream.length - off)).forEach(event ->
                        translator.onEvent(event).forEach(chunk -> toClient.writeBytes(writer.chunk(chunk))));
            }
            assertThat(translator.done()).isTrue();
            toClient.writeBytes(writer.finish(translator.usage()));

            ObjectNode received = AnthropicAccumulator.read(toClient.toByteArray(), step).message();
            assertThat(received).as("step %d", step).isEqualTo(AnthropicAccumulator.read(STREAM).message());
        }
    }
}
