package dev.tollgate.plugins.aiproxy;

import dev.tollgate.sdk.metrics.Counter;
import dev.tollgate.sdk.metrics.Gauge;
import dev.tollgate.sdk.metrics.Metrics;

/**
 * One target's circuit in the node's metrics: {@code ai_llm_circuit_breakers_open} counts the
 * circuits open now (half-open included) per provider, model and upstream, across every ai-proxy
 * instance; {@code ai_llm_circuit_breaker_opens_total} counts how often they opened.
 */
record BreakerMetrics(Gauge open, Counter opens) {
    static final BreakerMetrics NONE = new BreakerMetrics(Metrics.NONE.gauge("", "").labels(), Metrics.NONE.counter("", "").labels());

    static BreakerMetrics of(Metrics metrics, String provider, String model, String upstream) {
        return new BreakerMetrics(
                metrics.gauge("ai_llm_circuit_breakers_open",
                        "ai-proxy target circuits open now (half-open included), per provider, model and upstream",
                        "ai_provider", "ai_model", "upstream").labels(provider, model, upstream),
                metrics.counter("ai_llm_circuit_breaker_opens_total",
                        "How often an ai-proxy target's circuit opened, per provider, model and upstream",
                        "ai_provider", "ai_model", "upstream").labels(provider, model, upstream));
    }

    void opened() {
        open.inc(1);
        opens.inc();
    }

    void closed() {
        open.inc(-1);
    }
}
