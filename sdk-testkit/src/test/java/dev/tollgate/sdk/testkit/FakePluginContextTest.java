package dev.tollgate.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.WrongPhaseException;
import org.junit.jupiter.api.Test;

/** The test kit enforces the same phase rules as the gateway. */
class FakePluginContextTest {
    @Test
    void callsInTheWrongPhaseFailNamingTheAllowedPhases() {
        var ctx = FakePluginContext.builder().build();
        assertThatThrownBy(() -> ctx.in(Phase.LOG).upstreamRequest())
                .isInstanceOf(WrongPhaseException.class)
                .hasMessage("upstreamRequest() is not allowed in phase log (allowed in: access, rewrite)");
        assertThatThrownBy(() -> ctx.in(Phase.HEADER_FILTER).response().exit(401, "no"))
                .hasMessageContaining("allowed in: access, rewrite");
        assertThatThrownBy(() -> ctx.in(Phase.ACCESS).upstreamResponse())
                .hasMessageContaining("allowed in: body_filter, header_filter, log, response");
    }

    @Test
    void recordsWhatAPluginDid() {
        var ctx = FakePluginContext.builder().header("Apikey", "k").build();
        ctx.in(Phase.ACCESS).upstreamRequest().setHeader("X-A", "1");
        ctx.response().exit(429, Map.of("message", "slow down"), Map.of("Retry-After", "3"));
        assertThat(ctx.upstreamHeaders().get("x-a")).containsExactly("1");
        assertThat(ctx.exitStatus()).isEqualTo(429);
        assertThat(ctx.responseHeaders().get("retry-after")).containsExactly("3");
        assertThat(ctx.request().header("apikey")).contains("k");
    }
}
