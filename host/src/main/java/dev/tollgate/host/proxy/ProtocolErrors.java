package dev.tollgate.host.proxy;

import java.nio.charset.StandardCharsets;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers to requests Helidon refuses before any handler sees them (a malformed request line,
 * an illegal character in the path, a bad header, too large a head): the same JSON body as the
 * gateway's other errors, saying what was wrong, instead of Helidon's empty 400. The reason is
 * Helidon's own (e.g. "Illegal character in path at index 15"), inside a JSON string.
 */
public final class ProtocolErrors implements DirectHandler {
    /** Helidon gives no reason for a bad request line (e.g. a "{" in the path); this names the usual causes. */
    static final String MALFORMED = "Bad request: malformed request line or headers (characters outside RFC 3986 "
            + "in the path or query, such as spaces, {, } or |, must be percent-encoded)";
    private static final ProtocolErrors INSTANCE = new ProtocolErrors();

    private ProtocolErrors() {
    }

    public static DirectHandlers handlers() {
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (EventType event : EventType.values()) {
            b.addHandler(event, INSTANCE);
        }
        return b.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType event, Status status,
                                    ServerResponseHeaders headers, Throwable thrown) {
        String message = null;
        for (Throwable t = thrown; t != null && message == null; t = t.getCause()) {
            message = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage();
        }
        return handle(request, event, status, headers, message);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType event, Status status,
                                    ServerResponseHeaders headers, Throwable thrown, System.Logger logger) {
        return handle(request, event, status, headers, thrown);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType event, Status status,
                                    ServerResponseHeaders headers, String message) {
        String text = switch (event) {
            case BAD_REQUEST -> message == null || message.isBlank() ? diagnose(request) : "Bad request: " + message;
            case PAYLOAD_TOO_LARGE -> ErrorResponses.TOO_LARGE; // as the gateway's own 413 says it
            default -> status.reasonPhrase();
        };
        byte[] body = ("{\"message\":" + ErrorResponses.quote(text) + "}").getBytes(StandardCharsets.UTF_8);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .entity(body)
                .keepAlive(event.keepAlive())
                .build();
    }

    /** Helidon refused the request without a reason: the headers often tell which rule it broke. */
    static String diagnose(TransportRequest request) {
        ServerRequestHeaders h;
        try {
            h = request.headers();
        } catch (RuntimeException e) {
            return MALFORMED;
        }
        if (h == null || h.size() == 0) {
            return MALFORMED; // refused in the request line: its headers were never read
        }
        if (!h.contains(HeaderNames.HOST)) {
            return "Bad request: the Host header is missing";
        }
        if (h.get(HeaderNames.HOST).allValues().size() > 1) {
            return "Bad request: more than one Host header";
        }
        String host = h.get(HeaderNames.HOST).get();
        if (host.isBlank() || host.indexOf('@') >= 0 || host.indexOf('/') >= 0) {
            return "Bad request: the Host header is not a host[:port]";
        }
        if (h.contains(HeaderNames.CONTENT_LENGTH) && h.contains(HeaderNames.TRANSFER_ENCODING)) {
            return "Bad request: Content-Length and Transfer-Encoding together (a body framed twice is refused)";
        }
        return MALFORMED;
    }
}
