package dev.tollgate.sdk.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks behind {@link ConfigSchema#validate}; one message per bad field. */
final class Validator {
    private static final int MAX_STRING = 65_536;
    private static final int MAX_ELEMENTS = 10_000;

    private Validator() {
    }

    static Map<String, Object> validate(ConfigSchema schema, Map<String, ?> input, String prefix, Map<String, String> errors) {
        for (String key : input.keySet()) {
            if (schema.field(key).isEmpty()) {
                errors.put(prefix + key, "unknown field");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            String path = prefix + f.name();
            Object raw = input.get(f.name());
            if (raw == null) {
                if (f.type() == FieldType.RECORD) {
                    raw = Map.of(); // a nested record's own defaults apply
                } else if (f.defaultValue().isPresent()) {
                    out.put(f.name(), f.defaultValue().get());
                    continue;
                } else {
                    if (f.required()) {
                        errors.put(path, "required field missing");
                    }
                    out.put(f.name(), null);
                    continue;
                }
            }
            Object value = convert(f, raw, path, errors);
            if (value != null && f.check().isPresent() && !f.check().get().test(value)) {
                errors.putIfAbsent(path, "invalid value " + describe(raw) + " (expected: " + f.expected() + ")");
            }
            out.put(f.name(), value);
        }
        return out;
    }

    private static Object convert(Field f, Object raw, String path, Map<String, String> errors) {
        return switch (f.type()) {
            case STRING -> string(f, raw, path, errors);
            case INTEGER -> integer(f, raw, path, errors);
            case NUMBER -> number(f, raw, path, errors);
            case BOOLEAN -> bool(raw, path, errors);
            case STRING_ARRAY -> list(f, raw, path, errors, false);
            case INTEGER_ARRAY -> list(f, raw, path, errors, true);
            case STRING_MAP -> stringMap(raw, path, errors);
            case RECORD -> {
                if (!(raw instanceof Map<?, ?> m)) {
                    errors.put(path, "expected a record (object), got " + kind(raw));
                    yield null;
                }
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) m;
                yield validate(f.record().orElseThrow(), nested, path + ".", errors);
            }
            case RECORD_ARRAY -> records(f, raw, path, errors);
        };
    }

    private static String string(Field f, Object raw, String path, Map<String, String> errors) {
        if (!(raw instanceof String s)) {
            errors.put(path, "expected a string, got " + kind(raw));
            return null;
        }
        if (s.length() > MAX_STRING) {
            errors.put(path, "length " + s.length() + " is too long (expected: <= " + MAX_STRING + ")");
            return null;
        }
        if (!f.oneOf().isEmpty() && !f.oneOf().contains(s)) {
            errors.put(path, "expected one of: " + String.join(", ", f.oneOf()) + " (got " + describe(s) + ")");
            return null;
        }
        return s;
    }

    private static Long integer(Field f, Object raw, String path, Map<String, String> errors) {
        Long v = null;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            v = ((Number) raw).longValue();
        } else if (raw instanceof java.math.BigInteger b && b.bitLength() < 64) {
            v = b.longValue();
        } else if (raw instanceof String s && s.matches("-?\\d{1,18}")) {
            v = Long.parseLong(s);
        }
        if (v == null) {
            errors.put(path, "expected an integer, got " + describe(raw));
            return null;
        }
        return inRange(f, v, path, errors) ? v : null;
    }

    private static Double number(Field f, Object raw, String path, Map<String, String> errors) {
        Double v = null;
        if (raw instanceof Number n) {
            v = n.doubleValue();
        } else if (raw instanceof String s) {
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        if (v == null || v.isNaN() || v.isInfinite()) {
            errors.put(path, "expected a number, got " + describe(raw));
            return null;
        }
        if (f.min().isPresent() && v < f.min().get() || f.max().isPresent() && v > f.max().get()) {
            errors.put(path, "value " + v + " out of range (expected: " + range(f) + ")");
            return null;
        }
        return v;
    }

    private static Boolean bool(Object raw, String path, Map<String, String> errors) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.parseBoolean((String) raw);
        }
        errors.put(path, "expected a boolean, got " + describe(raw));
        return null;
    }

    private static List<Object> list(Field f, Object raw, String path, Map<String, String> errors, boolean integers) {
        List<?> items = raw instanceof List<?> l ? l : raw instanceof String s ? List.of(s) : null;
        if (items == null) {
            errors.put(path, "expected an array, got " + kind(raw));
            return null;
        }
        if (items.size() > MAX_ELEMENTS) {
            errors.put(path, items.size() + " elements are too many (expected: <= " + MAX_ELEMENTS + ")");
            return null;
        }
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            Object v = integers ? integer(f, item, path, errors) : string(f, item, path, errors);
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        return List.copyOf(out);
    }

    private static List<Object> records(Field f, Object raw, String path, Map<String, String> errors) {
        if (!(raw instanceof List<?> items)) {
            errors.put(path, "expected an array of records (objects), got " + kind(raw));
            return null;
        }
        if (items.size() > MAX_ELEMENTS) {
            errors.put(path, items.size() + " elements are too many (expected: <= " + MAX_ELEMENTS + ")");
            return null;
        }
        List<Object> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                errors.put(at, "expected a record (object), got " + kind(items.get(i)));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> nested = (Map<String, ?>) m;
            out.add(validate(f.record().orElseThrow(), nested, at + ".", errors));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static Map<String, String> stringMap(Object raw, String path, Map<String, String> errors) {
        if (!(raw instanceof Map<?, ?> m)) {
            errors.put(path, "expected an object of strings, got " + kind(raw));
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                errors.put(path + "." + e.getKey(), "expected a string, got " + kind(e.getValue()));
                return null;
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    private static boolean inRange(Field f, long v, String path, Map<String, String> errors) {
        if (f.min().isPresent() && v < f.min().get() || f.max().isPresent() && v > f.max().get()) {
            errors.put(path, "value " + v + " out of range (expected: " + range(f) + ")");
            return false;
        }
        return true;
    }

    private static String range(Field f) {
        return f.min().map(String::valueOf).orElse("") + ".." + f.max().map(String::valueOf).orElse("");
    }

    static String kind(Object raw) {
        if (raw == null) {
            return "null";
        }
        if (raw instanceof String) {
            return "a string";
        }
        if (raw instanceof Number) {
            return "a number";
        }
        if (raw instanceof Boolean) {
            return "a boolean";
        }
        if (raw instanceof List) {
            return "an array";
        }
        if (raw instanceof Map) {
            return "an object";
        }
        return raw.getClass().getSimpleName();
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return kind(raw) + (raw instanceof Number || raw instanceof Boolean ? " (" + raw + ")" : "");
    }
}
