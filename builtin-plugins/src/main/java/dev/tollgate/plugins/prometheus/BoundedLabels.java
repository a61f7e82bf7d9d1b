package dev.tollgate.plugins.prometheus;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.sdk.metrics.Metrics;

/**
 * Which values of a client-driven label (consumers; models, which a client names on routes
 * without a fixed model) have a label of their own, per node (per metrics registry, which
 * outlives plugin instances): the first ones seen, up to a limit; the rest are
 * {@link Metrics#OVERFLOW}.
 */
final class BoundedLabels {
    /** Registry → label name → the values admitted. */
    private static final Map<Metrics, Map<String, Set<String>>> ADMITTED = Collections.synchronizedMap(new WeakHashMap<>());

    private BoundedLabels() {
    }

    /** {@code value} of label {@code label}, or {@link Metrics#OVERFLOW} past {@code limit} distinct values. */
    static String admit(Metrics metrics, String label, String value, int limit) {
        Set<String> admitted = ADMITTED.computeIfAbsent(metrics, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(label, l -> ConcurrentHashMap.newKeySet());
        if (admitted.contains(value)) {
            return value;
        }
        synchronized (admitted) {
            if (admitted.size() < limit) {
                admitted.add(value);
                return value;
            }
        }
        return Metrics.OVERFLOW;
    }
}
