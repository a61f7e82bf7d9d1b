package dev.tollgate.sdk.metrics;

/** {@link Metrics#NONE}: every family and child records nothing. */
final class NoMetrics implements Metrics {
    static final NoMetrics INSTANCE = new NoMetrics();
    private static final Counter COUNTER = amount -> { };
    private static final Gauge GAUGE = new Gauge() {
        @Override
        public void set(double value) {
        }

        @Override
        public void inc(double amount) {
        }
    };
    private static final Histogram HISTOGRAM = value -> { };

    private NoMetrics() {
    }

    @Override
    public Family<Counter> counter(String name, String help, String... labelNames) {
        return values -> COUNTER;
    }

    @Override
    public Family<Gauge> gauge(String name, String help, String... labelNames) {
        return values -> GAUGE;
    }

    @Override
    public Family<Histogram> histogram(String name, String help, double[] buckets, String... labelNames) {
        return values -> HISTOGRAM;
    }
}
