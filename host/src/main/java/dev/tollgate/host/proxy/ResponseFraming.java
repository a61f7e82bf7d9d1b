package dev.tollgate.host.proxy;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

import dev.tollgate.upstream.UpstreamExchange;

/**
 * The one {@code Content-Length} a client gets for an upstream's answer. The upstream's own
 * header is never copied as it came: said twice, or as {@code 2, 2}, it would reach the client
 * twice. An answer with a body and a length has that length, one without is chunked, and a HEAD
 * answer keeps the length of the body it stands for. A 204, 205 or 304 gets none from here:
 * Helidon 4.5 writes {@code Content-Length: 0} on it (and turns any other length into a 500).
 */
final class ResponseFraming {
    private ResponseFraming() {
    }

    /** Sets the length on {@code res}; true when it set one. A HEAD answer is then sent with {@link #sendHead}. */
    static boolean copy(UpstreamExchange upstream, ServerResponse res) {
        int status = upstream.status();
        long length = upstream.declaredLength();
        if (length < 0 || status < 200 || status == 204 || status == 205 || status == 304) {
            return false;
        }
        res.headers().set(HeaderValues.create(HeaderNames.CONTENT_LENGTH, Long.toString(length)));
        return true;
    }

    /**
     * Ends the answer to a HEAD request: its head alone, with the length {@link #copy} set
     * (Helidon's output stream would write a zero over it).
     */
    static void sendHead(ServerResponse res) {
        res.send(new byte[0]);
    }
}
