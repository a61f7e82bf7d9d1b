package dev.tollgate.host.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.db.Route;
import dev.tollgate.db.Service;
import dev.tollgate.host.router.RouteMatch;
import dev.tollgate.host.router.UpstreamPath;
import dev.tollgate.host.snapshot.ConfigSnapshot;
import dev.tollgate.host.snapshot.SnapshotSource;
import dev.tollgate.host.snapshot.TargetAddress;
import dev.tollgate.host.snapshot.UpstreamBalancer;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The data path: match a route, pick a target, forward the request and stream the answer
 * back. Everything it reads comes from the current {@link ConfigSnapshot}.
 */
public final class ProxyHandler implements Handler {
    private static final System.Logger LOG = System.getLogger(ProxyHandler.class.getName());
    private static final int COPY_BUFFER = 16 * 1024;
    private static final Header VIA = HeaderValues.create("Via", "1.1 tollgate");
    private static final HeaderName UPSTREAM_LATENCY = HeaderNames.create("X-Tollgate-Upstream-Latency");

    private final SnapshotSource snapshots;
    private final UpstreamClients clients;
    private final long maxBodySize;

    public ProxyHandler(SnapshotSource snapshots, UpstreamClients clients, long maxBodySize) {
        this.snapshots = snapshots;
        this.clients = clients;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        ConfigSnapshot snapshot = snapshots.current();
        String method = req.prologue().method().text();
        Optional<RouteMatch> found = snapshot.router().match(method, req.isSecure() ? "https" : "http",
                req.authority(), req.path().rawPath(), name -> headerValues(req, name));
        if (found.isEmpty()) {
            if (!req.isSecure()) {
                // An https-only route asked for over http: say so rather than "no route".
                Optional<RouteMatch> secure = snapshot.router().match(method, "https", req.authority(),
                        req.path().rawPath(), name -> headerValues(req, name));
                if (secure.isPresent()) {
                    HttpsRedirect.send(req, res, secure.get().route());
                    return;
                }
            }
            ErrorResponses.send(res, 404, ErrorResponses.NO_ROUTE);
            return;
        }
        RouteMatch match = found.get();
        Route route = match.route();
        Optional<Service> service = snapshot.service(route.service() == null ? null : route.service().id());
        if (service.isEmpty() || !service.get().enabled()) {
            ErrorResponses.send(res, 503, ErrorResponses.NO_SERVICE);
            return;
        }
        try {
            // A declared length over the limit is refused before a byte of the body is read.
            if (req.headers().contentLength().orElse(-1) > maxBodySize) {
                throw new BodyTooLargeException();
            }
            RequestBody body = RequestBody.of(req, route.requestBuffering(), maxBodySize);
            forward(req, res, snapshot, match, service.get(), body, start);
        } catch (BodyTooLargeException e) {
            if (!res.isSent()) {
                ErrorResponses.send(res, 413, ErrorResponses.TOO_LARGE);
            }
        }
    }

    private static List<String> headerValues(ServerRequest req, String name) {
        HeaderName h = HeaderNames.create(name);
        return req.headers().contains(h) ? req.headers().get(h).allValues() : List.of();
    }

    private void forward(ServerRequest req, ServerResponse res, ConfigSnapshot snapshot, RouteMatch match,
                         Service svc, RequestBody body, long start) {
        Optional<UpstreamBalancer> balancer = snapshot.upstream(svc.host());
        if (balancer.isPresent() && balancer.get().isEmpty()) {
            ErrorResponses.send(res, 503, ErrorResponses.NO_TARGETS);
            return;
        }
        String path = UpstreamPath.join(svc.path(), match);
        String query = req.query().rawValue();
        String pathAndQuery = query == null || query.isEmpty() ? path : path + "?" + query;
        UpstreamFailure last = null;
        for (int attempt = 0; attempt <= svc.retries(); attempt++) {
            TargetAddress target = balancer.map(UpstreamBalancer::next)
                    .orElseGet(() -> new TargetAddress(svc.host(), svc.port()));
            try {
                exchange(req, res, match, svc, target, balancer.flatMap(UpstreamBalancer::hostHeader).orElse(null),
                        pathAndQuery, body, start);
                return;
            } catch (UpstreamFailure f) {
                last = f;
                if (!f.retryable || res.isSent()) {
                    break;
                }
                LOG.log(Level.DEBUG, () -> "upstream " + svc.name() + " attempt failed, retrying: " + f.getMessage());
            }
        }
        LOG.log(Level.WARNING, "upstream " + svc.name() + ": " + last.getMessage());
        if (!res.isSent()) {
            ErrorResponses.send(res, last.status, last.status == 504 ? ErrorResponses.TIMEOUT : ErrorResponses.BAD_GATEWAY);
        }
    }

    private void exchange(ServerRequest req, ServerResponse res, RouteMatch match, Service svc, TargetAddress target,
                          String hostHeader, String pathAndQuery, RequestBody body, long start) {
        HttpClientRequest up = clients.client(svc.connectTimeout(), svc.tlsVerify(), svc.caFile())
                .method(Method.create(req.prologue().method().text()))
                .uri(svc.protocol() + "://" + target.authority() + pathAndQuery)
                .skipUriEncoding(true)
                .readTimeout(Duration.ofMillis(svc.readTimeout()));
        UpstreamHeaders.copy(req, up, match, svc.protocol(), target, hostHeader);
        HttpClientResponse upRes;
        try {
            upRes = body.send(up, Duration.ofMillis(svc.writeTimeout()));
        } catch (RuntimeException e) {
            throw UpstreamFailure.of(target, e, body.replayable());
        }
        try (upRes) {
            long upstreamLatencyMs = (System.nanoTime() - start) / 1_000_000;
            res.status(Status.create(upRes.status().code(), upRes.status().reasonPhrase()));
            Set<String> drop = ProxyHeaders.dropped(upRes.headers());
            for (Header h : upRes.headers()) {
                if (!drop.contains(h.name().toLowerCase(Locale.ROOT))) {
                    res.header(h);
                }
            }
            res.header(VIA);
            res.header(UPSTREAM_LATENCY, Long.toString(upstreamLatencyMs));
            streamBody(upRes, res, target);
        }
    }

    /** Copies the upstream body as it arrives; flushes whenever the upstream pauses (SSE). */
    private static void streamBody(HttpClientResponse upRes, ServerResponse res, TargetAddress target) {
        byte[] buf = new byte[COPY_BUFFER];
        try (InputStream in = upRes.inputStream(); OutputStream out = res.outputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Headers are gone already; the only honest signal left is an aborted connection.
            LOG.log(Level.WARNING, "upstream " + target.authority() + " failed mid-response: " + e.getMessage());
            throw new UncheckedIOException(new IOException("upstream failed mid-response", e));
        }
    }

    /** The request body went past {@code proxy.max-body-size}. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super(ErrorResponses.TOO_LARGE, null, false, false);
        }
    }
}
