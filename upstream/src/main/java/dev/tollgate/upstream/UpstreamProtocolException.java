package dev.tollgate.upstream;

import java.io.IOException;

/**
 * The upstream's answer does not follow HTTP/1.1 closely enough to be passed on safely: a
 * malformed status line or header, ambiguous framing ({@code Content-Length} beside
 * {@code Transfer-Encoding}), a head over the size limit, a broken chunk. The connection is
 * closed; the client gets a 502.
 */
public final class UpstreamProtocolException extends IOException {
    public UpstreamProtocolException(String message) {
        super(message);
    }
}
