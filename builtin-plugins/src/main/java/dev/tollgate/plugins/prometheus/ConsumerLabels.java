package dev.tollgate.plugins.prometheus;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.sdk.metrics.Metrics;

/**
 * Which consumers have a label of their own, per node (per metrics registry, which outlives
 * plugin instances): the first ones seen, up to the limit; the rest are {@link Metrics#OVERFLOW}.
 */
final class ConsumerLabels {
    private static final Map<Metrics, Set<String>> ADMITTED = Collections.synchronizedMap(new WeakHashMap<>());

    private ConsumerLabels() {
    }

    static String label(Metrics metrics, String consumer, int limit) {
        Set<String> admitted = ADMITTED.computeIfAbsent(metrics, m -> ConcurrentHashMap.newKeySet());
        if (admitted.contains(consumer)) {
            return consumer;
        }
        synchronized (admitted) {
            if (admitted.size() < limit) {
                admitted.add(consumer);
                return consumer;
            }
        }
        return Metrics.OVERFLOW;
    }
}
