package dev.tollgate.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

class AiLoggerExampleTest {
    private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}]}";

    @Test
    void logsOneJsonLineWithConsumerTokensAndLatencies() throws Exception {
        var f = (JsPluginFactory) Scripts.source(ScriptLimits.DEFAULT_TIME_LIMIT).load(Path.of("examples/ai-logger.js")).getFirst();
        assertThat(f.name()).isEqualTo("ai-logger");
        assertThat(f.phases()).containsExactlyInAnyOrder(Phase.RESPONSE, Phase.LOG);
        var plugin = f.create(f.configSchema().validate(Map.of()));
        var app = ConsumerInfo.builder("c1").username("my-ai-app").build();
        var ctx = FakePluginContext.builder().method("POST").path("/v1/chat/completions").rawQuery("x=1")
                .clientIp("10.0.0.7").body(BODY).startedAt(Instant.now().minusMillis(40))
                .upstreamResponse(200, Map.of("content-type", "application/json"))
                .upstreamBody("{\"model\":\"gpt-4o-2024\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5,\"total_tokens\":12}}")
                .build();
        ctx.in(Phase.ACCESS).identity().authenticate(app, null);

        plugin.response(ctx.in(Phase.RESPONSE));
        plugin.log(ctx.in(Phase.LOG));

        assertThat(ctx.logLines()).hasSize(1);
        String line = ctx.logLines().getFirst();
        assertThat(line).startsWith("INFO {\"timestamp\":")
                .contains("\"client_ip\":\"10.0.0.7\"", "\"consumer\":\"my-ai-app\"",
                        "\"request\":{\"method\":\"POST\",\"uri\":\"/v1/chat/completions?x=1\",\"prompt_length_bytes\":"
                                + BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "}",
                        "\"status\":200", "\"upstream_latency_ms\":5", "\"llm_total_tokens\":12", "\"model\":\"gpt-4o-2024\"")
                .containsPattern("\"request_latency_ms\":\\d{2,}");
        f.close();
    }

    @Test
    void anAnonymousRequestWithoutUsageStillLogs() throws Exception {
        var f = (JsPluginFactory) Scripts.source(ScriptLimits.DEFAULT_TIME_LIMIT).load(Path.of("examples/ai-logger.js")).getFirst();
        var plugin = f.create(f.configSchema().validate(Map.of()));
        var ctx = FakePluginContext.builder().upstreamResponse(502, Map.of()).upstreamBody("<html>bad gateway</html>").build();
        plugin.response(ctx.in(Phase.RESPONSE));
        plugin.log(ctx.in(Phase.LOG));
        assertThat(ctx.logLines().getFirst()).contains("\"consumer\":\"anonymous\"", "\"status\":502", "\"llm_total_tokens\":null");
        f.close();
    }
}
