package dev.tollgate.sdk;

/**
 * Answers a request in place of the gateway's own call to the service's upstream. A plugin sets
 * one in {@link Phase#ACCESS} ({@link UpstreamRequest#setHandler}) when it calls the upstream
 * itself — the AI proxy does, to translate for a provider and fall back across targets. The
 * gateway calls it on the request's thread once every request phase has run, then sends the
 * reply through the response phases as if an upstream had answered: {@code header_filter}, each
 * chunk through {@code body_filter}, then {@code log}.
 *
 * @since 0.1.0
 */
@Experimental
@FunctionalInterface
public interface UpstreamHandler {

    /**
     * The reply to send. A handler that cannot reach its upstream returns an error reply (its
     * status and body say what failed); one that throws gets the client a 500, like a failing
     * plugin.
     */
    UpstreamReply handle(UpstreamCall call);
}
