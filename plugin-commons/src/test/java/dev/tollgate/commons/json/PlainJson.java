package dev.tollgate.commons.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared parser's values as plain Java ones, for tests that compare what was written with
 * what they built: integers become Longs, other numbers Doubles, JSON's null {@code null}.
 */
public final class PlainJson {

    private PlainJson() {
    }

    /** The value {@code json} holds; fails on anything that is not exactly one JSON value. */
    public static Object parse(String json) {
        return plain(JsonParser.parse(json));
    }

    /** The object {@code json} holds. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json) {
        return (Map<String, Object>) parse(json);
    }

    private static Object plain(Object value) {
        return switch (value) {
            case JsonNull n -> null;
            case JsonNumber n -> n.literal().matches("-?\\d+") ? (Object) Long.parseLong(n.literal())
                    : (Object) Double.parseDouble(n.literal());
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put((String) k, plain(v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(plain(v)));
                yield out;
            }
            default -> value;
        };
    }
}
