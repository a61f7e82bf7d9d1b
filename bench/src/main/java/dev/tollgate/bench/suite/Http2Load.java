package dev.tollgate.bench.suite;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 3 over HTTP/2: the same 2 KB chat POST through nginx ({@code listen … http2},
 * cleartext) and through Tollgate with no plugins (h2c by prior knowledge), with h2load at
 * {@code --connections}, one stream at a time per connection, round by round as the HTTP/1.1
 * scenarios; upstreams stay HTTP/1.1 in both.
 */
final class Http2Load {
    /** One path's rounds. */
    record Path2(String label, Target target, List<H2load.Result> rounds) {
        double medianRps() {
            return Measured.median(rounds.stream().mapToDouble(H2load.Result::requestsPerSecond).toArray());
        }

        long failures() {
            return rounds.stream().mapToLong(H2load.Result::failures).sum();
        }
    }

    final List<Path2> paths = new ArrayList<>();
    private final int connections;

    private Http2Load(int connections) {
        this.connections = connections;
    }

    static Http2Load measure(Stack s, SuiteOptions opts, Path work) throws Exception {
        Http2Load h = new Http2Load(opts.connections());
        byte[] body = Scenarios.chatBody(false, Scenarios.ANSWER_TOKENS);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        h.paths.add(new Path2("nginx, HTTP/2", Target.post("nginx-h2", URI.create("http://127.0.0.1:" + s.nginxH2Port
                + Scenarios.CHAT), json, body), new ArrayList<>()));
        h.paths.add(new Path2("Tollgate, no plugins, HTTP/2", Target.post("plain-h2", URI.create("http://127.0.0.1:" + s.proxyPort
                + "/plain"), json, body), new ArrayList<>()));
        H2load load = new H2load(opts.connections(), Files.createDirectories(work.resolve("h2load")));
        for (Path2 p : h.paths) {
            load.run(p.target(), opts.warmup()); // each path's warm-up, not counted
        }
        for (int r = 0; r < opts.rounds(); r++) {
            for (int i = 0; i < h.paths.size(); i++) {
                Path2 p = h.paths.get((i + r) % h.paths.size());
                H2load.Result result = load.run(p.target(), opts.duration());
                p.rounds().add(result);
                BenchSuite.log("%-44s %.0f req/s over HTTP/2", p.label(), result.requestsPerSecond());
            }
        }
        return h;
    }

    void appendTo(StringBuilder md, Measured plainHttp11, Measured nginxHttp11) {
        Report.line(md, "## Scenario 3 over HTTP/2");
        Report.line(md, "");
        Report.line(md, "h2load, %d connections, one stream at a time on each, cleartext HTTP/2 by prior knowledge; "
                + "the median of %d rounds. Upstreams are spoken to over HTTP/1.1 in both.", connections,
                paths.getFirst().rounds().size());
        Report.line(md, "");
        Report.line(md, "| path | req/s | vs nginx over HTTP/2 | vs the same over HTTP/1.1 | failures |");
        Report.line(md, "|---|---:|---:|---:|---:|");
        double nginx = paths.getFirst().medianRps();
        double[] http11 = {nginxHttp11.medianRps(), plainHttp11.medianRps()};
        for (int i = 0; i < paths.size(); i++) {
            Path2 p = paths.get(i);
            Report.line(md, "| %s | %.0f | %s | %s | %s |", p.label(), p.medianRps(),
                    String.format(Locale.ROOT, "%.2f", p.medianRps() / nginx),
                    String.format(Locale.ROOT, "%.2f", p.medianRps() / http11[i]),
                    p.failures() == 0 ? "0" : "**" + p.failures() + "**");
        }
        Report.line(md, "");
    }
}
