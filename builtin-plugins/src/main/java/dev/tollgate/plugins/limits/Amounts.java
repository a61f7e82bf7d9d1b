package dev.tollgate.plugins.limits;

/** How limits and counts appear in headers and messages. */
public final class Amounts {
    private Amounts() {
    }

    /** Limits are JSON numbers; whole ones are shown without a fraction ({@code 5}, not {@code 5.0}). */
    public static String text(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
