package dev.tollgate.plugins.correlationid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakeHostServices;
import dev.tollgate.sdk.testkit.FakePluginContext;

class CorrelationIdPluginTest {
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    static Plugin plugin(Map<String, ?> config) {
        var factory = new CorrelationIdPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    static FakePluginContext run(Plugin plugin, FakePluginContext.Builder request) {
        FakePluginContext ctx = request.upstreamResponse(200, Map.of()).build();
        plugin.access(ctx.in(Phase.ACCESS));
        plugin.headerFilter(ctx.in(Phase.HEADER_FILTER));
        return ctx;
    }

    static String upstreamId(FakePluginContext ctx) {
        return ctx.upstreamHeaders().get("tollgate-request-id").getFirst();
    }

    @Test
    void makesAnIdForTheUpstreamAndSharesItWithLaterPlugins() {
        FakePluginContext ctx = run(plugin(Map.of()), FakePluginContext.builder());

        assertThat(upstreamId(ctx)).matches(UUID + "#1");
        assertThat(ctx.get(CorrelationIdPluginFactory.CORRELATION_ID)).contains(upstreamId(ctx));
        assertThat(ctx.responseHeaders()).isEmpty(); // echo_downstream is off by default
    }

    @Test
    void uuidCounterKeepsTheInstanceUuidAndCounts() {
        Plugin plugin = plugin(Map.of("generator", "uuid#counter"));
        String first = upstreamId(run(plugin, FakePluginContext.builder()));
        String second = upstreamId(run(plugin, FakePluginContext.builder()));

        assertThat(first).endsWith("#1");
        assertThat(second).isEqualTo(first.replace("#1", "#2"));
        assertThat(upstreamId(run(plugin(Map.of()), FakePluginContext.builder()))).isNotEqualTo(first);
    }

    @Test
    void uuidIsRandomPerRequest() {
        Plugin plugin = plugin(Map.of("generator", "uuid"));
        String first = upstreamId(run(plugin, FakePluginContext.builder()));

        assertThat(first).matches(UUID);
        assertThat(upstreamId(run(plugin, FakePluginContext.builder()))).matches(UUID).isNotEqualTo(first);
    }

    @Test
    void trackerNamesTheProcessTheRequestAndTheTime() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
        Plugin plugin = plugin(Map.of("generator", "tracker"));
        var request = FakePluginContext.builder().services(new FakeHostServices(clock));

        assertThat(upstreamId(run(plugin, request)))
                .isEqualTo(ProcessHandle.current().pid() + "-1-1700000000.123");
    }

    @Test
    void keepsTheClientsIdAndDoesNotSetItAgain() {
        FakePluginContext ctx = run(plugin(Map.of("echo_downstream", true)),
                FakePluginContext.builder().header("Tollgate-Request-ID", "client-42"));

        assertThat(ctx.upstreamHeaders()).containsEntry("tollgate-request-id", List.of("client-42"));
        assertThat(ctx.responseHeaders()).containsEntry("tollgate-request-id", List.of("client-42"));
        assertThat(ctx.get(CorrelationIdPluginFactory.CORRELATION_ID)).contains("client-42");
    }

    @Test
    void anEmptyClientIdIsReplaced() {
        FakePluginContext ctx = run(plugin(Map.of("generator", "uuid")),
                FakePluginContext.builder().header("Tollgate-Request-ID", ""));

        assertThat(upstreamId(ctx)).matches(UUID);
    }

    @Test
    void echoesTheIdItMadeUnderTheConfiguredHeader() {
        FakePluginContext ctx = run(plugin(Map.of("header_name", "X-Correlation-Id", "echo_downstream", true)),
                FakePluginContext.builder());

        String id = ctx.upstreamHeaders().get("x-correlation-id").getFirst();
        assertThat(ctx.responseHeaders()).containsEntry("x-correlation-id", List.of(id));
    }

    @Test
    void echoesAnIdWhenAccessDidNotRun() {
        Plugin plugin = plugin(Map.of("echo_downstream", true));
        FakePluginContext answered = FakePluginContext.builder().build();
        plugin.headerFilter(answered.in(Phase.HEADER_FILTER));
        assertThat(answered.responseHeaders().get("tollgate-request-id")).singleElement().asString().matches(UUID + "#1");

        FakePluginContext withClientId = FakePluginContext.builder().header("Tollgate-Request-ID", "c-7").build();
        plugin.headerFilter(withClientId.in(Phase.HEADER_FILTER));
        assertThat(withClientId.responseHeaders()).containsEntry("tollgate-request-id", List.of("c-7"));
    }

    @Test
    void printsItsConfiguration() {
        assertThat(plugin(Map.of()).toString())
                .isEqualTo("correlation-id{header_name=Tollgate-Request-ID, generator=uuid#counter, echo_downstream=false}");
    }
}
