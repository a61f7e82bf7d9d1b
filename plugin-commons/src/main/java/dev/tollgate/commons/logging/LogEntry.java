package dev.tollgate.commons.logging;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tollgate.commons.json.JsonPrinter;
import dev.tollgate.sdk.ClientRequest;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.UpstreamResponse;

/**
 * One request as the logging plugins write it: the shape of Kong's log serializer (
 * {@code request}, {@code response}, {@code latencies}, {@code client_ip}, {@code started_at},
 * {@code route}, {@code service}, {@code consumer}, {@code authenticated_entity}; and {@code trace_id}
 * when the request carries a W3C trace), built in the
 * {@link Phase#LOG LOG} phase. Credentials the client sent are replaced by
 * {@value #REDACTED}, as Kong does for {@code Authorization}.
 */
public final class LogEntry {
    /** What a credential's value is replaced with. */
    public static final String REDACTED = "REDACTED";
    /** Request headers whose values are credentials clients send: Kong's, and the API-key headers of the LLM providers clients talk to. */
    public static final Set<String> REDACTED_REQUEST_HEADERS = Set.of("authorization", "proxy-authorization", "apikey",
            "cookie", "x-api-key", "api-key", "x-goog-api-key", "openai-api-key", "anthropic-api-key");
    /** Response headers whose values are credentials (session cookies). */
    public static final Set<String> REDACTED_RESPONSE_HEADERS = Set.of("set-cookie");
    /** Query parameters whose values are credentials ({@code key-auth}'s default key name). */
    public static final Set<String> REDACTED_QUERY_PARAMETERS = Set.of("apikey", "api_key", "api-key", "key", "jwt",
            "access_token", "token");

    private final Map<String, Object> fields;

    private LogEntry(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** The entry for the request {@code ctx} is logging; call in the LOG phase. */
    public static LogEntry from(PluginContext ctx) {
        requireNonNull(ctx, "ctx");
        long startedAt = ctx.startedAt().toEpochMilli();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", request(ctx.request()));
        UpstreamResponse upstream = ctx.upstreamResponse();
        out.put("response", response(ctx.response().status(), upstream));
        out.put("latencies", latencies(ctx.services().clock().millis() - startedAt, upstream.latencyMillis()));
        out.put("client_ip", ctx.request().clientIp());
        out.put("started_at", startedAt);
        RouteInfo route = ctx.route();
        if (route != null) {
            out.put("route", named(route.routeId(), route.routeName().orElse(null)));
            out.put("service", named(route.serviceId(), route.serviceName().orElse(null)));
        }
        ctx.identity().consumer().ifPresent(c -> out.put("consumer", consumer(c)));
        ctx.identity().credential().ifPresent(c -> out.put("authenticated_entity", Map.of("id", c.id())));
        ctx.totals().traceId().ifPresent(t -> out.put("trace_id", t));
        return new LogEntry(out);
    }

    /** This entry with top-level {@code custom} fields added (replacing fields of the same name). */
    public LogEntry with(Map<String, String> custom) {
        if (custom.isEmpty()) {
            return this;
        }
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.putAll(custom);
        return new LogEntry(out);
    }

    /** The entry's fields, in writing order; nested values are maps, lists, strings and numbers. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The entry as one line of JSON, without a line break. */
    public String toJson() {
        return JsonPrinter.printLogLine(fields);
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static Map<String, Object> request(ClientRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", request.method());
        String query = redactQuery(request.rawQuery());
        String uri = request.path() + (query.isEmpty() ? "" : "?" + query);
        out.put("uri", uri);
        out.put("url", request.host().map(h -> request.scheme() + "://" + h + uri).orElse(uri));
        out.put("querystring", querystring(request.queryParameters()));
        out.put("headers", headers(request.headers(), REDACTED_REQUEST_HEADERS));
        return out;
    }

    private static Map<String, Object> response(int status, UpstreamResponse upstream) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        // The SDK shows the client's response headers one by one only; the upstream's are what it lists.
        out.put("headers", headers(upstream.headers(), REDACTED_RESPONSE_HEADERS));
        return out;
    }

    // As Kong: request is the whole time, proxy the upstream's (-1 without one), the gateway's the rest.
    private static Map<String, Object> latencies(long request, long proxy) {
        Map<String, Object> out = new LinkedHashMap<>();
        long total = Math.max(0, request);
        out.put("request", total);
        out.put("proxy", proxy < 0 ? -1L : proxy);
        out.put("gateway", proxy < 0 ? total : Math.max(0, total - proxy));
        return out;
    }

    private static Map<String, Object> named(String id, String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        if (name != null) {
            out.put("name", name);
        }
        return out;
    }

    private static Map<String, Object> consumer(ConsumerInfo c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        if (c.username() != null) {
            out.put("username", c.username());
        }
        if (c.customId() != null) {
            out.put("custom_id", c.customId());
        }
        return out;
    }

    // Kong's shape: a header sent once is a string, one sent several times an array.
    private static Map<String, Object> headers(Map<String, List<String>> headers, Set<String> redacted) {
        Map<String, Object> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            List<String> shown = redacted.contains(key) ? Collections.nCopies(values.size(), REDACTED) : values;
            out.put(key, shown.size() == 1 ? shown.getFirst() : List.copyOf(shown));
        });
        return out;
    }

    private static Map<String, Object> querystring(Map<String, List<String>> parameters) {
        Map<String, Object> out = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            List<String> shown = REDACTED_QUERY_PARAMETERS.contains(name) ? Collections.nCopies(values.size(), REDACTED) : values;
            out.put(name, shown.size() == 1 ? shown.getFirst() : List.copyOf(shown));
        });
        return out;
    }

    /** The raw query with the values of credential parameters replaced; the rest left as sent. */
    static String redactQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            parts.add(REDACTED_QUERY_PARAMETERS.contains(decode(rawName)) ? rawName + "=" + REDACTED : pair);
        }
        return String.join("&", parts);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape: compare as sent
        }
    }
}
