package dev.tollgate.plugins.aiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.llm.call.ModelConfig;
import dev.tollgate.commons.llm.call.ProviderAuth;
import dev.tollgate.commons.llm.provider.ModelOptions;
import org.junit.jupiter.api.Test;

class TargetPoolTest {

    private static TargetConfig target(String model, int weight, int priority) {
        return new TargetConfig(new ModelConfig("openai", Optional.of(model), ModelOptions.NONE,
                ModelConfig.RequestDefaults.NONE, ProviderAuth.NONE, model), weight, priority);
    }

    private static BalancerConfig balancer(BalancerConfig.Algorithm algorithm, int breakerFailures) {
        return new BalancerConfig(algorithm, Optional.empty(), 2, java.util.Set.of(), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), java.time.Duration.ZERO, breakerFailures, java.time.Duration.ofSeconds(30));
    }

    private static String first(TargetPool pool, String key) {
        return pool.order(key).getFirst().config.modelName().orElseThrow();
    }

    @Test
    void weightedRoundRobinSharesByWeightAndInterleaves() {
        TargetPool pool = new TargetPool(List.of(target("a", 3, 0), target("b", 1, 0)),
                balancer(BalancerConfig.Algorithm.ROUND_ROBIN, 5), Clock.systemUTC());
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            String m = first(pool, null);
            counts.merge(m, 1, Integer::sum);
            seq.append(m);
        }
        assertThat(counts).containsEntry("a", 300).containsEntry("b", 100);
        assertThat(seq.toString()).doesNotContain("bb"); // smooth: never twice in a row for the lighter one
        assertThat(pool.order(null)).hasSize(2); // the other target is the fallback
    }

    @Test
    void consistentHashingKeepsAKeyOnItsTargetAndSpreadsKeys() {
        TargetPool pool = new TargetPool(List.of(target("a", 100, 0), target("b", 100, 0), target("c", 100, 0)),
                balancer(BalancerConfig.Algorithm.CONSISTENT_HASHING, 5), Clock.systemUTC());
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String key = "user-" + i;
            String m = first(pool, key);
            assertThat(first(pool, key)).isEqualTo(m);
            counts.merge(m, 1, Integer::sum);
        }
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
    }

    @Test
    void priorityServesTheHighestGroupAndFallsBackInOrder() {
        TargetPool pool = new TargetPool(List.of(target("low", 100, 0), target("high1", 100, 5), target("high2", 100, 5)),
                balancer(BalancerConfig.Algorithm.PRIORITY, 5), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            List<TargetPool.Member> order = pool.order(null);
            assertThat(order.get(0).config.priority()).isEqualTo(5);
            assertThat(order.get(1).config.priority()).isEqualTo(5);
            assertThat(order.get(2).config.modelName()).contains("low");
        }
    }

    @Test
    void lowestLatencyPrefersTheFasterTargetOnceMeasured() {
        TargetPool pool = new TargetPool(List.of(target("slow", 100, 0), target("fast", 100, 0)),
                balancer(BalancerConfig.Algorithm.LOWEST_LATENCY, 5), Clock.systemUTC());
        pool.members().get(0).recordLatency(90_000);
        pool.members().get(1).recordLatency(20_000);
        assertThat(first(pool, null)).isEqualTo("fast");
    }

    @Test
    void lowestUsagePrefersTheTargetWithFewerTokensPerWeight() {
        TargetPool pool = new TargetPool(List.of(target("busy", 100, 0), target("idle", 100, 0)),
                balancer(BalancerConfig.Algorithm.LOWEST_USAGE, 5), Clock.systemUTC());
        pool.members().get(0).recordTokens(5_000);
        pool.members().get(1).recordTokens(100);
        assertThat(first(pool, null)).isEqualTo("idle");
    }

    @Test
    void openCircuitsGoToTheBack() {
        TargetPool pool = new TargetPool(List.of(target("a", 100, 5), target("b", 100, 0)),
                balancer(BalancerConfig.Algorithm.PRIORITY, 1), Clock.systemUTC());
        pool.members().get(0).breaker.onFailure();
        assertThat(first(pool, null)).isEqualTo("b");
    }
}
