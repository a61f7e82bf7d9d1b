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

    /** The values admitted so far for label {@code label} of the node whose registry is {@code metrics}. */
    static Set<String> of(Metrics metrics, String label) {
        return ADMITTED.computeIfAbsent(metrics, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(label, l -> ConcurrentHashMap.newKeySet());
    }

    /** {@code value} of label {@code label}, or {@link Metrics#OVERFLOW} past {@code limit} distinct values. */
    static String admit(Metrics metrics, String label, String value, int limit) {
        return admit(of(metrics, label), value, limit);
    }

    /** {@code value} if {@code admitted} has it or room for it, else {@link Metrics#OVERFLOW}. */
    static String admit(Set<String> admitted, String value, int limit) {
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
