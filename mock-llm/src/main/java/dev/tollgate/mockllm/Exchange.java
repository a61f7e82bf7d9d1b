package dev.tollgate.mockllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One request being answered: what arrived, and the ways an endpoint may answer it. Endpoints
 * answer only through here so that an injected mid-stream drop cuts any kind of answer.
 */
final class Exchange {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final RecordedRequest request;
    private final ServerResponse response;
    private final Pacer pacer;
    private boolean dropMidStream;

    Exchange(RecordedRequest request, ServerResponse response, Pacer pacer) {
        this.request = request;
        this.response = response;
        this.pacer = pacer;
    }

    RecordedRequest request() {
        return request;
    }

    Pacer pacer() {
        return pacer;
    }

    /** From now on, the answer is cut halfway through. */
    void dropMidStream() {
        dropMidStream = true;
    }

    boolean dropsMidStream() {
        return dropMidStream;
    }

    void sendJson(int status, JsonNode body) {
        try {
            send(status, "application/json", MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(int status, String contentType, byte[] body) {
        response.status(status);
        response.header("Content-Type", contentType);
        if (request.method().equals("HEAD")) {
            // The head alone: Helidon 4.5 would write the body after it, and the client would read
            // those bytes as its next answer.
            if (status >= 200 && status != 204 && status != 304) {
                response.header("Content-Length", Integer.toString(body.length));
            }
            response.send(new byte[0]);
            return;
        }
        if (!dropMidStream) {
            response.send(body);
            return;
        }
        // Promise the full length, deliver half: the client sees a truncated body, not a short one.
        response.header("Content-Length", Integer.toString(body.length));
        // Not closed on purpose: closing would complete the response.
        OutputStream out = response.outputStream();
        try {
            out.write(body, 0, body.length / 2);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw abort("mock failure: dropped after " + body.length / 2 + " of " + body.length + " bytes");
    }

    /** Starts a server-sent event stream; see {@link #startStream}. */
    EventStream startSse(int plannedEvents) {
        return startStream("text/event-stream", plannedEvents);
    }

    /** Starts a streamed answer; with a mid-stream drop it ends after half of {@code plannedEvents}. */
    EventStream startStream(String contentType, int plannedEvents) {
        response.status(200);
        response.header("Content-Type", contentType);
        response.header("Cache-Control", "no-cache");
        int dropAfter = dropMidStream ? Math.max(1, plannedEvents / 2) : -1;
        return new EventStream(response.outputStream(), pacer, dropAfter);
    }

    /** A body written by the caller, of a known length; used for large answers. */
    OutputStream startBody(String contentType, long contentLength) {
        response.status(200);
        response.header("Content-Type", contentType);
        response.header("Content-Length", Long.toString(contentLength));
        return response.outputStream();
    }

    /**
     * The exception that makes the server close the connection at once, without a response or,
     * mid-answer, without finishing it (no chunked terminator).
     */
    static CloseConnectionException abort(String why) {
        return new CloseConnectionException(why);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
