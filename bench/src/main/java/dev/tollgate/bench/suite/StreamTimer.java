package dev.tollgate.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;

/**
 * The times of one streamed chat completion, as {@link SseDecoder} hands its events over: when
 * the first token came, the gaps between tokens, when {@code [DONE]} came. A token is an event
 * whose {@code choices[0].delta.content} is a non-empty string (OpenAI's shape); the role chunk,
 * the finish chunk and the usage chunk are events but not tokens.
 */
final class StreamTimer implements SseDecoder.Listener {

    static final String DONE = "[DONE]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long sentNanos;
    private long firstTokenNanos = -1;
    private long lastTokenNanos;
    private long doneNanos = -1;
    private long[] gaps = new long[64];
    private int tokens;
    private String failure;

    StreamTimer(long sentNanos) {
        this.sentNanos = sentNanos;
    }

    @Override
    public void event(String data, long arrivedNanos) {
        if (doneNanos >= 0) {
            return; // nothing counts after [DONE]
        }
        if (data.equals(DONE)) {
            doneNanos = arrivedNanos;
            return;
        }
        if (!hasContent(data)) {
            return;
        }
        if (tokens == 0) {
            firstTokenNanos = arrivedNanos;
        } else {
            if (tokens - 1 == gaps.length) {
                gaps = Arrays.copyOf(gaps, gaps.length * 2);
            }
            gaps[tokens - 1] = arrivedNanos - lastTokenNanos;
        }
        lastTokenNanos = arrivedNanos;
        tokens++;
    }

    /** Why the stream failed though its response was read to the end, or null if it did not. */
    String failure() {
        if (failure != null) {
            return failure;
        }
        return doneNanos < 0 ? "no " + DONE : null;
    }

    int tokens() {
        return tokens;
    }

    /** Send to first token, or -1 without tokens. */
    long timeToFirstTokenNanos() {
        return tokens == 0 ? -1 : firstTokenNanos - sentNanos;
    }

    /** The gap before each token after the first. */
    long[] interTokenNanos() {
        return Arrays.copyOf(gaps, Math.max(0, tokens - 1));
    }

    /** Send to {@code [DONE]}. */
    long totalNanos() {
        return doneNanos - sentNanos;
    }

    private boolean hasContent(String data) {
        try {
            JsonNode content = JSON.readTree(data).path("choices").path(0).path("delta").path("content");
            return content.isTextual() && !content.asText().isEmpty();
        } catch (JsonProcessingException e) {
            if (failure == null) {
                failure = "bad event JSON";
            }
            return false;
        }
    }
}
