package dev.tollgate.host.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ConfigStore;
import dev.tollgate.db.Entity;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.EntityKind;
import dev.tollgate.db.ListQuery;
import dev.tollgate.db.Page;
import dev.tollgate.db.UsageGrouping;
import dev.tollgate.db.UsageQuery;
import dev.tollgate.db.UsageStore;
import dev.tollgate.host.usage.UsageRecorder;
import io.helidon.common.uri.UriQuery;
import dev.tollgate.host.HeadRequests;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code GET /usage}: usage records newest first, or summed per model, consumer, day or
 * provider, filtered by who, what and when. Records still queued on this node are written
 * first, so a caller sees the requests it just made.
 */
public final class UsageEndpoints {
    private static final Set<String> PARAMETERS = Set.of("consumer", "model", "provider", "route", "service", "status",
            "currency", "from", "to", "group_by", "size", "offset", "format");
    /** Longest a read waits for queued records to be written; after it, it answers with what is stored. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,15}");
    private static final Pattern STATUS = Pattern.compile("[1-5]\\d\\d");

    private final ConfigStore store;
    private final UsageStore usage;
    private final UsageRecorder recorder;
    private final ReportLimiter limiter;

    public UsageEndpoints(ConfigStore store, UsageStore usage, UsageRecorder recorder) {
        this(store, usage, recorder, new ReportLimiter());
    }

    UsageEndpoints(ConfigStore store, UsageStore usage, UsageRecorder recorder, ReportLimiter limiter) {
        this.limiter = limiter;
        this.store = store;
        this.usage = usage;
        this.recorder = recorder;
    }

    void register(HttpRules r) {
        r.get("/usage", (req, res) -> {
            String format = req.query().contains("format") ? req.query().get("format") : "json";
            if (!format.equals("json") && !format.equals("csv")) {
                throw AdminException.schema("format", "'" + FieldReader.abbreviate(format) + "' (expected: json or csv)");
            }
            ObjectNode body = get(req);
            if (format.equals("json")) {
                AdminRoutes.send(res, 200, body);
                return;
            }
            if (body.hasNonNull("next")) {
                res.header(HeaderValues.create("Link", "<" + body.get("next").asText() + ">; rel=\"next\""));
            }
            res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8"));
            res.header(HeaderValues.create("Content-Disposition", "attachment; filename=\"tollgate-usage.csv\""));
            HeadRequests.send(res, Csv.of(body.get("data")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        r.any("/usage", AdminRoutes::methodNotAllowed);
    }

    private ObjectNode get(ServerRequest req) {
        UriQuery q = req.query();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : q.names()) {
            if (!PARAMETERS.contains(name)) {
                errors.put(name, "unknown parameter (expected one of: " + String.join(", ", new TreeSet<>(PARAMETERS)) + ")");
            }
        }
        Map<String, Object> where = new LinkedHashMap<>();
        param(q, "consumer").map(this::consumerFilter).ifPresent(f -> where.put(f.getKey(), f.getValue()));
        param(q, "model").ifPresent(m -> where.put("model", m));
        param(q, "provider").ifPresent(p -> where.put("provider", p));
        param(q, "currency").ifPresent(c -> where.put("currency", c));
        param(q, "route").ifPresent(r -> where.put("route_id", resolve(EntityKind.ROUTES, "route", r, errors)));
        param(q, "service").ifPresent(s -> where.put("service_id", resolve(EntityKind.SERVICES, "service", s, errors)));
        param(q, "status").ifPresent(s -> {
            if (STATUS.matcher(s).matches()) {
                where.put("status", Integer.parseInt(s));
            } else {
                errors.put("status", "'" + FieldReader.abbreviate(s) + "' (expected: an HTTP status 100..599)");
            }
        });
        Instant from = param(q, "from").map(v -> instant("from", v, errors)).orElse(null);
        Instant to = param(q, "to").map(v -> instant("to", v, errors)).orElse(null);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.put("to", "'" + q.get("to") + "' is not after from '" + q.get("from") + "'");
        }
        Optional<UsageGrouping> grouping = param(q, "group_by").flatMap(g -> {
            Optional<UsageGrouping> found = UsageGrouping.of(g);
            if (found.isEmpty()) {
                errors.put("group_by", "'" + FieldReader.abbreviate(g) + "' (expected one of: "
                        + String.join(", ", UsageGrouping.keys()) + ")");
            }
            return found;
        });
        int size = size(q, errors);
        if (!errors.isEmpty()) {
            throw AdminException.schema(errors);
        }
        recorder.flush(FLUSH_WAIT);
        UsageQuery query;
        try {
            query = new UsageQuery(where, from, to, size, param(q, "offset").orElse(null));
        } catch (IllegalArgumentException e) {
            throw AdminException.schema("size", e.getMessage());
        }
        if (grouping.isPresent()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ArrayNode data = out.putArray("data");
            // with group_by, an explicit size keeps the costliest groups (days and hours: the first)
            int limit = q.contains("size") ? size : 0;
            limiter.run(() -> StoreErrors.translate(() -> usage.summarize(query, grouping.get(), limit)))
                    .forEach(row -> data.add(EntityJson.mapper().<ObjectNode>valueToTree(row)));
            return out;
        }
        return page(req, q, query);
    }

    private ObjectNode page(ServerRequest req, UriQuery q, UsageQuery query) {
        Page<Map<String, Object>> page;
        try {
            page = StoreErrors.translate(() -> usage.list(query));
        } catch (IllegalArgumentException e) {
            throw AdminException.schema("offset", e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode data = out.putArray("data");
        for (Map<String, Object> row : page.data()) {
            Map<String, Object> shown = new LinkedHashMap<>(row);
            shown.computeIfPresent("at", (k, at) -> at.toString()); // ISO-8601, as in the log line
            data.add(EntityJson.mapper().<ObjectNode>valueToTree(shown));
        }
        if (page.next().isPresent()) {
            // the path asked for: /usage on the Admin API's listener, /api/usage on the UI's
            StringBuilder next = new StringBuilder(req.path().rawPath()).append("?offset=").append(page.next().get());
            for (String name : q.names()) {
                if (!name.equals("offset")) {
                    next.append('&').append(encode(name)).append('=').append(encode(q.get(name)));
                }
            }
            out.put("next", next.toString());
            out.put("offset", page.next().get());
        } else {
            out.putNull("next");
        }
        return out;
    }

    /** By id, or by username: the consumer as it is now, else (a deleted one) the name its records carry. */
    private Map.Entry<String, Object> consumerFilter(String consumer) {
        if (UUID.matcher(consumer).matches()) {
            return Map.entry("consumer_id", consumer.toLowerCase(java.util.Locale.ROOT));
        }
        return StoreErrors.translate(() -> store.find(EntityKind.CONSUMERS, consumer))
                .<Map.Entry<String, Object>>map(c -> Map.entry("consumer_id", c.id()))
                .orElse(Map.entry("consumer_name", consumer));
    }

    /** A route or service by id (also one deleted since), or by its current name. */
    private String resolve(EntityKind<? extends Entity> kind, String param, String idOrName, Map<String, String> errors) {
        if (UUID.matcher(idOrName).matches()) {
            return idOrName.toLowerCase(java.util.Locale.ROOT);
        }
        Optional<? extends Entity> found = StoreErrors.translate(() -> store.find(kind, idOrName));
        if (found.isEmpty()) {
            errors.put(param, "no " + kind.singular() + " has the name '" + FieldReader.abbreviate(idOrName) + "' (a deleted one is found by its id)");
            return idOrName;
        }
        return found.get().id();
    }

    private static Instant instant(String param, String value, Map<String, String> errors) {
        try {
            if (EPOCH_MILLIS.matcher(value).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(param, "'" + FieldReader.abbreviate(value) + "' (expected: an ISO-8601 instant such as "
                    + "2026-11-27T10:00:00Z, a date such as 2026-11-27 (UTC), or milliseconds since the epoch)");
            return null;
        }
    }

    private static int size(UriQuery q, Map<String, String> errors) {
        String s = param(q, "size").orElse(null);
        if (s == null) {
            return ListQuery.DEFAULT_SIZE;
        }
        if (s.matches("\\d{1,4}") && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= ListQuery.MAX_SIZE) {
            return Integer.parseInt(s);
        }
        errors.put("size", "'" + FieldReader.abbreviate(s) + "' (expected: an integer 1.." + ListQuery.MAX_SIZE + ")");
        return ListQuery.DEFAULT_SIZE;
    }

    private static Optional<String> param(UriQuery q, String name) {
        return q.contains(name) ? Optional.of(q.get(name)) : Optional.empty();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
