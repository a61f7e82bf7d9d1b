package dev.tollgate.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**

 * The upstream's answer, from {@link Phase#HEADER_FILTER} on; absent when a plugin answered with exit.

 *

 * @since 0.1.0

 */
public interface UpstreamResponse {

    /** The upstream's status; 0 when no upstream answered. */
    int status();

    /** The first value of an upstream response header. */
    Optional<String> header(String name);

    /** All upstream response headers, names lower-cased. */
    Map<String, List<String>> headers();

    /** Milliseconds from the gateway receiving the request to the upstream's headers; -1 without an upstream. */
    long latencyMillis();

    /**
     * The whole response body, in {@link Phase#RESPONSE} (and after it, in {@link Phase#LOG}, for
     * responses that were buffered); empty otherwise.
     */
    default java.util.Optional<byte[]> body() {
        return java.util.Optional.empty();
    }
}
