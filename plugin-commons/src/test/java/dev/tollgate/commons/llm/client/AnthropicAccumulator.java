package dev.tollgate.commons.llm.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamFraming;
import dev.tollgate.commons.llm.sse.StreamParser;

/**
 * Reads an Anthropic event stream as Anthropic's SDKs do (MessageAccumulator in the Java SDK) and
 * as strictly: the event name must match the data's type, deltas need a started block, a
 * tool_use block needs at least one input_json_delta, nothing follows message_stop.
 */
final class AnthropicAccumulator {
    final List<String> types = new ArrayList<>();
    private ObjectNode message;
    private final Map<Integer, ObjectNode> blocks = new TreeMap<>();
    private final Map<Integer, StringBuilder> inputJson = new HashMap<>();
    private final Map<Integer, Boolean> stopped = new HashMap<>();
    private ObjectNode error;
    private boolean stoppedMessage;

    /** Parses {@code sse} cut into pieces of {@code step} bytes. */
    static AnthropicAccumulator read(byte[] sse, int step) {
        AnthropicAccumulator acc = new AnthropicAccumulator();
        StreamParser parser = new StreamParser(StreamFraming.SSE);
        for (int off = 0; off < sse.length; off += step) {
            parser.feed(sse, off, Math.min(step, sse.length - off)).forEach(acc::accept);
        }
        parser.finish().forEach(acc::accept);
        return acc;
    }

    static AnthropicAccumulator read(String sse) {
        return read(sse.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
    }

    void accept(SseEvent event) {
        assertThat(stoppedMessage).as("an event after message_stop: %s", event).isFalse();
        ObjectNode data = Json.tryParseObject(event.data());
        assertThat(data).as("data is a JSON object: %s", event.data()).isNotNull();
        String type = data.get("type").asText();
        assertThat(event.event()).as("event name").contains(type);
        types.add(type);
        switch (type) {
            case "message_start" -> {
                assertThat(message).as("one message_start").isNull();
                message = (ObjectNode) data.get("message").deepCopy();
                assertThat(message.get("usage").has("output_tokens")).isTrue();
            }
            case "content_block_start" -> {
                int index = data.get("index").asInt();
                assertThat(blocks).as("block %d started once", index).doesNotContainKey(index);
                blocks.put(index, (ObjectNode) data.get("content_block").deepCopy());
            }
            case "content_block_delta" -> delta(data.get("index").asInt(), data.get("delta"));
            case "content_block_stop" -> stop(data.get("index").asInt());
            case "message_delta" -> {
                JsonNode delta = data.get("delta");
                message.set("stop_reason", delta.get("stop_reason"));
                message.set("stop_sequence", delta.get("stop_sequence"));
                assertThat(data.at("/usage/output_tokens").isNumber()).as("message_delta usage.output_tokens").isTrue();
                ((ObjectNode) message.get("usage")).setAll((ObjectNode) data.get("usage"));
            }
            case "message_stop" -> stoppedMessage = true;
            case "error" -> error = data;
            case "ping" -> {
            }
            default -> throw new AssertionError("unknown event " + type);
        }
    }

    private void delta(int index, JsonNode delta) {
        ObjectNode block = blocks.get(index);
        assertThat(block).as("delta for started block %d", index).isNotNull();
        assertThat(stopped).as("delta after stop of block %d", index).doesNotContainKey(index);
        switch (delta.get("type").asText()) {
            case "text_delta" -> block.put("text", block.get("text").asText() + delta.get("text").asText());
            case "input_json_delta" -> inputJson.computeIfAbsent(index, i -> new StringBuilder())
                    .append(delta.get("partial_json").asText());
            default -> throw new AssertionError("unexpected delta " + delta);
        }
    }

    private void stop(int index) {
        ObjectNode block = blocks.get(index);
        assertThat(block).as("stop for started block %d", index).isNotNull();
        stopped.put(index, true);
        if (block.get("type").asText().equals("tool_use")) {
            StringBuilder json = inputJson.get(index);
            assertThat(json).as("input JSON for tool block %d", index).isNotNull();
            try {
                block.set("input", json.toString().isBlank() ? Json.object() : Json.MAPPER.readTree(json.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The message as the non-streaming API would have answered it. */
    ObjectNode message() {
        assertThat(stoppedMessage).as("message_stop received").isTrue();
        assertThat(stopped.keySet()).as("every block stopped").isEqualTo(blocks.keySet());
        ObjectNode out = message.deepCopy();
        out.putArray("content").addAll(List.copyOf(blocks.values()));
        return out;
    }

    ObjectNode error() {
        return error;
    }
}
