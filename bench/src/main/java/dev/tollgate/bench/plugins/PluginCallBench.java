package dev.tollgate.bench.plugins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.tollgate.bench.BatchTimer;
import dev.tollgate.bench.BenchOptions;
import dev.tollgate.bench.suite.OtlpSink;
import dev.tollgate.host.metrics.NodeMetrics;
import dev.tollgate.host.metrics.PrometheusMetrics;
import dev.tollgate.mockllm.MockLlm;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.RequestTimeline;
import dev.tollgate.sdk.RequestTotals;
import dev.tollgate.sdk.UpstreamHandler;
import dev.tollgate.sdk.UpstreamReply;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;

/**
 * µs a plugin adds per request: for each {@link PluginCases} entry, the phases it lists run on a
 * fresh {@link FakePluginContext} (the 2 KB {@link ChatPrompt} with its chat view, a canned
 * OpenAI answer and usage for response-side phases), built outside the timed region in
 * batches; only the plugin calls are timed ({@code System.nanoTime}, one thread) into an
 * HdrHistogram. Warm-up first, then rounds that alternate the cases. Prints a markdown row per
 * case.
 *
 * <pre>
 * ./tollgate bench plugins [--warmup 20000] [--calls 200000] [--max-seconds 3] [--rounds 2] [--only ai-prompt-guard,...]
 * </pre>
 */
public final class PluginCallBench {
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"Attach the replica from the add-on's page once the first copy is done; for 40 GB allow about an "
            + "hour. Then give the reporting job the replica's own connection string.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":480,\"completion_tokens\":42,\"total_tokens\":522}}";
    private static final byte[] ANSWER_BYTES = ANSWER.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final LlmUsage USAGE = LlmUsage.builder().provider("openai").requestedModel(ChatPrompt.MODEL)
            .model(ChatPrompt.MODEL).routeType("llm/v1/chat").promptTokens(480).completionTokens(42).cost(0.0001)
            .latencyMillis(900).timeToFirstTokenMillis(300).timePerOutputTokenMillis(12.5).status(200).build();

    private static final dev.tollgate.sdk.RouteInfo ROUTE = dev.tollgate.sdk.RouteInfo.builder("r-1", "s-1")
            .routeName("ai").serviceName("llm").build();
    /** What the gateway measured of a chained AI request: its size, its times, its trace and its plugins' phases. */
    private static final RequestTotals TOTALS = RequestTotals.builder().requestBytes(2300).responseBytes(2100)
            .latencyMillis(12).upstreamLatencyMillis(10).fromUpstream(true)
            .trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true)
            .timeline(RequestTimeline.builder(1_796_600_000_000_000_000L).routingNanos(3_000).endNanos(12_000_000)
                    .phase(RequestTimeline.PhaseTiming.of("key-auth", 1250, Phase.ACCESS, 10_000, 30_000, 20_000, 1, false))
                    .phase(RequestTimeline.PhaseTiming.of("rate-limiting", 910, Phase.ACCESS, 31_000, 40_000, 9_000, 1, false))
                    .phase(RequestTimeline.PhaseTiming.of("ai-sanitizer", 775, Phase.ACCESS, 41_000, 140_000, 99_000, 1, false))
                    .phase(RequestTimeline.PhaseTiming.of("ai-proxy", 770, Phase.ACCESS, 141_000, 160_000, 19_000, 1, false))
                    .phase(RequestTimeline.PhaseTiming.of("opentelemetry", 14, Phase.ACCESS, 161_000, 170_000, 9_000, 1, false))
                    .upstream(RequestTimeline.UpstreamTiming.of(200_000, 9_000_000, 11_900_000, null, 200, true)).build())
            .build();

    /** Stands for ai-proxy's handler: a plugin that wraps it (a cache) gets its wrapper timed too. */
    private static final UpstreamHandler PROVIDER = call -> {
        call.reportUsage(USAGE);
        return UpstreamReply.of(200, "application/json", ANSWER_BYTES);
    };

    private PluginCallBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args);
        BenchOptions.Timing timing = BenchOptions.Timing.from(opts, 3);
        List<String> only = opts.containsKey("only") ? Arrays.asList(opts.get("only").split(",")) : List.of();

        Map<String, PluginFactory> factories = new HashMap<>();
        ServiceLoader.load(PluginFactory.class).forEach(f -> factories.putIfAbsent(f.name(), f));
        List<PluginCase> cases = PluginCases.ALL.stream().filter(c -> only.isEmpty() || only.contains(c.plugin())).toList();
        // Plugins that call an LLM themselves (the AI transformers) call the mock, on loopback.
        MockLlm mock = cases.stream().anyMatch(c -> c.configJson().contains(PluginCases.MOCK))
                ? MockLlm.builder().port(0).tokenDelay(java.time.Duration.ZERO).build().start() : null;
        OtlpSink otlp = cases.stream().anyMatch(c -> c.configJson().contains(PluginCases.OTLP)) ? new OtlpSink() : null;
        List<Runner> runners = new ArrayList<>();
        for (PluginCase c : cases) {
            runners.add(new Runner(c, factories, mock == null ? "" : mock.baseUrl(), otlp == null ? "" : otlp.tracesEndpoint()));
        }
        if (runners.isEmpty()) {
            System.err.println("PluginCallBench: no case for " + only + "; cases: "
                    + PluginCases.ALL.stream().map(PluginCase::plugin).distinct().collect(Collectors.joining(", ")));
            System.exit(2);
        }
        for (Runner r : runners) {
            r.check();
        }
        System.out.printf(Locale.ROOT, "PluginCallBench: %d cases on a %d-byte chat request; java %s; %d cores%n",
                runners.size(), ChatPrompt.json().length(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println(timing + "\n");
        for (Runner r : runners) {
            r.run(timing.warmup(), Long.MAX_VALUE, null);
        }
        long maxNanos = timing.maxNanos();
        for (int round = 0; round < timing.rounds(); round++) {
            for (Runner r : runners) {
                r.run(timing.calls(), maxNanos, r.histogram);
            }
        }
        System.out.println("| plugin | phases | calls | p50 µs | p90 µs | p99 µs | mean µs |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Runner r : runners) {
            Histogram h = r.histogram;
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |%n", r.c.label(),
                    r.c.phases().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")),
                    h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMean() / 1000.0);
        }
        System.out.flush();
        for (Runner r : runners) {
            r.plugin.close(); // the opentelemetry case's sender
        }
        if (otlp != null) {
            otlp.close();
        }
        if (mock != null) {
            mock.stop();
        }
    }

    /** One case: its plugin instance, its request, its histogram. */
    private static final class Runner {
        final PluginCase c;
        final Plugin plugin;
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        // The gateway's own registry, so that the prometheus case records as it does in the gateway.
        private final FakeHostServices services = new FakeHostServices(java.time.Clock.systemUTC(),
                new PrometheusMetrics(new PrometheusRegistry(), "tollgate", NodeMetrics.MAX_LABEL_SETS));
        private final String chatJson = ChatPrompt.json();

        Runner(PluginCase c, Map<String, PluginFactory> factories, String mockUrl, String otlpUrl) throws Exception {
            this.c = c;
            PluginFactory factory = factories.get(c.plugin());
            if (factory == null) {
                throw new IllegalArgumentException(c.plugin() + ": no such plugin on the class path (known: "
                        + String.join(", ", new java.util.TreeSet<>(factories.keySet())) + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = ChatPrompt.JSON.readValue(c.configJson().replace(PluginCases.MOCK, mockUrl)
                    .replace(PluginCases.OTLP, otlpUrl), Map.class);
            this.plugin = factory.create(factory.configSchema().validate(config));
        }

        /** One request first: a case whose plugin refuses it would time the wrong path. */
        void check() {
            FakePluginContext ctx = context();
            call(ctx);
            if (ctx.exitStatus() != c.expectedExit()) {
                System.err.println("PluginCallBench: " + c.label() + " exited with " + ctx.exitStatus() + " "
                        + ctx.exitBody() + " (expected: " + c.expectedExit() + ")");
                System.exit(1);
            }
        }

        /** Up to {@code calls} timed requests, stopping after {@code maxNanos}. */
        void run(int calls, long maxNanos, Histogram into) {
            BatchTimer.run(calls, maxNanos, into, this::context, this::call);
        }

        private void call(FakePluginContext ctx) {
            for (Phase phase : c.phases()) {
                switch (phase) {
                    case REWRITE -> plugin.rewrite(ctx.in(phase));
                    case ACCESS -> {
                        plugin.access(ctx.in(phase));
                        if (ctx.upstreamHandler().filter(h -> h != PROVIDER).isPresent()) {
                            drain(ctx.callUpstreamHandler());
                        }
                    }
                    case RESPONSE -> plugin.response(ctx.in(phase));
                    case HEADER_FILTER -> plugin.headerFilter(ctx.in(phase));
                    case BODY_FILTER -> plugin.bodyFilter(ctx.in(phase), ANSWER_BYTES, true);
                    case LOG -> plugin.log(ctx.in(phase));
                }
            }
        }

        private static void drain(UpstreamReply reply) {
            try (var body = reply.body()) {
                while (body.next().isPresent()) {
                    // read as the gateway would
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private FakePluginContext context() {
            FakePluginContext.Builder b = FakePluginContext.builder().method("POST").path("/v1/chat/completions")
                    .header("Content-Type", "application/json").services(services)
                    .upstreamResponse(200, Map.of("content-type", "application/json")).upstreamBody(ANSWER).usage(USAGE)
                    .route(ROUTE).totals(TOTALS);
            if (c.body().isPresent()) {
                b.body(c.body().get());
            } else {
                b.body(chatJson).chat(ChatPrompt.chat());
            }
            FakePluginContext ctx = b.build();
            ctx.in(Phase.ACCESS).upstreamRequest().setHandler(PROVIDER);
            return ctx;
        }
    }
}
