package dev.tollgate.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the gateway's CPU goes under a scenario's load: a JDK Flight Recorder recording taken with
 * {@code jcmd} (no agent, no restart), read back with {@link RecordingFile}. Each execution sample
 * is charged to the topmost frame that belongs to a known area (a plugin, JSON, the HTTP server or
 * client, ...), so the areas add up to 100 %; the hottest methods are listed as well.
 */
final class Profile {
    /** Areas by package prefix, tried in order on each frame from the top of the stack down. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("jdk.graal.", "Graal compiler threads (compiling JavaScript)");
        AREAS.put("jdk.vm.ci.", "Graal compiler threads (compiling JavaScript)");
        AREAS.put("dev.tollgate.plugins.aisanitizer.", "ai-sanitizer");
        AREAS.put("dev.tollgate.plugins.aipromptdecorator.", "ai-prompt-decorator");
        AREAS.put("dev.tollgate.plugins.ratelimiting.", "rate-limiting");
        AREAS.put("dev.tollgate.plugins.keyauth.", "key-auth");
        AREAS.put("dev.tollgate.commons.auth.", "key-auth");
        AREAS.put("com.knuddels.jtokkit.", "token counting (jtokkit)");
        AREAS.put("dev.tollgate.plugins.aiproxy.", "ai-proxy");
        AREAS.put("dev.tollgate.commons.llm.", "ai-proxy");
        AREAS.put("dev.tollgate.scripts.", "JS plugin (GraalJS)");
        AREAS.put("com.oracle.truffle.", "JS plugin (GraalJS)");
        AREAS.put("org.graalvm.", "JS plugin (GraalJS)");
        AREAS.put("com.fasterxml.jackson.", "JSON (Jackson)");
        AREAS.put("dev.tollgate.host.usage.", "usage records");
        AREAS.put("org.jdbi.", "usage records");
        AREAS.put("org.h2.", "usage records");
        AREAS.put("dev.tollgate.upstream.", "HTTP client (to the upstream)");
        AREAS.put("dev.tollgate.host.plugins.", "plugin runner");
        AREAS.put("dev.tollgate.host.proxy.", "proxy handler");
        AREAS.put("dev.tollgate.host.", "gateway (other)");
        AREAS.put("dev.tollgate.", "gateway (other)");
        AREAS.put("io.helidon.webserver.", "HTTP server (Helidon)");
    }

    private Profile() {
    }

    /** What the recording showed. */
    record Summary(Scenarios.Scenario scenario, long samples, Map<String, Long> byArea, Map<String, Long> hotMethods,
                   long gcCount, double gcPauseMs) {
    }

    /** Starts a recording in the process {@code pid}. */
    static void start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=tollgate-bench", "settings=profile", "filename=" + file);
    }

    /** Stops it and writes the file. */
    static void stop(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=tollgate-bench");
    }

    static Summary summarize(Path file, Scenarios.Scenario scenario) throws IOException {
        Map<String, Long> byArea = new HashMap<>();
        Map<String, Long> hot = new HashMap<>();
        long samples = 0;
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcCount++;
                gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
            }
            if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            byArea.merge(area(frames), 1L, Long::sum);
            RecordedFrame top = frames.getFirst();
            hot.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
        }
        return new Summary(scenario, samples, sortDesc(byArea, 100), sortDesc(hot, 15), gcCount, gcPause.toNanos() / 1e6);
    }

    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            for (Map.Entry<String, String> a : AREAS.entrySet()) {
                if (type.startsWith(a.getKey())) {
                    return a.getValue();
                }
            }
        }
        for (RecordedFrame f : frames) { // Helidon's shared code (buffers, headers) under neither of the above
            if (f.getMethod().getType().getName().startsWith("io.helidon.")) {
                return "HTTP (Helidon, shared code)";
            }
        }
        return "JDK and other libraries (outside any of the above)";
    }

    private static Map<String, Long> sortDesc(Map<String, Long> counts, int limit) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        return sorted;
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(String.valueOf(pid));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
