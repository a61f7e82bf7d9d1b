package dev.tollgate.bench.suite;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streamed token throughput: {@code --token-streams} streams of 1,000 tokens with no pause
 * between them, {@code --connections} at a time, directly, through nginx ({@code proxy_buffering
 * off}) and through Tollgate with no plugins. Reported as output tokens per second, and per
 * second of the proxy's CPU (what a core of it relays; Kong quotes about 1M per worker).
 */
final class TokenRate {
    static final int TOKENS = 1000;

    /** One path's run. */
    record Row(String label, long streams, long errors, double seconds, double proxyCpuSeconds) {
        double tokensPerSecond() {
            return streams * (double) TOKENS / seconds;
        }

        double tokensPerCpuSecond() {
            return proxyCpuSeconds <= 0 ? Double.NaN : streams * (double) TOKENS / proxyCpuSeconds;
        }
    }

    final List<Row> rows = new ArrayList<>();
    private final int streams;
    private final int concurrency;

    private TokenRate(int streams, int concurrency) {
        this.streams = streams;
        this.concurrency = concurrency;
    }

    static TokenRate measure(Stack s, SuiteOptions opts) {
        TokenRate t = new TokenRate(opts.tokenStreams(), opts.connections());
        byte[] body = Bursts.pacedBody(TOKENS, 0);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        SseProbe probe = new SseProbe(Duration.ofSeconds(60));
        BenchSuite.log("token throughput: %d streams of %d unpaced tokens, %d at a time, per path", t.streams, TOKENS, t.concurrency);
        t.run(probe, "direct (client → mock)", URI.create("http://127.0.0.1:" + s.mockPort + Scenarios.CHAT), json, body, null);
        t.run(probe, "nginx (proxy_buffering off)", URI.create("http://127.0.0.1:" + s.nginxPort + NginxConf.STREAM_PREFIX
                + Scenarios.CHAT), json, body, s.nginx.handle());
        t.run(probe, "Tollgate, no plugins", URI.create("http://127.0.0.1:" + s.proxyPort + "/plain"), json, body, s.gateway.handle());
        return t;
    }

    private void run(SseProbe probe, String label, URI uri, Map<String, String> headers, byte[] body, ProcessHandle proxy) {
        RateDriver.Request request = RateDriver.Request.post(uri, headers, body);
        probe.run(request, concurrency, concurrency); // warms the path's connections and code; not counted
        double cpuBefore = proxy == null ? 0 : ProcStats.cpuSeconds(proxy);
        SseProbe.Result r = probe.run(request, streams, concurrency);
        double cpu = proxy == null ? 0 : ProcStats.cpuSeconds(proxy) - cpuBefore;
        Row row = new Row(label, r.streams(), r.errors(), r.elapsed().toNanos() / 1e9, cpu);
        rows.add(row);
        BenchSuite.log("  %s: %.0f tokens/s, %s per proxy CPU second; %s", label, row.tokensPerSecond(),
                Double.isNaN(row.tokensPerCpuSecond()) ? "–" : String.format(java.util.Locale.ROOT, "%.0f", row.tokensPerCpuSecond()),
                r.summary());
    }

    void appendTo(StringBuilder md) {
        Report.line(md, "## Streamed token throughput: %d streams of %d tokens, no pause, %d at a time", streams, TOKENS, concurrency);
        Report.line(md, "");
        Report.line(md, "| path | streams | errors | seconds | output tokens/s | proxy CPU s | tokens per proxy CPU second |");
        Report.line(md, "|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Report.line(md, "| %s | %d | %s | %.2f | %.0f | %s | %s |", r.label(), r.streams(),
                    r.errors() == 0 ? "0" : "**" + r.errors() + "**", r.seconds(), r.tokensPerSecond(),
                    r.proxyCpuSeconds() <= 0 ? "–" : String.format(java.util.Locale.ROOT, "%.2f", r.proxyCpuSeconds()),
                    Double.isNaN(r.tokensPerCpuSecond()) ? "–" : String.format(java.util.Locale.ROOT, "%.0f", r.tokensPerCpuSecond()));
        }
        Report.line(md, "");
    }
}
