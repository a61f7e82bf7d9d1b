package dev.tollgate.plugins.airesponsecache;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What the client's {@code Cache-Control} request header asks of the cache (RFC 9111 request
 * directives): {@code no-store} neither reads nor stores, {@code no-cache} (the same as
 * {@code max-age=0}) skips the cached answer and stores the fresh one, {@code max-age=N} accepts
 * only answers at most N seconds old. Unknown directives are ignored.
 *
 * @param maxAgeSeconds the oldest answer accepted; empty for any
 */
record CacheDirectives(boolean noStore, OptionalLong maxAgeSeconds) {
    static final CacheDirectives NONE = new CacheDirectives(false, OptionalLong.empty());

    static CacheDirectives parse(List<String> cacheControl) {
        boolean noStore = false;
        OptionalLong maxAge = OptionalLong.empty();
        for (String value : cacheControl) {
            for (String part : value.split(",")) {
                String d = part.strip().toLowerCase(Locale.ROOT);
                if (d.equals("no-store")) {
                    noStore = true;
                } else if (d.equals("no-cache")) {
                    maxAge = OptionalLong.of(0);
                } else if (d.startsWith("max-age=")) {
                    OptionalLong parsed = seconds(d.substring("max-age=".length()));
                    if (parsed.isPresent() && (maxAge.isEmpty() || parsed.getAsLong() < maxAge.getAsLong())) {
                        maxAge = parsed; // the strictest wins
                    }
                }
            }
        }
        return new CacheDirectives(noStore, maxAge);
    }

    /** Whether a cached answer may be looked up at all. */
    boolean mayRead() {
        return !noStore && (maxAgeSeconds.isEmpty() || maxAgeSeconds.getAsLong() > 0);
    }

    boolean mayStore() {
        return !noStore;
    }

    /** Whether an answer stored {@code ageSeconds} ago is fresh enough for the client. */
    boolean accepts(long ageSeconds) {
        return maxAgeSeconds.isEmpty() || ageSeconds <= maxAgeSeconds.getAsLong();
    }

    /** RFC 9111's delta-seconds: digits; a value too large for a long is "forever". */
    private static OptionalLong seconds(String text) {
        String t = text.startsWith("\"") && text.endsWith("\"") && text.length() > 1 ? text.substring(1, text.length() - 1) : text;
        if (t.isEmpty() || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
    }
}
