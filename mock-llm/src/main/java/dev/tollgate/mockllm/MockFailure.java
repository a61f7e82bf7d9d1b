package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A misbehaviour the mock plays instead of (or before) a normal answer. Enqueue one with
 * {@link MockLlm#enqueue(MockFailure)}; the next request to a model endpoint consumes it.
 */
public sealed interface MockFailure {

    /** Answers with {@code code} and a provider-shaped error body naming the injected status. */
    static MockFailure status(int code) {
        return new Status(code, Optional.empty());
    }

    /** Answers with {@code code} and exactly {@code body}. */
    static MockFailure status(int code, String body) {
        return new Status(code, Optional.of(requireNonNull(body, "body")));
    }

    /** Accepts the request and never answers, until the client gives up or the mock stops. */
    static MockFailure hang() {
        return Hang.INSTANCE;
    }

    /** Closes the connection without sending any HTTP response. */
    static MockFailure dropConnection() {
        return DropConnection.INSTANCE;
    }

    /**
     * Sends part of the answer, then closes the connection abruptly: for a stream, some events
     * but no {@code [DONE]} and no chunked terminator; for a JSON answer, half of the body.
     */
    static MockFailure dropMidStream() {
        return DropMidStream.INSTANCE;
    }

    /** Answers normally after {@code delay}. */
    static MockFailure delay(Duration delay) {
        return new Delay(delay);
    }

    record Status(int code, Optional<String> body) implements MockFailure {
        public Status {
            if (code < 200 || code > 599) {
                throw new IllegalArgumentException("status: " + code + " (expected: 200..599)");
            }
            requireNonNull(body, "body");
        }
    }

    record Delay(Duration delay) implements MockFailure {
        public Delay {
            Pacer.checkDelay(delay, "delay");
        }
    }

    enum Hang implements MockFailure { INSTANCE }

    enum DropConnection implements MockFailure { INSTANCE }

    enum DropMidStream implements MockFailure { INSTANCE }
}
