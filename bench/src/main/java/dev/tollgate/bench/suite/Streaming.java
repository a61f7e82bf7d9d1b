package dev.tollgate.bench.suite;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Scenario 6: a streamed answer of {@code streamTokens} tokens, the mock pausing
 * {@code tokenDelayMs} between them, read directly (1) and through Tollgate with no plugins (3):
 * time to first token and the gaps between tokens, alternating the two paths round by round.
 */
final class Streaming {
    private static final int CONCURRENCY = 2;

    final Side direct = new Side("1. direct (client → mock)");
    final Side gateway = new Side("3. Tollgate, no plugins");
    private final SuiteOptions opts;

    private Streaming(SuiteOptions opts) {
        this.opts = opts;
    }

    /** One path's streams, summed over the rounds. */
    static final class Side {
        final String label;
        final Histogram ttft = new Histogram(60_000_000L, 3);
        final Histogram interToken = new Histogram(60_000_000L, 3);
        final Histogram total = new Histogram(60_000_000L, 3);
        long streams;
        long errors;
        int minTokens = Integer.MAX_VALUE;
        int maxTokens;

        Side(String label) {
            this.label = label;
        }

        void add(SseProbe.Result r) {
            ttft.add(r.ttft());
            interToken.add(r.interToken());
            total.add(r.total());
            streams += r.streams();
            errors += r.errors();
            minTokens = Math.min(minTokens, r.minTokens());
            maxTokens = Math.max(maxTokens, r.maxTokens());
        }
    }

    static Streaming measure(Stack stack, SuiteOptions opts) {
        Streaming s = new Streaming(opts);
        byte[] body = Scenarios.chatBody(true, opts.streamTokens());
        Map<String, String> json = Map.of("Content-Type", "application/json");
        var direct = RateDriver.Request.post(URI.create("http://127.0.0.1:" + stack.mockPort + "/v1/chat/completions"), json, body);
        var gateway = RateDriver.Request.post(URI.create("http://127.0.0.1:" + stack.proxyPort + "/plain"), json, body);
        SseProbe probe = new SseProbe(Duration.ofSeconds(30));
        BenchSuite.log("streaming: %d streams of %d tokens (%d ms apart) per path and round, %d at a time",
                opts.streams(), opts.streamTokens(), opts.tokenDelayMs(), CONCURRENCY);
        probe.run(direct, opts.streams(), CONCURRENCY); // a first stream through each path is not timed
        probe.run(gateway, opts.streams(), CONCURRENCY);
        for (int r = 0; r < opts.rounds(); r++) {
            SseProbe.Result d = probe.run(direct, opts.streams(), CONCURRENCY);
            s.direct.add(d);
            BenchSuite.log("  direct:   %s", d.summary());
            SseProbe.Result g = probe.run(gateway, opts.streams(), CONCURRENCY);
            s.gateway.add(g);
            BenchSuite.log("  Tollgate: %s", g.summary());
        }
        return s;
    }

    void appendTo(StringBuilder md) {
        Report.line(md, "## Scenario 6: streaming, %d tokens %d ms apart", opts.streamTokens(), opts.tokenDelayMs());
        Report.line(md, "");
        Report.line(md, "%d round(s) of %d streamed answers per path, %d at a time, alternating the paths. Time to "
                + "first token: from sending the request to the first `data:` event with content; between tokens: "
                + "the gap before each later one.", opts.rounds(), opts.streams(), CONCURRENCY);
        Report.line(md, "");
        Report.line(md, "| path | streams | errors | tokens/stream | first token p50 ms | p99 ms | between tokens p50 ms | p99 ms | p99.9 ms | whole answer p50 ms |");
        Report.line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Side side : new Side[] {direct, gateway}) {
            Report.line(md, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |", side.label, side.streams,
                    side.errors == 0 ? "0" : "**" + side.errors + "**",
                    side.minTokens == side.maxTokens ? String.valueOf(side.maxTokens) : side.minTokens + "–" + side.maxTokens,
                    Report.ms(side.ttft, 50), Report.ms(side.ttft, 99), Report.ms(side.interToken, 50),
                    Report.ms(side.interToken, 99), Report.ms(side.interToken, 99.9), Report.ms(side.total, 50));
        }
        Report.line(md, "");
        Report.line(md, "Added by the gateway: first token %+.2f ms at p50; between tokens %+.3f ms at p50, %+.2f ms at p99.",
                delta(gateway.ttft, direct.ttft, 50), delta(gateway.interToken, direct.interToken, 50),
                delta(gateway.interToken, direct.interToken, 99));
        Report.line(md, "");
    }

    double addedTtftP50() {
        return delta(gateway.ttft, direct.ttft, 50);
    }

    double addedGapP99() {
        return delta(gateway.interToken, direct.interToken, 99);
    }

    private static double delta(Histogram a, Histogram b, double p) {
        return (a.getValueAtPercentile(p) - b.getValueAtPercentile(p)) / 1000.0;
    }
}
