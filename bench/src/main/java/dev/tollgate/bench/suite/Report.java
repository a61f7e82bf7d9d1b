package dev.tollgate.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** Writes report.md and chart.png of a suite run. */
final class Report {
    private Report() {
    }

    static Path write(Path out, SuiteOptions o, Stack stack, List<Measured> all, StreamFigures streams,
                      List<Profile.Summary> profiles, int warmupPasses, Duration took) throws IOException {
        Measured direct = all.get(0);
        Measured nginx = all.get(1);
        Measured plain = all.get(2);
        Measured chain = all.get(3);
        Measured observed = all.stream().filter(m -> m.scenario.number() == 7).findFirst().orElseThrow();
        StringBuilder md = new StringBuilder();
        line(md, "# Tollgate benchmark%s, %s", o.smoke() ? " (smoke: a check that the suite runs, not figures)" : "",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        line(md, "");
        line(md, "Command: `./tollgate bench%s` (took %d s). How to read it: docs/benchmarks.md.",
                o.smoke() ? " --smoke" : "", took.toSeconds());
        line(md, "");
        line(md, "![throughput and latency](chart.png)");
        line(md, "");
        line(md, "## Scenarios 1–5: a 2 KB chat request, a %d-byte answer", direct.responseBytes);
        line(md, "");
        line(md, "Throughput: wrk, 2 threads, %d connections, %d round(s) of %d s per scenario after %d warm-up pass(es) "
                + "of %d s (until req/s settled); the median round. Latency: constant %d requests/s for %d s per round, from each request's "
                + "due time (coordinated omission corrected). CPU: the proxy process (nginx's workers, the gateway's "
                + "JVM) during the throughput runs.", o.connections(), o.rounds(), o.duration().toSeconds(),
                warmupPasses, o.warmup().toSeconds(), o.rate(), o.latencyDuration().toSeconds());
        line(md, "");
        line(md, "| # | scenario | req/s | vs nginx | p50 ms | p90 ms | p99 ms | p99.9 ms | added p50 ms | proxy CPU s /100k | mock CPU s /100k | proxy peak RSS MB | failures |");
        line(md, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double nginxRps = nginx.medianRps();
        for (Measured m : all) {
            Histogram h = m.latency;
            line(md, "| %d | %s | %.0f | %.2f | %s | %s | %s | %s | %s | %s | %.1f | %s | %s |", m.scenario.number(),
                    m.scenario.label(), m.medianRps(), m.medianRps() / nginxRps, ms(h, 50), ms(h, 90), ms(h, 99),
                    ms(h, 99.9), m == direct ? "–" : String.format(Locale.ROOT, "%+.2f", addedP50(m, direct)),
                    m.scenario.proxy() == null ? "–" : String.format(Locale.ROOT, "%.1f", m.proxyCpuPer100k()),
                    m.mockCpuPer100k(), m.peakRssKb == 0 ? "–" : String.valueOf(m.peakRssKb / 1024),
                    failures(m));
        }
        line(md, "");
        line(md, "Throughput rounds (req/s):");
        line(md, "");
        StringBuilder head = new StringBuilder("| # |");
        StringBuilder sep = new StringBuilder("|---:|");
        for (int r = 1; r <= o.rounds(); r++) {
            head.append(" round ").append(r).append(" |");
            sep.append("---:|");
        }
        line(md, "%s", head);
        line(md, "%s", sep);
        for (Measured m : all) {
            StringBuilder row = new StringBuilder("| " + m.scenario.number() + " |");
            m.throughput.forEach(t -> row.append(String.format(Locale.ROOT, " %.0f |", t.requestsPerSecond())));
            line(md, "%s", row);
        }
        line(md, "");
        line(md, "Latency runs: %s.", latencyNotes(all, o.rate()));
        line(md, "");

        streams.appendTo(md);

        line(md, "## Targets");
        line(md, "");
        line(md, "Issue 15's targets:");
        line(md, "");
        line(md, "- Scenario 3 at least 70%% of nginx's requests/s: %s", ratioTarget(plain, nginx, 0.7));
        line(md, "- Scenario 4 at least 50%% of nginx's requests/s: %s", ratioTarget(chain, nginx, 0.5));
        line(md, "- Gateway CPU per 100k requests, scenario 3 at most 8 s: %s; scenario 4 at most 15 s: %s.",
                atMost(plain.proxyCpuPer100k(), 8, "%.1f s"), atMost(chain.proxyCpuPer100k(), 15, "%.1f s"));
        line(md, "- Added p50 at %d requests/s, scenario 3 at most 0.15 ms: %s; scenario 4 at most 0.30 ms: %s.", o.rate(),
                atMost(addedP50(plain, direct), 0.15, "%+.2f ms"), atMost(addedP50(chain, direct), 0.30, "%+.2f ms"));
        line(md, "- Streaming, added time to first token at p50 at most 0.5 ms: %s; added gap between tokens at p99 at most "
                + "0.3 ms: %s.", atMost(streams.streaming().addedTtftP50(), 0.5, "%+.2f ms"),
                atMost(streams.streaming().addedGapP99(), 0.3, "%+.2f ms"));
        line(md, "- Stream bursts, time to first token p50 at most 1.2x nginx's: %s.", streams.bursts().verdict(1.2));
        line(md, "- Peak RSS of the gateway at most 512 MB: %s.", atMost(plain.peakRssKb / 1024.0, 512, "%.0f MB"));
        line(md, "- Scenario 7 (scenario 4 + prometheus + opentelemetry at sampling 1.0) at least 90%% of scenario 4's "
                + "requests/s: %s", ratioTarget(observed, chain, 0.9));
        line(md, "");

        for (Profile.Summary profile : profiles) {
            profile(md, profile, o);
        }

        line(md, "## Machine");
        line(md, "");
        machine(md, stack);
        Files.writeString(out.resolve("report.md"), md.toString());
        chart(out.resolve("chart.png"), all, o);
        return out.resolve("report.md");
    }

    private static void profile(StringBuilder md, Profile.Summary profile, SuiteOptions o) {
        line(md, "## Where the time goes: scenario %d, %s (JFR, %d s under wrk)", profile.scenario().number(),
                profile.scenario().label(), o.profile().toSeconds());
        line(md, "");
        line(md, "%d execution samples of the gateway's Java threads; each is charged to the topmost frame in a "
                + "known area, so the areas add up to 100%%. %d GCs, %.0f ms of pauses in the recording.",
                profile.samples(), profile.gcCount(), profile.gcPauseMs());
        line(md, "");
        line(md, "| area | share of CPU samples |");
        line(md, "|---|---:|");
        profile.byArea().forEach((area, n) -> line(md, "| %s | %.1f%% |", area, 100.0 * n / Math.max(1, profile.samples())));
        line(md, "");
        line(md, "Hottest methods (self time):");
        line(md, "");
        line(md, "| method | share |");
        line(md, "|---|---:|");
        profile.hotMethods().forEach((method, n) -> line(md, "| `%s` | %.1f%% |", method, 100.0 * n / Math.max(1, profile.samples())));
        line(md, "");
    }

    private static void machine(StringBuilder md, Stack stack) {
        line(md, "- CPU: %d cores available (%s); %s of RAM; Linux %s", Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name"), procLine("/proc/meminfo", "MemTotal"), System.getProperty("os.version"));
        line(md, "- Load average at the end: %s", read("/proc/loadavg"));
        line(md, "- JVM: %s %s; gateway flags: `%s` (`./tollgate jvm-flags`)", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                String.join(" ", stack.gatewayJvmFlags()).replaceAll("--upgrade-module-path=\\S+", "--upgrade-module-path=<graal jars>"));
        line(md, "- nginx: %s, `worker_processes auto`, upstream `keepalive 128`, access log off", command(BenchSuite.toolOrName("nginx"), "-v"));
        line(md, "- Load driver: %s, and the suite's own constant-rate driver (Java, HdrHistogram)", Wrk.version());
        line(md, "- Pinning: none. The driver, the proxy and the mock share all cores; loopback only.");
    }

    /**
     * A throughput ratio judged two ways: the ratio of the median rounds, and the median of the
     * rounds' own ratios (each round runs both back to back, so drift between rounds cancels).
     * Met or missed when both agree, inconclusive when they do not.
     */
    private static String ratioTarget(Measured m, Measured nginx, double target) {
        double ofMedians = m.medianRps() / nginx.medianRps();
        int n = Math.min(m.throughput.size(), nginx.throughput.size());
        double[] perRound = new double[n];
        for (int r = 0; r < n; r++) {
            perRound[r] = m.throughput.get(r).requestsPerSecond() / nginx.throughput.get(r).requestsPerSecond();
        }
        double medianOfRounds = Measured.median(perRound);
        String verdict = ofMedians >= target && medianOfRounds >= target ? "met"
                : ofMedians < target && medianOfRounds < target ? "missed" : "inconclusive";
        StringBuilder rounds = new StringBuilder();
        for (double r : perRound) {
            rounds.append(rounds.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r));
        }
        return String.format(Locale.ROOT, "**%s** — %.2f by the ratio of the medians, %.2f by the median of the "
                + "rounds' ratios (%s).", verdict, ofMedians, medianOfRounds, rounds);
    }

    private static String failures(Measured m) {
        long n = m.throughputFailures() + m.latencyErrors + m.latencyNon2xx();
        return n == 0 ? "0" : "**" + n + "**";
    }

    private static String latencyNotes(List<Measured> all, int rate) {
        List<String> notes = new ArrayList<>();
        for (Measured m : all) {
            double achieved = Measured.median(m.achievedRates.stream().mapToDouble(Double::doubleValue).toArray());
            notes.add(String.format(Locale.ROOT, "%d: %d sent, %.0f/s achieved, uncorrected p99 %s ms",
                    m.scenario.number(), m.latencySent, achieved, ms(m.latencyUncorrected, 99)));
        }
        return "target " + rate + " requests/s; " + String.join("; ", notes);
    }

    /** "**met** (x)" when {@code value <= limit}, else "**missed** (x)". */
    static String atMost(double value, double limit, String format) {
        return String.format(Locale.ROOT, "**%s** (" + format + ")", value <= limit ? "met" : "missed", value);
    }

    private static double addedP50(Measured m, Measured direct) {
        return (m.latency.getValueAtPercentile(50) - direct.latency.getValueAtPercentile(50)) / 1000.0;
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static void chart(Path file, List<Measured> all, SuiteOptions o) throws IOException {
        List<String> labels = all.stream().map(m -> m.scenario.number() + ". " + m.scenario.label()).toList();
        double[][] rps = {all.stream().mapToDouble(Measured::medianRps).toArray()};
        double[][] lat = new double[3][all.size()];
        for (int i = 0; i < all.size(); i++) {
            Histogram h = all.get(i).latency;
            lat[0][i] = h.getValueAtPercentile(50) / 1000.0;
            lat[1][i] = h.getValueAtPercentile(90) / 1000.0;
            lat[2][i] = h.getValueAtPercentile(99) / 1000.0;
        }
        Chart.write(file, "Tollgate vs direct and nginx" + (o.smoke() ? " (smoke run)" : ""), List.of(
                new Chart.Panel("Throughput (wrk, " + o.connections() + " connections)", "req/s", labels, List.of("req/s"), rps),
                new Chart.Panel("Latency at " + o.rate() + " req/s", "ms", labels, List.of("p50", "p90", "p99"), lat)));
    }

    private static String procLine(String file, String key) {
        return read(file).lines().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
