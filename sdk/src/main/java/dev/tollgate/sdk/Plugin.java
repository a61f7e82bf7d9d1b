package dev.tollgate.sdk;

/**
 * One configured plugin instance. Implement the phases the factory declares; the others are
 * never called. Instances are shared by concurrent requests: keep per-request data in the
 * context ({@link PluginContext#put}), not in fields.
 *
 * @since 0.1.0
 */
public interface Plugin {

    /** {@link Phase#REWRITE}. */
    default void rewrite(PluginContext ctx) {
    }

    /** {@link Phase#ACCESS}. */
    default void access(PluginContext ctx) {
    }

    /**
     * {@link Phase#RESPONSE}: the whole upstream response has been read ({@link UpstreamResponse#body()})
     * and nothing has gone to the client yet; {@link ClientResponse#setBody} replaces what it gets.
     * Declaring this phase makes the gateway buffer the responses the plugin applies to, so
     * streamed (SSE) responses reach the client only when complete.
     */
    default void response(PluginContext ctx) {
    }

    /** {@link Phase#HEADER_FILTER}: the upstream's status and headers are known; the client's can be changed. */
    default void headerFilter(PluginContext ctx) {
    }

    /**
     * {@link Phase#BODY_FILTER}: one chunk of the response body; return what the client gets
     * instead (the chunk itself to leave it alone). {@code last} is true for the final call,
     * whose chunk may be empty.
     */
    default byte[] bodyFilter(PluginContext ctx, byte[] chunk, boolean last) {
        return chunk;
    }

    /** {@link Phase#LOG}: after the response was sent. */
    default void log(PluginContext ctx) {
    }

    /**
     * The instance is no longer configured (its configuration changed, it was deleted, or the
     * gateway stops): flush and release what it holds (threads, connections, files). Called
     * once, after requests that were using it have had time to finish; never concurrently
     * with itself.
     */
    default void close() {
    }
}
