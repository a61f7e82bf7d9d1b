package dev.tollgate.host.proxy;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Honours a client's {@code Connection: close} (RFC 9112 §9.6): after the response, the
 * connection is closed. Helidon 4.5 answers with {@code Connection: close} but goes on reading,
 * and would serve a request pipelined after it.
 */
public final class ConnectionClose implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        if (req.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
            throw new CloseConnectionException("the client asked to close the connection");
        }
    }
}
