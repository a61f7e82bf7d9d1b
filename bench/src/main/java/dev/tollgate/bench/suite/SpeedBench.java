package dev.tollgate.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tollgate bench speed}: how long a cold gateway takes to reach its speed under load,
 * as when an autoscaler adds a node. For each variant and for scenarios 3 (no plugins) and 4
 * (the AI chain), a fresh gateway is started and loaded at once with back-to-back 1-second wrk
 * runs; the figure is the time from the start of the load until req/s is at least 90% of the
 * steady rate (the median of the last 20 s) for 3 seconds running. Variants:
 * <ul>
 *   <li>{@code launcher}: the flags of {@code ./tollgate start};</li>
 *   <li>{@code aot}: the same without the Graal compiler for GraalJS (Java 25 refuses an AOT
 *       cache with {@code --upgrade-module-path}), with an AOT cache (classes loaded and linked,
 *       method profiles) recorded by a training run of the same load first.</li>
 * </ul>
 */
public final class SpeedBench {
    private static final double SPEED = 0.90;
    private static final int STEADY_WINDOW = 20;
    private static final int HOLD = 3;

    private SpeedBench() {
    }

    record Run(String variant, int scenario, double startSeconds, double[] perSecond) {
        double steady() {
            double[] tail = Arrays.copyOfRange(perSecond, Math.max(0, perSecond.length - STEADY_WINDOW), perSecond.length);
            Arrays.sort(tail);
            return tail[tail.length / 2];
        }

        /** True when the second half of the steady window is more than 5% above the first: no plateau yet. */
        boolean stillClimbing() {
            int n = perSecond.length;
            int half = Math.min(STEADY_WINDOW, n) / 2;
            return half > 0 && median(n - half, n) > 1.05 * median(n - 2 * half, n - half);
        }

        private double median(int from, int to) {
            double[] part = Arrays.copyOfRange(perSecond, from, to);
            Arrays.sort(part);
            return part[part.length / 2];
        }

        /**
         * Seconds of load until the rate held 90% of steady for {@value #HOLD} s; -1 when it never
         * did, or when the rate was still climbing at the end (the run was too short to tell).
         */
        int timeToSpeed() {
            if (stillClimbing()) {
                return -1;
            }
            double bar = SPEED * steady();
            for (int i = 0; i + HOLD <= perSecond.length; i++) {
                boolean held = true;
                for (int j = i; j < i + HOLD; j++) {
                    held &= perSecond[j] >= bar;
                }
                if (held) {
                    return i + 1;
                }
            }
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 90;
        int train = 40;
        List<String> variants = List.of("launcher", "aot");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seconds" -> seconds = positive(args[++i]);
                    case "--train" -> train = positive(args[++i]);
                    case "--variants" -> variants = List.of(args[++i].split(","));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!List.of("launcher", "aot").containsAll(variants)) {
                throw new IllegalArgumentException("--variants " + String.join(",", variants) + " (expected: launcher, aot)");
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("bench speed: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value" : e.getMessage())
                    + "\nusage: ./tollgate bench speed [--seconds 90] [--train 40] [--variants launcher,aot]");
            System.exit(2);
            return;
        }
        Path report = run(Path.of("").toAbsolutePath(), null, seconds, train, variants);
        System.out.println(Files.readString(report));
        System.out.println("report: " + report);
    }

    private static int positive(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + v + "' (expected: a whole number > 0)");
    }

    /** Runs every variant from the repository {@code root}; the report goes to {@code out} (bench/results when null). */
    static Path run(Path root, Path out, int seconds, int train, List<String> variants) throws Exception {
        BenchSuite.requireTool("wrk");
        Path work = Files.createTempDirectory("tollgate-speed");
        List<Run> runs = new ArrayList<>();
        long began = System.nanoTime();
        for (String variant : variants) {
            List<String> flags = List.of();
            boolean jit = true;
            if (variant.equals("aot")) {
                Path cache = work.resolve("tollgate.aot");
                trainAotCache(root, work.resolve("aot-training"), cache, train);
                flags = List.of("-XX:AOTCache=" + cache);
                jit = false;
            } else if (!variant.equals("launcher")) {
                throw new IllegalArgumentException("unknown variant " + variant + " (launcher, aot)");
            }
            for (int scenario : new int[] {3, 4}) {
                runs.add(coldRun(root, work.resolve(variant + "-" + scenario), variant, scenario, flags, jit, seconds));
            }
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss"));
        Path dir = Files.createDirectories(out != null ? out : root.resolve("bench/results"));
        Path report = dir.resolve(stamp + "-speed.md");
        Files.writeString(report, report(runs, seconds, (System.nanoTime() - began) / 1_000_000_000L));
        return report;
    }

    private static Run coldRun(Path root, Path work, String variant, int scenario, List<String> flags, boolean jit, int seconds)
            throws Exception {
        try (Stack stack = new Stack(root, work); OtlpSink otlp = new OtlpSink()) {
            stack.startMock(0);
            long launched = System.nanoTime();
            stack.startGateway(flags, jit);
            double startSeconds = (System.nanoTime() - launched) / 1e9;
            Scenarios.configure(stack, otlp.tracesEndpoint());
            Target target = target(stack, scenario);
            Wrk wrk = new Wrk(2, 32, Files.createDirectories(work.resolve("wrk")));
            double[] perSecond = new double[seconds];
            for (int i = 0; i < seconds; i++) {
                perSecond[i] = wrk.run(target, Duration.ofSeconds(1)).requestsPerSecond();
            }
            BenchSuite.log("%s, scenario %d: ready in %.1f s; req/s %s", variant, scenario, startSeconds, Arrays.toString(perSecond));
            return new Run(variant, scenario, startSeconds, perSecond);
        }
    }

    /** A gateway without the Graal compiler records an AOT cache while it serves scenarios 3 and 4, and writes it when it stops. */
    private static void trainAotCache(Path root, Path work, Path cache, int seconds) throws Exception {
        try (Stack stack = new Stack(root, work); OtlpSink otlp = new OtlpSink()) {
            stack.startMock(0);
            stack.startGateway(List.of("-XX:AOTCacheOutput=" + cache), false);
            Scenarios.configure(stack, otlp.tracesEndpoint());
            Wrk wrk = new Wrk(2, 32, Files.createDirectories(work.resolve("wrk")));
            for (int s = 0; s < seconds; s += 10) {
                wrk.run(target(stack, 3), Duration.ofSeconds(5));
                wrk.run(target(stack, 4), Duration.ofSeconds(5));
            }
            stack.stopGateway(Duration.ofMinutes(3));
        }
        if (!Files.exists(cache)) {
            throw new IllegalStateException("the training run wrote no AOT cache at " + cache + " (see " + work.resolve("gateway.log") + ")");
        }
        BenchSuite.log("AOT cache: %s, %d MB", cache, Files.size(cache) >> 20);
    }

    private static Target target(Stack stack, int scenario) {
        return Scenarios.all(stack).stream().filter(s -> s.number() == scenario).findFirst().orElseThrow().target();
    }

    static String report(List<Run> runs, int seconds, long tookSeconds) {
        StringBuilder md = new StringBuilder("# Time to speed after a cold start\n\n");
        md.append("Command: `./tollgate bench speed --seconds ").append(seconds).append("` (took ").append(tookSeconds)
                .append(" s). How to read it: docs/benchmarks.md.\n\n");
        md.append("Each row: a fresh gateway, loaded at once with wrk (2 threads, 32 connections) in back-to-back 1 s runs. ")
                .append("Steady: the median of the last ").append(STEADY_WINDOW).append(" s. Time to speed: seconds of load until ")
                .append("req/s held ").append((int) (SPEED * 100)).append("% of steady for ").append(HOLD).append(" s.\n\n");
        md.append("| variant | scenario | start to ready s | first second req/s | steady req/s | time to 90% s |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            int tts = r.timeToSpeed();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.0f | %s |%n", r.variant(), r.scenario(),
                    r.startSeconds(), r.perSecond()[0], r.steady(),
                    tts >= 0 ? String.valueOf(tts) : r.stillClimbing() ? "still climbing at " + r.perSecond().length : "never"));
        }
        md.append("\nReq/s second by second:\n\n");
        for (Run r : runs) {
            md.append("- ").append(r.variant()).append(", scenario ").append(r.scenario()).append(": ");
            md.append(String.join(" ", Arrays.stream(r.perSecond()).mapToObj(v -> String.valueOf(Math.round(v))).toList()));
            md.append('\n');
        }
        return md.toString();
    }
}
