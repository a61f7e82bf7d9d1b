package dev.tollgate.db;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How usage is summed up: per answered model, per consumer, per UTC day or per provider. */
public enum UsageGrouping {
    MODEL("model", "model"),
    CONSUMER("consumer", "consumer_id"),
    /** Milliseconds to whole days since the epoch: the same integer division on H2 and PostgreSQL. */
    DAY("day", "recorded_at / 86400000"),
    PROVIDER("provider", "provider");

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

    public static Optional<UsageGrouping> of(String key) {
        return Arrays.stream(values()).filter(g -> g.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(UsageGrouping::key).toList();
    }
}
