package dev.tollgate.plugins.keyauth;

import java.util.List;

/** What one place of the request (a header, a query parameter, a body field) holds under a key name. */
sealed interface KeyLookup {

    /** Nothing under the name: look in the next place. */
    record Absent() implements KeyLookup {
    }

    /** One value: the search ends here, even when the value is empty (Kong's behaviour). */
    record Found(String key) implements KeyLookup {
    }

    /** Several values: refused rather than guessing which one the client meant. */
    record Duplicate() implements KeyLookup {
    }

    KeyLookup ABSENT = new Absent();
    KeyLookup DUPLICATE = new Duplicate();

    /** The lookup for the values a header or a query parameter carries. */
    static KeyLookup of(List<String> values) {
        return switch (values.size()) {
            case 0 -> ABSENT;
            case 1 -> new Found(values.getFirst());
            default -> DUPLICATE;
        };
    }
}
