package dev.tollgate.host.proxy;

import java.time.Instant;
import java.util.Optional;

import dev.tollgate.db.Route;
import dev.tollgate.db.Service;
import dev.tollgate.host.plugins.PluginRun;
import dev.tollgate.host.plugins.RunTimes;
import dev.tollgate.host.plugins.Traceparent;
import dev.tollgate.host.requests.RequestEntry;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.llm.LlmUsage;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What the proxy learns of one request on its way (route, service, plugins' run, when the
 * upstream call began and ended), turned into the live request log's entry once it is answered.
 */
final class RequestTrail {
    private final Instant at = Instant.now();
    /** When the request's parts happened; the plugins' run records into the same. */
    final RunTimes times;
    Route route;
    Service service;
    PluginRun run;
    BodyHolder body;

    private static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    /** Taken when the request arrives: once the client has left, its socket no longer knows the address. */
    private final String clientIp;

    RequestTrail(long startNanos, ServerRequest req) {
        this.times = new RunTimes(startNanos);
        this.clientIp = clientIp(req);
    }

    /** The client's address, or "" when its connection is already gone (Helidon's socket then throws). */
    static String clientIp(ServerRequest req) {
        try {
            return req.remotePeer().host();
        } catch (RuntimeException e) {
            return "";
        }
    }

    RequestEntry entry(long seq, String node, ServerRequest req, ServerResponse res, long startNanos, int bodyLimit) {
        long now = System.nanoTime();
        Optional<ConsumerInfo> consumer = run == null ? Optional.empty() : run.consumer();
        LlmUsage usage = run == null ? null : run.usage().orElse(null);
        byte[] read = body == null ? null : body.readSoFar();
        long requestBytes = read != null ? read.length : Math.max(0, req.headers().contentLength().orElse(0));
        long upstream = times.upstreamLatencyMillis(now);
        String rawQuery = req.query().rawValue();
        return new RequestEntry(seq, node, at, req.prologue().method().text(), req.path().rawPath(), res.status().code(),
                route == null ? null : route.id(), route == null ? null : route.name(),
                service == null ? null : service.id(), service == null ? null : service.name(),
                consumer.map(ConsumerInfo::id).orElse(null), consumer.map(ConsumerInfo::username).orElse(null),
                clientIp, (now - startNanos) / 1_000_000, upstream, requestBytes,
                res instanceof RoutingResponse r ? r.bytesWritten() : 0,
                run != null ? run.requestId().orElse(null) : header(req, X_REQUEST_ID), traceId(req),
                usage, run == null ? null : run.pricedWith(), bodyLimit > 0 ? sentBody(read, bodyLimit) : null);
    }

    /** The body as it went upstream (a plugin's replacement, the sanitizer's masking included), cut to {@code limit} bytes. */
    private String sentBody(byte[] read, int limit) {
        byte[] sent = run != null && run.upstream().replacedBody() != null ? run.upstream().replacedBody() : read;
        if (sent == null) {
            return null;
        }
        String s = new String(sent, 0, Math.min(sent.length, limit), java.nio.charset.StandardCharsets.UTF_8);
        return sent.length > limit ? s + "…" : s;
    }

    /** The request's trace id: its plugins' (a tracing plugin's), else the W3C one it arrived with. */
    private String traceId(ServerRequest req) {
        if (run != null) {
            return run.traceId().orElse(null);
        }
        String tp = header(req, TRACEPARENT);
        return Traceparent.valid(tp) ? Traceparent.traceId(tp) : null;
    }

    private static String header(ServerRequest req, HeaderName h) {
        return req.headers().contains(h) ? req.headers().get(h).get() : null;
    }
}
