package dev.tollgate.commons.llm.sse;

import java.util.Optional;

/**
 * One server-sent event, or one line of a newline-delimited JSON stream (then {@code event} is
 * empty and {@code data} is the line).
 *
 * @param event the {@code event:} field, if any
 * @param data  the {@code data:} lines joined with newlines
 */
public record SseEvent(Optional<String> event, String data) {

    public static SseEvent data(String data) {
        return new SseEvent(Optional.empty(), data);
    }

    public static SseEvent of(String event, String data) {
        return new SseEvent(Optional.of(event), data);
    }

    /** The event as it goes on the wire, ending with the blank line. */
    public String toWire() {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        event.ifPresent(e -> sb.append("event: ").append(e).append('\n'));
        for (String line : data.split("\n", -1)) {
            sb.append("data: ").append(line).append('\n');
        }
        return sb.append('\n').toString();
    }
}
