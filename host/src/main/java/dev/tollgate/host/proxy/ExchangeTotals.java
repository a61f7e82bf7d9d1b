package dev.tollgate.host.proxy;

import dev.tollgate.host.plugins.PluginRun;
import dev.tollgate.sdk.RequestTotals;
import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;

/**
 * Kong's request and response sizes and latencies for one finished exchange. Sizes count the
 * request line and headers as they were parsed (the wire may have differed by whitespace), the
 * status line, the response headers, and the bodies as read and written; a streamed request
 * body the gateway never read counts by its declared length.
 */
final class ExchangeTotals {
    private static final int REQUEST_LINE_EXTRA = " HTTP/1.1\r\n".length() + 1;
    private static final int STATUS_LINE = "HTTP/1.1 200 OK\r\n".length();
    private static final int HEADER_EXTRA = ": \r\n".length();

    private ExchangeTotals() {
    }

    static RequestTotals of(ServerRequest req, ServerResponse res, byte[] bodyRead, long startNanos, PluginRun run) {
        long requestBytes = req.prologue().method().text().length() + req.prologue().uriPath().rawPath().length()
                + rawQueryLength(req) + REQUEST_LINE_EXTRA + headerBytes(req.headers()) + 2;
        requestBytes += bodyRead != null ? bodyRead.length : Math.max(0, req.headers().contentLength().orElse(0));
        long responseBytes = STATUS_LINE + headerBytes(res.headers()) + 2
                + (res instanceof RoutingResponse r ? r.bytesWritten() : 0);
        long now = System.nanoTime();
        RequestTotals.Builder b = RequestTotals.builder();
        run.traceContext().ifPresent(t -> b.trace(t.traceId(), t.spanId(), t.sampled()));
        if (run.times().recordsTimeline()) {
            long startEpochNanos = java.time.Instant.now().toEpochMilli() * 1_000_000 - (now - startNanos);
            b.timeline(run.timeline(startEpochNanos, now));
        }
        return b
                .requestBytes(requestBytes)
                .responseBytes(responseBytes)
                .latencyMillis((now - startNanos) / 1_000_000)
                .upstreamLatencyMillis(run.times().upstreamLatencyMillis(now))
                .fromUpstream(run.statusFromUpstream())
                .build();
    }


    private static int rawQueryLength(ServerRequest req) {
        String q = req.query().rawValue();
        return q == null || q.isEmpty() ? 0 : q.length() + 1;
    }

    private static long headerBytes(Iterable<Header> headers) {
        long n = 0;
        for (Header h : headers) {
            n += h.name().length() + HEADER_EXTRA + h.values().length();
        }
        return n;
    }
}
