package dev.tollgate.sdk;

import java.util.Optional;

import dev.tollgate.sdk.llm.LlmContext;

/**
 * What a plugin sees of one request, split as Kong's PDK. Calls that make no sense in the
 * current phase throw {@link WrongPhaseException} naming the phases where they are allowed.
 *
 * @since 0.1.0
 */
public interface PluginContext {

    /** The phase being run. */
    Phase phase();

    /** When the gateway received the request. */
    java.time.Instant startedAt();

    /** The client's request as it arrived: read-only. */
    ClientRequest request();

    /** The request that will go upstream: settable in {@link Phase#REWRITE} and {@link Phase#ACCESS}. */
    UpstreamRequest upstreamRequest();

    /** The upstream's response: from {@link Phase#HEADER_FILTER} on. */
    UpstreamResponse upstreamResponse();

    /** The response the client gets: {@code exit} before the upstream is called, headers after. */
    ClientResponse response();

    /** Who is calling: the authenticated consumer and credential, and credential look-ups. */
    Identity identity();

    /** The matched route and its service. */
    RouteInfo route();

    /** A value another plugin (or this one, earlier) put for this request. */
    <T> Optional<T> get(ContextKey<T> key);

    /** Shares a value with the plugins that run after this one in this request. */
    <T> void put(ContextKey<T> key, T value);

    /** A logger whose lines carry this plugin's name. */
    System.Logger log();

    /** The chat view of the request (parsed once, shared by all plugins); request phases only. */
    LlmContext llm();

    /** Counters, cache and clock, provided by the gateway. */
    HostServices services();

    /**
     * What the gateway measured of the finished exchange (sizes, latencies, who answered);
     * {@link Phase#LOG} only.
     *
     * @throws WrongPhaseException before the log phase
     * @since 0.2.0
     */
    default RequestTotals totals() {
        throw new UnsupportedOperationException("totals() is not supported by this host");
    }
}
