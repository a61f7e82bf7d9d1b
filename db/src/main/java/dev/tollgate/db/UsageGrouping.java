package dev.tollgate.db;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How usage is summed up: per answered model, per consumer, per route, per provider, per UTC day or hour. */
public enum UsageGrouping {
    MODEL("model", "model"),
    CONSUMER("consumer", "consumer_id"),
    /** Milliseconds to whole days since the epoch: the same integer division on H2 and PostgreSQL. */
    DAY("day", "recorded_at / 86400000"),
    PROVIDER("provider", "provider"),
    ROUTE("route", "route_id"),
    /** Milliseconds to whole hours since the epoch. */
    HOUR("hour", "recorded_at / 3600000");

    private final String key;
    private final String expression;

    UsageGrouping(String key, String expression) {
        this.key = key;
        this.expression = expression;
    }

    /** The name in {@code group_by=} and of the key field in each summary row. */
    public String key() {
        return key;
    }

    String expression() {
        return expression;
    }

    /** Time groups come oldest first; the others costliest first. */
    boolean chronological() {
        return this == DAY || this == HOUR;
    }

    public static Optional<UsageGrouping> of(String key) {
        return Arrays.stream(values()).filter(g -> g.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(UsageGrouping::key).toList();
    }
}
