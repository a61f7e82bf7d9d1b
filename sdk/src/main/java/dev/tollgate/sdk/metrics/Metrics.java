package dev.tollgate.sdk.metrics;

/**
 * The node's metrics registry. Families are node-wide, shared by every plugin instance: asking
 * again for a family of the same name, kind and labels returns the same family (instances are
 * made again on every configuration change), while the same name with another kind or other
 * labels is refused with an {@link IllegalArgumentException}.
 *
 * <p>Names are given without the node's prefix ({@code metrics.prefix}, {@code tollgate} by
 * default): {@code counter("ai_sanitizer_findings_total", ...)} is exposed as
 * {@code tollgate_ai_sanitizer_findings_total}. Names and label names are
 * {@code [a-z_][a-z0-9_]*}. A family holds a bounded number of label sets (the gateway's
 * limit); label sets past it are counted under the value {@value #OVERFLOW} in every label, so
 * that client input cannot grow the registry without bound.
 *
 * <p>Register families once, when the plugin instance is made, and keep the children a request
 * records into ({@link Family#labels}) where the plugin can find them again: the request path
 * then only adds to a number.
 *
 * @since 0.2.0
 */
public interface Metrics {
    /** The label value a family's label sets past its limit are counted under. */
    String OVERFLOW = "overflow";

    /** Records nothing: for hosts without metrics, and tests that do not look. */
    Metrics NONE = NoMetrics.INSTANCE;

    /**
     * A counter family: a number that only goes up. A name ending in {@code _total} is exposed
     * with Prometheus's counter type; another name (Kong's {@code bandwidth_bytes}) is exposed as
     * it is, typed gauge, since Prometheus clients add {@code _total} to every counter's name.
     */
    Family<Counter> counter(String name, String help, String... labelNames);

    /** A gauge family: a number that is set, or goes up and down. */
    Family<Gauge> gauge(String name, String help, String... labelNames);

    /**
     * A histogram family with the given bucket upper bounds (ascending, finite; the
     * {@code +Inf} bucket is added), exposed as {@code _bucket}, {@code _sum} and {@code _count}.
     */
    Family<Histogram> histogram(String name, String help, double[] buckets, String... labelNames);
}
