package dev.tollgate.bench.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.tollgate.bench.BenchOptions;

/**
 * How long and how hard the suite runs. {@code --smoke} is the short mode CI runs (under a
 * minute) to prove the suite works; its figures mean nothing.
 *
 * @param smoke           the short mode
 * @param warmupPasses    at least this many passes of {@code warmup} wrk runs over every scenario before
 *                        measuring, more until req/s settle (at most 3x)
 * @param warmup          length of one warm-up run
 * @param rounds          measured rounds; each runs every scenario once, in a rotated order
 * @param duration        one throughput (wrk) run
 * @param rate            requests/s of the latency runs
 * @param latencyDuration one latency run
 * @param connections     wrk's connections (and the rate driver's)
 * @param streams         streamed answers per path and round in scenario 6
 * @param streamTokens    tokens per streamed answer
 * @param tokenDelayMs    the mock's pause between streamed tokens
 * @param profile         length of the JFR recording of scenario 4
 * @param burst           streamed answers started at once in a stream burst
 * @param tokenStreams    streams of 1,000 unpaced tokens in the token throughput run
 * @param out             where the report goes; null: bench/results/&lt;time&gt;
 */
record SuiteOptions(boolean smoke, int warmupPasses, Duration warmup, int rounds, Duration duration, int rate,
                    Duration latencyDuration, int connections, int streams, int streamTokens, int tokenDelayMs,
                    Duration profile, Path out, int burst, int tokenStreams) {

    static final String USAGE = """
            usage: ./tollgate bench [--smoke] [--rounds 3] [--duration 10] [--warmup-passes 4] [--warmup 5]
                                    [--rate 1000] [--latency-duration 10] [--connections 32] [--streams 10]
                                    [--profile 15] [--burst 1000] [--token-streams 320] [--out DIR]
                                    (durations in seconds)""";

    private static final java.util.Set<String> KNOWN = java.util.Set.of("smoke", "warmup-passes", "warmup", "rounds",
            "duration", "rate", "latency-duration", "connections", "streams", "stream-tokens", "token-delay-ms",
            "profile", "out", "burst", "token-streams");

    static SuiteOptions parse(String[] args) {
        Map<String, String> o = BenchOptions.parse(java.util.Arrays.stream(args)
                .flatMap(a -> a.equals("--smoke") ? java.util.stream.Stream.of("--smoke", "true") : java.util.stream.Stream.of(a))
                .toArray(String[]::new));
        for (String name : o.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        boolean smoke = Boolean.parseBoolean(o.getOrDefault("smoke", "false"));
        return new SuiteOptions(smoke,
                integer(o, "warmup-passes", smoke ? 1 : 4),
                seconds(o, "warmup", smoke ? 1 : 5),
                integer(o, "rounds", smoke ? 1 : 3),
                seconds(o, "duration", smoke ? 2 : 10),
                integer(o, "rate", smoke ? 200 : 1000),
                seconds(o, "latency-duration", smoke ? 2 : 10),
                integer(o, "connections", 32),
                integer(o, "streams", smoke ? 2 : 10),
                integer(o, "stream-tokens", 200),
                integer(o, "token-delay-ms", smoke ? 1 : 5),
                seconds(o, "profile", smoke ? 2 : 15),
                o.containsKey("out") ? Path.of(o.get("out")) : null,
                integer(o, "burst", smoke ? 40 : 1000),
                integer(o, "token-streams", smoke ? 4 : 320));
    }

    private static int integer(Map<String, String> o, String name, int dflt) {
        String v = o.getOrDefault(name, String.valueOf(dflt));
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--" + name + " " + v + " (expected: a whole number > 0)");
    }

    private static Duration seconds(Map<String, String> o, String name, int dflt) {
        return Duration.ofSeconds(integer(o, name, dflt));
    }
}
