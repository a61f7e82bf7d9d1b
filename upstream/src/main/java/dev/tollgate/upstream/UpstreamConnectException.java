package dev.tollgate.upstream;

import java.io.IOException;

/**
 * No connection could be made: the name did not resolve, every address refused or timed out, or
 * the TLS handshake failed. Nothing of the request reached the upstream, so sending it again,
 * to this upstream or another, cannot do it twice. {@link #timedOut()} tells a connect timeout
 * (a 504 for the client) from a refusal (a 502).
 */
public final class UpstreamConnectException extends IOException {
    private final boolean timedOut;

    public UpstreamConnectException(String message, IOException cause, boolean timedOut) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** True when the connect budget ran out (rather than the upstream refusing). */
    public boolean timedOut() {
        return timedOut;
    }
}
