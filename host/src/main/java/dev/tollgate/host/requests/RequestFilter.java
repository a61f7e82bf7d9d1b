package dev.tollgate.host.requests;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which entries a reader wants: by route, service or consumer (id or name), status (a code such
 * as {@code 502} or a class such as {@code 5xx}), model, a least latency, and entries after a
 * time. Unset parts match everything.
 */
public record RequestFilter(String route, String service, String consumer, String status, String model,
                            long minLatencyMillis, Instant since) {
    public static final RequestFilter ALL = new RequestFilter(null, null, null, null, null, 0, null);
    /** A status code, or a class: {@code 4xx}. */
    public static final Pattern STATUS = Pattern.compile("[1-5](\\d\\d|xx)");

    public boolean matches(RequestEntry e) {
        return either(route, e.routeId(), e.routeName())
                && either(service, e.serviceId(), e.serviceName())
                && either(consumer, e.consumerId(), e.consumerName())
                && (status == null || status(e.status()))
                && (model == null || model.equals(e.model()))
                && e.latencyMillis() >= minLatencyMillis
                && (since == null || e.at().isAfter(since));
    }

    /** The entry as a map, when it matches; for readers that get maps (entries from other nodes). */
    public boolean matches(Map<String, Object> e) {
        return either(route, e.get("route")) && either(service, e.get("service")) && either(consumer, e.get("consumer"))
                && (status == null || e.get("status") instanceof Number n && status(n.intValue()))
                && (model == null || e.get("ai") instanceof Map<?, ?> ai && model.equals(ai.get("model")))
                && (!(e.get("latency_ms") instanceof Number l) || l.longValue() >= minLatencyMillis)
                && (since == null || e.get("at") instanceof String at && Instant.parse(at).isAfter(since));
    }

    private boolean status(int code) {
        return status.endsWith("xx") ? code / 100 == status.charAt(0) - '0' : Integer.toString(code).equals(status);
    }

    private static boolean either(String wanted, String id, String name) {
        return wanted == null || wanted.equals(id) || wanted.equals(name);
    }

    private static boolean either(String wanted, Object named) {
        if (wanted == null) {
            return true;
        }
        return named instanceof Map<?, ?> m && (wanted.equals(m.get("id")) || wanted.equals(m.get("name"))
                || wanted.equals(m.get("username")));
    }
}
