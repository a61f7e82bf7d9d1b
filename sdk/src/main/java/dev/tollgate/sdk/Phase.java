package dev.tollgate.sdk;

/**
 * The points of a request at which plugins run, as Kong's. Request-side phases run in
 * descending priority; response-side phases ({@link #HEADER_FILTER}, {@link #BODY_FILTER},
 * {@link #LOG}) in ascending priority, so a plugin wraps the ones below it.
 *
 * @since 0.1.0
 */
public enum Phase {
    /** Before the route's plugins are fully known: rewrite the request. Global plugins only see it. */
    REWRITE,
    /** Authenticate, authorize, limit, transform; may {@link ClientResponse#exit answer} instead of the upstream. */
    ACCESS,
    /** The whole upstream response, buffered, for plugins that must see all of it. */
    RESPONSE,
    /** The upstream's status and headers, before they go to the client. */
    HEADER_FILTER,
    /** Each chunk of the response body on its way to the client. */
    BODY_FILTER,
    /** After the response was sent: log, count, record usage. Off the request's critical path. */
    LOG
}
