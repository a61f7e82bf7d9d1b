package dev.tollgate.sdk;

import java.util.Optional;

/**

 * The request that goes to the upstream; changes apply in {@link Phase#REWRITE} and {@link Phase#ACCESS}.

 *

 * @since 0.1.0

 */
public interface UpstreamRequest {

    /** The method sent upstream (the client's unless a plugin changed it). */
    String method();

    /** Changes the method sent upstream ({@code GET}, {@code POST}, ...). */
    void setMethod(String method);

    /** Sets a header, replacing its values. */
    void setHeader(String name, String value);

    /** Adds a value to a header. */
    void addHeader(String name, String value);

    /** Removes a header. */
    void removeHeader(String name);

    /** The current value of a header on the upstream request. */
    Optional<String> header(String name);

    /** The path sent upstream (after the route's strip_path and the service's path), percent-encoded. */
    String path();

    /**
     * Replaces the path sent upstream: percent-encoded, starting with '/'; a space or control
     * character is refused with an {@link IllegalArgumentException} (it would split the request line).
     */
    void setPath(String path);

    /** The raw query string sent upstream, without '?'. */
    String rawQuery();

    /** Replaces the raw query string (percent-encoded, without '?'; empty for none; no spaces or control characters). */
    void setRawQuery(String rawQuery);

    /** Sets one query parameter, replacing its values. */
    void setQueryParameter(String name, String value);

    /** Removes a query parameter. */
    void removeQueryParameter(String name);

    /**
     * Replaces the body sent upstream; {@code Content-Length} follows. The chat view
     * ({@code ctx.llm().request()}) is read again from the new body, and changes made to the
     * earlier view are dropped: the last writer wins.
     */
    void setBody(byte[] body);

    /**
     * The body as it would go upstream now: the client's, or what the plugins that ran before
     * made of it ({@link #setBody}, or changes through the chat view). Asking buffers the
     * client's body, as {@link ClientRequest#body()} does.
     * The default, for implementations that predate it, throws {@link UnsupportedOperationException}.
     */
    default byte[] body() {
        throw new UnsupportedOperationException("body() is not supported by this host");
    }

    /**
     * Hands the upstream call to {@code handler} instead of the gateway's proxying to the
     * service; {@link Phase#ACCESS} only. The last handler set wins.
     */
    void setHandler(UpstreamHandler handler);

    /**
     * The handler a plugin set so far, if any: a plugin that runs after it can wrap it (a cache
     * answering hits itself and recording misses, say) and set the wrapper.
     */
    Optional<UpstreamHandler> handler();
}
