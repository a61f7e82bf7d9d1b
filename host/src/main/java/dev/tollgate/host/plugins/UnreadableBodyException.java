package dev.tollgate.host.plugins;

/**
 * The client's request body could not be read: malformed chunked framing (a bad chunk size, an
 * overflowing one, a bare LF), or a client that went away mid-upload. The client's fault, not
 * the upstream's or a plugin's: the proxy answers 400 and closes the connection, whose framing
 * can no longer be trusted.
 */
public final class UnreadableBodyException extends RuntimeException {
    public UnreadableBodyException(Throwable cause) {
        super("the request body could not be read: " + reason(cause), cause, false, false);
    }

    /** The first message in the chain, cut short: it may quote whatever the client sent. */
    private static String reason(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank()) {
                return m.length() > 200 ? m.substring(0, 200) + "…" : m;
            }
        }
        return cause.getClass().getSimpleName();
    }
}
