package dev.tollgate.host.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.db.Route;
import dev.tollgate.db.Service;
import dev.tollgate.host.plugins.PluginRun;
import dev.tollgate.host.plugins.RunTimes;
import dev.tollgate.host.plugins.UnreadableBodyException;
import dev.tollgate.host.plugins.UpstreamRequestState;
import dev.tollgate.host.plugins.UpstreamResponseState;
import dev.tollgate.host.router.RouteMatch;
import dev.tollgate.host.router.UpstreamPath;
import dev.tollgate.host.snapshot.ConfigSnapshot;
import dev.tollgate.host.snapshot.SnapshotSource;
import dev.tollgate.host.snapshot.TargetAddress;
import dev.tollgate.host.snapshot.UpstreamBalancer;
import dev.tollgate.host.metrics.RequestStats;
import dev.tollgate.host.requests.RequestLog;
import dev.tollgate.host.usage.UsageReports;
import dev.tollgate.sdk.RequestBodyTooLargeException;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.upstream.Address;
import dev.tollgate.upstream.HeaderField;
import dev.tollgate.upstream.RequestHead;
import dev.tollgate.upstream.UpstreamClient;
import dev.tollgate.upstream.UpstreamExchange;
import dev.tollgate.host.HeadRequests;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The data path: match a route, run the plugins' request phases, pick a target, forward the
 * request and stream the answer back through the response phases; the log phase runs after
 * the response is sent. Everything it reads comes from the current {@link ConfigSnapshot}.
 */
public final class ProxyHandler implements Handler {
    private static final System.Logger LOG = System.getLogger(ProxyHandler.class.getName());
    private static final int COPY_BUFFER = 16 * 1024;
    /** The most a response-phase plugin can make the gateway hold of one response. */
    private static final int MAX_BUFFERED_RESPONSE = 64 * 1024 * 1024;
    private static final Header VIA = HeaderValues.create("Via", "1.1 tollgate");
    private static final HeaderName UPSTREAM_LATENCY = HeaderNames.create("X-Tollgate-Upstream-Latency");

    private final SnapshotSource snapshots;
    private final UpstreamClients clients;
    private final long maxBodySize;
    private final Duration clientBodyTimeout;
    private final UsageReports usage;
    private final RequestStats stats;
    private final RequestLog requests;
    private final int logBodyLimit;

    public ProxyHandler(SnapshotSource snapshots, UpstreamClients clients, long maxBodySize, Duration clientBodyTimeout,
                        UsageReports usage, RequestStats stats, RequestLog requests, int logBodyLimit) {
        this.stats = stats;
        this.requests = requests;
        this.logBodyLimit = logBodyLimit;
        this.snapshots = snapshots;
        this.clients = clients;
        this.maxBodySize = maxBodySize;
        this.clientBodyTimeout = clientBodyTimeout;
        this.usage = usage;
    }

    /** One request on its way through: the route, the upstream request as plugins leave it, the plugins' run. */
    private record Exchange(ServerRequest req, ServerResponse res, ConfigSnapshot snapshot, RouteMatch match,
                            Service svc, UpstreamRequestState upstream, BodyHolder body, PluginRun run, RunTimes times,
                            long start, List<HeaderName> copiedHeaders) {}

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        stats.started();
        RequestTrail trail = new RequestTrail(start, req);
        try {
            route(req, res, start, trail);
        } finally {
            stats.finished(System.nanoTime() - start, trail.route == null ? null : trail.route.id(), res.status().code());
            requests.add(seq -> trail.entry(seq, requests.node(), req, res, start, logBodyLimit));
        }
    }

    private void route(ServerRequest req, ServerResponse res, long start, RequestTrail trail) {
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
        trail.times.routed(System.nanoTime());
        RouteMatch match = found.get();
        Route route = match.route();
        trail.route = route;
        Optional<Service> service = snapshot.service(route.service() == null ? null : route.service().id());
        if (service.isEmpty() || !service.get().enabled()) {
            ErrorResponses.send(res, 503, ErrorResponses.NO_SERVICE);
            return;
        }
        Service svc = service.get();
        trail.service = svc;
        String query = req.query().rawValue();
        var upstream = new UpstreamRequestState(method, UpstreamHeaders.fromClient(req), UpstreamPath.join(svc.path(), match),
                query == null ? "" : query);
        BodyHolder body = new BodyHolder(req, maxBodySize, clientBodyTimeout);
        // No plugin applies to the route: the request skips the plugin machinery altogether.
        boolean plugins = !snapshot.plugins().isEmpty() && !snapshot.plugins().plan(route.id(), svc.id()).none();
        PluginRun run = !plugins ? null : new PluginRun(snapshot.plugins(),
                RouteInfo.builder(route.id(), svc.id()).routeName(route.name()).serviceName(svc.name()).build(),
                req, body, upstream, snapshot.identities(), trail.times);
        Exchange x = new Exchange(req, res, snapshot, match, svc, upstream, body, run, trail.times, start, new ArrayList<>(0));
        trail.run = run;
        trail.body = body;
        try {
            // A declared length over the limit is refused before a byte of the body is read.
            if (req.headers().contentLength().orElse(-1) > maxBodySize) {
                throw new RequestBodyTooLargeException();
            }
            if (run != null) {
                run.requestPhases();
                if (run.response().exited()) {
                    run.headerFilter(UpstreamResponseState.NONE);
                    ExitResponses.send(res, run.response());
                    return;
                }
            }
            trail.times.upstreamStarted();
            boolean answered = true;
            if (upstream.handler().isPresent()) {
                HandledReply.serve(run, upstream, body, res, start, x.copiedHeaders());
            } else {
                answered = forward(x, body.toSend(route.requestBuffering(), upstream.replacedBody()));
            }
            if (answered) {
                trail.times.upstreamEnded();
            }
        } catch (HandledReply.Failed e) {
            LOG.log(Level.WARNING, e.getMessage());
            fail(x, e.status, ErrorResponses.BAD_GATEWAY);
        } catch (RequestBodyTooLargeException e) {
            fail(x, 413, ErrorResponses.TOO_LARGE);
        } catch (UnreadableBodyException e) {
            LOG.log(Level.DEBUG, () -> "client " + RequestTrail.clientIp(req) + ": " + e.getMessage());
            // Its framing cannot be trusted any more: whatever follows on this connection is not a
            // request. Helidon keeps reading after a "Connection: close" answer; this ends it.
            x.res().header(HeaderValues.CONNECTION_CLOSE);
            fail(x, 400, ErrorResponses.UNREADABLE_BODY);
            throw new CloseConnectionException("the request body could not be read", e);
        } catch (PluginRun.PluginFailure e) {
            fail(x, 500, ErrorResponses.UNEXPECTED);
        } finally {
            // Whatever happened (a client gone, an upstream cut mid-stream), the log phase runs:
            // a request that cost tokens is recorded even when it ended badly.
            if (run != null) {
                run.freezeRequest(body.readSoFar());
                UsageReports.price(run, snapshot.prices());
                if (run.logs()) {
                    run.totals(ExchangeTotals.of(req, res, body.readSoFar(), start, run));
                }
                afterResponse(run);
            }
        }
    }

    private static List<String> headerValues(ServerRequest req, String name) {
        HeaderName h = HeaderNames.create(name);
        return req.headers().contains(h) ? req.headers().get(h).allValues() : List.of();
    }

    /** Sends the request upstream, with retries; false when the gateway answered instead (no target, all attempts failed). */
    private boolean forward(Exchange x, RequestBody body) {
        Optional<UpstreamBalancer> balancer = x.snapshot().upstream(x.svc().host());
        if (balancer.isPresent() && balancer.get().isEmpty()) {
            fail(x, 503, ErrorResponses.NO_TARGETS);
            return false;
        }
        String query = x.upstream().rawQuery();
        String pathAndQuery = query.isEmpty() ? x.upstream().path() : x.upstream().path() + "?" + query;
        String hostHeader = balancer.flatMap(UpstreamBalancer::hostHeader).orElse(null);
        UpstreamFailure last = null;
        for (int attempt = 0; attempt <= x.svc().retries(); attempt++) {
            TargetAddress target = balancer.map(UpstreamBalancer::next)
                    .orElseGet(() -> new TargetAddress(x.svc().host(), x.svc().port()));
            try {
                exchange(x, target, hostHeader, pathAndQuery, body);
                return true;
            } catch (UpstreamFailure f) {
                last = f;
                if (!f.retryable || x.res().isSent()) {
                    break;
                }
                LOG.log(Level.DEBUG, () -> "upstream " + x.svc().name() + " attempt failed, retrying: " + f.getMessage());
            }
        }
        LOG.log(Level.WARNING, "upstream " + x.svc().name() + ": " + last.getMessage());
        fail(x, last.status, last.status == 504 ? ErrorResponses.TIMEOUT : ErrorResponses.BAD_GATEWAY);
        return false;
    }

    private void exchange(Exchange x, TargetAddress target, String hostHeader, String pathAndQuery, RequestBody body) {
        Service svc = x.svc();
        UpstreamClient client = clients.client(svc.connectTimeout(), svc.tlsVerify(), svc.caFile());
        RequestHead head = new RequestHead(x.upstream().method(), pathAndQuery,
                UpstreamHeaders.write(x.req(), x.upstream().headers(), x.match(), svc.protocol(), target, hostHeader));
        UpstreamExchange upRes;
        try {
            upRes = client.send(new Address(svc.protocol(), target.host(), target.port()), head,
                    body.content(Duration.ofMillis(svc.writeTimeout())), Duration.ofMillis(svc.readTimeout()));
        } catch (RuntimeException e) {
            throw UpstreamFailure.of(target, e, body.replayable());
        }
        try (upRes) {
            x.times().upstreamAnswered(target.authority(), false);
            long upstreamLatencyMs = (System.nanoTime() - x.start()) / 1_000_000;
            PluginRun run = x.run();
            byte[] whole = null;
            if (run != null) {
                // Before anything is written: a plugin that throws here leaves a clean 500 to send.
                var view = new UpstreamResponseState(upRes.status(), headerMap(upRes), upstreamLatencyMs);
                if (run.buffersResponse()) {
                    whole = readWhole(upRes, target);
                    view = view.withBody(whole);
                    run.responsePhase(view);
                    if (run.response().replacedBody() != null) {
                        whole = run.response().replacedBody();
                    }
                }
                run.headerFilter(view);
            }
            ServerResponse res = x.res();
            int replaced = run == null ? 0 : run.response().replacedStatus();
            res.status(replaced != 0 ? Status.create(replaced) : Status.create(upRes.status(), upRes.reason()));
            Set<String> drop = ProxyHeaders.dropped(upRes.headers());
            for (HeaderField h : upRes.headers()) {
                if (!ProxyHeaders.named(drop, h.name()) && !h.is("content-length")) {
                    Header header = HeaderValues.create(h.name(), h.value());
                    res.headers().add(header);
                    x.copiedHeaders().add(header.headerName());
                }
            }
            if (ResponseFraming.copy(upRes, res)) {
                x.copiedHeaders().add(HeaderNames.CONTENT_LENGTH);
            }
            res.header(VIA);
            res.header(UPSTREAM_LATENCY, Long.toString(upstreamLatencyMs));
            x.copiedHeaders().add(VIA.headerName());
            x.copiedHeaders().add(UPSTREAM_LATENCY);
            if (run != null) {
                ExitResponses.applyHeaderChanges(res, run.response());
                run.response().changes().forEach(c -> x.copiedHeaders().add(HeaderNames.create(c.name())));
                if (run.filtersBody() || whole != null) {
                    res.headers().remove(HeaderNames.CONTENT_LENGTH); // the length may have changed
                }
            }
            if (whole != null) {
                HeadRequests.send(res, run.filtersBody() ? run.bodyFilter(whole, true) : whole);
                return;
            }
            if (HeadRequests.active()) {
                ResponseFraming.sendHead(res);
                return;
            }
            streamBody(upRes, res, target, run != null && run.filtersBody() ? run : null);
        }
    }

    /**
     * Copies the upstream body as it arrives; flushes whenever the upstream pauses (SSE). The
     * first chunk goes through the body filters before anything is written, so a filter that
     * fails there still leaves a clean 500 to send; a later failure can only cut the connection.
     */
    private static void streamBody(UpstreamExchange upRes, ServerResponse res, TargetAddress target, PluginRun filters) {
        // A body of known, small length needs no more room than itself (+1 to see its end in one read).
        long declared = upRes.declaredLength();
        byte[] buf = new byte[declared >= 0 && declared < COPY_BUFFER ? (int) declared + 1 : COPY_BUFFER];
        try (InputStream in = upRes.body()) {
            int n = in.read(buf);
            boolean empty = n < 0;
            byte[] first = null;
            if (filters != null) {
                first = filters.bodyFilter(empty ? new byte[0] : java.util.Arrays.copyOf(buf, n), empty);
            }
            try (OutputStream out = res.outputStream()) {
                if (first != null) {
                    out.write(first);
                } else if (!empty) {
                    out.write(buf, 0, n);
                }
                long read = Math.max(n, 0);
                // Flushed whenever the upstream pauses (an event stream), not when the whole body is in: closing sends it.
                if (!empty && read != declared && in.available() == 0) {
                    out.flush();
                }
                while (!empty && (n = in.read(buf)) >= 0) {
                    read += n;
                    if (filters == null) {
                        out.write(buf, 0, n);
                    } else {
                        out.write(filters.bodyFilter(java.util.Arrays.copyOf(buf, n), false));
                    }
                    if (read != declared && in.available() == 0) {
                        out.flush();
                    }
                }
                if (filters != null && !empty) {
                    out.write(filters.bodyFilter(new byte[0], true));
                }
            } catch (PluginRun.PluginFailure e) {
                throw new UncheckedIOException(new IOException("a body filter failed mid-response", e));
            }
        } catch (IOException | UncheckedIOException e) {
            // Headers are gone already; the only honest signal left is an aborted connection.
            LOG.log(Level.WARNING, "upstream " + target.authority() + " failed mid-response: " + e.getMessage());
            throw new UncheckedIOException(new IOException("upstream failed mid-response", e));
        }
    }

    /** The whole upstream body, for plugins with a response phase; bounded so one response cannot exhaust memory. */
    private static byte[] readWhole(UpstreamExchange upRes, TargetAddress target) {
        try (InputStream in = upRes.body()) {
            byte[] data = in.readNBytes(MAX_BUFFERED_RESPONSE + 1);
            if (data.length > MAX_BUFFERED_RESPONSE) {
                throw UpstreamFailure.tooLarge(target, MAX_BUFFERED_RESPONSE);
            }
            return data;
        } catch (IOException | UncheckedIOException e) {
            throw UpstreamFailure.of(target, new UncheckedIOException(new IOException("reading the response failed", e)), false);
        }
    }

    private static Map<String, List<String>> headerMap(UpstreamExchange upRes) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (HeaderField h : upRes.headers()) {
            m.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.value());
        }
        return m;
    }

    /** The gateway's own error answer, with the headers plugins set (rate-limit headers stay on a 502). */
    private static void fail(Exchange x, int status, String message) {
        if (x.res().isSent()) {
            return;
        }
        // Nothing of an upstream answer that will not be sent (after a failed first body filter).
        x.copiedHeaders().forEach(name -> x.res().headers().remove(name));
        x.times().answeredByGateway();
        if (x.run() != null) {
            ExitResponses.applyHeaderChanges(x.res(), x.run().response());
            x.run().response().status(status);
        }
        ErrorResponses.send(x.res(), status, message);
    }

    /** The log phase, then the usage record, once the client has its response, off the request's thread. */
    private void afterResponse(PluginRun run) {
        boolean hasUsage = run.usage().isPresent();
        if (run.logs() || hasUsage) {
            Thread.ofVirtual().name("tollgate-log-phase").start(() -> {
                try {
                    if (run.logs()) {
                        run.logPhase();
                    }
                } finally {
                    usage.record(run);
                }
            });
        }
    }

}
