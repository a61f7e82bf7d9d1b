package dev.tollgate.sdk.metrics;

/**
 * A metric family: one name, one kind, a fixed list of label names, and one child per set of
 * label values.
 *
 * @param <T> the kind of child: {@link Counter}, {@link Gauge} or {@link Histogram}
 * @since 0.2.0
 */
public interface Family<T> {
    /**
     * The child for these label values, one per label name in order, made on first use; null
     * values are recorded as empty strings. Past the family's limit of label sets, the
     * overflow child ({@link Metrics#OVERFLOW} in every label).
     *
     * @throws IllegalArgumentException when the number of values differs from the number of labels
     */
    T labels(String... values);
}
