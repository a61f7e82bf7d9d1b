package dev.tollgate.plugins.aisanitizer;

/**
 * One piece of sensitive data in a text.
 *
 * @param label the kind, as replacements show it: {@code EMAIL}, {@code CREDIT_CARD}, a custom pattern's name upper-cased
 * @param start the first character
 * @param end   one past the last character
 */
record Finding(String label, int start, int end) {

    int length() {
        return end - start;
    }

    boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
