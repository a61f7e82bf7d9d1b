package dev.tollgate.plugins.ratelimiting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One window's limit and count as the client's headers report them.
 *
 * @param count requests counted in the current window: with this one when it passed, without it
 *              when it was refused (a refused request is not counted)
 */
record WindowUsage(Window window, double limit, long count) {

    double remaining() {
        return Math.max(0, limit - count);
    }

    /**
     * {@code X-RateLimit-Limit-<Window>} and {@code X-RateLimit-Remaining-<Window>} for every
     * window, and {@code RateLimit-*} for the window with the fewest requests left; on a tie the
     * longer window, since it is the one that keeps the client waiting longer (Kong's choice).
     */
    static Map<String, String> headers(List<WindowUsage> usage, long nowMillis) {
        Map<String, String> headers = new LinkedHashMap<>();
        WindowUsage tightest = null;
        for (WindowUsage u : usage) { // shortest window first, so '<=' prefers the longer on a tie
            headers.put(u.window().limitHeader(), number(u.limit()));
            headers.put(u.window().remainingHeader(), number(u.remaining()));
            if (tightest == null || u.remaining() <= tightest.remaining()) {
                tightest = u;
            }
        }
        if (tightest != null) {
            headers.put("RateLimit-Limit", number(tightest.limit()));
            headers.put("RateLimit-Remaining", number(tightest.remaining()));
            headers.put("RateLimit-Reset", Long.toString(tightest.window().secondsUntilReset(nowMillis)));
        }
        return headers;
    }

    /** Limits are JSON numbers; whole ones are shown without a fraction ({@code 5}, not {@code 5.0}). */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
