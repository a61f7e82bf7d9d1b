package dev.tollgate.host.proxy;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import dev.tollgate.host.plugins.UnreadableBodyException;
import dev.tollgate.host.snapshot.TargetAddress;
import dev.tollgate.sdk.RequestBodyTooLargeException;
import dev.tollgate.upstream.UpstreamConnectException;

/** Why an upstream attempt failed, the status the client gets, and whether another try may help. */
final class UpstreamFailure extends RuntimeException {
    final int status;
    final boolean retryable;

    /** A response too large for the plugins that asked to see it whole. */
    static UpstreamFailure tooLarge(TargetAddress target, int max) {
        return new UpstreamFailure(target.authority() + ": response over " + max + " bytes cannot be buffered for the response phase",
                null, 502, false);
    }

    private UpstreamFailure(String message, Throwable cause, int status, boolean retryable) {
        super(message, cause, false, false);
        this.status = status;
        this.retryable = retryable;
    }

    /**
     * Classifies a failed attempt. {@code bodyReplayable}: the request body could be sent again.
     *
     * @throws RequestBodyTooLargeException when the failure was the client's oversized body
     * @throws UnreadableBodyException       when the client's body could not be read
     */
    static UpstreamFailure of(TargetAddress target, RuntimeException e, boolean bodyReplayable) {
        boolean timeout = false;
        boolean connect = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RequestBodyTooLargeException tooLarge) {
                throw tooLarge;
            }
            if (c instanceof UnreadableBodyException unreadable) {
                throw unreadable; // the client's body failed, not the upstream
            }
            if (c instanceof UpstreamConnectException refused) {
                connect = true; // typed by the client: an address in the message cannot pass for it
                timeout |= refused.timedOut();
            }
            timeout |= c instanceof SocketTimeoutException || c instanceof TimeoutException;
        }
        String what = target.authority() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        // Nothing reached the upstream when the connection failed, so another try (maybe another target) is safe.
        return new UpstreamFailure(what, e, timeout ? 504 : 502, connect && bodyReplayable);
    }
}
