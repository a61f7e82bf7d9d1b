package dev.tollgate.commons.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** Messages for a wrong field in a client's request: {@code "max_tokens: \"ten\" (expected: an integer >= 1)"}. */
public final class FieldError {
    private static final int MAX_VALUE_CHARS = 60;

    private FieldError() {
    }

    /** The message for {@code field} holding {@code value} (null or missing: {@code missing}). */
    public static String message(String field, JsonNode value, String expected) {
        return field + ": " + brief(value) + " (expected: " + expected + ")";
    }

    /** The value as JSON, cut short: a client's request can hold a whole document where a number belongs. */
    static String brief(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        String text = Json.string(value);
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
    }
}
