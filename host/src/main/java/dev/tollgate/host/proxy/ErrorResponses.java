package dev.tollgate.host.proxy;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import dev.tollgate.host.HeadRequests;
import io.helidon.webserver.http.ServerResponse;

/** The proxy's own answers, as Kong words them: a JSON body with a {@code message}. */
public final class ErrorResponses {
    public static final String NO_ROUTE = "no Route matched with those values";
    public static final String NO_SERVICE = "no Service found with those values";
    public static final String BAD_GATEWAY = "An invalid response was received from the upstream server";
    public static final String TIMEOUT = "The upstream server is timing out";
    public static final String TOO_LARGE = "Request size limit exceeded";
    public static final String UNREADABLE_BODY = "Bad request: the request body could not be read (malformed chunked encoding?)";
    public static final String NO_TARGETS = "failure to get a peer from the ring-balancer";
    public static final String UNEXPECTED = "An unexpected error occurred";

    private ErrorResponses() {
    }

    public static void send(ServerResponse res, int status, String message) {
        byte[] body = ("{\"message\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
        res.status(Status.create(status));
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8"));
        HeadRequests.send(res, body);
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
