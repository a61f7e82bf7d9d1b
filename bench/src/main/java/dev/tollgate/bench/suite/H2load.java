package dev.tollgate.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * h2load (Debian's {@code nghttp2-client}), the HTTP/2 counterpart of {@link Wrk}: cleartext
 * HTTP/2 by prior knowledge, one stream at a time per connection (as wrk keeps one request in
 * flight per connection), the same POST body.
 */
final class H2load {
    private static final Pattern RPS = Pattern.compile("finished in [\\d.]+m?s, ([\\d.]+) req/s");
    private static final Pattern DONE = Pattern.compile("requests: \\d+ total, \\d+ started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored");

    private final int connections;
    private final Path work;

    H2load(int connections, Path work) {
        this.connections = connections;
        this.work = work;
    }

    /** What a run did: requests per second, and the requests that did not answer 2xx. */
    record Result(double requestsPerSecond, long done, long failures) {}

    Result run(Target target, Duration duration) throws IOException, InterruptedException {
        Path body = work.resolve(target.name() + ".body");
        if (!Files.exists(body)) {
            Files.write(body, target.body());
        }
        List<String> cmd = new ArrayList<>(List.of(BenchSuite.tool("h2load"), "-c", String.valueOf(connections), "-t", "2",
                "-m", "1", "-D", String.valueOf(Math.max(1, duration.toSeconds())), "-d", body.toString()));
        for (Map.Entry<String, String> h : target.headers().entrySet()) {
            cmd.addAll(List.of("-H", h.getKey().toLowerCase(java.util.Locale.ROOT) + ": " + h.getValue()));
        }
        cmd.add(target.uri().toString());
        String out = BenchSuite.runTool(cmd, duration.plusSeconds(30), "h2load on " + target.name());
        return parse(out, target.name());
    }

    static Result parse(String out, String name) throws IOException {
        Matcher rps = RPS.matcher(out);
        Matcher done = DONE.matcher(out);
        if (!rps.find() || !done.find()) {
            throw new IOException("cannot read h2load's output for " + name + ":\n" + out);
        }
        // "failed": done without success (a non-2xx/3xx status, a reset, a timeout); "errored" is part of it.
        return new Result(Double.parseDouble(rps.group(1)), Long.parseLong(done.group(1)), Long.parseLong(done.group(3)));
    }
}
