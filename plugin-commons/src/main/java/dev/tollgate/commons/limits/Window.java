package dev.tollgate.commons.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * The periods a limit can be set for, shortest first (the order the "smaller window's limit is
 * not greater" rule walks). Windows are fixed and aligned to the epoch, as the host's counters
 * are: a window starts at {@code now - now % length}. Month and year are fixed lengths (30 and
 * 365 days), not calendar months and years, so every node and counter store agrees on where a
 * window starts without a time zone.
 */
public enum Window {
    SECOND("second", "Second", Duration.ofSeconds(1)),
    MINUTE("minute", "Minute", Duration.ofMinutes(1)),
    HOUR("hour", "Hour", Duration.ofHours(1)),
    DAY("day", "Day", Duration.ofDays(1)),
    MONTH("month", "Month", Duration.ofDays(30)),
    YEAR("year", "Year", Duration.ofDays(365));

    private final String field;
    private final String headerSuffix;
    private final Duration length;

    Window(String field, String headerSuffix, Duration length) {
        this.field = field;
        this.headerSuffix = headerSuffix;
        this.length = length;
    }

    /** The name configurations use for this window ({@code minute}). */
    public String field() {
        return field;
    }

    /** How header names spell this window ({@code Minute} in {@code X-RateLimit-Limit-Minute}). */
    public String headerSuffix() {
        return headerSuffix;
    }

    public Duration length() {
        return length;
    }

    /** Whole seconds until the window holding {@code nowMillis} ends; at least 1, as a client must wait. */
    public long secondsUntilReset(long nowMillis) {
        long lengthMillis = length.toMillis();
        long elapsedSeconds = Math.floorMod(nowMillis, lengthMillis) / 1000;
        return Math.max(1, length.toSeconds() - elapsedSeconds);
    }

    /** When the window holding {@code nowMillis} ends. */
    public Instant resetsAt(long nowMillis) {
        long lengthMillis = length.toMillis();
        return Instant.ofEpochMilli(nowMillis - Math.floorMod(nowMillis, lengthMillis) + lengthMillis);
    }

    /** The window a configuration names ({@code minute}), if any. */
    public static java.util.Optional<Window> byField(String field) {
        for (Window w : values()) {
            if (w.field.equals(field)) {
                return java.util.Optional.of(w);
            }
        }
        return java.util.Optional.empty();
    }
}
