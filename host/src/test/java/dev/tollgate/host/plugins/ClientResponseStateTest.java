package dev.tollgate.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a plugin may put into the client's response: no more, and nothing worse, than an upstream may. */
class ClientResponseStateTest {
    @Test
    void tenThousandHeadersAreRefusedAtTheBudget() {
        ClientResponseState state = new ClientResponseState();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000; i++) {
                state.addHeader("x-h" + i, "value-" + i);
            }
        }).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response headers: plugins set over 16384 bytes of headers (expected: at most 16384, "
                        + "as an upstream's response head)");
        assertThat(state.changes().size()).isLessThan(1_000);
    }

    @Test
    void headersAreCheckedAsTheServerWould() {
        ClientResponseState state = new ClientResponseState();
        assertThatThrownBy(() -> state.setHeader("x-note", "a\r\nset-cookie: stolen=1"))
                .hasMessageStartingWith("response header: 'x-note' (expected: a token name and a value without CR, LF");
        assertThatThrownBy(() -> state.setHeader("bad name", "v")).hasMessageStartingWith("response header: 'bad name'");
        assertThatThrownBy(() -> state.exit(403, "no", Map.of("x-a", "b\nc"))).hasMessageStartingWith("response header: 'x-a'");
        assertThat(state.changes()).isEmpty();
    }

    @Test
    void aBodyOverWhatTheGatewayHoldsOfAnUpstreamAnswerIsRefused() {
        ClientResponseState state = new ClientResponseState();
        byte[] huge = new byte[ClientResponseState.MAX_BODY_BYTES + 1];
        assertThatThrownBy(() -> state.setBody(huge)).hasMessage("response body: 67108865 bytes (expected: at most 67108864, "
                + "as much as the gateway holds of an upstream's response)");
        assertThatThrownBy(() -> state.exit(200, huge, Map.of())).hasMessageStartingWith("exit body: 67108865 bytes");
        assertThat(state.exited()).isFalse();
    }

    @Test
    void exitBodiesAreEncodedWhenMade() {
        ClientResponseState state = new ClientResponseState();
        state.exit(429, Map.of("message", "slow down", "retry", List.of(1, 2)), Map.of("retry-after", "1"));
        assertThat(state.exitBytes().contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(new String(state.exitBytes().bytes(), StandardCharsets.UTF_8)).contains("\"message\":\"slow down\"");
        assertThatThrownBy(() -> new ClientResponseState().exit(500, new Object(), Map.of()))
                .hasMessageContaining("exit body: java.lang.Object (expected: String, byte[], Map, List, number or boolean)");
    }

    @Test
    void aFailedPluginsHeaderChangesAreForgotten() {
        ClientResponseState state = new ClientResponseState();
        state.seed(Map.of("x-up", List.of("upstream")));
        state.setHeader("x-a", "1");
        int kept = state.changes().size();
        state.setHeader("x-up", "overwritten");
        state.addHeader("x-b", "2");
        state.dropChangesAfter(kept);
        assertThat(state.changes()).extracting(ClientResponseState.HeaderChange::name).containsExactly("x-a");
        assertThat(state.header("x-up")).contains("upstream");
        assertThat(state.header("x-b")).isEmpty();
        assertThat(state.header("x-a")).contains("1");
    }

    @Test
    void framingHeadersAndInterimStatusesAreTheGatewaysToSet() {
        ClientResponseState state = new ClientResponseState();
        for (String name : List.of("Content-Length", "transfer-encoding", "Connection", "Upgrade", "Keep-Alive", "TE", "Trailer")) {
            assertThatThrownBy(() -> state.setHeader(name, "0")).hasMessageContaining("frames the response");
        }
        assertThatThrownBy(() -> state.exit(200, "hello", Map.of("Content-Length", "0"))).hasMessageContaining("frames the response");
        assertThatThrownBy(() -> state.exit(101, "up", Map.of("Upgrade", "websocket")))
                .hasMessage("exit status: 101 (expected: 200..599: an exit is a final answer)");
        assertThatThrownBy(() -> state.setStatus(100)).hasMessageContaining("expected: 200..599");
        assertThat(state.exited()).isFalse();
        assertThat(state.changes()).isEmpty();
    }
}
