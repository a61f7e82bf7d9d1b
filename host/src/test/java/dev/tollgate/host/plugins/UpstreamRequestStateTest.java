package dev.tollgate.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a plugin may put into the upstream request line. */
class UpstreamRequestStateTest {
    private final UpstreamRequestState state = new UpstreamRequestState("GET", Map.of(), "/a", "x=1");

    @Test
    void aPathOrQueryThatWouldSplitTheRequestLineIsRefused() {
        assertThatThrownBy(() -> state.setPath("/a HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET /b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("path: ").hasMessageContaining("expected: no spaces or control characters");
        assertThatThrownBy(() -> state.setRawQuery("q=1\nX-Injected: 1")).hasMessageStartingWith("query: ");
        assertThatThrownBy(() -> state.setRawQuery("q=a b")).hasMessageStartingWith("query: ");
        assertThat(state.path()).isEqualTo("/a");
        assertThat(state.rawQuery()).isEqualTo("x=1");
    }

    @Test
    void encodedPathsAndQueriesPassAsTheyAre() {
        state.setPath("/v1/chat%20completions/%E2%9C%93");
        state.setRawQuery("q=a%20b&tag=%7B1%7D");
        assertThat(state.path()).isEqualTo("/v1/chat%20completions/%E2%9C%93");
        assertThat(state.rawQuery()).isEqualTo("q=a%20b&tag=%7B1%7D");
        state.setRawQuery(null);
        assertThat(state.rawQuery()).isEmpty();
    }
}
