package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What an {@link UpstreamHandler} answers: a status, headers (hop-by-hop ones and
 * {@code Content-Length} are the gateway's business) and a body sent chunk by chunk as it is
 * produced. Made with {@link #of(int, String, byte[])} or {@link #of(int, Map, ReplyBody)}.
 *
 * @since 0.1.0
 */
@Experimental
public final class UpstreamReply {
    private final int status;
    private final Map<String, List<String>> headers;
    private final ReplyBody body;

    private UpstreamReply(int status, Map<String, List<String>> headers, ReplyBody body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
        }
        this.status = status;
        this.headers = Map.copyOf(requireNonNull(headers, "headers"));
        this.body = requireNonNull(body, "body");
    }

    /** A reply with the given headers and a body produced as it is read. */
    public static UpstreamReply of(int status, Map<String, List<String>> headers, ReplyBody body) {
        return new UpstreamReply(status, headers, body);
    }

    /** A whole body, with its content type. */
    public static UpstreamReply of(int status, String contentType, byte[] body) {
        return new UpstreamReply(status, Map.of("content-type", List.of(contentType)), ReplyBody.of(body));
    }

    /** The HTTP status for the client. */
    public int status() {
        return status;
    }

    /** The response headers, as given. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body, pulled chunk by chunk by the gateway. */
    public ReplyBody body() {
        return body;
    }

    @Override
    public String toString() {
        return "UpstreamReply[status=" + status + ", headers=" + headers + "]";
    }
}
