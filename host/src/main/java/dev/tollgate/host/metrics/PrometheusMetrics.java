package dev.tollgate.host.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.tollgate.sdk.metrics.Counter;
import dev.tollgate.sdk.metrics.Family;
import dev.tollgate.sdk.metrics.Gauge;
import dev.tollgate.sdk.metrics.Histogram;
import dev.tollgate.sdk.metrics.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * The SDK's {@link Metrics} on a Prometheus registry: families are made once per node, named
 * with the node's prefix, and hold at most {@link #maxLabelSets} children each; past that,
 * records go to the overflow child.
 */
public final class PrometheusMetrics implements Metrics {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /** The longest label value kept; longer ones are cut (a family's size is bounded in bytes, not only in series). */
    public static final int MAX_LABEL_VALUE = 256;
    private static final Pattern PREFIX = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private record Shape(String kind, List<String> labelNames, List<Double> buckets) {}

    private record Registered(Shape shape, Family<?> family) {}

    private final PrometheusRegistry registry;
    private final String prefix;
    private final int maxLabelSets;
    private final ConcurrentHashMap<String, Registered> families = new ConcurrentHashMap<>();

    public PrometheusMetrics(PrometheusRegistry registry, String prefix, int maxLabelSets) {
        this.registry = requireNonNull(registry, "registry");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("metrics prefix: '" + prefix + "' (expected: letters, digits and '_')");
        }
        this.prefix = prefix;
        this.maxLabelSets = maxLabelSets;
    }

    /** The prefix names are exposed under, e.g. {@code tollgate}. */
    public String prefix() {
        return prefix;
    }

    /** The exposed name of {@code name}: the prefix, an underscore, the name. */
    public String exposed(String name) {
        return prefix + "_" + name;
    }

    @Override
    public Family<Counter> counter(String name, String help, String... labelNames) {
        return register(name, "counter", labelNames, null, () -> {
            if (name.endsWith("_total")) {
                var c = io.prometheus.metrics.core.metrics.Counter.builder().name(exposed(name)).help(help)
                        .labelNames(labelNames).register(registry);
                return values -> counting(c.labelValues(values)::inc);
            }
            // Prometheus clients add _total to a counter's name; Kong's bandwidth_bytes has none.
            var g = io.prometheus.metrics.core.metrics.Gauge.builder().name(exposed(name)).help(help)
                    .labelNames(labelNames).register(registry);
            return values -> counting(g.labelValues(values)::inc);
        });
    }

    /** A counter child that adds only finite, non-negative amounts. */
    private static Counter counting(java.util.function.DoubleConsumer add) {
        return amount -> {
            if (amount >= 0 && Double.isFinite(amount)) {
                add.accept(amount);
            }
        };
    }

    @Override
    public Family<Gauge> gauge(String name, String help, String... labelNames) {
        return register(name, "gauge", labelNames, null, () -> {
            var g = io.prometheus.metrics.core.metrics.Gauge.builder().name(exposed(name)).help(help)
                    .labelNames(labelNames).register(registry);
            return values -> {
                var point = g.labelValues(values);
                return new Gauge() {
                    @Override
                    public void set(double value) {
                        point.set(value);
                    }

                    @Override
                    public void inc(double amount) {
                        point.inc(amount);
                    }
                };
            };
        });
    }

    @Override
    public Family<Histogram> histogram(String name, String help, double[] buckets, String... labelNames) {
        requireNonNull(buckets, "buckets");
        for (int i = 0; i < buckets.length; i++) {
            if (!Double.isFinite(buckets[i]) || (i > 0 && buckets[i] <= buckets[i - 1])) {
                throw new IllegalArgumentException(name + ": buckets " + Arrays.toString(buckets) + " (expected: finite, ascending)");
            }
        }
        return register(name, "histogram", labelNames, Arrays.stream(buckets).boxed().toList(), () -> {
            var h = io.prometheus.metrics.core.metrics.Histogram.builder().name(exposed(name)).help(help)
                    .classicOnly().classicUpperBounds(buckets).labelNames(labelNames).register(registry);
            return values -> {
                var point = h.labelValues(values);
                return new Histogram() {
                    @Override
                    public void observe(double value) {
                        if (Double.isFinite(value)) {
                            point.observe(value);
                        }
                    }

                    @Override
                    public void observe(double value, String traceId, String spanId) {
                        if (!Double.isFinite(value)) {
                            return;
                        }
                        if (traceId == null || spanId == null) {
                            point.observe(value);
                        } else {
                            point.observeWithExemplar(value, Labels.of("trace_id", traceId, "span_id", spanId));
                        }
                    }
                };
            };
        });
    }

    @SuppressWarnings("unchecked")
    private <T> Family<T> register(String name, String kind, String[] labelNames, List<Double> buckets,
                                   java.util.function.Supplier<Function<String[], T>> make) {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' (expected: [a-z_][a-z0-9_]*)");
        }
        for (String label : labelNames) {
            if (label == null || !NAME.matcher(label).matches() || label.startsWith("__") || label.equals("le")) {
                throw new IllegalArgumentException(name + ": label name '" + label + "' (expected: [a-z_][a-z0-9_]*, not 'le')");
            }
        }
        Shape shape = new Shape(kind, List.of(labelNames), buckets);
        Registered r = families.computeIfAbsent(name,
                n -> new Registered(shape, new Bounded<>(name, labelNames.length, maxLabelSets, make.get())));
        if (!r.shape().equals(shape)) {
            throw new IllegalArgumentException("metric " + name + " is already a " + r.shape().kind() + " with labels "
                    + r.shape().labelNames() + (r.shape().buckets() == null ? "" : " and buckets " + r.shape().buckets())
                    + "; asked for a " + kind + " with labels " + Arrays.toString(labelNames));
        }
        return (Family<T>) r.family();
    }

    /** Children by label values, at most {@code max} of them; the rest share the overflow child. */
    private static final class Bounded<T> implements Family<T> {
        private final String name;
        private final int labels;
        private final int max;
        private final Function<String[], T> make;
        private final ConcurrentHashMap<List<String>, T> children = new ConcurrentHashMap<>();
        private volatile T overflow;

        Bounded(String name, int labels, int max, Function<String[], T> make) {
            this.name = name;
            this.labels = labels;
            this.max = max;
            this.make = make;
        }

        @Override
        public T labels(String... values) {
            if (values.length != labels) {
                throw new IllegalArgumentException(name + ": " + values.length + " label values for " + labels + " labels");
            }
            String[] v = values;
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null || v[i].length() > MAX_LABEL_VALUE) {
                    v = v == values ? values.clone() : v;
                    v[i] = v[i] == null ? "" : v[i].substring(0, MAX_LABEL_VALUE - 1) + "…";
                }
            }
            List<String> key = Arrays.asList(v);
            T child = children.get(key);
            if (child != null) {
                return child;
            }
            if (children.size() >= max) {
                return overflow();
            }
            String[] copy = v.clone();
            return children.computeIfAbsent(List.of(copy), k -> make.apply(copy));
        }

        private T overflow() {
            T o = overflow;
            if (o == null) {
                String[] all = new String[labels];
                Arrays.fill(all, OVERFLOW);
                o = make.apply(all);
                overflow = o;
            }
            return o;
        }
    }
}
