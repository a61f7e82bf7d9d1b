package dev.tollgate.db;

import java.util.List;
import java.util.Map;

/**
 * What to list: a page size, an offset token from a previous page, tags, equality filters on
 * the kind's columns (e.g. {@code service_id}), and a search text.
 *
 * @param anyTag true: match entities with any of {@code tags}; false: with all of them
 * @param search null, or text that the entity's id equals or its name contains (case-insensitive)
 */
public record ListQuery(int size, String offset, List<String> tags, boolean anyTag, Map<String, String> where, String search) {
    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    public ListQuery {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size: " + size + " (expected: 1.." + MAX_SIZE + ")");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        where = where == null ? Map.of() : Map.copyOf(where);
        search = search == null || search.isBlank() ? null : search.strip();
    }

    public ListQuery(int size, String offset, List<String> tags, boolean anyTag, Map<String, String> where) {
        this(size, offset, tags, anyTag, where, null);
    }

    public static ListQuery all() {
        return new ListQuery(MAX_SIZE, null, List.of(), false, Map.of());
    }

    public ListQuery where(String column, String value) {
        var w = new java.util.HashMap<>(where);
        w.put(column, value);
        return new ListQuery(size, offset, tags, anyTag, w, search);
    }
}
