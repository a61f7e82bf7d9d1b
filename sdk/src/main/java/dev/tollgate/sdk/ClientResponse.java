package dev.tollgate.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The response the client gets. Statuses are final ones (200..599). The headers that frame the
 * response or its connection ({@link #FRAMING_HEADERS}) are the gateway's to set: setting or
 * adding one fails with {@link IllegalArgumentException} (removing one is fine: the gateway
 * frames what is left).
 *
 * @since 0.1.0
 */
public interface ClientResponse {
    /**
     * Lower-case names of the headers a plugin may not set: a {@code Content-Length: 0} before a
     * body, say, would let a client read the body as a next response.
     */
    Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
            "upgrade", "te", "trailer", "proxy-connection");

    /**
     * Answers the client now instead of the upstream and stops the request phases after this
     * plugin ({@link Phase#REWRITE}, {@link Phase#ACCESS}), with a final {@code status}
     * (200..599). A {@code body} that is a
     * {@link String} is sent as is; a {@link Map}, {@link java.util.List}, number or boolean as
     * JSON. Response phases and {@link Phase#LOG} still run.
     */
    void exit(int status, Object body, Map<String, String> headers);

    /** {@code exit(status, body, Map.of())}. */
    default void exit(int status, Object body) {
        exit(status, body, Map.of());
    }

    /**
     * Replaces the body the client gets, in {@link Phase#RESPONSE}; {@code Content-Length}
     * follows.
     */
    void setBody(byte[] body);

    /**
     * Replaces the status the client gets, in {@link Phase#RESPONSE} (200..599).
     * The default, for implementations that predate it, throws {@link UnsupportedOperationException}.
     */
    default void setStatus(int status) {
        throw new UnsupportedOperationException("setStatus() is not supported by this host");
    }

    /** True once a plugin called {@link #exit}. */
    boolean exited();

    /** The status the client gets (the upstream's, or the exit's); 0 while unknown. */
    int status();

    /** Sets a header on the client's response (before the headers are sent). */
    void setHeader(String name, String value);

    /** Adds a header value on the client's response. */
    void addHeader(String name, String value);

    /** Removes a header from the client's response. */
    void removeHeader(String name);

    /** A header the client's response carries so far. */
    Optional<String> header(String name);
}
