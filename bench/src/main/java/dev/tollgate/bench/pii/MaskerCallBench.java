package dev.tollgate.bench.pii;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import dev.tollgate.bench.BatchTimer;
import dev.tollgate.bench.BenchOptions;
import dev.tollgate.scripts.JsPluginSource;
import dev.tollgate.scripts.testkit.ScriptTestKit;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.SimpleChatRequest;

/**
 * µs per {@code access()} call of the JavaScript PII masker (script-plugins/examples/pii-masker.js,
 * loaded as the gateway loads it) and of the same logic in Java ({@link JavaPiiMaskerPluginFactory}),
 * on the {@link Prompts} (~2 KB chat requests). Each call gets a fresh chat request and context,
 * built outside the timed region; only the plugin call is timed, into an HdrHistogram.
 *
 * <pre>
 * ./tollgate bench pii                      (this, then bench/pii-gateway.sh)
 * options: --warmup 300000 --calls 200000 --max-seconds 5 --rounds 2 --js script-plugins/examples/pii-masker.js
 * </pre>
 */
public final class MaskerCallBench {
    private MaskerCallBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args);
        BenchOptions.Timing timing = BenchOptions.Timing.from(opts, 300_000, 5);
        Path js = Path.of(opts.getOrDefault("js", "script-plugins/examples/pii-masker.js"));
        if (!Files.isRegularFile(js)) {
            System.err.println("MaskerCallBench: no " + js.toAbsolutePath() + " (run from the repository root or pass --js)");
            System.exit(2);
        }

        String engine = new JsPluginSource().description();
        PluginFactory jsFactory = ScriptTestKit.load(js);
        PluginFactory javaFactory = new JavaPiiMaskerPluginFactory();
        Plugin jsPlugin = jsFactory.create(jsFactory.configSchema().validate(Map.of()));
        Plugin javaPlugin = javaFactory.create(javaFactory.configSchema().validate(Map.of()));

        String[] users = new String[Prompts.COUNT];
        long bytes = 0;
        for (int i = 0; i < users.length; i++) {
            users[i] = Prompts.user(i);
            bytes += Prompts.json(i).length();
        }
        prime(jsPlugin, users[0]);
        checkSameOutput(jsPlugin, javaPlugin, users);

        System.out.printf(Locale.ROOT, "MaskerCallBench: %d prompts, %d bytes on average as JSON; %s; java %s%n",
                users.length, bytes / users.length, engine, Runtime.version());
        System.out.println(timing + "\n");

        run(jsPlugin, users, timing.warmup(), Long.MAX_VALUE, null);
        run(javaPlugin, users, timing.warmup(), Long.MAX_VALUE, null);
        long maxNanos = timing.maxNanos();
        Histogram jsHist = newHistogram();
        Histogram javaHist = newHistogram();
        for (int r = 0; r < timing.rounds(); r++) {
            run(jsPlugin, users, timing.calls(), maxNanos, jsHist);
            run(javaPlugin, users, timing.calls(), maxNanos, javaHist);
        }

        System.out.println("| plugin | calls | p50 µs | p90 µs | p99 µs | p99.9 µs | mean µs |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        row("pii-masker (JS, " + engineMode(engine) + ")", jsHist);
        row("pii-masker-java", javaHist);
        double ratio = (double) jsHist.getValueAtPercentile(50) / javaHist.getValueAtPercentile(50);
        System.out.printf(Locale.ROOT, "%nJS/Java p50 ratio: %.2f; JS engine: %s%n", ratio, engine);
        double jsP50 = jsHist.getValueAtPercentile(50) / 1000.0;
        System.out.printf(Locale.ROOT, "target JS p50 <= 25 µs: %s (%.1f µs)%n", jsP50 <= 25 ? "met" : "NOT met", jsP50);

        if (jsFactory instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** Up to {@code calls} timed calls, stopping after {@code maxNanos}, cycling through the prompts. */
    private static void run(Plugin plugin, String[] users, int calls, long maxNanos, Histogram into) {
        int[] next = {0};
        BatchTimer.run(calls, maxNanos, into, () -> context(users[next[0]++ % users.length]), plugin::access);
    }

    private static FakePluginContext context(String user) {
        SimpleChatRequest chat = new SimpleChatRequest("gpt-4o-mini").system(Prompts.SYSTEM).user(user);
        return FakePluginContext.builder().chat(chat).build().in(Phase.ACCESS);
    }

    /**
     * The first JS calls compile the script's regular expressions; on a loaded machine one can run
     * into the script time limit (500 ms). Retried a few times, and said, so the run goes on.
     */
    private static void prime(Plugin plugin, String user) {
        for (int attempt = 1; ; attempt++) {
            try {
                plugin.access(context(user));
                return;
            } catch (RuntimeException e) {
                System.err.println("MaskerCallBench: cold JS call " + attempt + " failed: " + e.getMessage());
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Both plugins must leave every prompt the same, or the comparison means nothing. */
    private static void checkSameOutput(Plugin js, Plugin java, String[] users) {
        int masked = 0;
        for (String user : users) {
            List<String> a = contents(js, user);
            List<String> b = contents(java, user);
            if (!a.equals(b)) {
                System.err.println("MaskerCallBench: the JS and Java maskers differ on a prompt:\nJS:   " + a + "\nJava: " + b);
                System.exit(1);
            }
            if (!a.get(1).equals(user)) {
                masked++;
            }
        }
        if (masked != users.length) {
            System.err.println("MaskerCallBench: only " + masked + " of " + users.length + " prompts were masked");
            System.exit(1);
        }
    }

    private static List<String> contents(Plugin plugin, String user) {
        FakePluginContext ctx = context(user);
        plugin.access(ctx);
        List<String> out = new ArrayList<>();
        for (ChatMessage m : ctx.llm().request().orElseThrow().messages()) {
            out.add(m.content());
        }
        return out;
    }

    private static Histogram newHistogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    }

    private static void row(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", name, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMean() / 1000.0);
    }

    private static String engineMode(String description) {
        return description.endsWith("interpreted") ? "interpreted" : "compiled";
    }
}
