package dev.tollgate.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Versions as plugin authors write them, ordered as they mean them. */
class VersionsTest {
    @Test
    void numbersCompareAsNumbersAndReleasesFollowTheirPreReleases() {
        List<String> v = new ArrayList<>(List.of("1.10.0", "2.0.0", "1.9.2", "2.0.0-SNAPSHOT", "1.9", "0.1.0", "2.0.0-rc1"));
        v.sort(Versions.ORDER);
        assertThat(v).containsExactly("0.1.0", "1.9", "1.9.2", "1.10.0", "2.0.0-SNAPSHOT", "2.0.0-rc1", "2.0.0");
    }

    @Test
    void missingPartsAreZero() {
        assertThat(Versions.compare("1.2", "1.2.0")).isZero();
        assertThat(Versions.compare("0.1.0", "0.1.0")).isZero();
        assertThat(Versions.compare("99.1.0", "0.1.0")).isPositive();
    }
}
