package dev.tollgate.plugins.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RequestTotals;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.WrongPhaseException;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.metrics.Metrics;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;
import dev.tollgate.sdk.testkit.RecordingMetrics;

class PrometheusPluginTest {
    private static final RouteInfo ROUTE = RouteInfo.builder("r-1", "s-1").routeName("chat").serviceName("llm").build();
    private final RecordingMetrics metrics = new RecordingMetrics();

    private static PrometheusPlugin plugin(Map<String, Object> config) {
        return new PrometheusPlugin(PrometheusConfig.from(PrometheusConfig.SCHEMA.validate(config)));
    }

    private static Map<String, Object> all() {
        Map<String, Object> c = new HashMap<>();
        for (String f : new String[] {"per_consumer", "status_code_metrics", "latency_metrics", "bandwidth_metrics", "ai_metrics"}) {
            c.put(f, true);
        }
        return c;
    }

    private FakePluginContext.Builder request() {
        return FakePluginContext.builder().route(ROUTE).upstreamResponse(200, Map.of())
                .services(new FakeHostServices(Clock.systemUTC(), metrics));
    }

    @Test
    void factoryIsKongsPrometheus() {
        PrometheusPluginFactory factory = new PrometheusPluginFactory();
        assertThat(factory.name()).isEqualTo("prometheus");
        assertThat(factory.priority()).isEqualTo(13);
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.LOG));
        assertThat(PrometheusConfig.SCHEMA.fields()).extracting(Field::name).containsExactly("per_consumer",
                "status_code_metrics", "latency_metrics", "bandwidth_metrics", "upstream_health_metrics", "ai_metrics",
                "consumer_label_limit");
        assertThat(PrometheusConfig.SCHEMA.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void everyFamilyIsOffByDefaultAsInKong() {
        FakePluginContext ctx = request().build();
        plugin(Map.of()).log(ctx.in(Phase.LOG));
        assertThat(metrics.total("http_requests_total")).isZero();
        assertThat(metrics.total("bandwidth_bytes")).isZero();
        assertThat(metrics.count("request_latency_ms", "llm", "chat", "default")).isZero();
    }

    @Test
    void badConfigurationNamesTheField() {
        assertThatThrownBy(() -> PrometheusConfig.SCHEMA.validate(Map.of("per_consumer", "yes please")))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsKey("per_consumer"));
        assertThatThrownBy(() -> PrometheusConfig.SCHEMA.validate(Map.of("consumer_label_limit", 0)))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsKey("consumer_label_limit"));
        assertThatThrownBy(() -> PrometheusConfig.SCHEMA.validate(Map.of("status_codes", true)))
                .isInstanceOfSatisfying(SchemaViolationException.class,
                        e -> assertThat(e.errors()).containsKey("status_codes"));
    }

    @Test
    void recordsKongsFamiliesWithKongsLabels() {
        ConsumerInfo alice = ConsumerInfo.builder("c-1").username("alice").build();
        FakePluginContext ctx = request().totals(RequestTotals.builder().requestBytes(300).responseBytes(1200)
                        .latencyMillis(120).upstreamLatencyMillis(100).fromUpstream(true).build()).build();
        ctx.in(Phase.ACCESS).identity().authenticate(alice, CredentialInfo.builder("k-1", "key-auth", "c-1", "k").build());
        plugin(all()).log(ctx.in(Phase.LOG));

        assertThat(metrics.value("http_requests_total", "llm", "chat", "200", "service", "default", "alice")).isEqualTo(1);
        assertThat(metrics.value("bandwidth_bytes", "llm", "chat", "ingress", "default", "alice")).isEqualTo(300);
        assertThat(metrics.value("bandwidth_bytes", "llm", "chat", "egress", "default", "alice")).isEqualTo(1200);
        assertThat(metrics.value("request_latency_ms", "llm", "chat", "default")).isEqualTo(120);
        assertThat(metrics.value("upstream_latency_ms", "llm", "chat", "default")).isEqualTo(100);
        assertThat(metrics.value("kong_latency_ms", "llm", "chat", "default")).isEqualTo(20);
    }

    @Test
    void aGatewayAnswerIsSourceKongAndHasNoUpstreamLatency() {
        FakePluginContext ctx = request().totals(RequestTotals.builder().latencyMillis(3).build()).build();
        plugin(all()).log(ctx.in(Phase.LOG));
        assertThat(metrics.value("http_requests_total", "llm", "chat", "200", "kong", "default", "")).isEqualTo(1);
        assertThat(metrics.count("upstream_latency_ms", "llm", "chat", "default")).isZero();
        assertThat(metrics.value("kong_latency_ms", "llm", "chat", "default")).isEqualTo(3);
    }

    @Test
    void tokensAreSplitByTypeAndCostFollows() {
        LlmUsage usage = LlmUsage.builder().provider("openai").model("o3").routeType("llm/v1/chat")
                .promptTokens(100).cachedPromptTokens(40).completionTokens(50).reasoningTokens(30).cost(0.0021)
                .latencyMillis(900).timeToFirstTokenMillis(300).timePerOutputTokenMillis(12.5).cacheStatus("Miss").build();
        plugin(all()).log(request().usage(usage).build().in(Phase.LOG));
        String[] model = {"openai", "o3", "Miss", "", "", ""};
        assertThat(metrics.value("ai_llm_requests_total", with(model, "default"))).isEqualTo(1);
        assertThat(metrics.value("ai_llm_cost_total", with(model, "default"))).isEqualTo(0.0021);
        assertThat(metrics.value("ai_llm_tokens_total", with(model, "prompt_tokens", "default"))).isEqualTo(100);
        assertThat(metrics.value("ai_llm_tokens_total", with(model, "completion_tokens", "default"))).isEqualTo(50);
        assertThat(metrics.value("ai_llm_tokens_total", with(model, "total_tokens", "default"))).isEqualTo(150);
        assertThat(metrics.value("ai_llm_tokens_total", with(model, "cached_prompt_tokens", "default"))).isEqualTo(40);
        assertThat(metrics.value("ai_llm_tokens_total", with(model, "reasoning_tokens", "default"))).isEqualTo(30);
        assertThat(metrics.value("ai_llm_provider_latency_ms", with(model, "default"))).isEqualTo(900);
        assertThat(metrics.value("ai_llm_time_to_first_token_ms", "openai", "o3", "default")).isEqualTo(300);
        assertThat(metrics.value("ai_llm_time_per_output_token_ms", "openai", "o3", "default")).isEqualTo(12.5);
    }

    @Test
    void consumersPastTheLimitAreCountedAsOverflow() {
        Map<String, Object> config = all();
        config.put("consumer_label_limit", 3);
        PrometheusPlugin plugin = plugin(config);
        for (int i = 0; i < 50; i++) {
            FakePluginContext ctx = request().build();
            ctx.in(Phase.ACCESS).identity().authenticate(ConsumerInfo.builder("c-" + i).username("user-" + i).build(),
                    CredentialInfo.builder("k-" + i, "key-auth", "c-" + i, "k").build());
            plugin.log(ctx.in(Phase.LOG));
        }
        assertThat(metrics.value("http_requests_total", "llm", "chat", "200", "service", "default", "user-0")).isEqualTo(1);
        assertThat(metrics.value("http_requests_total", "llm", "chat", "200", "service", "default", "user-3")).isZero();
        assertThat(metrics.value("http_requests_total", "llm", "chat", "200", "service", "default", Metrics.OVERFLOW))
                .isEqualTo(47);
        assertThat(metrics.total("http_requests_total")).isEqualTo(50);
    }

    @Test
    void logPhaseOnly() {
        FakePluginContext ctx = request().build();
        assertThatThrownBy(() -> ctx.in(Phase.ACCESS).totals()).isInstanceOf(WrongPhaseException.class);
    }

    private static String[] with(String[] head, String... tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
