package dev.tollgate.upstream;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A request's line and headers as they go upstream. {@code target} is the path with its query,
 * already encoded. The client owns the framing: a {@code Content-Length} or
 * {@code Transfer-Encoding} among {@code headers} is ignored, and the request's own is written
 * from its {@link RequestContent}.
 */
public record RequestHead(String method, String target, List<HeaderField> headers) {
    public RequestHead {
        requireNonNull(method, "method");
        requireNonNull(target, "target");
        headers = List.copyOf(headers);
    }
}
