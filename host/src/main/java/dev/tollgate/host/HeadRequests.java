package dev.tollgate.host;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;

/**
 * Answers to HEAD requests carry no body. Helidon 4.5 writes whatever body a handler sends, HEAD
 * or not, and a keep-alive client (or a proxy in front of the gateway, reusing the connection
 * for another user) would read those bytes as the start of the next answer. This filter marks a
 * HEAD request for the handlers running it; {@link #send} then sends the head alone, with the
 * length the body would have had.
 */
public final class HeadRequests implements Filter {
    private static final ScopedValue<Boolean> HEAD = ScopedValue.newInstance();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.prologue().method() == Method.HEAD) {
            ScopedValue.where(HEAD, Boolean.TRUE).run(chain::proceed);
        } else {
            chain.proceed();
        }
    }

    /** True while a HEAD request is being answered on this thread. */
    public static boolean active() {
        return HEAD.isBound();
    }

    /** Sends {@code body}; for a HEAD request, its length and no bytes. */
    public static void send(ServerResponse res, byte[] body) {
        if (!active()) {
            res.send(body);
            return;
        }
        int status = res.status().code();
        if (status >= 200 && status != 204 && status != 304) {
            res.header(HeaderValues.create(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length)));
        }
        res.send(new byte[0]);
    }
}
