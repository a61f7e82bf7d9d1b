package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The suite measures only once every scenario stopped climbing, however slowly it climbed. */
class WarmUpRuleTest {
    private static List<double[]> passes(double... rps) {
        List<double[]> list = new ArrayList<>();
        for (double r : rps) {
            list.add(new double[] {r});
        }
        return list;
    }

    @Test
    void aRateThatClimbsTenPercentAPassIsNotSettled() {
        // Each pass within 15% of the one before: the old rule called this settled.
        assertThat(BenchSuite.settled(passes(2000, 2200, 2420, 2660, 2930))).isFalse();
    }

    @Test
    void aPlateauWithNoiseIsSettled() {
        assertThat(BenchSuite.settled(passes(2000, 4000, 6000, 6100, 5600, 6200))).isTrue();
        assertThat(BenchSuite.settled(passes(6000, 5000))).as("too few passes to tell").isFalse();
    }
}
