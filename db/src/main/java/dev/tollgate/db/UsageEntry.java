package dev.tollgate.db;

import java.time.Instant;

/**
 * What the {@link UsageStore} keeps of one AI request. The gateway's usage record implements
 * it; the columns of {@code usage_records} carry these names in snake_case.
 */
public interface UsageEntry {
    Instant at();

    String requestId();

    String consumerId();

    String consumerName();

    String routeId();

    String serviceId();

    String provider();

    String requestedModel();

    String model();

    String routeType();

    long promptTokens();

    long completionTokens();

    long totalTokens();

    long cachedPromptTokens();

    /** The W3C trace id of the request, or null. */
    default String traceId() {
        return null;
    }

    /** The part of the completion tokens spent reasoning. */
    default long reasoningTokens() {
        return 0;
    }

    boolean tokensCounted();

    Double cost();

    String currency();

    long latencyMs();

    long timeToFirstTokenMs();

    double timePerOutputTokenMs();

    int status();

    String cacheStatus();
}
