package dev.tollgate.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**

 * The client's request as it reached the gateway. Read-only: change the upstream request instead.

 *

 * @since 0.1.0

 */
public interface ClientRequest {

    /** {@code GET}, {@code POST}, ... */
    String method();

    /** {@code http} or {@code https}. */
    String scheme();

    /** The Host header (maybe with a port), or empty. */
    Optional<String> host();

    /** The path as sent, percent-encoded, without the query. */
    String path();

    /** The raw query string without '?', empty when there is none. */
    String rawQuery();

    /** The first value of a query parameter, decoded. */
    Optional<String> query(String name);

    /** All query parameters, decoded, in order of appearance. */
    Map<String, List<String>> queryParameters();

    /** The first value of a header (name case-insensitive). */
    Optional<String> header(String name);

    /** All values of a header (name case-insensitive); empty when absent. */
    List<String> headers(String name);

    /** All headers, names lower-cased. */
    Map<String, List<String>> headers();

    /** The client's IP address. */
    String clientIp();

    /**
     * The request body, read into memory once and shared by every plugin that asks for it.
     * Asking forces the body to be buffered, so only ask when the plugin needs it.
     */
    byte[] body();
}
