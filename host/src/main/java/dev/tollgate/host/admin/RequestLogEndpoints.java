package dev.tollgate.host.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.host.requests.RequestEntry;
import dev.tollgate.host.requests.RequestFilter;
import dev.tollgate.host.requests.RequestLog;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The live request log: {@code GET /requests} (this node's last requests, filtered, newest first)
 * and {@code GET /requests/stream} (server-sent events as requests finish; with
 * {@code scope=cluster}, every node's, when the nodes share Redis).
 */
public final class RequestLogEndpoints {
    private static final Set<String> FILTERS = Set.of("route", "service", "consumer", "status", "model",
            "min_latency_ms", "since");
    private static final Set<String> LIST = union(FILTERS, Set.of("size"));
    private static final Set<String> STREAM = union(FILTERS, Set.of("scope"));
    private static final int DEFAULT_SIZE = 100;
    /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
    private static final long HEARTBEAT_MILLIS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestLog log;

    public RequestLogEndpoints(RequestLog log) {
        this.log = log;
    }

    public void register(HttpRules r) {
        r.get("/requests/stream", this::stream);
        r.any("/requests/stream", AdminRoutes::methodNotAllowed);
        r.get("/requests", (req, res) -> AdminRoutes.send(res, 200, list(req)));
        r.any("/requests", AdminRoutes::methodNotAllowed);
    }

    private ObjectNode list(ServerRequest req) {
        Map<String, String> errors = new LinkedHashMap<>();
        UriQuery q = req.query();
        unknown(q, LIST, errors);
        RequestFilter filter = filter(q, errors);
        int size = DEFAULT_SIZE;
        if (q.contains("size")) {
            size = number(q.get("size"), "size", 1, 10_000, errors);
        }
        if (!errors.isEmpty()) {
            throw AdminException.schema(errors);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("node_id", log.node());
        out.put("enabled", log.enabled());
        ArrayNode data = out.putArray("data");
        for (RequestEntry e : log.newest(filter, size)) {
            data.add(JSON.<ObjectNode>valueToTree(e.toMap()));
        }
        return out;
    }

    private void stream(ServerRequest req, ServerResponse res) {
        Map<String, String> errors = new LinkedHashMap<>();
        UriQuery q = req.query();
        unknown(q, STREAM, errors);
        RequestFilter filter = filter(q, errors);
        String scope = q.contains("scope") ? q.get("scope") : "node";
        if (!scope.equals("node") && !scope.equals("cluster")) {
            errors.put("scope", "'" + FieldReader.abbreviate(scope) + "' (expected: node or cluster)");
        }
        if (!errors.isEmpty()) {
            throw AdminException.schema(errors);
        }
        if (scope.equals("cluster") && !log.clustered()) {
            throw AdminException.badRequest("scope=cluster needs request-log.redis: without it each node streams its own requests");
        }
        RequestLog.Subscription sub = log.subscribe(filter, scope.equals("cluster"));
        if (sub == null) {
            throw AdminException.of(503, "too many readers of /requests/stream (" + RequestLog.MAX_SUBSCRIBERS + ")");
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderValues.create("X-Accel-Buffering", "no"));
        try (sub; OutputStream out = res.outputStream()) {
            write(sub, out, ": tollgate request log, node " + log.node() + (log.enabled() ? "" : " (request-log.size is 0: nothing is kept)") + "\n\n");
            while (true) {
                Object next = sub.next(HEARTBEAT_MILLIS);
                long dropped = sub.takeDropped();
                if (dropped > 0) {
                    write(sub, out, "event: dropped\ndata: {\"dropped\":" + dropped + "}\n\n");
                }
                if (next == null) {
                    write(sub, out, ": keep-alive\n\n");
                    continue;
                }
                Map<String, Object> entry = next instanceof RequestEntry e ? e.toMap() : castMap(next);
                write(sub, out, "id: " + entry.get("id") + "\ndata: " + JSON.writeValueAsString(entry) + "\n\n");
            }
        } catch (IOException | UncheckedIOException e) {
            // the reader went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** Writes to a reader; the request log's watchdog closes a connection whose write stays blocked (a reader that stopped reading). */
    private static void write(RequestLog.Subscription sub, OutputStream out, String s) throws IOException {
        sub.writing();
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } finally {
            sub.written();
        }
    }

    private static RequestFilter filter(UriQuery q, Map<String, String> errors) {
        String status = q.contains("status") ? q.get("status") : null;
        if (status != null && !RequestFilter.STATUS.matcher(status).matches()) {
            errors.put("status", "'" + FieldReader.abbreviate(status) + "' (expected: a status such as 502, or a class such as 5xx)");
        }
        long minLatency = q.contains("min_latency_ms") ? number(q.get("min_latency_ms"), "min_latency_ms", 0, Integer.MAX_VALUE, errors) : 0;
        Instant since = null;
        if (q.contains("since")) {
            String v = q.get("since");
            try {
                since = v.matches("\\d{1,15}") ? Instant.ofEpochMilli(Long.parseLong(v)) : Instant.parse(v);
            } catch (DateTimeParseException e) {
                errors.put("since", "'" + FieldReader.abbreviate(v) + "' (expected: ISO-8601 such as 2026-12-07T10:00:00Z, or epoch milliseconds)");
            }
        }
        return new RequestFilter(get(q, "route"), get(q, "service"), get(q, "consumer"), status, get(q, "model"), minLatency, since);
    }

    private static String get(UriQuery q, String name) {
        return q.contains(name) ? q.get(name) : null;
    }

    private static int number(String v, String name, int min, int max, Map<String, String> errors) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, "'" + FieldReader.abbreviate(v) + "' (expected: an integer " + min + ".." + max + ")");
        return min;
    }

    private static void unknown(UriQuery q, Set<String> known, Map<String, String> errors) {
        for (String name : q.names()) {
            if (!known.contains(name)) {
                errors.put(name, "unknown parameter (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
