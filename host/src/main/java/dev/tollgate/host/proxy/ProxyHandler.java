package dev.tollgate.host.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
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
    private static final int BUFFER = 16 * 1024;
    private static final Header VIA = HeaderValues.create("Via", "1.1 tollgate");
    private static final HeaderName UPSTREAM_LATENCY = HeaderNames.create("X-Tollgate-Upstream-Latency");
    private static final HeaderName FORWARDED_PROTO = HeaderNames.create("X-Forwarded-Proto");
    private static final HeaderName FORWARDED_HOST = HeaderNames.create("X-Forwarded-Host");
    private static final HeaderName FORWARDED_PORT = HeaderNames.create("X-Forwarded-Port");
    private static final HeaderName FORWARDED_PATH = HeaderNames.create("X-Forwarded-Path");
    private static final HeaderName FORWARDED_PREFIX = HeaderNames.create("X-Forwarded-Prefix");
    private static final HeaderName REAL_IP = HeaderNames.create("X-Real-IP");

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
        String scheme = req.isSecure() ? "https" : "http";
        String host = req.authority();
        Optional<RouteMatch> found = snapshot.router().match(method, scheme, host, req.path().rawPath(),
                name -> req.headers().contains(HeaderNames.create(name))
                        ? req.headers().get(HeaderNames.create(name)).allValues() : java.util.List.of());
        if (found.isEmpty()) {
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
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBodySize) {
            ErrorResponses.send(res, 413, ErrorResponses.TOO_LARGE);
            return;
        }
        Service svc = service.get();
        byte[] body = null;
        if (route.requestBuffering() || declared >= 0 && declared <= BUFFER) {
            try {
                body = readBounded(req.content().inputStream());
            } catch (BodyTooLargeException e) {
                ErrorResponses.send(res, 413, ErrorResponses.TOO_LARGE);
                return;
            }
        }
        try {
            forward(req, res, snapshot, match, svc, body, start);
        } catch (BodyTooLargeException e) {
            if (!res.isSent()) {
                ErrorResponses.send(res, 413, ErrorResponses.TOO_LARGE);
            }
        }
    }

    private void forward(ServerRequest req, ServerResponse res, ConfigSnapshot snapshot, RouteMatch match,
                         Service svc, byte[] body, long start) {
        Optional<UpstreamBalancer> balancer = snapshot.upstream(svc.host());
        if (balancer.isPresent() && balancer.get().isEmpty()) {
            ErrorResponses.send(res, 503, ErrorResponses.NO_TARGETS);
            return;
        }
        String path = UpstreamPath.join(svc.path(), match);
        String query = req.query().rawValue();
        String pathAndQuery = query == null || query.isEmpty() ? path : path + "?" + query;
        // Retries are safe only while the body can be sent again: buffered, or never started.
        int attempts = 1 + (body != null || !hasBody(req) ? svc.retries() : 0);
        UpstreamFailure last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            TargetAddress target = balancer.map(UpstreamBalancer::next)
                    .orElseGet(() -> new TargetAddress(svc.host(), svc.port()));
            try {
                exchange(req, res, match, svc, target, pathAndQuery, body, start);
                return;
            } catch (UpstreamFailure f) {
                last = f;
                if (!f.retryable || res.isSent()) {
                    break;
                }
                LOG.log(Level.DEBUG, () -> "attempt " + f.getMessage() + ", retrying");
            }
        }
        LOG.log(Level.WARNING, "upstream " + svc.name() + ": " + last.getMessage());
        if (!res.isSent()) {
            ErrorResponses.send(res, last.status, last.status == 504 ? ErrorResponses.TIMEOUT : ErrorResponses.BAD_GATEWAY);
        }
    }

    private void exchange(ServerRequest req, ServerResponse res, RouteMatch match, Service svc, TargetAddress target,
                          String pathAndQuery, byte[] body, long start) {
        var client = clients.client(svc.connectTimeout(), svc.tlsVerify(), svc.caFile());
        String uri = svc.protocol() + "://" + target.authority() + pathAndQuery;
        HttpClientRequest up = client.method(Method.create(req.prologue().method().text()))
                .uri(uri)
                .skipUriEncoding(true)
                .readTimeout(Duration.ofMillis(svc.readTimeout()));
        copyRequestHeaders(req, up, match, target);
        HttpClientResponse upRes;
        try {
            if (body != null) {
                upRes = body.length == 0 && !hasBody(req) ? up.request() : up.submit(body);
            } else {
                upRes = up.outputStream(out -> {
                    try (InputStream in = new BoundedInputStream(req.content().inputStream(), maxBodySize)) {
                        in.transferTo(out);
                    }
                    out.close();
                });
            }
        } catch (RuntimeException e) {
            throw UpstreamFailure.of(target, e, true);
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
        byte[] buf = new byte[BUFFER];
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

    private void copyRequestHeaders(ServerRequest req, HttpClientRequest up, RouteMatch match, TargetAddress target) {
        Route route = match.route();
        Set<String> drop = ProxyHeaders.dropped(req.headers());
        for (Header h : req.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (drop.contains(name) || name.equals("host") || name.startsWith("x-forwarded-")) {
                continue;
            }
            up.header(h);
        }
        String clientIp = req.remotePeer().host();
        String prior = req.headers().contains(HeaderNames.X_FORWARDED_FOR)
                ? req.headers().get(HeaderNames.X_FORWARDED_FOR).values() : null;
        up.header(HeaderNames.X_FORWARDED_FOR, prior == null ? clientIp : prior + ", " + clientIp);
        up.header(FORWARDED_PROTO, req.isSecure() ? "https" : "http");
        String authority = req.authority();
        String clientHost = authority == null ? "" : stripPort(authority);
        up.header(FORWARDED_HOST, clientHost);
        up.header(FORWARDED_PORT, Integer.toString(req.localPeer().port()));
        up.header(FORWARDED_PATH, req.path().rawPath());
        if (route.stripPath() && !match.matchedPath().isEmpty()) {
            up.header(FORWARDED_PREFIX, match.matchedPath()); // what the upstream no longer sees of the path
        }
        up.header(REAL_IP, clientIp);
        if (route.preserveHost() && authority != null) {
            up.header(HeaderNames.HOST, authority);
        } else {
            up.header(HeaderNames.HOST, target.port() == 80 || target.port() == 443
                    ? target.authority().substring(0, target.authority().lastIndexOf(':')) : target.authority());
        }
    }

    private static String stripPort(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end > 0 ? authority.substring(0, end + 1) : authority;
        }
        int colon = authority.lastIndexOf(':');
        return colon > 0 ? authority.substring(0, colon) : authority;
    }

    private static boolean hasBody(ServerRequest req) {
        return req.headers().contentLength().orElse(0) > 0 || req.headers().contains(HeaderNames.TRANSFER_ENCODING);
    }

    private byte[] readBounded(InputStream in) {
        try (in) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            if (data.length > maxBodySize) {
                throw new BodyTooLargeException();
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof BodyTooLargeException || isTooLarge(e)) {
                throw new BodyTooLargeException();
            }
            throw e;
        }
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.helidon.http.RequestException re && re.status() == Status.REQUEST_ENTITY_TOO_LARGE_413) {
                return true;
            }
        }
        return false;
    }

    /** The request body went past {@code proxy.max-body-size}. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super(ErrorResponses.TOO_LARGE, null, false, false);
        }
    }

    /** Why an upstream attempt failed, the status the client gets, and whether another try may help. */
    static final class UpstreamFailure extends RuntimeException {
        final int status;
        final boolean retryable;

        private UpstreamFailure(String message, Throwable cause, int status, boolean retryable) {
            super(message, cause, false, false);
            this.status = status;
            this.retryable = retryable;
        }

        static UpstreamFailure of(TargetAddress target, RuntimeException e, boolean bodyReplayable) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BodyTooLargeException tooLarge) {
                    throw tooLarge;
                }
            }
            boolean timeout = false;
            boolean connect = false;
            for (Throwable c = e; c != null; c = c.getCause()) {
                String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
                boolean timedOut = c instanceof SocketTimeoutException || c instanceof java.util.concurrent.TimeoutException
                        || m.contains("timed out") || m.contains("timeout");
                timeout |= timedOut;
                connect |= c instanceof ConnectException || c instanceof UnknownHostException
                        || c instanceof NoRouteToHostException || timedOut && m.contains("connect");
            }
            String what = target.authority() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            // Nothing reached the upstream when the connection failed, so another try (maybe another target) is safe.
            return new UpstreamFailure(what, e, timeout ? 504 : 502, connect && bodyReplayable);
        }
    }
}
