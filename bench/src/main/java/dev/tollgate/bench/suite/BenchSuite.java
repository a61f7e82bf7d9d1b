package dev.tollgate.bench.suite;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tollgate bench}: Tollgate side by side with the mock LLM called directly and with nginx,
 * in one run, scenarios alternated so drift hits all alike; writes report.md and chart.png under
 * bench/results/ (docs/benchmarks.md explains every figure).
 *
 * <ol>
 *   <li>warm-up: wrk over every scenario, {@code --warmup-passes} times;
 *   <li>throughput: {@code --rounds} rounds of one wrk run per scenario (rotated order), with the
 *       proxy's CPU time and peak RSS;
 *   <li>latency: the same rounds with {@link RateDriver} at {@code --rate} requests/s;
 *   <li>streaming (scenario 6): time to first token and between tokens, direct vs through Tollgate;
 *   <li>profile: JFR recordings of the gateway under scenario 3's and scenario 4's load.
 * </ol>
 */
public final class BenchSuite {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        SuiteOptions opts;
        try {
            opts = SuiteOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + SuiteOptions.USAGE);
            System.exit(2);
            return;
        }
        Path report = run(opts, Path.of("").toAbsolutePath());
        System.out.println("\nreport: " + report);
    }

    /** Runs the suite from the repository {@code root}; returns the report's path. */
    static Path run(SuiteOptions opts, Path root) throws Exception {
        requireTool("wrk");
        requireTool("nginx");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss"));
        Path out = opts.out() != null ? opts.out()
                : root.resolve("bench/results").resolve(stamp + (opts.smoke() ? "-smoke" : ""));
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("tollgate-bench");
        long started = System.nanoTime();
        try (Stack stack = new Stack(root, work); OtlpSink otlp = new OtlpSink()) {
            log("starting the mock LLM, nginx and the gateway");
            stack.startMock(opts.tokenDelayMs());
            stack.startNginx();
            stack.startGateway();
            Scenarios.configure(stack, otlp.tracesEndpoint());
            List<Measured> all = new ArrayList<>();
            for (Scenarios.Scenario s : Scenarios.all(stack)) {
                Measured m = new Measured(s);
                m.responseBytes = check(s.target());
                all.add(m);
            }
            Wrk wrk = new Wrk(2, opts.connections(), Files.createDirectories(work.resolve("wrk")));

            int warmupPasses = warmUp(wrk, all, opts);
            for (int r = 0; r < opts.rounds(); r++) {
                for (Measured m : rotated(all, r)) {
                    throughput(wrk, m, stack, opts.duration());
                }
            }
            RateDriver driver = new RateDriver(opts.connections(), READ_TIMEOUT);
            for (int r = 0; r < opts.rounds(); r++) {
                for (Measured m : rotated(all, r)) {
                    latency(driver, m, opts);
                }
            }
            StreamFigures streams = new StreamFigures(Streaming.measure(stack, opts), Bursts.measure(stack, opts),
                    TokenRate.measure(stack, opts));
            List<Profile.Summary> profiles = new ArrayList<>();
            for (Measured m : List.of(all.get(2), all.get(3))) { // the plain proxy, then the AI chain
                log("profile: JFR of the gateway for %d s under scenario %d", opts.profile().toSeconds(), m.scenario.number());
                Path jfr = out.resolve("scenario" + m.scenario.number() + ".jfr");
                Profile.start(stack.gateway.handle().pid(), jfr);
                wrk.run(m.scenario.target(), opts.profile());
                Profile.stop(stack.gateway.handle().pid());
                profiles.add(Profile.summarize(jfr, m.scenario));
                if (opts.smoke()) {
                    Files.deleteIfExists(jfr);
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return Report.write(out, opts, stack, all, streams, profiles, warmupPasses, took);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * At least {@code --warmup-passes} passes of wrk over every scenario, then more until every
     * scenario stopped climbing ({@link #settled}; at most 3x the minimum): on 2
     * shared cores the gateway's JITs (C2, and Graal for the JS plugin) need one to two minutes of
     * load, and a fixed short warm-up measured them warming.
     */
    private static int warmUp(Wrk wrk, List<Measured> all, SuiteOptions opts) throws Exception {
        List<double[]> passes = new ArrayList<>();
        int max = opts.smoke() ? opts.warmupPasses() : opts.warmupPasses() * 3;
        for (int p = 1; p <= max; p++) {
            double[] pass = new double[all.size()];
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < all.size(); i++) {
                pass[i] = wrk.run(all.get(i).scenario.target(), opts.warmup()).requestsPerSecond();
                line.append(String.format(Locale.ROOT, " %.0f", pass[i]));
            }
            passes.add(pass);
            log("warm-up pass %d (%d s per scenario), req/s:%s", p, opts.warmup().toSeconds(), line);
            if (p >= opts.warmupPasses() && settled(passes)) {
                return p;
            }
        }
        log("warm-up: still climbing after %d passes; measuring anyway", max);
        return max;
    }

    /**
     * Settled when no scenario set a new high in the last two passes: neither is more than 5%
     * above the best pass before them. Noise of ±15% between passes is usual on 2 shared cores,
     * so a rule on the change from the pass before declared a rate that still climbed 10% a
     * pass settled.
     */
    static boolean settled(List<double[]> passes) {
        int n = passes.size();
        if (n < 3) {
            return false;
        }
        for (int i = 0; i < passes.getFirst().length; i++) {
            double before = 0;
            for (int p = 0; p < n - 2; p++) {
                before = Math.max(before, passes.get(p)[i]);
            }
            if (Math.max(passes.get(n - 2)[i], passes.get(n - 1)[i]) > 1.05 * before) {
                return false;
            }
        }
        return true;
    }

    private static void throughput(Wrk wrk, Measured m, Stack stack, Duration duration) throws Exception {
        var proxy = m.scenario.proxy();
        var mock = stack.mock.handle();
        double cpu0 = proxy == null ? 0 : ProcStats.cpuSeconds(proxy);
        double mock0 = ProcStats.cpuSeconds(mock);
        Wrk.Result res;
        if (proxy == null) {
            res = wrk.run(m.scenario.target(), duration);
        } else {
            try (ProcStats.Sampler rss = ProcStats.sampleRss(proxy)) {
                res = wrk.run(m.scenario.target(), duration);
                m.peakRssKb = Math.max(m.peakRssKb, rss.peakKb());
            }
        }
        m.proxyCpuSeconds += proxy == null ? 0 : ProcStats.cpuSeconds(proxy) - cpu0;
        m.mockCpuSeconds += ProcStats.cpuSeconds(mock) - mock0;
        m.throughputRequests += res.requests();
        m.throughput.add(res);
        log("%-38s %10.0f req/s%s", m.scenario.label(), res.requestsPerSecond(),
                res.clean() ? "" : "  (" + res.non2xx() + " non-2xx, " + res.socketErrors() + " socket errors)");
    }

    private static void latency(RateDriver driver, Measured m, SuiteOptions opts) throws Exception {
        RateDriver.Result r = driver.run(m.scenario.target().asDriverRequest(), opts.rate(), opts.latencyDuration());
        m.latency.add(r.corrected());
        m.latencyUncorrected.add(r.uncorrected());
        m.latencySent += r.sent();
        m.latencyErrors += r.errors();
        r.statuses().forEach((status, n) -> m.latencyStatuses.merge(status, n, Long::sum));
        m.achievedRates.add(r.achievedRate());
        log("%-38s at %d req/s: %s", m.scenario.label(), opts.rate(), r.summary());
    }

    /** Round r starts with scenario r (mod n), so no scenario always runs first or last. */
    static <T> List<T> rotated(List<T> list, int r) {
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get((i + r) % list.size()));
        }
        return out;
    }

    /** One request through the scenario must succeed before anything is timed; returns the answer's size. */
    private static int check(Target t) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(t.uri()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(t.body()));
        t.headers().forEach(b::header);
        HttpResponse<byte[]> res = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() != 200) {
            throw new IOException(t.name() + ": " + t.uri() + " answered " + res.statusCode() + ": "
                    + Scenarios.utf8(res.body()));
        }
        return res.body().length;
    }

    static void requireTool(String name) throws IOException {
        tool(name);
    }

    /** Runs a load tool to its end (at most {@code limit}) and returns what it printed; fails with its output. */
    static String runTool(List<String> cmd, Duration limit, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(limit.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(what + " failed:\n" + out);
        }
        return out;
    }

    /** The executable {@code name} on the PATH or in /usr/sbin (nginx's home on Debian). */
    static String tool(String name) throws IOException {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IOException(name + " is not installed (./tollgate bench installs it: apt-get install wrk nginx-light)");
    }

    /** As {@link #tool}, or the bare name when it is not found (for a version line). */
    static String toolOrName(String name) {
        try {
            return tool(name);
        } catch (IOException e) {
            return name;
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "bench: " + format + "%n", args);
        System.out.flush();
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
