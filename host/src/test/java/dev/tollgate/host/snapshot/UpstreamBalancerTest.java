package dev.tollgate.host.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UpstreamBalancerTest {
    private static final TargetAddress A = new TargetAddress("a", 80);
    private static final TargetAddress B = new TargetAddress("b", 80);
    private static final TargetAddress C = new TargetAddress("c", 80);

    private static Map<TargetAddress, Integer> picks(UpstreamBalancer b, int n) {
        Map<TargetAddress, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(b.next(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void followsTheWeightsAndInterleaves() {
        var b = UpstreamBalancer.create("u", List.of(new UpstreamBalancer.Weighted(A, 200),
                new UpstreamBalancer.Weighted(B, 100), new UpstreamBalancer.Weighted(C, 0)));
        assertThat(picks(b, 300)).containsEntry(A, 200).containsEntry(B, 100).doesNotContainKey(C);
        // Smooth: with 2:1 the heavy target never gets three in a row.
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            order.append(b.next().host());
        }
        assertThat(order.toString()).doesNotContain("aaa");
    }

    @Test
    void hugeWeightsKeepASmallWheelAndTheirRatios() {
        var b = UpstreamBalancer.create("u", List.of(new UpstreamBalancer.Weighted(A, 65535),
                new UpstreamBalancer.Weighted(B, 65534), new UpstreamBalancer.Weighted(C, 1)));
        Map<TargetAddress, Integer> counts = picks(b, UpstreamBalancer.MAX_WHEEL * 10);
        assertThat(counts.get(C)).isPositive(); // scaled down, never to zero
        assertThat(Math.abs(counts.get(A) - counts.get(B))).isLessThan(counts.get(A) / 50);
    }

    @Test
    void noPositiveWeightMeansEmpty() {
        assertThat(UpstreamBalancer.create("u", List.of(new UpstreamBalancer.Weighted(A, 0))).isEmpty()).isTrue();
        assertThat(UpstreamBalancer.create("u", List.of()).isEmpty()).isTrue();
    }

    @Test
    void parsesTargets() {
        assertThat(TargetAddress.parse("10.0.0.1")).isEqualTo(new TargetAddress("10.0.0.1", 8000));
        assertThat(TargetAddress.parse("[::1]:9000")).isEqualTo(new TargetAddress("::1", 9000));
        assertThat(TargetAddress.parse("[::1]:9000").authority()).isEqualTo("[::1]:9000");
        assertThatThrownBy(() -> TargetAddress.parse("a:0")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> TargetAddress.parse("::1")).hasMessageContaining("expected");
    }
}
