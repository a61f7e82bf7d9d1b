package dev.tollgate.bench;

import java.util.HashMap;
import java.util.Map;

/** The benchmarks' command-line options: {@code --name value} or {@code --name=value}. */
public final class BenchOptions {
    private BenchOptions() {
    }

    /** The options by name; an {@link IllegalArgumentException} for anything else. */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
        }
        return opts;
    }

    /**
     * The timing options every call benchmark takes: {@code --warmup} calls per plugin, then
     * {@code --rounds} of up to {@code --calls} calls or {@code --max-seconds} each.
     */
    public record Timing(int warmup, int calls, double maxSeconds, int rounds) {

        public static Timing from(Map<String, String> opts, double defaultMaxSeconds) {
            return from(opts, 20_000, defaultMaxSeconds);
        }

        /** With another default warm-up: GraalJS needs ~200,000 calls of a regex-heavy script to settle. */
        public static Timing from(Map<String, String> opts, int defaultWarmup, double defaultMaxSeconds) {
            return new Timing(Integer.parseInt(opts.getOrDefault("warmup", String.valueOf(defaultWarmup))),
                    Integer.parseInt(opts.getOrDefault("calls", "200000")),
                    Double.parseDouble(opts.getOrDefault("max-seconds", String.valueOf(defaultMaxSeconds))),
                    Integer.parseInt(opts.getOrDefault("rounds", "2")));
        }

        public long maxNanos() {
            return (long) (maxSeconds * 1e9);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "warm-up %d calls each, then %d rounds of up to %d calls or "
                    + "%.1f s each, alternating", warmup, rounds, calls, maxSeconds);
        }
    }
}
