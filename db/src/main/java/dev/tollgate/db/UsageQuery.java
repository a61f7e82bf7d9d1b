package dev.tollgate.db;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which usage records: equality filters on columns, a time range ({@code from <= at < to},
 * either end open when null), and for listings a page size and the offset of a previous page.
 */
public record UsageQuery(Map<String, Object> where, Instant from, Instant to, int size, String offset) {
    /** The columns records can be filtered by. */
    public static final Set<String> FILTERS = Set.of(
            "consumer_id", "consumer_name", "model", "provider", "route_id", "service_id", "status", "currency");

    public UsageQuery {
        where = where == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(where));
        for (String column : where.keySet()) {
            if (!FILTERS.contains(column)) {
                throw new IllegalArgumentException("filter: " + column + " (expected one of " + FILTERS + ")");
            }
        }
        if (size < 1 || size > ListQuery.MAX_SIZE) {
            throw new IllegalArgumentException("size: " + size + " (expected: 1.." + ListQuery.MAX_SIZE + ")");
        }
    }

    /** Every record, first page. */
    public static UsageQuery all() {
        return new UsageQuery(Map.of(), null, null, ListQuery.DEFAULT_SIZE, null);
    }
}
