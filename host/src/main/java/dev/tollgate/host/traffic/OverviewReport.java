package dev.tollgate.host.traffic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.EntityKind;
import dev.tollgate.db.ListQuery;
import dev.tollgate.db.Route;
import dev.tollgate.db.TrafficStore;
import dev.tollgate.db.TrafficStore.Resolution;
import dev.tollgate.db.UsageGrouping;
import dev.tollgate.db.UsageQuery;
import dev.tollgate.db.UsageStore;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /overview}: the whole cluster's traffic over a time range against the range before
 * it (requests, errors, latency percentiles from the traffic sums; tokens and cost from the
 * usage records), the cost of today and of this month, a time series, and the top routes,
 * models and consumers. Everything is summed in the database; latency histograms are merged here.
 */
public final class OverviewReport {
    /** The ranges the Overview offers. */
    public enum Range {
        HOUR("1h", Duration.ofHours(1)),
        DAY("24h", Duration.ofDays(1)),
        WEEK("7d", Duration.ofDays(7)),
        MONTH("30d", Duration.ofDays(30));

        public final String key;
        final Duration length;

        Range(String key, Duration length) {
            this.key = key;
            this.length = length;
        }

        public static Optional<Range> of(String key) {
            for (Range r : values()) {
                if (r.key.equals(key)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    private static final int TOP = 10;
    private static final int POINTS = 120;

    private final ConfigStore store;
    private final TrafficStore traffic;
    private final UsageStore usage;
    private final Clock clock;

    public OverviewReport(ConfigStore store, TrafficStore traffic, UsageStore usage, Clock clock) {
        this.store = store;
        this.traffic = traffic;
        this.usage = usage;
        this.clock = clock;
    }

    public ObjectNode report(Range range) {
        long now = clock.millis();
        // minutes for the last hour, hours beyond: a slot's latency histogram is decoded per node when read
        Resolution res = range == Range.HOUR ? Resolution.MINUTE : Resolution.HOUR;
        long toSlot = now / res.millis + 1; // the slot running now counts
        long slots = range.length.toMillis() / res.millis;
        long fromSlot = toSlot - slots;
        long prevSlot = fromSlot - slots;
        Instant from = Instant.ofEpochMilli(fromSlot * res.millis);
        Instant to = Instant.ofEpochMilli(toSlot * res.millis);
        Instant prevFrom = Instant.ofEpochMilli(prevSlot * res.millis);

        List<TrafficStore.Row> rows = traffic.totals(res, prevSlot, toSlot);
        Period current = new Period();
        Period previous = new Period();
        long step = Math.max(1, slots / POINTS);
        TreeMap<Long, long[]> series = new TreeMap<>();
        for (long s = fromSlot; s < toSlot; s += step) {
            series.put(s, new long[3]);
        }
        for (TrafficStore.Row r : rows) {
            Period p = r.slot() >= fromSlot ? current : previous;
            p.add(r);
            if (r.slot() >= fromSlot) {
                long[] point = series.floorEntry(fromSlot + (r.slot() - fromSlot) / step * step).getValue();
                point[0] += r.requests();
                point[1] += r.serverErrors();
                point[2] += r.clientErrors();
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("range", range.key);
        out.put("from", from.toString()).put("to", to.toString());
        out.put("previous_from", prevFrom.toString());
        out.put("resolution", res == Resolution.MINUTE ? "minute" : "hour");
        double seconds = (double) range.length.toSeconds();
        out.set("current", current.json(seconds, usage.total(new UsageQuery(Map.of(), from, to, 1, null))));
        out.set("previous", previous.json(seconds, usage.total(new UsageQuery(Map.of(), prevFrom, from, 1, null))));
        ZonedDateTime day = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        out.set("cost_today", cost(usage.total(new UsageQuery(Map.of(), day.toInstant(), null, 1, null))));
        out.set("cost_this_month", cost(usage.total(new UsageQuery(Map.of(), day.withDayOfMonth(1).toInstant(), null, 1, null))));

        ArrayNode points = out.putArray("series");
        // tokens per hour up to a day, per UTC day beyond (read from the day sums)
        boolean daily = range.length.compareTo(Duration.ofDays(1)) > 0;
        List<Map<String, Object>> tokens = usage.summarize(new UsageQuery(Map.of(), from, to, 1, null),
                daily ? UsageGrouping.DAY : UsageGrouping.HOUR);
        series.forEach((slot, v) -> points.addObject().put("at", Instant.ofEpochMilli(slot * res.millis).toString())
                .put("requests", v[0]).put("server_errors", v[1]).put("client_errors", v[2]));
        ArrayNode tokenPoints = out.putArray("token_series");
        tokens.forEach(t -> tokenPoints.addObject().put("at", daily ? t.get("day") + "T00:00:00Z" : (String) t.get("hour"))
                .put("total_tokens", ((Number) t.get("total_tokens")).longValue()));

        ArrayNode routes = out.putArray("top_routes");
        for (TrafficStore.Row r : traffic.topRoutes(res, fromSlot, toSlot, TOP)) {
            ObjectNode o = routes.addObject();
            o.set("route", routeRef(r.routeId()));
            o.put("requests", r.requests()).put("server_errors", r.serverErrors()).put("client_errors", r.clientErrors());
            o.put("average_latency_ms", r.requests() == 0 ? 0 : round(r.latencyMsSum() / r.requests()));
        }
        UsageQuery inRange = new UsageQuery(Map.of(), from, to, 1, null);
        ArrayNode models = out.putArray("top_models");
        usage.summarize(inRange, UsageGrouping.MODEL, TOP).forEach(m -> models.add(EntityJson.mapper().<ObjectNode>valueToTree(m)));
        ArrayNode consumers = out.putArray("top_consumers");
        usage.summarize(inRange, UsageGrouping.CONSUMER, TOP).forEach(m -> consumers.add(EntityJson.mapper().<ObjectNode>valueToTree(m)));
        boolean configured = !store.list(EntityKind.SERVICES, new ListQuery(1, null, List.of(), false, Map.of())).data().isEmpty();
        out.put("configured", configured);
        out.put("empty", !configured && current.requests == 0 && previous.requests == 0);
        return out;
    }

    private ObjectNode routeRef(String id) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (id) {
            case TrafficStore.UNMATCHED -> o.putNull("id").put("name", "(no route matched)");
            case TrafficStore.OTHER_ROUTES -> o.putNull("id").put("name", "(other routes)");
            default -> {
                o.put("id", id);
                Optional<Route> r = store.find(EntityKind.ROUTES, id);
                if (r.isPresent()) {
                    o.put("name", r.get().name());
                    o.set("paths", EntityJson.mapper().valueToTree(r.get().paths()));
                } else {
                    o.put("name", (String) null).put("deleted", true);
                }
            }
        }
        return o;
    }

    private static ObjectNode cost(Map<String, Object> sums) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putPOJO("cost", sums.get("cost"));
        o.putPOJO("currency", sums.get("currency"));
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The traffic of one period: counts summed, latency histograms merged. */
    private static final class Period {
        long requests;
        long serverErrors;
        long clientErrors;
        final Histogram latency = new Histogram(TrafficRecorder.HIGHEST_MICROS, TrafficRecorder.DIGITS);

        void add(TrafficStore.Row r) {
            requests += r.requests();
            serverErrors += r.serverErrors();
            clientErrors += r.clientErrors();
            HistogramCodec.addInto(latency, r.histogram());
        }

        ObjectNode json(double seconds, Map<String, Object> usage) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("requests", requests);
            o.put("requests_per_second", Math.round(requests / seconds * 1000) / 1000.0);
            o.put("server_errors", serverErrors).put("client_errors", clientErrors);
            o.put("error_rate", requests == 0 ? 0 : Math.round(serverErrors * 10000.0 / requests) / 10000.0);
            ObjectNode l = o.putObject("latency_ms");
            if (latency.getTotalCount() == 0) {
                l.putNull("p50").putNull("p99");
            } else {
                l.put("p50", round(latency.getValueAtPercentile(50) / 1000.0));
                l.put("p99", round(latency.getValueAtPercentile(99) / 1000.0));
            }
            long tokens = ((Number) usage.get("total_tokens")).longValue();
            o.put("ai_requests", ((Number) usage.get("requests")).longValue());
            o.put("total_tokens", tokens);
            o.put("tokens_per_second", Math.round(tokens / seconds * 1000) / 1000.0);
            o.putPOJO("cost", usage.get("cost"));
            o.putPOJO("currency", usage.get("currency"));
            return o;
        }
    }
}
