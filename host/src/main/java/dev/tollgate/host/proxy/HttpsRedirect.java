package dev.tollgate.host.proxy;

import dev.tollgate.db.Route;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Kong's answer to an https-only route asked for over http: 426, or a redirect to https. */
final class HttpsRedirect {
    static final String USE_HTTPS = "Please use HTTPS protocol";

    private HttpsRedirect() {
    }

    static void send(ServerRequest req, ServerResponse res, Route route) {
        int code = route.httpsRedirectStatusCode();
        if (code == 426) {
            res.header(HeaderNames.CONNECTION, "Upgrade");
            res.header(HeaderNames.UPGRADE, "TLS/1.2, HTTP/1.1");
            ErrorResponses.send(res, 426, USE_HTTPS);
            return;
        }
        String authority = req.authority() == null ? "" : UpstreamHeaders.stripPort(req.authority());
        String query = req.query().rawValue();
        res.status(Status.create(code));
        res.header(HeaderNames.LOCATION, "https://" + authority + req.path().rawPath()
                + (query == null || query.isEmpty() ? "" : "?" + query));
        ErrorResponses.send(res, code, USE_HTTPS);
    }
}
