package dev.tollgate.host.ui;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Applies an Admin API filter (the token, the origin check) to the UI listener's {@code /api}
 * paths only: the UI's own files are public, the API behind them is not.
 */
public final class ApiOnly implements Filter {
    public static final String PREFIX = "/api";

    private final Filter delegate;

    public ApiOnly(Filter delegate) {
        this.delegate = delegate;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.equals(PREFIX) || path.startsWith(PREFIX + "/")) {
            delegate.filter(chain, req, res);
        } else {
            chain.proceed();
        }
    }
}
