package dev.tollgate.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/** What the suite measured of one scenario, summed over its rounds. */
final class Measured {
    final Scenarios.Scenario scenario;
    final List<Wrk.Result> throughput = new ArrayList<>();
    /** CPU seconds the proxy process used during the throughput runs, and the requests they completed. */
    double proxyCpuSeconds;
    double mockCpuSeconds;
    long throughputRequests;
    long peakRssKb;
    /** Latency at a constant rate, from each request's due time (corrected for coordinated omission), µs. */
    final Histogram latency = new Histogram(60_000_000L, 3);
    final Histogram latencyUncorrected = new Histogram(60_000_000L, 3);
    long latencySent;
    long latencyErrors;
    final Map<Integer, Long> latencyStatuses = new TreeMap<>();
    final List<Double> achievedRates = new ArrayList<>();
    int responseBytes;

    Measured(Scenarios.Scenario scenario) {
        this.scenario = scenario;
    }

    double medianRps() {
        return median(throughput.stream().mapToDouble(Wrk.Result::requestsPerSecond).toArray());
    }

    long throughputFailures() {
        return throughput.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum();
    }

    long latencyNon2xx() {
        return latencyStatuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2).mapToLong(Map.Entry::getValue).sum();
    }

    /** CPU seconds per 100,000 requests, of the proxy (nginx's workers or the gateway); 0 when there is none. */
    double proxyCpuPer100k() {
        return throughputRequests == 0 ? 0 : proxyCpuSeconds / throughputRequests * 100_000;
    }

    double mockCpuPer100k() {
        return throughputRequests == 0 ? 0 : mockCpuSeconds / throughputRequests * 100_000;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
