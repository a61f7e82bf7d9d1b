package dev.tollgate.host.ui;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The security headers of every answer on the UI's listener: a strict Content-Security-Policy
 * (scripts and styles from this origin only, no inline script, no eval, no framing, calls only
 * to this origin), no MIME sniffing, no referrer.
 */
public final class UiHeaders implements Filter {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final Header CSP = HeaderValues.create("Content-Security-Policy", POLICY);
    private static final Header NOSNIFF = HeaderValues.create("X-Content-Type-Options", "nosniff");
    private static final Header REFERRER = HeaderValues.create("Referrer-Policy", "no-referrer");
    private static final Header FRAMES = HeaderValues.create("X-Frame-Options", "DENY");
    private static final Header OPENER = HeaderValues.create("Cross-Origin-Opener-Policy", "same-origin");
    private static final Header RESOURCES = HeaderValues.create("Cross-Origin-Resource-Policy", "same-origin");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(CSP);
        res.header(NOSNIFF);
        res.header(REFERRER);
        res.header(FRAMES);
        res.header(OPENER);
        res.header(RESOURCES);
        chain.proceed();
    }
}
