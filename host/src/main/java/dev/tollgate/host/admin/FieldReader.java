package dev.tollgate.host.admin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads typed fields out of a request body, collecting one message per bad field so a caller
 * sees every problem at once. Values of a form body are strings: numbers and booleans are
 * accepted in their text form there.
 */
final class FieldReader {
    static final int MAX_STRING = 4096;
    static final int MAX_ARRAY = 1000;

    private final ObjectNode node;
    private final boolean form;
    private final Map<String, String> errors = new LinkedHashMap<>();

    FieldReader(ObjectNode node, boolean form) {
        this.node = node;
        this.form = form;
    }

    ObjectNode node() {
        return node;
    }

    void error(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    boolean isValid() {
        return errors.isEmpty();
    }

    /** Throws a 400 naming every bad field, if there is any. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw AdminException.schema(errors);
        }
    }

    /** Flags every field of {@code input} that is not in {@code known}. */
    void rejectUnknown(ObjectNode input, Set<String> known) {
        for (Iterator<String> it = input.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                error(f, "unknown field (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    Optional<String> string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            error(field, "expected a string, got " + RequestBodies.kind(v));
            return Optional.empty();
        }
        String s = v.asText();
        if (s.length() > MAX_STRING) {
            error(field, "length " + s.length() + " is too long (expected: <= " + MAX_STRING + ")");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    Optional<String> string(String field, Pattern pattern, String expected) {
        Optional<String> s = string(field);
        if (s.isPresent() && !pattern.matcher(s.get()).matches()) {
            error(field, "invalid value '" + s.get() + "' (expected: " + expected + ")");
            return Optional.empty();
        }
        return s;
    }

    String oneOf(String field, List<String> allowed, String fallback) {
        Optional<String> s = string(field);
        if (s.isPresent() && !allowed.contains(s.get())) {
            error(field, "expected one of: " + String.join(", ", allowed) + " (got '" + s.get() + "')");
        }
        return s.orElse(fallback);
    }

    int integer(String field, long min, long max, int fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        long value;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.asLong();
        } else if (form && v.isTextual() && v.asText().matches("-?\\d{1,18}")) {
            value = Long.parseLong(v.asText());
        } else {
            error(field, "expected an integer, got " + describe(v));
            return fallback;
        }
        if (value < min || value > max) {
            error(field, "value " + value + " out of range (expected: " + min + ".." + max + ")");
            return fallback;
        }
        return (int) value;
    }

    /** A finite number of at least {@code min}; null when absent (or wrong, which is reported). */
    Double number(String field, double min) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        double value;
        if (v.isNumber()) {
            value = v.asDouble();
        } else if (form && v.isTextual() && v.asText().matches("-?\\d{1,18}(\\.\\d{1,18})?")) {
            value = Double.parseDouble(v.asText());
        } else {
            error(field, "expected a number, got " + describe(v));
            return null;
        }
        if (!Double.isFinite(value) || value < min) {
            error(field, "value " + v.asText() + " out of range (expected: >= " + (min == (long) min ? Long.toString((long) min) : min) + ")");
            return null;
        }
        return value;
    }

    boolean bool(String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (form && v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        error(field, "expected a boolean, got " + describe(v));
        return fallback;
    }

    /** An array of strings; null when absent. A single string in a form counts as one element. */
    List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (form && v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            error(field, "expected an array of strings, got " + RequestBodies.kind(v));
            return null;
        }
        if (v.size() > MAX_ARRAY) {
            error(field, v.size() + " elements are too many (expected: <= " + MAX_ARRAY + ")");
            return null;
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                error(field, "expected an array of strings, found " + RequestBodies.kind(e) + " in it");
                return null;
            }
            if (e.asText().length() > MAX_STRING) {
                error(field, "an element is too long (expected: <= " + MAX_STRING + " characters)");
                return null;
            }
            out.add(e.asText());
        }
        return out;
    }

    /** An object whose values are strings or arrays of strings; null when absent. */
    Map<String, List<String>> stringLists(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            error(field, "expected an object of name: [values], got " + RequestBodies.kind(v));
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            List<String> values = new ArrayList<>();
            if (e.getValue().isTextual()) {
                values.add(e.getValue().asText());
            } else if (e.getValue().isArray()) {
                for (JsonNode x : e.getValue()) {
                    if (!x.isTextual()) {
                        error(field + "." + e.getKey(), "expected strings, found " + RequestBodies.kind(x));
                        return null;
                    }
                    values.add(x.asText());
                }
            } else {
                error(field + "." + e.getKey(), "expected a string or an array of strings, got " + RequestBodies.kind(e.getValue()));
                return null;
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    /** A nested object; null when absent. */
    ObjectNode object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            error(field, "expected an object, got " + RequestBodies.kind(v));
            return null;
        }
        return (ObjectNode) v;
    }

    private static String describe(JsonNode v) {
        return v.isTextual() ? "a string ('" + abbreviate(v.asText()) + "')" : RequestBodies.kind(v);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
