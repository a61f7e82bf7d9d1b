package dev.tollgate.plugins.prometheus;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code prometheus} configuration: Kong's fields, each off by default as in Kong,
 * and Tollgate's cap on consumer labels.
 */
record PrometheusConfig(boolean perConsumer, boolean statusCodeMetrics, boolean latencyMetrics, boolean bandwidthMetrics,
                        boolean upstreamHealthMetrics, boolean aiMetrics, int consumerLabelLimit) {

    static final int DEFAULT_CONSUMER_LABEL_LIMIT = 1000;

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.bool("per_consumer").defaultValue(Boolean.FALSE)
                    .description("Fill in the consumer label of http_requests_total and bandwidth_bytes (the consumer's "
                            + "username, else its custom_id). At most consumer_label_limit consumers get their own "
                            + "label; the rest are counted as 'overflow'."))
            .field(Field.bool("status_code_metrics").defaultValue(Boolean.FALSE)
                    .description("Export http_requests_total by service, route, code, source and consumer."))
            .field(Field.bool("latency_metrics").defaultValue(Boolean.FALSE)
                    .description("Export the kong_latency_ms (the gateway's own time, plugins included), "
                            + "upstream_latency_ms and request_latency_ms histograms by service and route."))
            .field(Field.bool("bandwidth_metrics").defaultValue(Boolean.FALSE)
                    .description("Export bandwidth_bytes by service, route, direction (ingress/egress) and consumer."))
            .field(Field.bool("upstream_health_metrics").defaultValue(Boolean.FALSE)
                    .description("Export upstream_target_health for every target of every upstream (node-wide: one "
                            + "instance that sets it turns it on)."))
            .field(Field.bool("ai_metrics").defaultValue(Boolean.FALSE)
                    .description("Export the AI families: ai_llm_requests_total, ai_llm_tokens_total (prompt, completion, "
                            + "total, cached prompt and reasoning tokens), ai_llm_cost_total, ai_llm_provider_latency_ms, "
                            + "ai_llm_time_to_first_token_ms and ai_llm_time_per_output_token_ms."))
            .field(Field.integer("consumer_label_limit").defaultValue((long) DEFAULT_CONSUMER_LABEL_LIMIT).min(1).max(100_000)
                    .description("Tollgate's: how many distinct consumers get a label of their own on this node; later "
                            + "ones are counted under consumer 'overflow', so that many consumers cannot grow the "
                            + "metrics without bound."))
            .build();

    static PrometheusConfig from(PluginConfig c) {
        return new PrometheusConfig(c.bool("per_consumer"), c.bool("status_code_metrics"), c.bool("latency_metrics"),
                c.bool("bandwidth_metrics"), c.bool("upstream_health_metrics"), c.bool("ai_metrics"),
                c.integer("consumer_label_limit").orElse((long) DEFAULT_CONSUMER_LABEL_LIMIT).intValue());
    }
}
