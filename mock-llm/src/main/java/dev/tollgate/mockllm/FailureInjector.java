package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Decides which failures a request meets: those its own {@code X-Mock-*} headers ask for, or
 * else the next queued one. Headers win so that a request which asks for a failure explicitly
 * leaves the queue to the request it was meant for.
 */
final class FailureInjector {

    static final String STATUS_HEADER = "x-mock-status";
    static final String DELAY_HEADER = "x-mock-delay-ms";
    static final String HANG_HEADER = "x-mock-hang";
    static final String DROP_HEADER = "x-mock-drop";
    /** Not a failure but a lack: OpenAI-shaped answers leave out {@code usage}. */
    static final String NO_USAGE_HEADER = "x-mock-no-usage";
    private static final int MAX_COUNT = 10_000;

    private final ConcurrentLinkedQueue<MockFailure> queued = new ConcurrentLinkedQueue<>();

    void enqueue(MockFailure failure) {
        queued.add(requireNonNull(failure, "failure"));
    }

    int queuedCount() {
        return queued.size();
    }

    void clear() {
        queued.clear();
    }

    /**
     * The failures to play for {@code request}, in order (a delay comes first).
     *
     * @param takesQueued whether the request may consume a queued failure (model endpoints only)
     * @throws IllegalArgumentException when an {@code X-Mock-*} header has a bad value
     */
    List<MockFailure> plan(RecordedRequest request, boolean takesQueued) {
        List<MockFailure> fromHeaders = fromHeaders(request);
        if (!fromHeaders.isEmpty() || !takesQueued) {
            return fromHeaders;
        }
        MockFailure next = queued.poll();
        return next == null ? List.of() : List.of(next);
    }

    private static List<MockFailure> fromHeaders(RecordedRequest request) {
        List<MockFailure> failures = new ArrayList<>(2);
        Optional<String> delay = request.header(DELAY_HEADER);
        if (delay.isPresent()) {
            failures.add(MockFailure.delay(Duration.ofMillis(parseLong(DELAY_HEADER, delay.get()))));
        }
        Optional<String> status = request.header(STATUS_HEADER);
        if (status.isPresent()) {
            failures.add(MockFailure.status((int) Math.min(parseLong(STATUS_HEADER, status.get()), 1000)));
        }
        if (isSet(request, HANG_HEADER)) {
            failures.add(MockFailure.hang());
        }
        Optional<String> drop = request.header(DROP_HEADER).map(v -> v.strip().toLowerCase(Locale.ROOT));
        if (drop.isPresent()) {
            switch (drop.get()) {
                case "true", "1", "connection" -> failures.add(MockFailure.dropConnection());
                case "mid_stream", "mid-stream" -> failures.add(MockFailure.dropMidStream());
                case "false", "0" -> { }
                default -> throw new IllegalArgumentException(
                        DROP_HEADER + ": " + drop.get() + " (expected: true, mid_stream or false)");
            }
        }
        return failures;
    }

    /**
     * Reads a failure as {@code POST /__mock/failures} takes it: exactly one of {@code status}
     * (optionally with {@code body}), {@code hang}, {@code drop}, {@code drop_mid_stream},
     * {@code delay_ms}, and an optional {@code count} of copies to queue.
     */
    static List<MockFailure> parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("body: expected a JSON object such as {\"status\":503}");
        }
        List<MockFailure> kinds = new ArrayList<>(1);
        if (json.has("status")) {
            int code = intField(json, "status");
            JsonNode body = json.get("body");
            kinds.add(body == null || body.isNull() ? MockFailure.status(code)
                    : MockFailure.status(code, body.isTextual() ? body.asText() : body.toString()));
        }
        if (json.path("hang").asBoolean(false)) {
            kinds.add(MockFailure.hang());
        }
        if (json.path("drop").asBoolean(false)) {
            kinds.add(MockFailure.dropConnection());
        }
        if (json.path("drop_mid_stream").asBoolean(false)) {
            kinds.add(MockFailure.dropMidStream());
        }
        if (json.has("delay_ms")) {
            kinds.add(MockFailure.delay(Duration.ofMillis(intField(json, "delay_ms"))));
        }
        if (kinds.size() != 1) {
            throw new IllegalArgumentException("body: " + json + " (expected: exactly one of status, hang, "
                    + "drop, drop_mid_stream, delay_ms)");
        }
        int count = json.has("count") ? intField(json, "count") : 1;
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count: " + count + " (expected: 1.." + MAX_COUNT + ")");
        }
        return Collections.nCopies(count, kinds.getFirst());
    }

    private static int intField(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: an integer >= 0)");
        }
        return value.asInt();
    }

    private static long parseLong(String header, String value) {
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the header's name
        }
        throw new IllegalArgumentException(header + ": " + value + " (expected: an integer >= 0)");
    }

    /** Whether the request carries {@code header} as {@code true} or {@code 1}. */
    static boolean isSet(RecordedRequest request, String header) {
        return request.header(header).map(v -> v.strip().equalsIgnoreCase("true") || v.strip().equals("1"))
                .orElse(false);
    }
}
