package dev.tollgate.mockllm;

/** Parses the small non-negative numbers of flags and query parameters, naming the bad one. */
final class Numbers {
    private Numbers() {
    }

    static long nonNegative(String name, String value, long max) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the name
        }
        throw new IllegalArgumentException(name + ": " + value + " (expected: an integer 0.." + max + ")");
    }
}
