package dev.tollgate.host.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import dev.tollgate.db.TrafficStore;

/**
 * The counts of one minute or one hour: the node's total, and per route (the first
 * {@value #MAX_ROUTES} routes seen get their own, later ones share "other routes"; requests no
 * route matched have theirs). Recording is lock-free.
 */
final class SlotCounts {
    static final int MAX_ROUTES = 200;

    /** Requests, 4xx, 5xx and summed latency of one route (or of all). */
    static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder client = new LongAdder();
        final LongAdder server = new LongAdder();
        final DoubleAdder latencyMs = new DoubleAdder();

        void add(int status, double ms) {
            requests.increment();
            if (status >= 500) {
                server.increment();
            } else if (status >= 400) {
                client.increment();
            }
            latencyMs.add(ms);
        }

        void add(Counts o) {
            requests.add(o.requests.sum());
            client.add(o.client.sum());
            server.add(o.server.sum());
            latencyMs.add(o.latencyMs.sum());
        }

        TrafficStore.Row row(String route, long slot, String histogram) {
            return new TrafficStore.Row(route, slot, requests.sum(), client.sum(), server.sum(), latencyMs.sum(), histogram);
        }
    }

    private final Counts total = new Counts();
    private final Counts unmatched = new Counts();
    private final Counts other = new Counts();
    private final Map<String, Counts> routes = new ConcurrentHashMap<>();

    /** A request answered with {@code status}, {@code ms} after it arrived; {@code routeId} null when no route matched. */
    void add(String routeId, int status, double ms) {
        total.add(status, ms);
        route(routeId).add(status, ms);
    }

    /** Adds another slot's counts, route by route. */
    void add(SlotCounts o) {
        total.add(o.total);
        unmatched.add(o.unmatched);
        other.add(o.other);
        o.routes.forEach((id, c) -> route(id).add(c));
    }

    long requests() {
        return total.requests.sum();
    }

    private Counts route(String id) {
        if (id == null) {
            return unmatched;
        }
        Counts c = routes.get(id);
        if (c == null) {
            c = routes.size() >= MAX_ROUTES ? other : routes.computeIfAbsent(id, k -> new Counts());
        }
        return c;
    }

    /** The rows of this slot: the total (with the latency histogram), each route, unmatched and other routes when any. */
    List<TrafficStore.Row> rows(long slot, String histogram) {
        List<TrafficStore.Row> rows = new ArrayList<>();
        rows.add(total.row(TrafficStore.TOTAL, slot, histogram));
        routes.forEach((id, c) -> rows.add(c.row(id, slot, null)));
        if (unmatched.requests.sum() > 0) {
            rows.add(unmatched.row(TrafficStore.UNMATCHED, slot, null));
        }
        if (other.requests.sum() > 0) {
            rows.add(other.row(TrafficStore.OTHER_ROUTES, slot, null));
        }
        return rows;
    }
}
