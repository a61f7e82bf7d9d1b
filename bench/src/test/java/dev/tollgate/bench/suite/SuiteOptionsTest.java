package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What `./tollgate bench` makes of its options. */
class SuiteOptionsTest {

    @Test
    void smokeIsShortAndOptionsOverrideTheDefaults() {
        SuiteOptions smoke = SuiteOptions.parse(new String[] {"--smoke"});
        assertThat(smoke.smoke()).isTrue();
        assertThat(smoke.rounds()).isEqualTo(1);
        SuiteOptions full = SuiteOptions.parse(new String[] {"--rounds", "5", "--duration=20"});
        assertThat(full.smoke()).isFalse();
        assertThat(full.rounds()).isEqualTo(5);
        assertThat(full.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(full.rate()).isEqualTo(1000);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"--rouns", "5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option --rouns");
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"--rounds", "three"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--rounds three (expected: a whole number > 0)");
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"--rate", "0"}))
                .hasMessage("--rate 0 (expected: a whole number > 0)");
        assertThatThrownBy(() -> SuiteOptions.parse(new String[] {"stray"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stray");
    }
}
