package dev.tollgate.plugins.aiproxy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.commons.llm.call.CallFailure;
import dev.tollgate.sdk.config.PluginConfig;

/** How targets are chosen and failures handled; {@code balancer} in the configuration. */
record BalancerConfig(Algorithm algorithm, Optional<String> hashOnHeader, int retries, Set<CallFailure> failover,
                      Duration connectTimeout, Duration readTimeout, Duration backoff, int breakerFailures,
                      Duration coolDown) {

    enum Algorithm { ROUND_ROBIN, LOWEST_LATENCY, LOWEST_USAGE, CONSISTENT_HASHING, PRIORITY }

    static BalancerConfig from(PluginConfig b) {
        Algorithm algorithm = Algorithm.valueOf(b.string("algorithm").orElse("round-robin")
                .toUpperCase(Locale.ROOT).replace('-', '_'));
        Set<CallFailure> failover = EnumSet.noneOf(CallFailure.class);
        b.strings("failover_criteria").forEach(c -> failover.add(CallFailure.valueOf(c.toUpperCase(Locale.ROOT))));
        PluginConfig breaker = b.record("circuit_breaker");
        return new BalancerConfig(algorithm, b.string("hash_on_header").filter(h -> !h.isBlank()),
                b.integer("retries").orElse(2L).intValue(), Set.copyOf(failover),
                Duration.ofMillis(b.integer("connect_timeout").orElse(60_000L)),
                Duration.ofMillis(b.integer("read_timeout").orElse(60_000L)),
                Duration.ofMillis(b.integer("backoff").orElse(100L)),
                breaker.integer("failures").orElse(5L).intValue(),
                Duration.ofSeconds(breaker.integer("cool_down").orElse(30L)));
    }
}
