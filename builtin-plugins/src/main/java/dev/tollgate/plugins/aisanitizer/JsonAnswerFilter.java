package dev.tollgate.plugins.aisanitizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

/**
 * A whole JSON answer (OpenAI's chat.completion, Anthropic's message, an error): gathered until
 * its last chunk, then every string in it restored, and the model's text (content, text, tool
 * arguments) scanned when scan_response is on. The gateway sends the rewritten body chunked, so
 * its length may change.
 */
final class JsonAnswerFilter implements AnswerFilter {
    /** An answer larger than this passes unchanged rather than being held in memory. */
    static final int MAX_BUFFERED = 16 * 1024 * 1024;
    private static final byte[] NOTHING = new byte[0];
    private static final Set<String> PROSE = Set.of("content", "text", "arguments", "refusal", "partial_json");
    private static final Set<String> JSON_IN_STRING = Set.of("arguments", "partial_json");

    private final Streams streams;
    private final System.Logger log;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    private boolean passing;

    JsonAnswerFilter(Streams streams, System.Logger log) {
        this.streams = streams;
        this.log = log;
    }

    @Override
    public byte[] filter(byte[] chunk, boolean last) {
        if (passing) {
            return chunk;
        }
        if (body.size() + chunk.length > MAX_BUFFERED) {
            passing = true;
            log.log(System.Logger.Level.WARNING, "answer over " + MAX_BUFFERED + " bytes passed without restoring placeholders");
            body.writeBytes(chunk);
            return body.toByteArray();
        }
        body.writeBytes(chunk);
        if (!last) {
            return NOTHING;
        }
        byte[] whole = body.toByteArray();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(whole);
        } catch (IOException e) {
            return whole; // not JSON after all: left as it is
        }
        return root != null && rewrite(root) ? Json.bytes(root) : whole;
    }

    /** Rewrites the strings under {@code node}; true when one changed. */
    private boolean rewrite(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> field : o.properties()) {
                JsonNode v = field.getValue();
                if (v.isTextual()) {
                    String name = field.getKey();
                    String text = v.asText();
                    String out = TextStream.whole(streams.open(PROSE.contains(name), JSON_IN_STRING.contains(name)), text);
                    if (!out.equals(text)) {
                        field.setValue(Json.MAPPER.getNodeFactory().textNode(out));
                        changed = true;
                    }
                } else {
                    changed |= rewrite(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isTextual()) {
                    String out = TextStream.whole(streams.open(false, false), v.asText());
                    if (!out.equals(v.asText())) {
                        a.set(i, Json.MAPPER.getNodeFactory().textNode(out));
                        changed = true;
                    }
                } else {
                    changed |= rewrite(v);
                }
            }
        }
        return changed;
    }
}
