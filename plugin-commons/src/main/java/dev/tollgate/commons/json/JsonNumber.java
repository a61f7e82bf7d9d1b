package dev.tollgate.commons.json;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A JSON number kept as the text it was written as, so a body passes through without losing
 * precision or changing form ({@code 1.0}, {@code 1e3} and 64-bit ids stay as sent).
 *
 * @param literal the number as JSON writes it
 */
public record JsonNumber(String literal) {
    private static final Pattern GRAMMAR = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    public JsonNumber {
        requireNonNull(literal, "literal");
        if (!isNumber(literal)) {
            throw new IllegalArgumentException("literal: '" + literal + "' (expected: a JSON number)");
        }
    }

    /** True when {@code text} is a number as JSON writes it (no sign '+', no leading zeros, no hex). */
    public static boolean isNumber(String text) {
        return GRAMMAR.matcher(text).matches();
    }

    /** The number as a double: the nearest one, or an infinity for a number beyond double's range. */
    public double doubleValue() {
        return Double.parseDouble(literal);
    }

    @Override
    public String toString() {
        return literal;
    }
}
