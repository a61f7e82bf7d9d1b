package dev.tollgate.sdk.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

import dev.tollgate.sdk.metrics.Counter;
import dev.tollgate.sdk.metrics.Family;
import dev.tollgate.sdk.metrics.Gauge;
import dev.tollgate.sdk.metrics.Histogram;
import dev.tollgate.sdk.metrics.Metrics;

/**
 * Metrics kept in memory for a plugin's unit tests: record through the SDK's interfaces, then
 * read back a counter's or gauge's value ({@link #value}), or a histogram's count and sum.
 * Families are checked as the gateway checks them: the same name again must have the same kind
 * and labels.
 *
 * <pre>{@code
 * var metrics = new RecordingMetrics();
 * var ctx = FakePluginContext.builder().services(new FakeHostServices(clock, metrics)).build();
 * plugin.log(ctx.in(Phase.LOG));
 * assertThat(metrics.value("my_requests_total", "route-1")).isEqualTo(1);
 * }</pre>
 *
 * @since 0.2.0
 */
public final class RecordingMetrics implements Metrics {
    private record Key(String name, List<String> labels) {}

    private record Shape(String kind, List<String> labelNames) {}

    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
    private final Map<Key, DoubleAdder> values = new ConcurrentHashMap<>();
    private final Map<Key, DoubleAdder> counts = new ConcurrentHashMap<>();

    @Override
    public Family<Counter> counter(String name, String help, String... labelNames) {
        register(name, "counter", labelNames);
        return family(name, labelNames.length, key -> amount -> {
            if (amount >= 0 && Double.isFinite(amount)) {
                adder(values, key).add(amount);
            }
        });
    }

    @Override
    public Family<Gauge> gauge(String name, String help, String... labelNames) {
        register(name, "gauge", labelNames);
        return family(name, labelNames.length, key -> new Gauge() {
            @Override
            public void set(double value) {
                DoubleAdder a = adder(values, key);
                synchronized (a) {
                    a.reset();
                    a.add(value);
                }
            }

            @Override
            public void inc(double amount) {
                adder(values, key).add(amount);
            }
        });
    }

    @Override
    public Family<Histogram> histogram(String name, String help, double[] buckets, String... labelNames) {
        register(name, "histogram", labelNames);
        return family(name, labelNames.length, key -> value -> {
            if (Double.isFinite(value)) {
                adder(values, key).add(value);
                adder(counts, key).add(1);
            }
        });
    }

    /** A counter's or gauge's value, or a histogram's sum, for these label values; 0 when never recorded. */
    public double value(String name, String... labelValues) {
        DoubleAdder a = values.get(new Key(name, List.of(labelValues)));
        return a == null ? 0 : a.sum();
    }

    /** How many observations a histogram has for these label values. */
    public long count(String name, String... labelValues) {
        DoubleAdder a = counts.get(new Key(name, List.of(labelValues)));
        return a == null ? 0 : (long) a.sum();
    }

    /** The sum over every label set of a family: a counter's total. */
    public double total(String name) {
        return values.entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> e.getValue().sum()).sum();
    }

    private void register(String name, String kind, String[] labelNames) {
        Shape shape = new Shape(kind, List.of(labelNames));
        Shape before = shapes.putIfAbsent(name, shape);
        if (before != null && !before.equals(shape)) {
            throw new IllegalArgumentException("metric " + name + " is already a " + before.kind() + " with labels "
                    + before.labelNames() + "; asked for a " + kind + " with labels " + Arrays.toString(labelNames));
        }
    }

    private static DoubleAdder adder(Map<Key, DoubleAdder> map, Key key) {
        return map.computeIfAbsent(key, k -> new DoubleAdder());
    }

    private static <T> Family<T> family(String name, int labels, java.util.function.Function<Key, T> child) {
        return values -> {
            if (values.length != labels) {
                throw new IllegalArgumentException(name + ": " + values.length + " label values for " + labels + " labels");
            }
            String[] v = values.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i] == null ? "" : v[i];
            }
            return child.apply(new Key(name, List.of(v)));
        };
    }
}
