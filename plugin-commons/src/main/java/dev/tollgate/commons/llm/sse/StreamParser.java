package dev.tollgate.commons.llm.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a streamed body into events as bytes arrive, whatever the chunk boundaries: an event
 * (or a line, or a UTF-8 sequence) cut between two chunks is completed by the next one. Not
 * thread-safe: one parser per stream.
 */
public final class StreamParser {
    /** An event larger than this is a broken or hostile stream, not an answer. */
    static final int MAX_PENDING = 8 * 1024 * 1024;

    private final StreamFraming framing;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lastWasCr;
    private String eventName;
    private StringBuilder data;

    public StreamParser(StreamFraming framing) {
        this.framing = framing;
    }

    /** The events the chunk completes. */
    public List<SseEvent> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    public List<SseEvent> feed(byte[] chunk, int off, int len) {
        List<SseEvent> out = new ArrayList<>(2);
        for (int i = off; i < off + len; i++) {
            byte b = chunk[i];
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue; // the LF of a CRLF
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endOfLine(out);
            } else {
                if (line.size() >= MAX_PENDING) {
                    throw new IllegalStateException("stream line over " + MAX_PENDING + " bytes");
                }
                line.write(b);
            }
        }
        return out;
    }

    /** The events still pending when the stream ends (a last event without its blank line). */
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>(1);
        if (line.size() > 0) {
            endOfLine(out);
        }
        if (framing == StreamFraming.SSE) {
            dispatch(out);
        }
        return out;
    }

    private void endOfLine(List<SseEvent> out) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (framing == StreamFraming.NDJSON) {
            if (!text.isBlank()) {
                out.add(SseEvent.data(text));
            }
            return;
        }
        if (text.isEmpty()) {
            dispatch(out);
            return;
        }
        if (text.charAt(0) == ':') {
            return; // a comment (keep-alive)
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventName = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value.length() + 16);
                } else {
                    data.append('\n');
                }
                if (data.length() + value.length() > MAX_PENDING) {
                    throw new IllegalStateException("stream event over " + MAX_PENDING + " bytes");
                }
                data.append(value);
            }
            default -> {
                // id, retry and unknown fields carry nothing a translation needs
            }
        }
    }

    private void dispatch(List<SseEvent> out) {
        if (data != null) {
            out.add(new SseEvent(Optional.ofNullable(eventName), data.toString()));
        }
        data = null;
        eventName = null;
    }
}
