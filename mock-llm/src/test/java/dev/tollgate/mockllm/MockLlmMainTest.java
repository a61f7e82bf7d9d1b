package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.mockllm.MockLlmMain.Options;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MockLlmMainTest {

    @Test
    void defaults() {
        assertThat(Options.parse(new String[0]))
                .isEqualTo(new Options("127.0.0.1", 8080, Duration.ofMillis(20), false));
    }

    @Test
    void fullMapping() {
        Options options = Options.parse(new String[] {"--port", "9000", "--host=0.0.0.0", "--token-delay-ms", "0"});

        assertThat(options).isEqualTo(new Options("0.0.0.0", 9000, Duration.ZERO, false));
        assertThat(Options.parse(new String[] {"--help"}).help()).isTrue();
    }

    @Test
    void badFlagsNameTheProblem() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--bogus"})).hasMessage("unknown option: --bogus");
        assertThatThrownBy(() -> Options.parse(new String[] {"--port", "-1"}))
                .hasMessage("--port: -1 (expected: an integer 0..65535)");
        assertThatThrownBy(() -> Options.parse(new String[] {"--port"})).hasMessage("--port: missing value");
    }
}
