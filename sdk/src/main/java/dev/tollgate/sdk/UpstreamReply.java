package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What an {@link UpstreamHandler} answers.
 *
 * @param status  the HTTP status for the client
 * @param headers response headers (hop-by-hop ones and {@code Content-Length} are the gateway's business)
 * @param body    the body, sent chunk by chunk as it is produced
 */
public record UpstreamReply(int status, Map<String, List<String>> headers, ReplyBody body) {

    public UpstreamReply {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
        }
        headers = Map.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(body, "body");
    }

    /** A whole body, with its content type. */
    public static UpstreamReply of(int status, String contentType, byte[] body) {
        return new UpstreamReply(status, Map.of("content-type", List.of(contentType)), ReplyBody.of(body));
    }
}
