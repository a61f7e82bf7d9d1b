package dev.tollgate.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (closed loop: a fixed number of connections, each sending its next request when
 * the last answer arrived) and reads its summary. Throughput is what it measures; its latency
 * figures suffer from coordinated omission, so the report takes latency from {@link RateDriver}.
 */
final class Wrk {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final int threads;
    private final int connections;
    private final Path scripts;

    /** Writes its Lua request scripts into {@code scripts}. */
    Wrk(int threads, int connections, Path scripts) {
        this.threads = threads;
        this.connections = connections;
        this.scripts = scripts;
    }

    /** What one run did. */
    record Result(double requestsPerSecond, long requests, long non2xx, long socketErrors) {
        boolean clean() {
            return non2xx == 0 && socketErrors == 0;
        }
    }

    /** wrk's version line, for the report. */
    static String version() {
        try {
            Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("wrk").trim();
        } catch (IOException e) {
            return "wrk not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrk";
        }
    }

    /** One run of {@code duration} against {@code target}. */
    Result run(Target target, Duration duration) throws IOException, InterruptedException {
        Path lua = scripts.resolve(target.name() + ".lua");
        if (!Files.exists(lua)) {
            Files.writeString(lua, luaScript(target));
        }
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", "10s", "-s", lua.toString(),
                target.uri().toString()));
        String out = BenchSuite.runTool(cmd, duration.plusSeconds(30), "wrk on " + target.name());
        return parse(out, target.name());
    }

    static Result parse(String out, String name) throws IOException {
        Matcher rps = RPS.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rps.find() || !total.find()) {
            throw new IOException("cannot read wrk's output for " + name + ":\n" + out);
        }
        long non2xx = 0;
        Matcher n = NON_2XX.matcher(out);
        if (n.find()) {
            non2xx = Long.parseLong(n.group(1));
        }
        long errors = 0;
        Matcher s = SOCKET_ERRORS.matcher(out);
        if (s.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(s.group(g));
            }
        }
        return new Result(Double.parseDouble(rps.group(1)), Long.parseLong(total.group(1)), non2xx, errors);
    }

    private static String luaScript(Target target) {
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.method = \"").append(target.method()).append("\"\n");
        for (Map.Entry<String, String> h : target.headers().entrySet()) {
            lua.append("wrk.headers[\"").append(h.getKey()).append("\"] = \"").append(h.getValue()).append("\"\n");
        }
        if (target.body().length > 0) {
            String body = new String(target.body(), StandardCharsets.UTF_8);
            if (body.contains("]==]")) {
                throw new IllegalArgumentException("body cannot be quoted for Lua");
            }
            lua.append("wrk.body = [==[").append(body).append("]==]\n");
        }
        return lua.toString();
    }
}
