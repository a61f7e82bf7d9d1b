package dev.tollgate.plugins.aisanitizer;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamFraming;
import dev.tollgate.commons.llm.sse.StreamParser;

/**
 * A streamed answer, rewritten event by event: OpenAI's {@code chat.completion.chunk} deltas
 * (content and tool-call arguments, per choice) and Anthropic's {@code content_block_delta}
 * events (per content block) go through one {@link TextStream} each, so a placeholder cut across
 * deltas, or across the network chunks the events arrive in, is still restored. Text held back
 * goes out with the choice's finishing chunk, before a block's {@code content_block_stop}, or in an
 * extra event before {@code [DONE]} or the stream's end. Other events pass as they are.
 */
final class SseAnswerFilter implements AnswerFilter {
    private final Streams streams;
    private final StreamParser parser = new StreamParser(StreamFraming.SSE);
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    /** True when the streams only restore (no scan_response): an event without '<' can pass as it is. */
    private final boolean restoreOnly;
    /** The id, created and model of the last OpenAI chunk, for a chunk of our own. */
    private ObjectNode lastChunk;

    /** One streamed text: an OpenAI choice's content or one tool call's arguments, or an Anthropic block. */
    private record Channel(TextStream text, int choice, int index, Kind kind) {
    }

    private enum Kind { CONTENT, TOOL_ARGUMENTS, BLOCK_TEXT, BLOCK_JSON }

    SseAnswerFilter(Streams streams) {
        this.streams = streams;
        this.restoreOnly = streams.open(true, false).idle();
    }

    @Override
    public byte[] filter(byte[] chunk, boolean last) {
        StringBuilder out = new StringBuilder(chunk.length + 64);
        for (SseEvent e : parser.feed(chunk)) {
            handle(e, out);
        }
        if (last) {
            for (SseEvent e : parser.finish()) {
                handle(e, out);
            }
            flushAll(out);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void handle(SseEvent event, StringBuilder out) {
        String data = event.data();
        if (data.equals("[DONE]")) {
            flushAll(out);
            out.append(event.toWire());
            return;
        }
        if (restoreOnly && data.indexOf('<') < 0 && channels.values().stream().allMatch(c -> c.text().idle())
                && !openAiStart(data)) {
            out.append(event.toWire()); // nothing to restore in it and nothing held: not parsed, not rewritten
            return;
        }
        ObjectNode json = data.startsWith("{") ? Json.tryParseObject(data) : null;
        if (json == null) {
            out.append(event.toWire());
            return;
        }
        boolean changed = false;
        if (json.get("choices") instanceof ArrayNode choices) {
            lastChunk = json;
            for (JsonNode choice : choices) {
                if (choice instanceof ObjectNode c) {
                    changed |= openAiChoice(c);
                }
            }
        } else {
            String type = json.path("type").asText("");
            int index = json.path("index").asInt(0);
            switch (type) {
                case "content_block_delta" -> changed = blockDelta(json, index);
                case "content_block_stop" -> flushBlock("b" + index, out);
                case "message_stop", "message_delta" -> flushAll(out);
                default -> {
                    // message_start, content_block_start, ping, error: nothing to restore
                }
            }
        }
        out.append(changed ? new SseEvent(event.event(), Json.string(json)).toWire() : event.toWire());
    }

    /** The stream's first chunk is parsed for its id, model and created, which a chunk of our own repeats. */
    private boolean openAiStart(String data) {
        return lastChunk == null && data.contains("\"choices\"");
    }

    private boolean openAiChoice(ObjectNode choice) {
        int idx = choice.path("index").asInt(0);
        boolean changed = false;
        if (choice.get("delta") instanceof ObjectNode delta) {
            if (delta.get("content") instanceof JsonNode c && c.isTextual()) {
                delta.put("content", channel("c" + idx, idx, 0, Kind.CONTENT).text().feed(c.asText()));
                changed = true;
            }
            if (delta.get("tool_calls") instanceof ArrayNode calls) {
                for (JsonNode call : calls) {
                    int t = call.path("index").asInt(0);
                    if (call.get("function") instanceof ObjectNode fn && fn.get("arguments") instanceof JsonNode a && a.isTextual()) {
                        fn.put("arguments", channel("t" + idx + "." + t, idx, t, Kind.TOOL_ARGUMENTS).text().feed(a.asText()));
                        changed = true;
                    }
                }
            }
        }
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && !finish.isNull()) {
            changed |= flushChoiceInto(choice, idx);
        }
        return changed;
    }

    private boolean blockDelta(ObjectNode json, int index) {
        if (!(json.get("delta") instanceof ObjectNode delta)) {
            return false;
        }
        for (String field : new String[] {"text", "partial_json"}) {
            if (delta.get(field) instanceof JsonNode v && v.isTextual()) {
                Kind kind = field.equals("text") ? Kind.BLOCK_TEXT : Kind.BLOCK_JSON;
                delta.put(field, channel("b" + index, 0, index, kind).text().feed(v.asText()));
                return true;
            }
        }
        return false;
    }

    private Channel channel(String key, int choice, int index, Kind kind) {
        return channels.computeIfAbsent(key, k -> new Channel(
                streams.open(true, kind == Kind.TOOL_ARGUMENTS || kind == Kind.BLOCK_JSON), choice, index, kind));
    }

    /** The choice is finishing: what its channels still hold goes into this chunk. */
    private boolean flushChoiceInto(ObjectNode choice, int idx) {
        boolean changed = false;
        for (Iterator<Map.Entry<String, Channel>> it = channels.entrySet().iterator(); it.hasNext(); ) {
            Channel ch = it.next().getValue();
            if (ch.kind() != Kind.CONTENT && ch.kind() != Kind.TOOL_ARGUMENTS || ch.choice() != idx) {
                continue;
            }
            it.remove();
            String rest = ch.text().flush();
            if (!rest.isEmpty()) {
                appendToDelta(choice, ch, rest);
                changed = true;
            }
        }
        return changed;
    }

    private static void appendToDelta(ObjectNode choice, Channel ch, String rest) {
        ObjectNode delta = choice.get("delta") instanceof ObjectNode d ? d : choice.putObject("delta");
        if (ch.kind() == Kind.CONTENT) {
            delta.put("content", delta.path("content").asText("") + rest);
            return;
        }
        ArrayNode calls = delta.get("tool_calls") instanceof ArrayNode a ? a : delta.putArray("tool_calls");
        for (JsonNode call : calls) {
            if (call.path("index").asInt(0) == ch.index() && call instanceof ObjectNode c) {
                ObjectNode fn = c.get("function") instanceof ObjectNode f ? f : c.putObject("function");
                fn.put("arguments", fn.path("arguments").asText("") + rest);
                return;
            }
        }
        calls.addObject().put("index", ch.index()).putObject("function").put("arguments", rest);
    }

    private void flushBlock(String key, StringBuilder out) {
        Channel ch = channels.remove(key);
        if (ch != null) {
            writeRest(ch, ch.text().flush(), out);
        }
    }

    /** The stream is ending: every channel's rest, each in an event of its own. */
    private void flushAll(StringBuilder out) {
        for (Channel ch : channels.values()) {
            writeRest(ch, ch.text().flush(), out);
        }
        channels.clear();
    }

    private void writeRest(Channel ch, String rest, StringBuilder out) {
        if (rest.isEmpty()) {
            return;
        }
        ObjectNode event = Json.object();
        if (ch.kind() == Kind.BLOCK_TEXT || ch.kind() == Kind.BLOCK_JSON) {
            event.put("type", "content_block_delta").put("index", ch.index()).putObject("delta")
                    .put("type", ch.kind() == Kind.BLOCK_TEXT ? "text_delta" : "input_json_delta")
                    .put(ch.kind() == Kind.BLOCK_TEXT ? "text" : "partial_json", rest);
            out.append(SseEvent.of("content_block_delta", Json.string(event)).toWire());
            return;
        }
        ObjectNode meta = lastChunk != null ? lastChunk : Json.object();
        event.put("id", meta.path("id").asText("")).put("object", "chat.completion.chunk")
                .put("created", meta.path("created").asLong(0)).put("model", meta.path("model").asText(""));
        ObjectNode choice = event.putArray("choices").addObject().put("index", ch.choice());
        choice.putNull("finish_reason");
        appendToDelta(choice, ch, rest);
        out.append(SseEvent.data(Json.string(event)).toWire());
    }
}
