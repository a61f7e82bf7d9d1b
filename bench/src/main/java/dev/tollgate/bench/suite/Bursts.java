package dev.tollgate.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

/**
 * Stream bursts: {@code --burst} streamed answers (18 tokens, 20 ms apart) started at once, as
 * when a batch job or a busy hour fans out, each on its own connection: directly, through nginx
 * ({@code proxy_buffering off}), and through Tollgate on the plain and the AI route. Time to first
 * token and whole-stream time at p50 and p99, over every round's burst.
 */
final class Bursts {
    static final int TOKENS = 18;
    static final int TOKEN_DELAY_MS = 20;

    /** One path's bursts, summed over the rounds. */
    record Path(String label, RateDriver.Request request, Histogram ttft, Histogram total, long[] counts) {
        Path(String label, RateDriver.Request request) {
            this(label, request, new Histogram(60_000_000L, 3), new Histogram(60_000_000L, 3), new long[2]);
        }

        void add(SseProbe.Result r) {
            ttft.add(r.ttft());
            total.add(r.total());
            counts[0] += r.streams();
            counts[1] += r.errors();
        }
    }

    final List<Path> paths = new ArrayList<>();
    private final int burst;
    private final int rounds;

    private Bursts(int burst, int rounds) {
        this.burst = burst;
        this.rounds = rounds;
    }

    /** The chat body of a paced stream: {@code tokens} tokens {@code delayMs} apart. */
    static byte[] pacedBody(int tokens, int delayMs) {
        try {
            ObjectNode body = (ObjectNode) Scenarios.JSON.readTree(Scenarios.chatBody(true, tokens));
            body.put("mock_token_delay_ms", delayMs);
            return Scenarios.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Bursts measure(Stack s, SuiteOptions opts) {
        Bursts b = new Bursts(opts.burst(), opts.rounds());
        byte[] body = pacedBody(TOKENS, TOKEN_DELAY_MS);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Map<String, String> keyed = Map.of("Content-Type", "application/json", "apikey", Stack.API_KEY);
        b.paths.add(new Path("direct (client → mock)", RateDriver.Request.post(URI.create(
                "http://127.0.0.1:" + s.mockPort + Scenarios.CHAT), json, body)));
        b.paths.add(new Path("nginx (proxy_buffering off)", RateDriver.Request.post(URI.create(
                "http://127.0.0.1:" + s.nginxPort + NginxConf.STREAM_PREFIX + Scenarios.CHAT), json, body)));
        b.paths.add(new Path("Tollgate, no plugins", RateDriver.Request.post(URI.create(
                "http://127.0.0.1:" + s.proxyPort + "/plain"), json, body)));
        b.paths.add(new Path("Tollgate, AI chain", RateDriver.Request.post(URI.create(
                "http://127.0.0.1:" + s.proxyPort + "/ai" + Scenarios.CHAT), keyed, body)));
        SseProbe probe = new SseProbe(Duration.ofSeconds(60));
        BenchSuite.log("stream bursts: %d streams at once (%d tokens %d ms apart) per path and round", b.burst, TOKENS, TOKEN_DELAY_MS);
        for (int r = 0; r < b.rounds; r++) {
            for (int i = 0; i < b.paths.size(); i++) {
                Path p = b.paths.get((i + r) % b.paths.size());
                SseProbe.Result result = probe.run(p.request(), b.burst, b.burst);
                p.add(result);
                BenchSuite.log("  %s: %s", p.label(), result.summary());
            }
        }
        return b;
    }

    /** Met when both Tollgate paths' first-token p50 is at most {@code factor} times nginx's. */
    String verdict(double factor) {
        long nginx = paths.get(1).ttft().getValueAtPercentile(50);
        StringBuilder figures = new StringBuilder();
        boolean met = nginx > 0;
        for (Path p : paths.subList(2, paths.size())) {
            double ratio = (double) p.ttft().getValueAtPercentile(50) / Math.max(1, nginx);
            met &= ratio <= factor;
            figures.append(figures.isEmpty() ? "" : ", ").append(p.label()).append(String.format(java.util.Locale.ROOT, " %.2fx", ratio));
        }
        return "**" + (met ? "met" : "missed") + "** (" + figures + ")";
    }

    void appendTo(StringBuilder md) {
        Report.line(md, "## Stream bursts: %d streams started at once, %d tokens %d ms apart", burst, TOKENS, TOKEN_DELAY_MS);
        Report.line(md, "");
        Report.line(md, "%d burst(s) per path, each stream on its own connection; the paths' order rotates by round. "
                + "Time to first token: from sending a stream's request to its first `data:` event with content.", rounds);
        Report.line(md, "");
        Report.line(md, "| path | streams | errors | first token p50 ms | p99 ms | whole stream p50 ms | p99 ms | first token p50 vs nginx |");
        Report.line(md, "|---|---:|---:|---:|---:|---:|---:|---:|");
        Histogram nginx = paths.get(1).ttft();
        for (Path p : paths) {
            Report.line(md, "| %s | %d | %s | %s | %s | %s | %s | %s |", p.label(), p.counts()[0],
                    p.counts()[1] == 0 ? "0" : "**" + p.counts()[1] + "**", Report.ms(p.ttft(), 50), Report.ms(p.ttft(), 99),
                    Report.ms(p.total(), 50), Report.ms(p.total(), 99),
                    nginx.getTotalCount() == 0 || p.ttft().getTotalCount() == 0 ? "–"
                            : String.format(java.util.Locale.ROOT, "%.2fx",
                                    (double) p.ttft().getValueAtPercentile(50) / nginx.getValueAtPercentile(50)));
        }
        Report.line(md, "");
    }
}
