package dev.tollgate.plugins.ratelimiting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.commons.limits.Amounts;
import dev.tollgate.commons.limits.Window;

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
            headers.put("X-RateLimit-Limit-" + u.window().headerSuffix(), Amounts.text(u.limit()));
            headers.put("X-RateLimit-Remaining-" + u.window().headerSuffix(), Amounts.text(u.remaining()));
            if (tightest == null || u.remaining() <= tightest.remaining()) {
                tightest = u;
            }
        }
        if (tightest != null) {
            headers.put("RateLimit-Limit", Amounts.text(tightest.limit()));
            headers.put("RateLimit-Remaining", Amounts.text(tightest.remaining()));
            headers.put("RateLimit-Reset", Long.toString(tightest.window().secondsUntilReset(nowMillis)));
        }
        return headers;
    }
}
