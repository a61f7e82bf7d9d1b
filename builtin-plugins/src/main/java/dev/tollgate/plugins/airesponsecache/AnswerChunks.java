package dev.tollgate.plugins.airesponsecache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamParser;
import dev.tollgate.commons.llm.sse.StreamFraming;

/**
 * Decides whether a complete answer may be cached and cuts it into the chunks a hit replays: a
 * JSON answer is one chunk; an event stream is one chunk per event, and is cached only when it
 * ended as a finished answer ends — OpenAI's {@code data: [DONE]}, Anthropic's
 * {@code message_stop} — and carried no error event. Other bodies (NDJSON, binary) are not cached.
 */
final class AnswerChunks {
    private static final String DONE = "[DONE]";

    private AnswerChunks() {
    }

    /** The chunks to store, or empty when the answer must not be cached. */
    static Optional<List<byte[]>> of(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return Optional.of(List.of(body));
        }
        if (!type.startsWith("text/event-stream")) {
            return Optional.empty();
        }
        List<SseEvent> events;
        try {
            StreamParser parser = new StreamParser(StreamFraming.SSE);
            events = new ArrayList<>(parser.feed(body));
            events.addAll(parser.finish());
        } catch (IllegalStateException e) {
            return Optional.empty(); // an event over the parser's bound: not an answer to keep
        }
        if (events.isEmpty() || !finished(events.getLast()) || events.stream().anyMatch(AnswerChunks::isError)) {
            return Optional.empty();
        }
        return Optional.of(events.stream().map(e -> e.toWire().getBytes(StandardCharsets.UTF_8)).toList());
    }

    private static boolean finished(SseEvent last) {
        return last.data().equals(DONE) || last.event().filter("message_stop"::equals).isPresent();
    }

    /** An error the provider or the proxy sent mid-stream: OpenAI's {"error":…}, Anthropic's event: error. */
    private static boolean isError(SseEvent e) {
        if (e.event().filter("error"::equals).isPresent()) {
            return true;
        }
        if (!e.data().contains("\"error\"")) {
            return false; // most events: no need to parse them
        }
        ObjectNode data = Json.tryParseObject(e.data());
        return data != null && (data.has("error") || "error".equals(data.path("type").asText()));
    }
}
